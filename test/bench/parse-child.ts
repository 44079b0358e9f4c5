/** Parses one file in a fresh process and prints time and peak RSS as JSON (used by test/bench/run.ts). */
import { ingestFile } from '../../src/ingest/index.js';

const [file, selection] = process.argv.slice(2);
const t0 = process.hrtime.bigint();
const parsed = await ingestFile(file!, { selection: selection === 'all' ? { kind: 'all' } : { kind: 'index', index: -1 } });
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
process.stdout.write(
  JSON.stringify({
    ms,
    maxRssKiB: process.resourceUsage().maxRSS,
    runCount: parsed.input.runCount,
    results: parsed.runs.at(-1)?.results.length ?? 0,
  }),
);
