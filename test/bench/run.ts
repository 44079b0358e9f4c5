/**
 * `npm run bench`: speed and memory figures, printed, never asserted.
 *
 * 1. Parse throughput on a generated ~100 MB docker-bench-security log of 10,000 appended
 *    runs, keeping only the last run (the default for commands that analyse), and peak RSS
 *    of that process — it must not grow with the number of runs.
 * 2. The same log cut to 1,000 runs, to show memory is flat in the number of runs.
 * 3. CLI start-up: `stridebench parse` / `report` on a bundled sample vs a bare `node -e ""`.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/version.js';
import { generateAppendedLog } from './generate.js';
import { benchContainers, benchCorpusReports, benchStartup } from './speed.js';
import { benchHistory } from './history.js';

const CLI = join(PROJECT_ROOT, 'dist', 'src', 'cli', 'main.js');
const CHILD = join(PROJECT_ROOT, 'dist', 'test', 'bench', 'parse-child.js');

interface ChildFigures {
  ms: number;
  maxRssKiB: number;
  runCount: number;
  results: number;
}

function parseInChild(file: string, selection: string): ChildFigures {
  const r = spawnSync(process.execPath, [CHILD, file, selection], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`parse child failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as ChildFigures;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function timeCommand(args: string[], repeat: number): number {
  const times: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const t1 = process.hrtime.bigint();
    if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    times.push(Number(t1 - t0) / 1e6);
  }
  return median(times);
}

async function main(): Promise<void> {
  console.log(`stridebench benchmark — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`);
  const dir = mkdtempSync(join(tmpdir(), 'stridebench-bench-'));
  try {
    console.log('\n## Parse throughput (docker-bench-security text log, appended runs, last run kept)');
    for (const runs of [1000, 10000]) {
      const file = join(dir, `appended-${runs}.log`);
      await generateAppendedLog(createWriteStream(file), runs);
      const size = statSync(file).size;
      const f = parseInChild(file, 'last');
      const mbps = size / 1e6 / (f.ms / 1000);
      console.log(
        `${String(runs).padStart(6)} runs  ${(size / 1e6).toFixed(1).padStart(6)} MB  ${f.ms.toFixed(0).padStart(6)} ms  ` +
          `${mbps.toFixed(1).padStart(6)} MB/s  peak RSS ${(f.maxRssKiB / 1024).toFixed(0)} MiB  (runs seen ${f.runCount}, results in last ${f.results})`,
      );
    }

    console.log('\n## CLI start-up (median of 7)');
    const bare = timeCommand(['-e', ''], 7);
    console.log(`node -e ""                          ${bare.toFixed(0).padStart(5)} ms  1.00×`);
    const sample = join(PROJECT_ROOT, 'samples', 'docker-bench-security-1.6.0.log');
    if (existsSync(sample)) {
      for (const [label, args] of [
        ['stridebench parse <sample>', ['parse', sample]],
        ['stridebench report <sample> -f md', ['report', sample, '-f', 'md', '--date', '2026-01-01']],
        ['stridebench report <sample> -f html', ['report', sample, '-f', 'html', '--date', '2026-01-01']],
      ] as const) {
        try {
          const t = timeCommand([CLI, ...args], 7);
          console.log(`${label.padEnd(36)}${t.toFixed(0).padStart(5)} ms  ${(t / bare).toFixed(2)}×`);
        } catch (err) {
          console.log(`${label.padEnd(36)}  (not available: ${(err as Error).message.split('\n')[0]})`);
        }
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await benchStartup();
  await benchCorpusReports();
  await benchContainers();
  await benchHistory();
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
