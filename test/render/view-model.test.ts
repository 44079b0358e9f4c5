/**
 * The view both templates render: ordering, grouping of fixes, the merged daemon.json and
 * its conflicts, the threat model's grouping, and the edge cases the fixture alone does not
 * reach.
 */
import { UsageError } from '../../src/model/errors.js';
import { compareIds } from '../../src/model/ids.js';
import { buildView, resolveTop } from '../../src/render/view-model.js';
import { CONTROLS, fixtureReport } from './fixture.js';

describe('ordering', () => {
  test('check ids sort numerically part by part, letters after numbers', () => {
    const ids = ['2.10', '1.2.10', 'C.1', '2.9', '1.2.2', '2.13.b', '2.13.a', '2', '10.1', '99'];
    expect([...ids].sort(compareIds)).toEqual(['1.2.2', '1.2.10', '2', '2.9', '2.10', '2.13.a', '2.13.b', '10.1', '99', 'C.1']);
  });

  test('sections follow the printed order; sections only results name come after, then results with none', () => {
    const report = fixtureReport();
    const run = report.runs[0]!;
    run.results[0]!.section = null;
    const view = buildView(report, { top: 3 });
    expect(view.runs[0]!.sections.map((s) => s.section)).toEqual(['1', '2', '3', '4', '5', '99', '']);
    expect(view.runs[0]!.sections.at(-1)!.results.map((r) => r.id)).toEqual([run.results[0]!.id]);
  });
});

describe('--top', () => {
  test('accepts whole numbers from 0 and defaults to 3', () => {
    expect(resolveTop(undefined)).toBe(3);
    expect(resolveTop(0)).toBe(0);
    expect(resolveTop(12)).toBe(12);
  });

  test.each([-1, 2.5, Number.NaN, '3'])('refuses %p with a UsageError', (top) => {
    expect(() => resolveTop(top)).toThrow(UsageError);
  });
});

describe('harden first', () => {
  test('follows the analysis priorities and folds the FINDINGs of one control into one fix', () => {
    const report = fixtureReport();
    const view = buildView(report, { top: 50 });
    const run = report.runs[0]!;
    const byPriority = run.priorities.map((i) => run.results[i]!);
    const firstIds = view.runs[0]!.hardenFirst.map((h) => h.ids[0]);
    const expected = byPriority.filter((r, n) => byPriority.findIndex((x) => (x.control ?? x.id) === (r.control ?? r.id)) === n).map((r) => r.id);
    expect(firstIds).toEqual(expected);
    const pair = view.runs[0]!.hardenFirst.find((h) => h.controlKey === 'docker.daemon.live-restore')!;
    expect(pair.ids).toEqual(['2.13.a', '2.13.b']);
    expect(pair.checks.map((c) => c.id)).toEqual(['2.13.a', '2.13.b']);
    expect(view.runs[0]!.hardenFirstMore).toBe(0);
  });

  test('without priorities from the analysis, findings go by severity then id', () => {
    const report = fixtureReport();
    report.runs[0]!.priorities = [];
    const view = buildView(report, { top: 3 });
    expect(view.runs[0]!.hardenFirst.map((h) => [h.ids[0], h.severity])).toEqual([
      ['5.4', 'critical'],
      ['2.1', 'high'],
      ['2.8', 'high'],
    ]);
  });

  test('re-check lists every variant of the control, the passing one too, with the pair caveats', () => {
    const report = fixtureReport();
    const b = report.runs[0]!.results.find((r) => r.id === '2.2.b')!;
    b.verdict = 'FINDING';
    b.severity = 'critical';
    report.runs[0]!.priorities = [report.runs[0]!.results.indexOf(b), ...report.runs[0]!.priorities];
    const item = buildView(report, { top: 1 }).runs[0]!.hardenFirst[0]!;
    expect(item.ids).toEqual(['2.2.b']);
    expect(item.recheck).toEqual(['2.2.a', '2.2.b']);
    expect(item.caveats.map((c) => c.rule)).toEqual(['ab-pair', 'ab-pair-default']);
    expect(item.fix!.daemonJson!.snippet).toBe('{\n  "log-level": "info"\n}');
  });

  test('a check with no known control falls back to the scanner remediation', () => {
    const report = fixtureReport();
    const view = buildView(report, { top: 50 });
    const unknown = view.runs[0]!.hardenFirst.find((h) => h.ids[0] === '99.1')!;
    expect(unknown.fix).toBeNull();
    expect(unknown.controlKey).toBeNull();
    expect(unknown.remediation).toContain('</script>');
  });
});

describe('merged daemon.json', () => {
  test('sorted keys, nested values sorted too, one entry per key with every id it fixes', () => {
    const report = fixtureReport();
    report.controls['docker.daemon.userns-remap']!.fix!.daemonJson = { key: 'default-ulimits', value: '{"nofile":{"Soft":64000,"Name":"nofile","Hard":64000}}' };
    const d = buildView(report, { top: 3 }).runs[0]!.daemonJson;
    expect(d.snippet).toBe(JSON.stringify({ 'default-ulimits': { nofile: { Hard: 64000, Name: 'nofile', Soft: 64000 } }, icc: false, 'live-restore': true, 'no-new-privileges': true }, null, 2));
    expect(d.entries.find((e) => e.key === 'live-restore')!.ids).toEqual(['2.13.a', '2.13.b']);
    expect(d.conflicts).toEqual([]);
    expect(d.placeholders).toBe(false);
  });

  test('two fixes wanting different values for one key: the first by priority wins and the clash is reported', () => {
    const report = fixtureReport();
    report.controls['docker.daemon.live-restore']!.fix!.daemonJson = { key: 'icc', value: 'true' };
    const d = buildView(report, { top: 3 }).runs[0]!.daemonJson;
    expect(JSON.parse(d.snippet)).toMatchObject({ icc: false });
    expect(d.conflicts).toHaveLength(1);
    expect(d.conflicts[0]).toMatch(/^"icc": 2\.13\.a, 2\.13\.b want true, but 2\.1 \(fixed first\) want false/);
  });

  test('flag warnings only for options dockerd refuses in both places', () => {
    const d = buildView(fixtureReport(), { top: 3 }).runs[0]!.daemonJson;
    expect(d.flagWarnings.map((w) => [w.key, w.flag])).toEqual([
      ['icc', CONTROLS['docker.daemon.icc']!.fix!.dockerdFlag],
      ['live-restore', '--live-restore'],
      ['no-new-privileges', '--no-new-privileges'],
    ]);
  });

  test('a value with a <placeholder> is flagged for the reader', () => {
    const report = fixtureReport();
    report.controls['docker.daemon.icc']!.fix!.daemonJson = { key: 'authorization-plugins', value: '["<plugin>"]' };
    expect(buildView(report, { top: 3 }).runs[0]!.daemonJson.placeholders).toBe(true);
  });

  test('nothing daemon-level to fix gives an empty object', () => {
    const report = fixtureReport();
    for (const r of report.runs[0]!.results) if (r.verdict === 'FINDING') r.verdict = 'SATISFIED';
    const d = buildView(report, { top: 3 }).runs[0]!.daemonJson;
    expect(d).toMatchObject({ empty: true, snippet: '{}', entries: [], flagWarnings: [] });
  });
});

describe('threat model', () => {
  test('threats group a category’s findings by component, most severe first, with their items de-duplicated', () => {
    const view = buildView(fixtureReport(), { top: 3 });
    const eop = view.runs[0]!.threats.find((t) => t.category === 'ElevationOfPrivilege')!;
    expect(eop.threats.map((t) => [t.component, t.severity])).toEqual([
      ['container-runtime', 'critical'],
      ['daemon', 'high'],
      ['daemon-files', 'medium'],
    ]);
    const runtime = eop.threats[0]!;
    expect(runtime.findings.map((f) => f.id)).toEqual(['5.4', '4.1', '5.9']);
    expect(runtime.items.filter((i) => i === 'web')).toHaveLength(1);
    expect(runtime.findings.find((f) => f.id === '4.1')!).toMatchObject({ primary: true, moreItems: 2 });
  });

  test('a category with no finding is present and marked not exposed', () => {
    const report = fixtureReport();
    for (const r of report.runs[0]!.results) if (r.stride.includes('Spoofing')) r.verdict = 'SATISFIED';
    report.runs[0]!.summary.stride.Spoofing = 0;
    const view = buildView(report, { top: 3 });
    expect(view.runs[0]!.threats.find((t) => t.category === 'Spoofing')).toMatchObject({ exposed: false, count: 0, threats: [] });
    expect(view.runs[0]!.threats).toHaveLength(6);
  });
});

describe('waivers and notes', () => {
  test('applied waivers list the checks they waived', () => {
    const view = buildView(fixtureReport(), { top: 3 });
    expect(view.waivers.applied.map((w) => [w.target, w.ids])).toEqual([['docker.host.audit-var-lib-docker', ['1.2.4']]]);
    expect(view.waivers.expired.map((w) => w.target)).toEqual(['2.8']);
    expect(view.waivers.unused.map((w) => w.item)).toEqual(['batch']);
  });

  test('partial-run reasons and NOT_ASSESSED checks are in what was not assessed', () => {
    const report = fixtureReport();
    report.runs[0]!.partial = true;
    report.runs[0]!.partialReasons = ['a grep excerpt, not the whole log'];
    const notes = buildView(report, { top: 3 }).runs[0]!.summary.notAssessed;
    expect(notes[0]).toBe('Partial run: a grep excerpt, not the whole log');
    expect(notes).toContain('1 check the scanner could not see: 5.1');
  });
});

describe('platform', () => {
  test('a kube-bench run is a Kubernetes run, and its daemon.json section says daemon.json does not apply', async () => {
    const report = fixtureReport();
    report.runs[0]!.tool = 'kube-bench';
    expect(buildView(report, { top: 3 }).runs[0]!.platform).toBe('kubernetes');
    const { render } = await import('../../src/render/markdown.js');
    const md = render(report, { top: 3 });
    const section = md.slice(md.indexOf('## Proposed daemon.json'), md.indexOf('## All findings'));
    expect(section).toContain("A Kubernetes run: Docker's daemon.json does not apply.");
    expect(section).not.toContain('```json');
    expect(buildView(fixtureReport(), { top: 3 }).runs[0]!.platform).toBe('docker');
  });
});
