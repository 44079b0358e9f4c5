/** The real pipeline for the diff tests: ingest → knowledge → analysis, one run or all runs of a file. */
import type { ComparedRun } from '../../src/analysis/diff.js';
import { analyse } from '../../src/analysis/index.js';
import { ingestFile, type RunSelection } from '../../src/ingest/index.js';
import { loadKnowledge } from '../../src/knowledge/index.js';
import type { AnalysedReport } from '../../src/model/report.js';

export const GENERATED_AT = '2026-01-01T00:00:00.000Z';

export async function analyseFile(path: string, selection: RunSelection = { kind: 'index', index: -1 }): Promise<AnalysedReport> {
  const parsed = await ingestFile(path, { selection });
  return analyse(parsed, loadKnowledge(), { generatedAt: GENERATED_AT });
}

/** The last run of a file (or the one asked for). */
export async function lastRun(path: string, selection?: RunSelection): Promise<ComparedRun> {
  const report = await analyseFile(path, selection);
  return { report, run: report.runs[0]! };
}

/** Every run of every file, in order. */
export async function allRuns(...paths: string[]): Promise<ComparedRun[]> {
  const out: ComparedRun[] = [];
  for (const path of paths) {
    const report = await analyseFile(path, { kind: 'all' });
    for (const run of report.runs) out.push({ report, run });
  }
  return out;
}
