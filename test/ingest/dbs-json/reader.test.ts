import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingestFile, ingestText } from '../../../src/ingest/index.js';
import { InputError } from '../../../src/model/errors.js';
import type { ParsedInput, Result, Run } from '../../../src/model/types.js';
import { normalizeItems, splitFlatValue } from '../../../src/ingest/docker-bench-security-json.js';
import { FIXTURES, SAMPLES } from '../../helpers/paths.js';

const fixture = (name: string) => join(FIXTURES, 'dbs-json', name);
const read = (name: string, options: Parameters<typeof ingestFile>[1] = {}) => ingestFile(fixture(name), options);

function only(parsed: ParsedInput): Run {
  expect(parsed.runs).toHaveLength(1);
  return parsed.runs[0]!;
}

function byId(run: Run, id: string): Result {
  const found = run.results.filter((r) => r.id === id);
  expect(found).toHaveLength(1);
  return found[0]!;
}

const codes = (parsed: ParsedInput) => parsed.warnings.map((w) => w.code);

async function inputErrorOf(promise: Promise<unknown>): Promise<InputError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InputError);
  return err as InputError;
}

describe('J1 flat layout (untagged 1.3.4 builds)', () => {
  it('keeps every duplicate key: one result per id, later values as details and items', async () => {
    const parsed = await read('j1-flat-duplicate-keys.log.json');
    const run = only(parsed);
    expect(parsed.input.format).toBe('docker-bench-security-json');
    expect(run.results.map((r) => r.id)).toEqual(['1.1', '1.4', '2.13', '4.6', '5.1', '5.10', '6.2']);
    const apparmor = byId(run, '5.1');
    expect(apparmor.status).toBe('WARN');
    expect(apparmor.details).toEqual(['web', 'db']);
    expect(apparmor.items).toEqual(['web', 'db']);
    expect(apparmor.source).toEqual({ line: 10, jsonPath: "$['5.1']" });
    expect(apparmor.section).toBe('5');
    const healthcheck = byId(run, '4.6');
    expect(healthcheck.details).toEqual(['[nginx:latest]', '[app:1.0 app:latest]']);
    expect(healthcheck.items).toEqual(['nginx:latest', 'app:1.0', 'app:latest']);
    const warning = parsed.warnings.find((w) => w.code === 'json-duplicate-key');
    expect(warning?.line).toBe(8);
    expect(warning?.message).toMatch(/4\.6 ×3, 5\.1 ×2/);
  });

  it('upper-cases a lower-case status, reads a value without a status word as INFO, and keeps counts out of items', async () => {
    const run = only(await read('j1-flat-duplicate-keys.log.json'));
    expect(byId(run, '2.13').status).toBe('INFO');
    const users = byId(run, '1.4');
    expect(users.status).toBe('INFO');
    expect(users.details).toEqual(['docker:x:999:alice,bob']);
    expect(users.items).toEqual([]);
    expect(byId(run, '6.2')).toMatchObject({ status: 'INFO', details: ['3'], items: [] });
    expect(byId(run, '1.1')).toMatchObject({ status: 'WARN', title: '', details: [] });
  });

  it('reads the header: version, epoch times as ISO and raw, totals, and the 1.3.4 numbering', async () => {
    const run = only(await read('j1-flat-duplicate-keys.log.json'));
    expect(run).toMatchObject({
      tool: 'docker-bench-security',
      toolVersion: '1.3.4',
      startedAt: '2018-06-26T08:00:00Z',
      startedAtRaw: '1530000000',
      endedAt: '2018-06-26T08:01:00Z',
      endedAtRaw: '1530000060',
      totals: { checks: 8, score: -1 },
      benchmark: 'dbs-v1.3.3',
      partial: false,
      lines: { first: 1, last: 17 },
    });
    expect(run.benchmarkEvidence).toMatch(/1\.3\.4/);
  });

  it('splits flat values into status and detail', () => {
    expect(splitFlatValue('WARN: web')).toEqual({ status: 'WARN', detail: 'web' });
    expect(splitFlatValue('info')).toEqual({ status: 'INFO', detail: null });
    expect(splitFlatValue('INFO: 0')).toEqual({ status: 'INFO', detail: '0' });
    expect(splitFlatValue('docker:x:999:')).toEqual({ status: 'INFO', detail: 'docker:x:999:' });
    expect(splitFlatValue('PASSED')).toEqual({ status: 'INFO', detail: 'PASSED' });
  });
});

describe('J2 compact and J3 pretty layouts', () => {
  it('reads sections, titles, assessments, details, items and source positions (J2)', async () => {
    const run = only(await read('j2-compact.log.json'));
    expect(run.sections).toEqual([
      { id: '1', title: 'Host Configuration' },
      { id: '4', title: 'Container Images and Build File' },
      { id: '5', title: 'Container Runtime' },
      { id: '8', title: 'Docker Enterprise Configuration' },
    ]);
    expect(run.results.map((r) => `${r.section}:${r.id}:${r.status}`)).toEqual(['1:1.1.2:PASS', '1:1.2.1:WARN', '4:4.6:WARN', '5:5.1:WARN']);
    expect(byId(run, '1.1.2')).toMatchObject({ title: 'Ensure Docker is up to date', assessment: null, group: '1.1', details: ['Using 19.03.4'] });
    // The v1.3.5 title of 5.1 ends in a space; it is trimmed.
    expect(byId(run, '5.1').title).toBe('Ensure that, if applicable, an AppArmor Profile is enabled');
    expect(byId(run, '5.1').group).toBeNull();
    expect(byId(run, '4.6').items).toEqual(['nginx:latest', 'app:1.0', 'app:latest']);
    expect(byId(run, '4.6').source).toEqual({ line: 10, jsonPath: '$.tests[1].results[0]' });
    expect(run.benchmark).toBe('dbs-v1.3.5');
    expect(run.totals).toEqual({ checks: 4, score: -1 });
  });

  it('reads remediation keys, drops "(truncated)" with a warning and overlay scopes from items (J3)', async () => {
    const parsed = await read('j3-remediation-truncated.log.json');
    const run = only(parsed);
    expect(byId(run, '1.1.1')).toMatchObject({
      title: 'Ensure a separate partition for containers has been created',
      assessment: 'Automated',
      remediation: 'For new installations, you should create a separate partition for the /var/lib/docker mount point.',
      remediationImpact: 'None.',
    });
    expect(byId(run, '1.2.2')).toMatchObject({ remediation: null, remediationImpact: null, assessment: 'Manual' });
    expect(byId(run, '4.6').items).toEqual(['nginx:latest', 'app:1.0']);
    expect(byId(run, '7.3').items).toEqual(['ingress', 'backend']);
    expect(byId(run, '7.3').details).toEqual(['Unencrypted overlay networks::  ingress (swarm) backend (swarm)']);
    const truncated = parsed.warnings.filter((w) => w.code === 'json-items-truncated');
    expect(truncated).toHaveLength(1);
    expect(truncated[0]!.line).toBe(33);
    expect(run.benchmark).toBe('dbs-v1.6.1');
  });

  it('normalizes item fragments without touching brackets that belong to the value', () => {
    expect(normalizeItems(['[nginx:latest]', '[app:1.0', 'app:latest]', '(truncated)'])).toEqual({
      items: ['nginx:latest', 'app:1.0', 'app:latest'],
      truncated: true,
    });
    expect(normalizeItems(['web:[::]:80', 'net1', '(swarm)'])).toEqual({ items: ['web:[::]:80', 'net1'], truncated: false });
    expect(normalizeItems(['[a:1', 'a:2]', '[a:1', 'a:2]', 'web', 'web'])).toEqual({ items: ['a:1', 'a:2', 'web'], truncated: false });
  });

  it('reads the hand-made sample: a full v1.6.1-numbered run with remediation and three containers', async () => {
    const parsed = await ingestFile(join(SAMPLES, 'docker-bench-security-1.6.0.log.json'));
    const run = only(parsed);
    expect(parsed.warnings).toEqual([]);
    expect(run.results).toHaveLength(117);
    expect(run.totals?.checks).toBe(117);
    expect(run.benchmark).toBe('dbs-v1.6.1');
    expect(run.sections.map((s) => s.id)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(byId(run, '5.12').items).toEqual(['web', 'db', 'cache']);
    expect(run.results.filter((r) => r.status === 'PASS').every((r) => r.remediation === null)).toBe(true);
    expect(run.results.filter((r) => r.remediation !== null).length).toBeGreaterThan(40);
  });
});

describe('repairs of invalid JSON', () => {
  it('keeps a raw line break in details as two detail lines and a raw tab as is, with warnings and lines', async () => {
    const parsed = await read('control-chars.log.json');
    const run = only(parsed);
    expect(byId(run, '1.1.2').details).toEqual(['Users: docker:x:999:alice', 'dockerroot:x:998:bob']);
    expect(byId(run, '1.2.2').details).toEqual(['Using\t24.0.7']);
    expect(parsed.warnings.map((w) => [w.code, w.line])).toEqual([
      ['json-control-char', 13],
      ['json-control-char', 20],
    ]);
    // The repairs leave the document whole: partial only because the fixture is a selection of sections.
    expect(run.partialReasons.every((x) => /selection of checks/.test(x))).toBe(true);
  });

  it('keeps unescaped quotes inside values', async () => {
    const parsed = await read('unescaped-quote.log.json');
    const run = only(parsed);
    expect(byId(run, '5.30').title).toBe('Ensure that the default bridge "docker0" is not used');
    expect(byId(run, '5.30').remediation).toBe('Set "icc": false in daemon.json and attach containers to user-defined networks.');
    expect(byId(run, '5.32').status).toBe('PASS');
    expect(parsed.warnings.map((w) => [w.code, w.line])).toEqual([
      ['json-unescaped-quote', 11],
      ['json-unescaped-quote', 13],
    ]);
  });

  it('repairs the unopened C.1 result of v1.3.5 with -e and reads it as C.1', async () => {
    const parsed = await read('c1-unopened.log.json');
    const run = only(parsed);
    expect(run.results.map((r) => [r.id, r.status, r.idInferred, r.section])).toEqual([
      ['2.13', 'WARN', false, '2'],
      ['C.1', 'PASS', true, '99'],
      ['C.2', 'INFO', false, '99'],
    ]);
    expect(codes(parsed)).toEqual(['json-missing-brace', 'json-missing-comma', 'json-id-inferred']);
    expect(parsed.warnings.every((w) => w.line === 8 || w.line === 9)).toBe(true);
    // Repaired whole; partial only because the fixture is a selection of sections.
    expect(run.partialReasons.every((x) => /selection of checks/.test(x))).toBe(true);
  });

  it('merges the 7.4 result fragments of late-2018 builds into check 7.4', async () => {
    const parsed = await read('fragments-7-4.log.json');
    const run = only(parsed);
    expect(run.results.map((r) => r.id)).toEqual(['7.3', '7.4', '7.5']);
    expect(byId(run, '7.4').details).toEqual(['Unencrypted overlay network: ingress (swarm)', 'Unencrypted overlay network: backend (swarm)']);
    expect(codes(parsed)).toContain('json-fragment-merged');
  });

  it('closes an unclosed results array (-c without the section end), reads the totals and marks the run partial', async () => {
    const parsed = await read('unclosed-array.log.json');
    const run = only(parsed);
    expect(run.results.map((r) => r.id)).toEqual(['2.1']);
    expect(run.totals).toEqual({ checks: 1, score: 0 });
    expect(run.endedAtRaw).toBe('1703066401');
    expect(run.partial).toBe(true);
    expect(run.partialReasons.join(' ')).toMatch(/JSON ends before the run is complete/);
    expect(parsed.warnings.filter((w) => w.code === 'json-misplaced-key').map((w) => w.line)).toEqual([15, 16, 17]);
  });

  it('keeps what was read from a file cut in the middle of a string and marks the run partial', async () => {
    const parsed = await read('truncated-mid-string.log.json');
    const run = only(parsed);
    expect(run.results.map((r) => [r.id, r.status])).toEqual([['1.1.1', 'WARN']]);
    expect(run.partial).toBe(true);
    expect(run.totals).toBeNull();
    expect(parsed.warnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'json-unterminated-string', line: 16 }),
        expect.objectContaining({ code: 'json-result-without-status', line: 14 }),
      ]),
    );
  });

  it('reads a bare result straight inside tests[] (-c check_2_15) as a partial run', async () => {
    const run = only(await read('bare-result.log.json'));
    expect(run.results.map((r) => [r.id, r.status, r.section, r.source.jsonPath])).toEqual([['2.15', 'WARN', '2', '$.tests[0]']]);
    expect(run.sections).toEqual([]);
    expect(run.partial).toBe(true);
    expect(run.partialReasons.join(' ')).toMatch(/-c selection/);
  });

  it('skips a stray line before the JSON and ignores text after it, with warnings', async () => {
    const parsed = await read('stray-and-trailing.log.json');
    const run = only(parsed);
    expect(run.results.map((r) => r.id)).toEqual(['2.15']);
    expect(byId(run, '2.15').source.line).toBe(10);
    expect(parsed.warnings.map((w) => [w.code, w.line])).toEqual([
      ['json-stray-line', 1],
      ['json-trailing-text', 21],
    ]);
  });
});

describe('arrays of runs (2021-03 dev builds)', () => {
  it('reads each element as a run, in order, with remediation in compact results', async () => {
    const parsed = await read('array-of-runs.log.json');
    expect(parsed.input.runCount).toBe(2);
    expect(parsed.runs.map((r) => [r.index, r.startedAtRaw, r.results.length])).toEqual([
      [1, '1615300000', 1],
      [2, '1615400000', 2],
    ]);
    expect(parsed.runs[1]!.results[1]!.source.jsonPath).toBe('$[1].tests[0].results[1]');
    expect(parsed.runs[0]!.results[0]!.remediation).toMatch(/--live-restore/);
    // Titles with (Scored) and no (Automated)/(Manual): the 2021 dev numbering.
    expect(parsed.runs.map((r) => r.benchmark)).toEqual(['dbs-dev-2021', 'dbs-dev-2021']);
  });

  it('lets the driver select a run', async () => {
    const last = await read('array-of-runs.log.json', { selection: { kind: 'index', index: -1 } });
    expect(last.input.runCount).toBe(2);
    expect(last.input.selection).toEqual([2]);
    expect(only(last).startedAtRaw).toBe('1615400000');
    const first = await read('array-of-runs.log.json', { selection: { kind: 'index', index: 1 } });
    expect(only(first).results.map((r) => r.id)).toEqual(['2.13']);
  });
});

describe('refusals', () => {
  it('refuses cut-off garbage with the line', async () => {
    const forced = await inputErrorOf(read('garbage.json', { inputFormat: 'docker-bench-security-json' }));
    expect(forced.line).toBe(1);
    expect(forced.message).toMatch(/ends inside an unfinished value/);
    expect(forced.describe()).toMatch(/garbage\.json:1: /);
    const detected = await inputErrorOf(read('garbage.json'));
    expect(detected.line).toBe(1);
  });

  it('refuses valid JSON that is not docker-bench output, saying what was expected', async () => {
    const err = await inputErrorOf(read('not-docker-bench.json', { inputFormat: 'docker-bench-security-json' }));
    expect(err.message).toMatch(/not docker-bench-security output \(an object with keys foo\)/);
    expect(err.message).toMatch(/expected docker-bench-security JSON/);
    expect(err.line).toBe(1);
  });

  it('refuses input without any JSON when forced', async () => {
    const err = await inputErrorOf(ingestText('\nhello\n', { inputFormat: 'docker-bench-security-json' }));
    expect(err.line).toBe(2);
    expect(err.message).toMatch(/no JSON object or array/);
  });

  it('refuses a run object without results through the driver', async () => {
    const err = await inputErrorOf(ingestText('{"dockerbenchsecurity": "1.6.0", "start": 1, "tests": []}'));
    expect(err.message).toMatch(/holds no check results/);
  });

  it('never throws anything but InputError on mangled copies of a real layout', async () => {
    const text = readFileSync(fixture('j3-remediation-truncated.log.json'), 'utf8');
    // Cut the file at every 7th character and flip characters: each read either succeeds or
    // is refused with an InputError that has a message.
    for (let cut = 1; cut < text.length; cut += 7) {
      const variants = [text.slice(0, cut), text.slice(0, cut) + text.slice(cut + 1), `${text.slice(0, cut)}"${text.slice(cut)}`];
      for (const variant of variants) {
        const outcome = await ingestText(variant, { inputFormat: 'docker-bench-security-json' }).then(
          (p) => p,
          (e: unknown) => e,
        );
        if (!(outcome instanceof InputError)) {
          expect(outcome).toHaveProperty('runs');
        } else {
          expect(outcome.message.length).toBeGreaterThan(0);
        }
      }
    }
  });
});
