/**
 * Every docker-bench-security JSON file of the shared real-world corpus, against the
 * independent count in EXPECTED.tsv. For the flat 2017-18 layout that count takes one
 * result per check id (the first value's status; repeated keys are the check's per-object
 * lines), which is how the reader models them; `Checks: N` (tool_oracle) is the script's own
 * counter, which also counts repeats, so it is compared with `totals.checks`, not with the
 * number of results.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingestFile } from '../../../src/ingest/index.js';
import { RAW_STATUSES } from '../../../src/model/types.js';
import { CORPUS, corpusDescribe, HAVE_CORPUS } from '../../helpers/paths.js';

interface ExpectedRow {
  file: string;
  runs: number;
  results: number;
  statuses: Record<string, number>;
  toolOracle: string;
}

function expectedRows(): ExpectedRow[] {
  if (!HAVE_CORPUS) return [];
  const [header, ...lines] = readFileSync(join(CORPUS, 'EXPECTED.tsv'), 'utf8').split('\n').filter((l) => l.length > 0);
  const columns = header!.split('\t');
  const col = (cells: string[], name: string) => cells[columns.indexOf(name)] ?? '';
  return lines
    .map((l) => l.split('\t'))
    .filter((cells) => col(cells, 'kind') === 'docker-bench-security-json')
    .map((cells) => ({
      file: col(cells, 'file'),
      runs: Number(col(cells, 'runs')),
      results: Number(col(cells, 'results_last_run')),
      statuses: Object.fromEntries(RAW_STATUSES.map((s) => [s, Number(col(cells, s))])),
      toolOracle: col(cells, 'tool_oracle'),
    }));
}

corpusDescribe('docker-bench-security JSON corpus (EXPECTED.tsv)', () => {
  const rows = expectedRows();

  it('has rows to check', () => {
    expect(rows.length).toBeGreaterThan(10);
  });

  it.each(rows.map((r) => [r.file, r] as const))('%s', async (_file, row) => {
    const parsed = await ingestFile(join(CORPUS, row.file));
    expect(parsed.input.format).toBe('docker-bench-security-json');
    expect(parsed.runs).toHaveLength(row.runs);
    const run = parsed.runs[parsed.runs.length - 1]!;
    expect(run.results).toHaveLength(row.results);
    const counts = Object.fromEntries(RAW_STATUSES.map((s) => [s, run.results.filter((r) => r.status === s).length]));
    expect(counts).toEqual(row.statuses);
    if (/^\d+$/.test(row.toolOracle)) expect(run.totals?.checks).toBe(Number(row.toolOracle));
    expect(run.benchmark).not.toBeNull();
    // Giuslock's fork runs only sections 4 and 5 (and 7, 8): a selection, never cut off.
    if (row.file.startsWith('giuslock-')) expect(run.partialReasons).toEqual([expect.stringMatching(/^sections 1, 2, 3, 6 were not run \(a -c or -e selection/)]);
    else expect(run.partial).toBe(false);
  });

  it('repairs the fork file with raw line breaks inside strings and says where', async () => {
    const parsed = await ingestFile(join(CORPUS, 'giuslock-dbs-1.3.6-b1519af.json'));
    const breaks = parsed.warnings.filter((w) => w.code === 'json-control-char');
    expect(breaks.length).toBeGreaterThan(0);
    expect(breaks.every((w) => typeof w.line === 'number')).toBe(true);
    const memory = parsed.runs[0]!.results.find((r) => r.id === '5.10');
    expect(memory?.remediation).toMatch(/consumes all of\nthe host/);
  });

  it('drops the id that v1.3.6+ repeats at the start of the 1.1.12 title', async () => {
    const parsed = await ingestFile(join(CORPUS, 'praveenshell-dbs-1.3.6.log.json'));
    const audit = parsed.runs[0]!.results.find((r) => r.id === '1.1.12');
    expect(audit?.title).toMatch(/^Ensure auditing is configured/);
  });

  it('reads the numbering from titles, not from the printed version', async () => {
    const v161 = await ingestFile(join(CORPUS, 'jesus-almansa-dbs-1.6.0.json'));
    expect(v161.runs[0]!.toolVersion).toBe('1.6.0');
    expect(v161.runs[0]!.benchmark).toBe('dbs-v1.6.1');
    const flat = await ingestFile(join(CORPUS, 'thogie-dbs-1.3.4-Outputfile.json'));
    expect(flat.runs[0]!.benchmark).toBe('dbs-v1.3.3');
  });
});
