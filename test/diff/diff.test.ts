/**
 * The diff's matching and classification on hand-made analysed runs: each test states a
 * host state before and after and the rows the comparison must give.
 */
import { classifyChange, diffRuns, parseDiffGates, trippedBy } from '../../src/analysis/diff.js';
import type { Change, DiffReport } from '../../src/model/diff.js';
import { UsageError } from '../../src/model/errors.js';
import { compared, GENERATED_AT, type RunOptions, type Spec } from './build.js';

const MEM = 'docker.container.memory-limit';
const PIDS = 'docker.container.pids-limit';
const LIVE = 'docker.daemon.live-restore';
const ICC = 'docker.daemon.icc';

function diff(before: Spec[], after: Spec[], b: RunOptions = {}, a: RunOptions = {}): DiffReport {
  return diffRuns(compared(before, { sha: 'b'.repeat(64), ...b }), compared(after, { sha: 'c'.repeat(64), ...a }), { generatedAt: GENERATED_AT });
}

/** `control[item] before→after kind` lines: easy to read in a failing expectation. */
function rows(d: DiffReport): string[] {
  return d.changes.map(line);
}

function line(c: Change): string {
  return `${c.control ?? c.ids.before ?? c.ids.after}${c.item === null ? '' : `[${c.item}]`} ${c.before}→${c.after} ${c.change}`;
}

describe('classifyChange', () => {
  it.each([
    ['FINDING', 'SATISFIED', 'fixed'],
    ['SATISFIED', 'FINDING', 'regressed'],
    ['FINDING', 'FINDING', 'still-failing'],
    ['WAIVED', 'WAIVED', 'still-failing'],
    ['FINDING', 'WAIVED', 'still-failing'],
    ['WAIVED', 'SATISFIED', 'fixed'],
    ['SATISFIED', 'WAIVED', 'regressed'],
    ['NOT_ASSESSED', 'FINDING', 'newly-assessed'],
    ['MANUAL_REVIEW', 'SATISFIED', 'newly-assessed'],
    ['FINDING', 'NOT_ASSESSED', 'no-longer-assessed'],
    ['SATISFIED', 'UNVERIFIED', 'no-longer-assessed'],
    ['MANUAL_REVIEW', 'UNVERIFIED', 'unchanged'],
    ['SATISFIED', 'SATISFIED', 'unchanged'],
    [null, 'FINDING', 'only-after'],
    ['FINDING', null, 'only-before'],
  ] as const)('%s → %s is %s', (before, after, kind) => {
    expect(classifyChange(before, after)).toBe(kind);
  });
});

describe('diffRuns: matching', () => {
  it('matches by control key, not printed id, and reports both ids', () => {
    const d = diff([{ id: '5.10', control: MEM, verdict: 'FINDING', items: ['web'] }, { id: '5.28', control: PIDS, verdict: 'SATISFIED' }], [
      { id: '5.11', control: MEM, verdict: 'SATISFIED' },
      { id: '5.29', control: PIDS, verdict: 'FINDING', items: ['web'] },
    ], { benchmark: 'dbs-v1.3.5' });
    expect(rows(d)).toEqual([`${PIDS}[web] SATISFIED→FINDING regressed`, `${MEM}[web] FINDING→SATISFIED fixed`]);
    expect(d.changes.map((c) => c.ids)).toEqual([
      { before: '5.28', after: '5.29' },
      { before: '5.10', after: '5.11' },
    ]);
  });

  it('compares per item: an unlisted container that the run names elsewhere passes there', () => {
    const d = diff(
      [{ id: '5.10', control: MEM, verdict: 'FINDING', items: ['web', 'db'] }, { id: '5.28', control: PIDS, verdict: 'FINDING', items: ['web', 'db', 'cache'] }],
      [{ id: '5.10', control: MEM, verdict: 'FINDING', items: ['db', 'cache'] }, { id: '5.28', control: PIDS, verdict: 'FINDING', items: ['web', 'db', 'cache'] }],
    );
    expect(rows(d).filter((r) => r.startsWith(MEM))).toEqual([
      // cache existed before (named by 5.28) and passed 5.10 then: it regressed.
      `${MEM}[cache] SATISFIED→FINDING regressed`,
      `${MEM}[web] FINDING→SATISFIED fixed`,
      `${MEM}[db] FINDING→FINDING still-failing`,
    ]);
  });

  it('a container the other run never names is absent there (removed or new), not fixed or regressed', () => {
    const d = diff(
      [{ id: '5.10', control: MEM, verdict: 'FINDING', items: ['web', 'old'] }],
      [{ id: '5.10', control: MEM, verdict: 'FINDING', items: ['web', 'new'] }],
    );
    expect(rows(d)).toEqual([`${MEM}[web] FINDING→FINDING still-failing`, `${MEM}[old] FINDING→null only-before`, `${MEM}[new] null→FINDING only-after`]);
    const onlyBefore = d.changes.find((c) => c.change === 'only-before')!;
    expect(onlyBefore.ids).toEqual({ before: '5.10', after: null });
  });

  it('compares the control as a whole when no container is shared (redeployed under new names)', () => {
    const d = diff([{ id: '5.25', control: PIDS, verdict: 'FINDING', items: ['sad_mayer'] }], [{ id: '5.25', control: PIDS, verdict: 'SATISFIED' }, { id: '5.1', control: MEM, verdict: 'FINDING', items: ['happy_ardinghelli'] }]);
    expect(rows(d)).toContain(`${PIDS} FINDING→SATISFIED fixed`);
  });

  it('compares the control as a whole when a run reports it failing without naming items', () => {
    const d = diff([{ id: '5.10', control: MEM, verdict: 'FINDING' }], [{ id: '5.10', control: MEM, verdict: 'FINDING', items: ['web'] }]);
    expect(rows(d)).toEqual([`${MEM} FINDING→FINDING still-failing`]);
  });

  it('items of a control the run could not assess are not assessed, not absent', () => {
    const d = diff([{ id: '4.1', control: MEM, verdict: 'FINDING', items: ['web'] }, { id: '5.28', control: PIDS, verdict: 'FINDING', items: ['web'] }], [
      { id: '4.1', control: MEM, verdict: 'NOT_ASSESSED' },
    ]);
    // 5.28 is missing after altogether (section skipped): one row for the control, not one per container.
    expect(rows(d)).toEqual([`${MEM} FINDING→NOT_ASSESSED no-longer-assessed`, `${PIDS} FINDING→null only-before`]);
  });

  it('images are compared by full reference: postgres:13 is not postgres:14', () => {
    const HC = 'docker.image.healthcheck';
    const d = diff(
      [{ id: '4.6', control: HC, verdict: 'FINDING', items: ['postgres:13', 'nginx:1'] }],
      [{ id: '4.6', control: HC, verdict: 'FINDING', items: ['postgres:14', 'nginx:1'] }],
    );
    expect(rows(d)).toEqual([`${HC}[nginx:1] FINDING→FINDING still-failing`, `${HC}[postgres:13] FINDING→null only-before`, `${HC}[postgres:14] null→FINDING only-after`]);
  });

  it('results without a control match by printed id and title, so a renamed check does not match', () => {
    const d = diff(
      [{ id: '9.1', control: null, verdict: 'FINDING', title: 'Custom check' }, { id: '9.2', control: null, verdict: 'FINDING', title: 'Old wording' }],
      [{ id: '9.1', control: null, verdict: 'SATISFIED', title: 'Custom  check' }, { id: '9.2', control: null, verdict: 'FINDING', title: 'New wording' }],
    );
    expect(rows(d)).toEqual(['9.1 FINDING→SATISFIED fixed', '9.2 FINDING→null only-before', '9.2 null→FINDING only-after']);
    expect(d.changes[0]!.control).toBeNull();
  });

  it('controls one numbering lacks are only-before / only-after, never fixed or new', () => {
    const d = diff([{ id: '2.13', control: LIVE, verdict: 'FINDING' }], [{ id: '2.1', control: 'docker.daemon.rootless', verdict: 'FINDING' }], { benchmark: 'dbs-v1.3.5' });
    expect(d.changes.map((c) => c.change).sort()).toEqual(['only-after', 'only-before']);
    expect(d.summary.changes.fixed + d.summary.changes.regressed).toBe(0);
  });
});

describe('diffRuns: a/b variants', () => {
  const abBefore: Spec[] = [
    { id: '2.13.a', control: LIVE, verdict: 'FINDING', status: 'FAIL' },
    { id: '2.13.b', control: LIVE, verdict: 'FINDING', status: 'FAIL' },
  ];
  const keepsFailing = 'Expected: 2.13.a reads the dockerd command line, live-restore is set in daemon.json; it will stay so on every re-run.';
  const abAfter: Spec[] = [
    { id: '2.13.a', control: LIVE, verdict: 'SATISFIED', status: 'FAIL', caveats: [{ rule: 'ab-pair', message: keepsFailing }] },
    { id: '2.13.b', control: LIVE, verdict: 'SATISFIED', status: 'PASS' },
  ];

  it('same numbering on both sides: one row per variant, the variant that keeps failing is fixed with the caveat as note', () => {
    const d = diff(abBefore, abAfter, { benchmark: 'aqua-cis-1.2', tool: 'aqua-docker-bench' }, { benchmark: 'aqua-cis-1.2', tool: 'aqua-docker-bench' });
    expect(rows(d)).toEqual([`${LIVE} FINDING→SATISFIED fixed`, `${LIVE} FINDING→SATISFIED fixed`]);
    expect(d.changes.map((c) => c.ids.after)).toEqual(['2.13.a', '2.13.b']);
    expect(d.changes[0]!.note).toEqual({ source: 'caveat', rule: 'ab-pair', message: keepsFailing });
    expect(d.changes[1]!.note).toBeUndefined();
  });

  it('different numberings: the pair collapses to its best verdict against the single check', () => {
    const d = diff(abBefore, [{ id: '2.15', control: LIVE, verdict: 'SATISFIED' }], { benchmark: 'aqua-cis-1.2', tool: 'aqua-docker-bench' }, { benchmark: 'aqua-cis-1.6.0', tool: 'aqua-docker-bench' });
    expect(rows(d)).toEqual([`${LIVE} FINDING→SATISFIED fixed`]);
    expect(d.changes[0]!.ids).toEqual({ before: '2.13.a/2.13.b', after: '2.15' });
    const oneVariantPasses = diff([{ id: '2.13.a', control: LIVE, verdict: 'FINDING' }, { id: '2.13.b', control: LIVE, verdict: 'SATISFIED' }], [{ id: '2.15', control: LIVE, verdict: 'SATISFIED' }], { benchmark: 'aqua-cis-1.2' }, { benchmark: 'aqua-cis-1.6.0' });
    expect(rows(oneVariantPasses)).toEqual([`${LIVE} SATISFIED→SATISFIED unchanged`]);
  });

  it('a raw FAIL under an unchanged verdict carries the caveat (the option moved from flag to daemon.json)', () => {
    const d = diff(
      [{ id: '2.13.a', control: LIVE, verdict: 'SATISFIED', status: 'PASS' }],
      [{ id: '2.13.a', control: LIVE, verdict: 'SATISFIED', status: 'FAIL', caveats: [{ rule: 'ab-pair', message: keepsFailing }] }],
      { benchmark: 'aqua-cis-1.2' },
      { benchmark: 'aqua-cis-1.2' },
    );
    expect(d.changes[0]!.change).toBe('unchanged');
    expect(d.changes[0]!.note?.rule).toBe('ab-pair');
  });

  it('an untouched row carries no note even when a caveat decided it', () => {
    const same: Spec[] = [{ id: '4.5', control: ICC, verdict: 'MANUAL_REVIEW', status: 'WARN', caveats: [{ rule: 'content-trust-env', message: 'scanner shell only' }] }];
    expect(diff(same, same).changes[0]!.note).toBeUndefined();
  });
});

describe('diffRuns: waivers', () => {
  const waiver = { target: ICC, item: null, reason: 'legacy links', owner: 'ops', expires: null, line: 2 };

  it('a finding that became WAIVED is still failing, with the waiver as note', () => {
    const d = diff([{ id: '2.1', control: ICC, verdict: 'FINDING' }], [
      { id: '2.1', control: ICC, verdict: 'WAIVED', status: 'WARN', waiver, caveats: [{ rule: 'waiver', message: 'Waived: legacy links (owner: ops).' }] },
    ]);
    expect(rows(d)).toEqual([`${ICC} FINDING→WAIVED still-failing`]);
    expect(d.changes[0]!.note).toEqual({ source: 'waiver', rule: 'waiver', message: 'Waived: legacy links (owner: ops).' });
  });
});

describe('diffRuns: summary and provenance', () => {
  it('counts every kind, takes STRIDE counts and scores from the runs, and names both inputs', () => {
    const d = diff(
      [{ id: '2.1', control: ICC, verdict: 'FINDING', stride: ['InformationDisclosure', 'Spoofing'] }, { id: '2.13', control: LIVE, verdict: 'FINDING', stride: ['DenialOfService'] }],
      [{ id: '2.1', control: ICC, verdict: 'FINDING', stride: ['InformationDisclosure', 'Spoofing'] }, { id: '2.13', control: LIVE, verdict: 'SATISFIED', stride: ['DenialOfService'] }],
      { name: 'before.log', host: 'web01' },
      { name: 'after.log', host: 'web01', index: 3 },
    );
    expect(d.summary.changes).toEqual({ regressed: 0, fixed: 1, 'still-failing': 1, 'newly-assessed': 0, 'no-longer-assessed': 0, 'only-before': 0, 'only-after': 0, unchanged: 0 });
    expect(d.summary.stride.before.DenialOfService).toBe(1);
    expect(d.summary.stride.after.DenialOfService).toBe(0);
    expect(d.summary.stride.after.Spoofing).toBe(1);
    expect(d.summary.score).toEqual({ before: 0, after: 50 });
    expect(d.before.input.name).toBe('before.log');
    expect(d.after).toMatchObject({ run: 3, host: 'web01', tool: 'docker-bench-security' });
    expect(d.warnings).toEqual([]);
  });
});

describe('diffRuns: warnings about the comparison', () => {
  const codes = (d: DiffReport) => d.warnings.map((w) => w.code);
  const containers = (names: string[]): Spec[] => [{ id: '5.10', control: MEM, verdict: 'FINDING', items: names }];

  it('different host names', () => {
    expect(codes(diff([], [], { host: 'web01' }, { host: 'db02' }))).toContain('different-hosts');
    expect(codes(diff([], [], { host: 'web01' }, { host: null }))).not.toContain('different-hosts');
  });

  it('very different container sets (Jaccard < 0.3 with at least 3 on each side)', () => {
    expect(codes(diff(containers(['a', 'b', 'c']), containers(['x', 'y', 'z'])))).toContain('different-containers');
    // 2 of 4 in common: 0.5.
    expect(codes(diff(containers(['a', 'b', 'c']), containers(['a', 'b', 'z'])))).not.toContain('different-containers');
    // Too few containers to judge.
    expect(codes(diff(containers(['a', 'b']), containers(['x', 'y'])))).not.toContain('different-containers');
  });

  it('AFTER older than BEFORE, when both dates parse', () => {
    expect(codes(diff([], [], { startedAt: '2024-05-02T10:00:00Z' }, { startedAt: '2024-05-01T10:00:00Z' }))).toContain('after-older');
    expect(codes(diff([], [], { startedAt: '2024-05-01T10:00:00Z' }, { startedAt: '2024-05-02T10:00:00Z' }))).not.toContain('after-older');
    expect(codes(diff([], [], { startedAt: null }, { startedAt: '2024-05-01T10:00:00Z' }))).not.toContain('after-older');
  });

  it('partial runs, skipped sections, the same run twice', () => {
    const d = diff([], [], { partial: true }, { notAssessed: ['Container runtime (section 5): no containers were running'] });
    expect(codes(d)).toEqual(expect.arrayContaining(['partial-run', 'not-assessed']));
    expect(d.warnings.find((w) => w.code === 'not-assessed')!.message).toMatch(/^AFTER did not assess: Container runtime/);
    const same = diffRuns(compared([]), compared([]), { generatedAt: GENERATED_AT });
    expect(codes(same)).toContain('same-run');
  });
});

describe('gates', () => {
  const base: Spec[] = [
    { id: '2.1', control: ICC, verdict: 'SATISFIED' },
    { id: '2.13', control: LIVE, verdict: 'FINDING' },
  ];

  it('parses comma-separated conditions and refuses unknown ones with a UsageError', () => {
    expect(parseDiffGates('regressed, new-finding,regressed')).toEqual(['regressed', 'new-finding']);
    expect(() => parseDiffGates('regression')).toThrow(UsageError);
    expect(() => parseDiffGates(' , ')).toThrow(UsageError);
  });

  it('regressed trips on SATISFIED → FINDING only', () => {
    const regressed = diff(base, [{ id: '2.1', control: ICC, verdict: 'FINDING' }, { id: '2.13', control: LIVE, verdict: 'FINDING' }]);
    expect(trippedBy(regressed, ['regressed']).map(line)).toEqual([`${ICC} SATISFIED→FINDING regressed`]);
    const stillFailing = diff(base, base);
    expect(trippedBy(stillFailing, ['regressed', 'new-finding'])).toEqual([]);
  });

  it('new-finding also trips on a failing new container and on a newly assessed finding', () => {
    const d = diff(
      [...base, { id: '5.10', control: MEM, verdict: 'FINDING', items: ['web'] }, { id: '4.1', control: PIDS, verdict: 'NOT_ASSESSED' }],
      [...base, { id: '5.10', control: MEM, verdict: 'FINDING', items: ['web', 'new'] }, { id: '4.1', control: PIDS, verdict: 'FINDING' }],
    );
    expect(trippedBy(d, ['regressed'])).toEqual([]);
    expect(trippedBy(d, ['new-finding']).map(line).sort()).toEqual([`${MEM}[new] null→FINDING only-after`, `${PIDS} NOT_ASSESSED→FINDING newly-assessed`]);
  });

  it('waived findings never trip a gate; a lapsed waiver is a known finding, not a new one', () => {
    const waived = diff(base, [{ id: '2.1', control: ICC, verdict: 'WAIVED' }, { id: '2.13', control: LIVE, verdict: 'FINDING' }]);
    expect(waived.changes.find((c) => c.control === ICC)!.change).toBe('regressed');
    expect(trippedBy(waived, ['regressed', 'new-finding'])).toEqual([]);
    const lapsed = diff([{ id: '2.1', control: ICC, verdict: 'WAIVED' }], [{ id: '2.1', control: ICC, verdict: 'FINDING' }]);
    expect(trippedBy(lapsed, ['regressed', 'new-finding'])).toEqual([]);
  });
});
