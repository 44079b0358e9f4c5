/**
 * The shared corpus as the machine-format tests use it: every file EXPECTED.tsv lists with
 * results, and whether the reader for its kind is implemented yet (readers are written in
 * parallel; a placeholder reader cannot read anything, so its files are skipped visibly).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS, HAVE_CORPUS, ROOT } from '../helpers/paths.js';

export interface CorpusInput {
  file: string;
  path: string;
  kind: string;
  runs: number;
  resultsLastRun: number;
}

const READER_MODULE: Record<string, string> = {
  'docker-bench-security-text': 'docker-bench-security-text.ts',
  'docker-bench-security-json': 'docker-bench-security-json.ts',
  'aqua-docker-bench-text': 'aqua-docker-bench-text.ts',
  'aqua-docker-bench-json': 'aqua-docker-bench-json.ts',
  'kube-bench-text': 'kube-bench-text.ts',
  'kube-bench-json': 'kube-bench-json.ts',
  'markdown-embedded': 'markdown.ts',
};

/** Corpus files with at least one result, from EXPECTED.tsv (empty without the corpus). */
export function corpusInputs(): CorpusInput[] {
  if (!HAVE_CORPUS) return [];
  const [header, ...lines] = readFileSync(join(CORPUS, 'EXPECTED.tsv'), 'utf8').split('\n').filter((l) => l.trim() !== '');
  const columns = header!.split('\t');
  const at = (name: string) => columns.indexOf(name);
  return lines
    .map((line) => line.split('\t'))
    .map((cells) => ({
      file: cells[at('file')]!,
      path: join(CORPUS, cells[at('file')]!),
      kind: cells[at('kind')]!,
      runs: Number(cells[at('runs')]),
      resultsLastRun: Number(cells[at('results_last_run')]),
    }))
    .filter((input) => input.resultsLastRun > 0);
}
