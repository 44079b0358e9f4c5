/**
 * The real corpus through ingest and the resolver: every docker-bench-security and aqua
 * docker-bench result that carries an id must reach a control. Kinds whose reader is still
 * a placeholder are skipped with a visible message.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingestFile } from '../../src/ingest/index.js';
import { loadKnowledge } from '../../src/knowledge/index.js';
import { CORPUS, HAVE_CORPUS, ROOT, corpusDescribe } from '../helpers/paths.js';

interface Expected {
  file: string;
  kind: string;
  results: number;
}

function expectedFiles(): Expected[] {
  if (!HAVE_CORPUS) return [];
  const [, ...lines] = readFileSync(join(CORPUS, 'EXPECTED.tsv'), 'utf8').trim().split('\n');
  return lines
    .map((line) => line.split('\t'))
    .map(([file, kind, , results]) => ({ file: file!, kind: kind!, results: Number(results) }))
    .filter((e) => e.results > 0 && (e.kind.startsWith('docker-bench-security-') || e.kind.startsWith('aqua-docker-bench-')));
}

/** A reader module that still says PLACEHOLDER cannot read anything yet. */
function readerIsPlaceholder(kind: string): boolean {
  try {
    return readFileSync(join(ROOT, 'src', 'ingest', `${kind}.ts`), 'utf8').includes('PLACEHOLDER');
  } catch {
    return true;
  }
}

const kb = loadKnowledge();

corpusDescribe('real scanner outputs resolve to controls', () => {
  const files = expectedFiles();
  const kinds = [...new Set(files.map((f) => f.kind))];
  const skipped = kinds.filter(readerIsPlaceholder);
  for (const kind of skipped) console.warn(`SKIPPED corpus kind ${kind}: its reader (src/ingest/${kind}.ts) is still a placeholder`);
  const runnable = files.filter((f) => !skipped.includes(f.kind));

  it('covers both tools', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(kinds).toEqual(expect.arrayContaining(['docker-bench-security-text', 'docker-bench-security-json', 'aqua-docker-bench-text']));
  });

  it.each(runnable.map((f) => [f.file, f.kind]))('%s (%s)', async (file) => {
    const parsed = await ingestFile(join(CORPUS, file));
    const unresolved: string[] = [];
    let withId = 0;
    for (const run of parsed.runs) {
      for (const result of run.results) {
        if (result.id === '') continue;
        withId++;
        const r = kb.resolve(run.tool, run.benchmark, result.id, result.title);
        if (r.control === null) unresolved.push(`run ${run.index} (${run.benchmark ?? 'numbering unknown'}) ${result.id} "${result.title}": ${r.warning}`);
      }
    }
    expect(withId).toBeGreaterThan(0);
    expect(unresolved).toEqual([]);
  });
});
