/** docker-bench and kube-bench `--json`, every layout and key spelling they have had. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingestFile, ingestText } from '../../../src/ingest/index.js';
import { InputError } from '../../../src/model/errors.js';
import type { ParsedInput, Result, Run } from '../../../src/model/types.js';
import { FIXTURES } from '../../helpers/paths.js';

const fixture = (name: string) => join(FIXTURES, 'aqua', name);
const read = (name: string) => ingestFile(fixture(name));
const onlyRun = (p: ParsedInput): Run => {
  expect(p.runs).toHaveLength(1);
  return p.runs[0]!;
};
const result = (run: Run, id: string): Result => run.results.find((r) => r.id === id)!;

async function inputError(promise: Promise<unknown>): Promise<InputError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InputError);
  return err as InputError;
}

describe('aqua docker-bench JSON', () => {
  it('reads the Controls object: groups, checks, test_info as remediation, actual_value as audit output', async () => {
    const parsed = await read('docker-controls.json');
    expect(parsed.input.format).toBe('aqua-docker-bench-json');
    const run = onlyRun(parsed);
    expect(run.tool).toBe('aqua-docker-bench');
    expect(run.results.map((r) => `${r.status} ${r.id} ${r.section}/${r.group}`)).toEqual([
      'FAIL 1.2.3 1/1.2',
      'FAIL 2.13.a 2/null',
      'PASS 2.13.b 2/null',
      'FAIL 2.11.a 2/null',
      'INFO 7.1 7/null',
      'INFO 7.5 7/null',
    ]);
    // Header-only groups (`results: null`) are sections without results.
    expect(run.sections).toEqual([
      { id: '1', title: 'Host Configuration' },
      { id: '2', title: 'Docker daemon configuration' },
      { id: '7', title: 'Docker Swarm Configuration' },
    ]);
    expect(result(run, '1.2.3')).toMatchObject({
      title: 'Ensure auditing is configured for the docker daemon',
      assessment: 'Scored',
      remediation: 'You should add rules for the Docker daemon. For example: \nAdd the line below to the \n/etc/audit/audit.rules file: \n-w /usr/bin/dockerd -k docker',
      reason: '/bin/sh: 1: auditctl: not found',
      auditOutput: ['/bin/sh: 1: auditctl: not found'],
      expected: "'/usr/bin/dockerd' Is present",
      scored: true,
      checkType: null,
      source: { line: 1, jsonPath: '$.tests[1].results[0]' },
    });
    expect(result(run, '2.13.a').auditOutput).toHaveLength(2);
    expect(result(run, '2.13.a').reason).toBeNull();
    // Go's \u003c escaping is undone.
    expect(result(run, '2.11.a').remediation).toContain('dockerd --authorization-plugin=<PLUGIN_ID>');
    expect(result(run, '7.5')).toMatchObject({ checkType: 'skip', reason: 'Test marked as skip', scored: false, assessment: 'Not Scored', expected: null, auditOutput: [] });
    expect(run.totals).toEqual({ pass: 1, fail: 3, warn: 0, info: 2 });
    expect(run.benchmark).toBe('aqua-cis-1.2');
    expect(run.benchmarkEvidence).toMatch(/^JSON "id": "18\.09"/);
    expect(run.partialReasons).toEqual(['only 6 of the 123 checks of aqua-cis-1.2 are present (a --check selection?)']);
    expect(parsed.warnings).toEqual([]);
  });

  it('reads the 2017 Go default key names (ID, Description, Groups, Checks, Remediation, State)', async () => {
    const run = onlyRun(await read('docker-go-names.json'));
    expect(run.results.map((r) => [r.id, r.status, r.title, r.assessment, r.checkType])).toEqual([
      ['1.1', 'FAIL', 'Ensure a separate partition for containers has been created', 'Scored', null],
      ['1.2', 'WARN', 'Ensure the container host has been Hardened', 'Not Scored', 'manual'],
      ['1.4', 'PASS', 'Ensure only trusted users are allowed to control Docker daemon', 'Scored', null],
    ]);
    expect(result(run, '1.2').remediation).toBe('You may consider various CIS Security Benchmarks for your container host.');
    expect(result(run, '1.1').source.jsonPath).toBe('$.Groups[0].Checks[0]');
    expect(run.totals).toEqual({ pass: 1, fail: 1, warn: 1 });
    expect(run.benchmark).toBe('aqua-cis-1.0');
  });

  it('skips a stray line before the JSON, with a warning', async () => {
    const parsed = await read('docker-stray-line.json');
    expect(parsed.input.format).toBe('aqua-docker-bench-json');
    const run = onlyRun(parsed);
    expect(run.results).toHaveLength(6);
    expect(result(run, '1.2.3').source).toEqual({ line: 2, jsonPath: '$.tests[1].results[0]' });
    expect(parsed.warnings).toEqual([{ line: 1, code: 'stray-line', message: 'skipped a line that is not JSON: "Using config file: /root/.docker-bench.yaml"' }]);
  });

  it('refuses truncated JSON with the line where it ends and where the open object began', async () => {
    const err = await inputError(read('docker-truncated.json'));
    expect(err.line).toBe(40);
    expect(err.message).toMatch(/^the JSON ends before the object that starts on line \d+ is closed: the file looks truncated$/);
    expect(err.describe()).toMatch(/docker-truncated\.json:40: the JSON ends/);
  });

  it('says where invalid JSON breaks', async () => {
    const text = '{"id":"18.09","text":"CIS Docker Community Edition Benchmark","tests":[\n{"section":"1" "desc":"x"}]}';
    const err = await inputError(ingestText(text, { inputFormat: 'aqua-docker-bench-json' }));
    expect(err.line).toBe(2);
    expect(err.message).toMatch(/expected "," or "}"/);
  });

  it('points kube-bench JSON given to the docker reader at the right format', async () => {
    const text = readFileSync(fixture('kube-controls-totals.json'), 'utf8');
    const err = await inputError(ingestText(text, { inputFormat: 'aqua-docker-bench-json' }));
    expect(err.message).toMatch(/kube-bench JSON.*--input-format kube-bench-json/);
  });
});

describe('kube-bench JSON', () => {
  it('reads {"Controls":[…],"Totals":{…}} as one run with the targets as sections', async () => {
    const parsed = await read('kube-controls-totals.json');
    expect(parsed.input.format).toBe('kube-bench-json');
    const run = onlyRun(parsed);
    expect(run.sections).toEqual([
      { id: '4', title: 'Worker Node Security Configuration', nodeType: 'node' },
      { id: '5', title: 'Kubernetes Policies', nodeType: 'policies' },
    ]);
    expect(run.results.map((r) => `${r.status} ${r.id} ${r.section}/${r.group}`)).toEqual([
      'FAIL 4.1.1 4/4.1',
      'WARN 4.1.9 4/4.1',
      'PASS 4.2.1 4/4.2',
      'WARN 4.2.10 4/4.2',
      'WARN 5.1.1 5/5.1',
    ]);
    expect(run.totals).toEqual({ pass: 1, fail: 1, warn: 3, info: 0 });
    expect(run.benchmark).toBe('kube-cis-1.24');
    expect(run.benchmarkEvidence).toMatch(/^JSON "version": "cis-1\.24".*detected Kubernetes version 1\.24$/);
    const r = result(run, '4.2.10');
    expect(r).toMatchObject({ reason: 'failed to run: "/bin/ps -fC kubelet", output: "", error: exit status 1', scored: true, checkType: null });
    expect(r.source.jsonPath).toBe('$.Controls[0].tests[1].results[1]');
    // The line of a JSON result is the line its object opens on.
    const lines = readFileSync(fixture('kube-controls-totals.json'), 'utf8').split('\n');
    expect(lines[r.source.line! - 1]!.trim()).toBe('{');
    expect(lines[r.source.line!]!.trim()).toBe('"test_number": "4.2.10",');
    expect(result(run, '4.2.1').auditOutput).toEqual(['apiVersion: kubelet.config.k8s.io/v1beta1', 'authentication:', '  anonymous:', '    enabled: false']);
    expect(result(run, '4.1.9')).toMatchObject({ checkType: 'manual', scored: false, reason: 'Test marked as a manual test', assessment: 'Manual' });
    // From the first control's `{` to the last control's `}` (the line before `],` and `"Totals"`).
    const totalsIndex = lines.findIndex((l) => l.includes('"Totals"'));
    expect(lines[totalsIndex - 2]!.trim()).toBe('}');
    expect(run.lines).toEqual({ first: 3, last: totalsIndex - 1 });
  });

  it('reads a bare array of controls (v0.3.1–v0.4, --nototals) as one run, totals summed', async () => {
    const run = onlyRun(await read('kube-bare-array.json'));
    expect(run.sections.map((s) => s.id)).toEqual(['4', '5']);
    expect(run.results).toHaveLength(5);
    expect(result(run, '5.1.1').source.jsonPath).toBe('$[1].tests[0].results[0]');
    expect(run.totals).toEqual({ pass: 1, fail: 1, warn: 3, info: 0 });
    expect(run.benchmark).toBe('kube-cis-1.5');
  });

  it('reads JSON lines (≤ v0.3.0) as one run, skipping the AuditEnv stray line', async () => {
    const parsed = await read('kube-json-lines.json');
    expect(parsed.input.format).toBe('kube-bench-json');
    const run = onlyRun(parsed);
    expect(run.sections.map((s) => [s.id, s.nodeType])).toEqual([
      ['1', 'master'],
      ['2', 'node'],
    ]);
    expect(run.results.map((r) => [r.id, r.source.line])).toEqual([
      ['1.1.1', 2],
      ['1.1.2', 2],
      ['2.1.1', 3],
    ]);
    // actual_value kept its trailing newline up to v0.3.1.
    expect(result(run, '1.1.1').auditOutput).toEqual(['root 1001 1 kube-apiserver --authorization-mode=Node,RBAC']);
    expect(run.totals).toEqual({ pass: 1, fail: 1, warn: 1, info: 0 });
    expect(parsed.warnings.map((w) => [w.line, w.code])).toEqual([[1, 'stray-line']]);
    // "1.11" is what cfg/1.11 and its successor cfg/cis-1.3 put in `version`.
    expect(run.benchmark).toBe('kube-cis-1.3');
  });

  it('reads the 2017 Go default key names (ID, Text, Type, Groups, Checks, State)', async () => {
    const run = onlyRun(await read('kube-go-names.json'));
    expect(run.sections).toEqual([{ id: '2', title: 'Worker Node Security Configuration', nodeType: 'node' }]);
    expect(run.results.map((r) => [r.id, r.status, r.group, r.assessment])).toEqual([
      ['2.1.1', 'FAIL', '2.1', 'Scored'],
      ['2.1.2', 'PASS', '2.1', 'Scored'],
    ]);
    expect(result(run, '2.1.1').remediation).toMatch(/KUBE_ALLOW_PRIV/);
    expect(run.totals).toEqual({ pass: 1, fail: 1, warn: 0 });
    expect(run.benchmark).toBe('kube-1.7');
  });

  it('makes each {Controls,Totals} document its own run', async () => {
    const one = readFileSync(fixture('kube-controls-totals.json'), 'utf8');
    const parsed = await ingestText(`${one}${one}`);
    expect(parsed.runs.map((r) => r.results.length)).toEqual([5, 5]);
  });

  it('refuses truncated JSON with a line', async () => {
    const err = await inputError(read('kube-truncated.json'));
    expect(err.line).toBe(60);
    expect(err.message).toMatch(/the file looks truncated/);
  });

  it('refuses JSON nested beyond reason instead of overflowing the stack', async () => {
    const deep = `{"Controls":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const err = await inputError(ingestText(deep, { inputFormat: 'kube-bench-json' }));
    expect(err.message).toMatch(/nested more than \d+ levels deep/);
  });

  it('warns about unknown status words and reads them as INFO', async () => {
    const text = JSON.stringify([
      { id: '4', text: 'Worker Node Security Configuration', node_type: 'node', tests: [{ section: '4.1', desc: 'x', results: [{ test_number: '4.1.1', test_desc: 'T (Automated)', status: 'ERROR' }] }] },
    ]);
    const parsed = await ingestText(text, { inputFormat: 'kube-bench-json' });
    expect(parsed.runs[0]!.results[0]!.status).toBe('INFO');
    expect(parsed.warnings.map((w) => w.code)).toEqual(['unknown-status']);
  });
});
