/**
 * The shipped samples (what users try first) read as complete runs, and the built CLI
 * prints them; bad input exits 2 with `file:line: message`. CLI tests need `npx tsc` first.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ingestFile } from '../../../src/ingest/index.js';
import type { Run } from '../../../src/model/types.js';
import { runCli } from '../../helpers/cli.js';
import { CLI, FIXTURES, SAMPLES } from '../../helpers/paths.js';

const sample = (name: string) => join(SAMPLES, name);

function statusCounts(run: Run): Record<string, number> {
  const out: Record<string, number> = { pass: 0, fail: 0, warn: 0, info: 0 };
  for (const r of run.results) out[r.status.toLowerCase()]!++;
  return out;
}

describe('aqua samples', () => {
  it.each([
    ['aqua-docker-bench-cis-1.2.txt', 'aqua-docker-bench-text', 'aqua-cis-1.2', 123],
    ['aqua-docker-bench-cis-1.2.json', 'aqua-docker-bench-json', 'aqua-cis-1.2', 123],
    ['kube-bench-node.txt', 'kube-bench-text', 'kube-cis-1.24', 53],
    ['kube-bench.json', 'kube-bench-json', 'kube-cis-1.24', 124],
  ])('%s is a complete %s run', async (name, format, benchmark, count) => {
    const parsed = await ingestFile(sample(name));
    expect(parsed.input.format).toBe(format);
    expect(parsed.runs).toHaveLength(1);
    const run = parsed.runs[0]!;
    expect(run.results).toHaveLength(count);
    expect(run.benchmark).toBe(benchmark);
    expect(run.partialReasons).toEqual([]);
    expect(run.totals).toEqual(statusCounts(run));
    // Every FAIL and WARN carries what to do about it (or why the check could not run).
    expect(run.results.filter((r) => (r.status === 'FAIL' || r.status === 'WARN') && r.remediation === null && r.reason === null)).toEqual([]);
    expect(parsed.warnings).toEqual([]);
  });

  it('text and JSON docker samples describe the same run', async () => {
    const text = (await ingestFile(sample('aqua-docker-bench-cis-1.2.txt'))).runs[0]!;
    const json = (await ingestFile(sample('aqua-docker-bench-cis-1.2.json'))).runs[0]!;
    const key = (run: Run) => run.results.map((r) => [r.id, r.status, r.title, r.assessment, r.section, r.group]);
    expect(key(text)).toEqual(key(json));
    // The text shows audit output only under FAIL lines; JSON has it for every check that ran.
    for (const t of text.results.filter((r) => r.status === 'FAIL' && r.auditOutput.length > 0)) {
      expect(json.results.find((j) => j.id === t.id)!.auditOutput).toEqual(t.auditOutput);
    }
    // Where the text printed a reason, JSON has the same reason.
    for (const t of text.results.filter((r) => r.reason !== null)) {
      expect(json.results.find((j) => j.id === t.id)!.reason).toBe(t.reason);
    }
    expect(text.sections).toEqual(json.sections);
  });
});

const describeCli = existsSync(CLI) ? describe : describe.skip;
describeCli('stridebench parse (built CLI)', () => {
  it('prints the model of a kube-bench text sample', () => {
    const r = runCli(['parse', sample('kube-bench-node.txt')]);
    expect(r.code).toBe(0);
    const parsed = JSON.parse(r.stdout);
    expect(parsed.input.format).toBe('kube-bench-text');
    expect(parsed.runs[0].sections.map((s: { nodeType: string }) => s.nodeType)).toEqual(['node', 'policies']);
    expect(parsed.runs[0].results).toHaveLength(53);
  });

  it('reads a grep excerpt from stdin and marks it partial', () => {
    const r = runCli(['parse', '-'], { input: '[FAIL] 2.13.a Ensure live restore is Enabled (Scored)\n[FAIL] 2.13.b Ensure live restore is Enabled (Scored)\n2 checks FAIL\n' });
    expect(r.code).toBe(0);
    const run = JSON.parse(r.stdout).runs[0];
    expect(run.partial).toBe(true);
    expect(run.tool).toBe('aqua-docker-bench');
  });

  it('exits 2 on truncated JSON with file:line and no stack trace', () => {
    const file = join(FIXTURES, 'aqua', 'kube-truncated.json');
    const r = runCli(['parse', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}:60: the JSON ends before the object that starts on line`);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
    expect(r.stdout).toBe('');
  });
});
