/**
 * Every aquasecurity docker-bench / kube-bench capture of the shared real-world corpus, read
 * through the ingest driver with the default selection, against the independent counts in
 * EXPECTED.tsv. (The Markdown write-up is the Markdown reader's business and is left out.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingestFile } from '../../../src/ingest/index.js';
import { RAW_STATUSES, type RawStatus } from '../../../src/model/types.js';
import { CORPUS, corpusDescribe, HAVE_CORPUS } from '../../helpers/paths.js';

const KINDS = new Set(['aqua-docker-bench-text', 'kube-bench-text', 'kube-bench-json']);

interface ExpectedRow {
  file: string;
  kind: string;
  runs: number;
  resultsLastRun: number;
  byStatus: Record<RawStatus, number>;
}

function expectedRows(): ExpectedRow[] {
  if (!HAVE_CORPUS) return [];
  const [header, ...lines] = readFileSync(join(CORPUS, 'EXPECTED.tsv'), 'utf8').trimEnd().split('\n');
  const cols = header!.split('\t');
  const at = (cells: string[], name: string) => cells[cols.indexOf(name)]!;
  return lines
    .map((line) => line.split('\t'))
    .filter((cells) => KINDS.has(at(cells, 'kind')) && !at(cells, 'file').endsWith('.md'))
    .map((cells) => ({
      file: at(cells, 'file'),
      kind: at(cells, 'kind'),
      runs: Number(at(cells, 'runs')),
      resultsLastRun: Number(at(cells, 'results_last_run')),
      byStatus: Object.fromEntries(RAW_STATUSES.map((s) => [s, Number(at(cells, s))])) as Record<RawStatus, number>,
    }));
}

corpusDescribe('aqua corpus (EXPECTED.tsv)', () => {
  const rows = expectedRows();

  it('has rows for all three kinds', () => {
    expect(new Set(rows.map((r) => r.kind))).toEqual(KINDS);
  });

  it.each(rows.map((r) => [r.file, r] as const))('%s', async (_file, row) => {
    const parsed = await ingestFile(join(CORPUS, row.file));
    expect(parsed.input.format).toBe(row.kind);
    expect(parsed.runs).toHaveLength(row.runs);
    const last = parsed.runs[parsed.runs.length - 1]!;
    expect(last.results).toHaveLength(row.resultsLastRun);
    const byStatus = Object.fromEntries(RAW_STATUSES.map((s) => [s, last.results.filter((r) => r.status === s).length]));
    expect(byStatus).toEqual(row.byStatus);
    if (row.file.includes('grepFAIL')) {
      expect(last.partial).toBe(true);
      expect(last.partialReasons.join(' ')).toMatch(/grep FAIL/);
    }
  });

  it('reads a full docker-bench run completely: remediations, reasons, audit output, totals', async () => {
    const parsed = await ingestFile(join(CORPUS, 'obstmi-aquadb-cis1.2-before.txt'));
    const run = parsed.runs[0]!;
    expect(run.partial).toBe(false);
    expect(run.benchmark).toBe('aqua-cis-1.2');
    expect(run.totals).toEqual({ pass: 20, fail: 50, warn: 43, info: 10 });
    const nonPass = run.results.filter((r) => r.status !== 'PASS');
    expect(nonPass.filter((r) => r.remediation === null && r.reason === null)).toEqual([]);
    const byId = (id: string) => run.results.find((r) => r.id === id)!;
    expect(byId('2.2.b').reason).toBe('grep: /etc/docker/daemon.json: No such file or directory');
    expect(byId('7.1').reason).toBe('Test marked as skip');
    // The remediation of 5.11 contains lines starting "1." … "4.": they stay in the entry.
    expect(byId('5.11').remediation).toMatch(/^You should manage the CPU runtime[\s\S]*\n4\. You will find a file named cpu\.shares/);
    expect(byId('1.2.1').auditOutput).toEqual(['grep: /proc/mounts: No such file or directory']);
    expect(parsed.warnings).toEqual([]);
  });

  it('tells cis-1.6.0 from cis-1.3.1 under the same 20.10 banner, and keeps duplicate ids apart', async () => {
    const parsed = await ingestFile(join(CORPUS, 'uwetelco-aquadb-2010-before.txt'));
    const run = parsed.runs[0]!;
    expect(run.benchmark).toBe('aqua-cis-1.6.0');
    const twelve = run.results.filter((r) => r.id === '5.12');
    expect(twelve.map((r) => [r.status, r.title])).toEqual([
      ['FAIL', 'Ensure that CPU priority is set appropriately on container'],
      ['PASS', "Ensure that the container's root filesystem is mounted as read only"],
    ]);
    const banner20 = await ingestFile(join(CORPUS, 'rne1223-aquadb-2004.txt'));
    expect(banner20.runs[0]!.benchmark).toBe('aqua-cis-1.3.1');
    expect(banner20.runs[0]!.results.find((r) => r.id === '2.8')).toMatchObject({ title: 'Ensure the default ulimit is configured appropriately', assessment: 'Manual' });
  });

  it('reads kube-bench targets as sections of one run, with node types and totals', async () => {
    const parsed = await ingestFile(join(CORPUS, 'kubebench-upstream-expected-output.txt'));
    const run = parsed.runs[0]!;
    expect(run.sections.map((s) => [s.id, s.nodeType])).toEqual([
      ['1', 'master'],
      ['2', 'etcd'],
      ['3', 'controlplane'],
      ['4', 'node'],
      ['5', 'policies'],
    ]);
    expect(run.totals).toEqual({ pass: 67, fail: 11, warn: 45, info: 0 });
    expect(run.benchmark).toBe('kube-cis-1.20');
    expect(run.partial).toBe(false);
    expect(run.results.filter((r) => r.status !== 'PASS' && r.status !== 'INFO' && r.remediation === null && r.reason === null)).toEqual([]);
  });

  it('puts kube-bench "audit test did not run" entries into reason', async () => {
    const parsed = await ingestFile(join(CORPUS, 'apxd-kubebench-node.txt'));
    const reasons = parsed.runs[0]!.results.filter((r) => r.reason !== null);
    expect(reasons.length).toBeGreaterThan(0);
    for (const r of reasons) {
      expect(r.reason).toMatch(/^audit test did not run: failed to run: /);
      expect(r.remediation).toBeNull();
    }
  });

  it('gives JSON results their path and line', async () => {
    const parsed = await ingestFile(join(CORPUS, 'apxd-kubebench-cis1.20.json'));
    const run = parsed.runs[0]!;
    expect(run.benchmark).toBe('kube-cis-1.20');
    expect(run.totals).toEqual({ pass: 2, fail: 12, warn: 35, info: 0 });
    const first = run.results[0]!;
    expect(first.source).toEqual({ line: 19, jsonPath: '$.Controls[0].tests[0].results[0]' });
    const lines = readFileSync(join(CORPUS, 'apxd-kubebench-cis1.20.json'), 'utf8').split('\n');
    expect(lines[first.source.line! - 1]!.trim()).toBe('{');
    expect(lines[first.source.line!]!).toContain(`"test_number": "${first.id}"`);
  });
});
