import { join } from 'node:path';
import { runCli } from '../../helpers/cli.js';
import { FIXTURES } from '../../helpers/paths.js';
import type { ParsedInput } from '../../../src/model/types.js';

const fixture = (name: string) => join(FIXTURES, 'dbs-text', name);

describe('stridebench parse on docker-bench-security text', () => {
  it('prints the last run of an appended log with --run -1', () => {
    const r = runCli(['parse', fixture('appended-3runs.log'), '--run', '-1']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const parsed = JSON.parse(r.stdout) as ParsedInput;
    expect(parsed.input.format).toBe('docker-bench-security-text');
    expect(parsed.input.runCount).toBe(3);
    expect(parsed.runs.map((run) => [run.index, run.totals?.score])).toEqual([[3, 1]]);
  });
  it('reads a capture piped on stdin', () => {
    const r = runCli(['parse', '-'], { input: '[INFO] 1 - Host Configuration\n[WARN] 1.1  - Ensure a separate partition for containers has been created\n' });
    expect(r.code).toBe(0);
    const parsed = JSON.parse(r.stdout) as ParsedInput;
    expect(parsed.runs[0]!.results.map((x) => x.id)).toEqual(['1.1']);
  });
  it('exits 2 naming the file when a log holds no results', () => {
    const r = runCli(['parse', '-'], { input: 'Initializing 2023-12-20T10:00:00+00:00\n\n\nSection A - Check results\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/docker-bench-security.*no check results/);
  });
});
