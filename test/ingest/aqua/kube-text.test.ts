/** kube-bench text output: targets as sections, per-target blocks, old layouts, excerpts. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingestFile, ingestText } from '../../../src/ingest/index.js';
import type { ParsedInput, Result, Run } from '../../../src/model/types.js';
import { FIXTURES } from '../../helpers/paths.js';

const fixture = (name: string) => join(FIXTURES, 'aqua', name);
const read = (name: string) => ingestFile(fixture(name));
const onlyRun = (p: ParsedInput): Run => {
  expect(p.runs).toHaveLength(1);
  return p.runs[0]!;
};
const result = (run: Run, id: string): Result => run.results.find((r) => r.id === id)!;

describe('kube-bench text', () => {
  it('reads several targets as the sections of one run, node types from the block headers', async () => {
    const parsed = await read('kube-multi-target.txt');
    expect(parsed.input.format).toBe('kube-bench-text');
    const run = onlyRun(parsed);
    expect(run.tool).toBe('kube-bench');
    expect(run.sections).toEqual([
      { id: '1', title: 'Control Plane Security Configuration', nodeType: 'master' },
      { id: '2', title: 'Etcd Node Configuration', nodeType: 'etcd' },
      { id: '4', title: 'Worker Node Security Configuration', nodeType: 'node' },
    ]);
    expect(run.results.map((r) => `${r.status} ${r.id} ${r.section}/${r.group}`)).toEqual([
      'PASS 1.1.1 1/1.1',
      'FAIL 1.1.12 1/1.1',
      'WARN 1.2.1 1/1.2',
      'INFO 1.2.2 1/1.2',
      'FAIL 1.2.16 1/1.2',
      // etcd: the group has the section's id.
      'PASS 2.1 2/2',
      'PASS 2.2 2/2',
      'FAIL 4.1.1 4/4.1',
      'WARN 4.2.10 4/4.2',
    ]);
    // The total block, not the sum of the per-target ones, is the run's totals.
    expect(run.totals).toEqual({ pass: 3, fail: 3, warn: 2, info: 1 });
  });

  it('places per-target remediations, passing over INFO checks (kube-bench lists none for them)', async () => {
    const run = onlyRun(await read('kube-multi-target.txt'));
    expect(result(run, '1.1.12').remediation).toBe(
      "On the etcd server node, get the etcd data directory, passed as an argument --data-dir,\nfrom the command 'ps -ef | grep etcd'.\nRun the below command (based on the etcd data directory found above).\nFor example, chown etcd:etcd /var/lib/etcd",
    );
    expect(result(run, '1.2.2')).toMatchObject({ status: 'INFO', remediation: null, reason: null });
    expect(result(run, '1.2.16').remediation).toMatch(/^Edit the API server pod specification file.*\n.*\n--profiling=false$/);
    expect(result(run, '4.1.1')).toMatchObject({ auditOutput: ['permissions=644'], remediation: expect.stringMatching(/chmod 600/) });
    expect(result(run, '4.2.10')).toMatchObject({
      reason: 'audit test did not run: failed to run: "/bin/ps -fC $kubeletbin", output: "", error: exit status 1',
      remediation: null,
    });
  });

  it('reads the ≤ v0.4 layout: un-suffixed blocks and no blank line after a summary', async () => {
    const run = onlyRun(await read('kube-v0.4-no-blank.txt'));
    expect(run.sections).toEqual([
      { id: '1', title: 'Master Node Security Configuration' },
      { id: '2', title: 'Worker Node Security Configuration' },
    ]);
    expect(run.results.map((r) => `${r.id} ${r.section}/${r.group}`)).toEqual(['1.1.1 1/1.1', '1.1.2 1/1.1', '1.1.3 1/1.1', '2.1.1 2/2.1', '2.1.2 2/2.1']);
    // No total block: the per-target summaries add up.
    expect(run.totals).toEqual({ pass: 2, fail: 2, warn: 1, info: 0 });
    expect(result(run, '1.1.3')).toMatchObject({ assessment: 'Not Scored', reason: expect.stringMatching(/^audit test did not run: /) });
    expect(result(run, '2.1.1').remediation).toMatch(/^If using a Kubelet config file.*\nfalse\.\n.*\nsystemctl daemon-reload\nsystemctl restart kubelet\.service$/);
  });

  it('marks a `grep FAIL` excerpt partial and tells kube-bench from docker-bench by vocabulary', async () => {
    const parsed = await read('kube-grep-fail.txt');
    expect(parsed.input.format).toBe('kube-bench-text');
    const run = onlyRun(parsed);
    expect(run.results.map((r) => r.id)).toEqual(['1.1.12', '1.2.16', '1.2.21', '4.2.6']);
    expect(run.results.map((r) => r.section)).toEqual(['1', '1', '1', '4']);
    expect(run.partial).toBe(true);
    expect(run.partialReasons).toEqual(['only FAIL lines and no banner, group headers or remediations: looks like a `grep FAIL` excerpt']);
    // Per-target count lines followed by their total: the total is taken, not the sum of all three.
    expect(run.totals).toEqual({ fail: 4 });
    expect(run.benchmark).toBeNull();
    expect(run.benchmarkEvidence).toMatch(/no section headers/);
  });

  it('takes the benchmark from a pasted command line', async () => {
    const text = `root@node:/# kube-bench run --targets node --benchmark cis-1.23 | grep FAIL\n${readFileSync(fixture('kube-grep-fail.txt'), 'utf8')}`;
    const run = onlyRun(await ingestText(text));
    expect(run.benchmark).toBe('kube-cis-1.23');
    expect(run.partialReasons[0]).toBe('the pasted command line (line 1) filters the output with `grep FAIL`');
  });

  it('starts a new run when a target repeats (two invocations appended)', async () => {
    const one = readFileSync(fixture('kube-multi-target.txt'), 'utf8');
    const parsed = await ingestText(`${one}${one}`);
    expect(parsed.runs.map((r) => [r.results.length, r.sections.length])).toEqual([
      [9, 3],
      [9, 3],
    ]);
    const v04 = readFileSync(fixture('kube-v0.4-no-blank.txt'), 'utf8');
    const old = await ingestText(`${v04}${v04}`);
    expect(old.runs.map((r) => r.results.length)).toEqual([5, 5]);
  });

  it('skips id-less [FAIL] lines and kube-bench stray stdout lines with warnings', async () => {
    const text = [
      'AuditEnv not explicit for check (2.1), where bin path cannot be determined',
      '[FAIL] No config settings for node',
      '[INFO] 4 Worker Node Security Configuration',
      '[INFO] 4.2 Kubelet',
      '[PASS] 4.2.1 Ensure that the --anonymous-auth argument is set to false (Automated)',
      '',
      '== Summary node ==',
      '1 checks PASS',
      '0 checks FAIL',
      '0 checks WARN',
      '0 checks INFO',
      '',
    ].join('\n');
    const parsed = await ingestText(text);
    const run = onlyRun(parsed);
    expect(run.results.map((r) => r.id)).toEqual(['4.2.1']);
    expect(parsed.warnings.map((w) => [w.line, w.code])).toEqual([
      [1, 'stray-line'],
      [2, 'idless-status-line'],
    ]);
  });

  it('treats INFO lines without assessment under a group as checks (eks-stig style ids)', async () => {
    const text = [
      '[INFO] 2 Control Plane Configuration',
      '[INFO] 2.1 DISA Category Code I',
      '[INFO] V-242386 The Kubernetes API server must have the insecure port flag disabled',
      '[FAIL] V-242387 The Kubernetes Kubelet must have the "readOnlyPort" flag disabled',
      '',
      '== Remediations controlplane ==',
      'V-242387 Edit the Kubernetes Kubelet file and set readOnlyPort to 0.',
      '',
      '== Summary controlplane ==',
      '0 checks PASS',
      '1 checks FAIL',
      '0 checks WARN',
      '1 checks INFO',
      '',
    ].join('\n');
    const run = onlyRun(await ingestText(text));
    expect(run.results.map((r) => `${r.status} ${r.id} ${r.section}/${r.group} ${r.assessment}`)).toEqual([
      'INFO V-242386 2/2.1 null',
      'FAIL V-242387 2/2.1 null',
    ]);
    expect(result(run, 'V-242387').remediation).toBe('Edit the Kubernetes Kubelet file and set readOnlyPort to 0.');
    expect(run.partial).toBe(false);
  });
});
