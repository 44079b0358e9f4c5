/**
 * Every docker-bench-security text log and Markdown write-up of the shared real-world corpus
 * against the independent count in EXPECTED.tsv.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingestFile } from '../../../src/ingest/index.js';
import { RAW_STATUSES, type RawStatus } from '../../../src/model/types.js';
import { CORPUS, HAVE_CORPUS, corpusDescribe } from '../../helpers/paths.js';

interface Row {
  file: string;
  kind: string;
  runs: number;
  resultsLastRun: number;
  counts: Record<RawStatus, number>;
  idless: number;
  oracle: string;
}

function rows(): Row[] {
  if (!HAVE_CORPUS) return [];
  const [header, ...lines] = readFileSync(join(CORPUS, 'EXPECTED.tsv'), 'utf8').trimEnd().split('\n');
  const cols = header!.split('\t');
  return lines
    .map((line) => Object.fromEntries(line.split('\t').map((v, i) => [cols[i]!, v])))
    .filter((r) => r.kind === 'docker-bench-security-text' || r.kind === 'markdown-embedded')
    .map((r) => ({
      file: r.file!,
      kind: r.kind!,
      runs: Number(r.runs),
      resultsLastRun: Number(r.results_last_run),
      counts: Object.fromEntries(RAW_STATUSES.map((s) => [s, Number(r[s])])) as Record<RawStatus, number>,
      idless: Number(r.idless),
      oracle: r.tool_oracle ?? '',
    }));
}

/** Write-ups that quote only some results. */
const PARTIAL = new Set(['mborne-md-dbs-1.3.x-uncovered.md', 'unknown-md-dbs-1.6.0-passonly-excerpt.md']);

/**
 * Where we deliberately count differently from the independent counter, and why.
 * - mborne: the counter does not unwrap `> ` blockquotes, so it sees only the 3 fenced
 *   lines; the 8 quoted `> [WARN] 1.x  - …` lines are results too (counted from the file below).
 * - pvul00: one appended run was cut off right after `[INFO] 1.1 - Linux Hosts Specific
 *   Configuration`. The counter takes that sub-group header for a result because no `1.1.x`
 *   follows inside the run; it is a header, so that run holds no result and is dropped.
 */
const QUOTED_RESULT = /^>[ \t]?\[(PASS|WARN|INFO|NOTE)\] +\d/;
function adjusted(row: Row): Row {
  if (row.file === 'mborne-md-dbs-1.3.x-uncovered.md') {
    const quoted = readFileSync(join(CORPUS, row.file), 'utf8')
      .split('\n')
      .map((l) => QUOTED_RESULT.exec(l)?.[1] as RawStatus | undefined)
      .filter((s): s is RawStatus => s !== undefined);
    const counts = { ...row.counts };
    for (const s of quoted) counts[s]++;
    return { ...row, resultsLastRun: row.resultsLastRun + quoted.length, counts };
  }
  if (row.file === 'pvul00-dbs-1.6.0-multirun.log') return { ...row, runs: row.runs - 1 };
  return row;
}

corpusDescribe('docker-bench-security text and Markdown corpus', () => {
  const all = rows();
  it('has rows to check', () => {
    expect(all.length).toBeGreaterThanOrEqual(20);
  });

  it.each(all.map((r) => [r.file, r] as const))('%s', async (_file, original) => {
    const row = adjusted(original);
    const parsed = await ingestFile(join(CORPUS, row.file));
    expect(parsed.input.format).toBe(row.kind);
    expect(parsed.runs).toHaveLength(row.runs);
    const last = parsed.runs[parsed.runs.length - 1]!;
    expect(last.results).toHaveLength(row.resultsLastRun + row.idless);
    const counts = Object.fromEntries(RAW_STATUSES.map((s) => [s, last.results.filter((r) => r.status === s).length]));
    // The id-less results are INFO lines the counter leaves out of its status columns.
    expect(counts).toEqual({ ...row.counts, INFO: row.counts.INFO + row.idless });
    expect(last.results.filter((r) => r.idInferred)).toHaveLength(row.idless);
    if (/^\d+$/.test(row.oracle)) expect(last.totals?.checks).toBe(Number(row.oracle));
    // Giuslock's fork runs only some sections in every run: partial as a selection, never cut off.
    const selection = row.file.startsWith('giuslock-');
    expect(last.partial).toBe(PARTIAL.has(row.file) || selection);
    if (selection) expect(last.partialReasons).toEqual([expect.stringMatching(/were not run \(a -c or -e selection of checks\)/)]);
    // Earlier runs may be cut off (a log appended to by interrupted runs) or selections, never otherwise partial.
    for (const run of parsed.runs.slice(0, -1)) {
      if (run.partial) expect(run.partialReasons.join(' ')).toMatch(selection ? /cut off|selection of checks/ : /cut off/);
    }
    expect(last.benchmark).not.toBeNull();
  });

  it('detects the numbering from titles, not from the printed version', async () => {
    const numbering = async (file: string) => (await ingestFile(join(CORPUS, file), { selection: { kind: 'index', index: -1 } })).runs[0]!.benchmark;
    // v1.6.0 prints 1.6.0 and keeps swarm at 7.1 …
    expect(await numbering('hasan-orthanc-dbs-1.6.0.log')).toBe('dbs-v1.5.0');
    // … the v1.6.1 code prints 1.6.0 too, with swarm moved to 5.1.
    expect(await numbering('talha-dbs-1.6.0.log')).toBe('dbs-v1.6.1');
    expect(await numbering('praveenshell-dbs-1.3.6.log')).toBe('dbs-v1.3.6');
    // The Hub image prints 1.3.4 with CIS CE 1.1.0 numbering.
    expect(await numbering('zlatasinnv-dbs-1.3.4-lab06.txt')).toBe('dbs-v1.3.3');
    // A 2021 fork of the dev code: its titles (typos included) are those of the dev builds.
    expect(await numbering('giuslock-dbs-1.3.6-96runs.log')).toBe('dbs-dev-2021');
    expect(await numbering('porter-md-dbs-1.0.0-2016-07.md')).toBe('dbs-v1.1.0');
  });
});
