/**
 * `npm run bench`: speed and memory figures, printed, never asserted.
 *
 * 1. Parse throughput on a generated ~100 MB docker-bench-security log of 10,000 appended
 *    runs, keeping only the last run (the default for commands that analyse), and peak RSS
 *    of that process — it must not grow with the number of runs.
 * 2. The same log cut to 1,000 runs, to show memory is flat in the number of runs.
 * 3. Then test/bench/speed.ts (start-up, largest real inputs, many containers) and
 *    test/bench/history.ts.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/version.js';
import { generateAppendedLog } from './generate.js';
import { benchContainers, benchCorpusReports, benchStartup } from './speed.js';
import { benchHistory } from './history.js';

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
