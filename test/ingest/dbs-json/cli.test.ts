/** The built CLI on docker-bench-security JSON files (run `npx tsc -p tsconfig.json` first; `npm test` does). */
import { join } from 'node:path';
import type { ParsedInput } from '../../../src/model/types.js';
import { runCli } from '../../helpers/cli.js';
import { FIXTURES } from '../../helpers/paths.js';

const fixture = (name: string) => join(FIXTURES, 'dbs-json', name);

describe('stridebench parse on docker-bench-security JSON', () => {
  it('prints the model of a repaired file, warnings included', () => {
    const r = runCli(['parse', fixture('c1-unopened.log.json')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const parsed = JSON.parse(r.stdout) as ParsedInput;
    expect(parsed.input.format).toBe('docker-bench-security-json');
    expect(parsed.runs[0]!.results.map((x) => x.id)).toEqual(['2.13', 'C.1', 'C.2']);
    expect(parsed.warnings.map((w) => w.code)).toContain('json-missing-brace');
  });

  it('selects one run of an array of runs with --run', () => {
    const r = runCli(['parse', fixture('array-of-runs.log.json'), '--run', '1']);
    expect(r.code).toBe(0);
    const parsed = JSON.parse(r.stdout) as ParsedInput;
    expect(parsed.input.selection).toEqual([1]);
    expect(parsed.runs.map((run) => run.startedAtRaw)).toEqual(['1615300000']);
  });

  it('exits 2 with file, line and what was expected for JSON that is not docker-bench output', () => {
    const r = runCli(['parse', fixture('not-docker-bench.json'), '--input-format', 'docker-bench-security-json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/not-docker-bench\.json:1: .*expected docker-bench-security JSON/);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });
});
