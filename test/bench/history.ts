/**
 * How long `stridebench history` takes on the corpus's appended logs (94 and 76 runs with
 * results): the whole command as a user runs it (median of 5, per output format), and where
 * the time goes inside one process (ingest, analysis of every run, the history, each
 * renderer). Figures are printed, never asserted. The target: under a second per log.
 *
 * Called from test/bench/run.ts; `node dist/test/bench/history.js` runs it alone. Skips, saying so,
 * when the shared corpus is not there.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from '../../src/version.js';
import { median, wallMs } from './timing.js';

const CLI = join(PROJECT_ROOT, 'dist', 'src', 'cli', 'main.js');
const CORPUS = resolve(PROJECT_ROOT, '..', 'shared', 'corpus');
const LOGS = ['giuslock-dbs-1.3.6-96runs.log', 'pvul00-dbs-1.6.0-multirun.log'];
const FORMATS = ['md', 'html', 'json'] as const;
const REPEAT = 5;
const TARGET_MS = 1000;

const ms = (x: number) => `${x.toFixed(0).padStart(5)} ms`;

export async function benchHistory(): Promise<void> {
  console.log('\n## stridebench history on the corpus appended logs');
  const missing = LOGS.filter((f) => !existsSync(join(CORPUS, f)));
  if (missing.length > 0) {
    console.log(`SKIPPED: the shared corpus is not at ${CORPUS} (missing ${missing.join(', ')})`);
    return;
  }
  if (!existsSync(CLI)) {
    console.log(`SKIPPED: ${CLI} is not built (npm run build)`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'stridebench-bench-history-'));
  try {
    const bare = median(Array.from({ length: REPEAT }, () => wallMs(['-e', ''], 0)));
    console.log(`node -e "" (start-up floor)             ${ms(bare)}`);
    console.log(`\nWhole command, median of ${REPEAT} (target: under ${TARGET_MS} ms per log):`);
    for (const log of LOGS) {
      for (const format of FORMATS) {
        const out = join(dir, `history.${format}`);
        const args = [CLI, 'history', join(CORPUS, log), '-f', format, '--date', '2026-01-01', '-o', out];
        const t = median(Array.from({ length: REPEAT }, () => wallMs(args, 0)));
        console.log(`  ${log.padEnd(34)} -f ${format.padEnd(4)} ${ms(t)}  ${t < TARGET_MS ? 'under' : 'OVER'} 1 s`);
      }
    }
    console.log('\nWhere the time goes (one process, modules already loaded, knowledge loaded once):');
    await breakdown();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function breakdown(): Promise<void> {
  const { ingestFile } = await import('../../src/ingest/index.js');
  const { analyse } = await import('../../src/analysis/index.js');
  const { historyOf } = await import('../../src/analysis/history.js');
  const { loadKnowledge } = await import('../../src/knowledge/index.js');
  const { loadHistoryRenderer } = await import('../../src/render/diff-formats.js');
  const renderers = await Promise.all(FORMATS.map(async (f) => [f, (await loadHistoryRenderer(f))!] as const));
  let t = performance.now();
  const knowledge = loadKnowledge();
  console.log(`  load the knowledge base (once)          ${ms(performance.now() - t)}`);
  for (const log of LOGS) {
    t = performance.now();
    const parsed = await ingestFile(join(CORPUS, log), { selection: { kind: 'all' } });
    const ingest = performance.now() - t;
    t = performance.now();
    const report = analyse(parsed, knowledge, { generatedAt: '2026-01-01T00:00:00.000Z' });
    const analysis = performance.now() - t;
    t = performance.now();
    const history = historyOf(
      report.runs.map((run) => ({ report, run })),
      { generatedAt: '2026-01-01T00:00:00.000Z' },
    );
    const lineUp = performance.now() - t;
    const rendered = renderers.map(([format, render]) => {
      const t0 = performance.now();
      const text = render(history);
      return `${format} ${(performance.now() - t0).toFixed(0)} ms (${(text.length / 1024).toFixed(0)} KiB)`;
    });
    console.log(
      `  ${log.padEnd(34)} ${report.runs.length} runs: ingest ${ingest.toFixed(0)} ms, analyse ${analysis.toFixed(0)} ms, ` +
        `history ${lineUp.toFixed(0)} ms (${history.rows.length} rows), render ${rendered.join(', ')}`,
    );
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  benchHistory().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
