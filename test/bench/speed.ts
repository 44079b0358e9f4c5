/**
 * Speed figures for issue #8, printed side by side as ratios (never asserted):
 *
 * - start-up: `stridebench report` on a typical single run (the bundled 117-check sample)
 *   against a bare `node -e ""`, and where that time goes (test/bench/startup-child.ts);
 * - the largest real inputs of the shared corpus (the 1 MB appended log, the 620 KB JSON
 *   with many containers) against the same bare start;
 * - a synthetic host with 200, 1,000 and 2,000 running containers: `report` and `diff` time
 *   and output size, which must grow linearly.
 *
 * Called from test/bench/run.ts (after the build); each function prints its own section.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PROJECT_ROOT } from '../../src/version.js';
import { generateRun } from './generate.js';
import { medianMs } from './timing.js';

const CLI = join(PROJECT_ROOT, 'dist', 'src', 'cli', 'main.js');
const STARTUP_CHILD = join(PROJECT_ROOT, 'dist', 'test', 'bench', 'startup-child.js');
const CORPUS = resolve(PROJECT_ROOT, '..', 'shared', 'corpus');
const SAMPLE = join(PROJECT_ROOT, 'samples', 'docker-bench-security-1.6.0.log');
const DATE = '2026-01-01';

const ms = (x: number) => `${x.toFixed(0).padStart(6)} ms`;
const ratio = (x: number, bare: number) => `${(x / bare).toFixed(2).padStart(6)}×`;

/** The bare `node -e ""` start, the unit every ratio below is in. */
export function bareNodeMs(repeat = 9): number {
  return medianMs(['-e', ''], repeat);
}

export async function benchStartup(repeat = 9): Promise<void> {
  console.log(`\n## Start-up: report on a typical single run (median of ${repeat}; goal ≤ 2× bare node)`);
  const bare = bareNodeMs(repeat);
  console.log(`${'node -e ""'.padEnd(46)}${ms(bare)} ${ratio(bare, bare)}`);
  const dir = mkdtempSync(join(tmpdir(), 'stridebench-bench-speed-'));
  try {
    const cases: [string, string[]][] = [
      ['stridebench --version', ['--version']],
      ['stridebench parse <sample> --run -1', ['parse', SAMPLE, '--run', '-1', '-o', join(dir, 'p.json')]],
      ...['md', 'html', 'json', 'sarif', 'junit', 'csv'].map(
        (f): [string, string[]] => [`stridebench report <sample> -f ${f}`, ['report', SAMPLE, '-f', f, '--date', DATE, '-o', join(dir, `r.${f}`)]],
      ),
    ];
    for (const [label, args] of cases) {
      const t = medianMs([CLI, ...args], repeat);
      console.log(`${label.padEnd(46)}${ms(t)} ${ratio(t, bare)}`);
    }
    // What loading the code alone costs: no parse, analysis or render can go below this.
    for (const format of ['json', 'md']) {
      const t = medianMs([STARTUP_CHILD, SAMPLE, format, '--imports-only'], repeat);
      console.log(`${`floor: import what report -f ${format} loads`.padEnd(46)}${ms(t)} ${ratio(t, bare)}`);
    }
    for (const format of ['json', 'md', 'html']) {
      const r = spawnSync(process.execPath, [STARTUP_CHILD, SAMPLE, format], { encoding: 'utf8' });
      if (r.status !== 0) {
        console.log(`(start-up breakdown not available: ${r.stderr.split('\n')[0]})`);
        continue;
      }
      const f = JSON.parse(r.stdout) as { stages: [string, number][]; sinceProcessStart: number };
      console.log(`\nWhere \`report -f ${format}\` spends it (one cold process, ${f.sinceProcessStart.toFixed(0)} ms after node started):`);
      for (const [name, t] of f.stages) console.log(`  ${name.padEnd(52)}${ms(t)}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchCorpusReports(repeat = 5): Promise<void> {
  console.log(`\n## report on the largest real inputs (median of ${repeat}; goal ≤ 3× bare node)`);
  const inputs = ['pvul00-dbs-1.6.0-multirun.log', 'hasan-orthanc-dbs-1.6.0.log.json'].map((f) => join(CORPUS, f));
  const missing = inputs.filter((f) => !existsSync(f));
  if (missing.length > 0) {
    console.log(`SKIPPED: the shared corpus is not at ${CORPUS} (missing ${missing.join(', ')})`);
    return;
  }
  const bare = bareNodeMs(repeat);
  console.log(`${'node -e ""'.padEnd(58)}${ms(bare)} ${ratio(bare, bare)}`);
  const dir = mkdtempSync(join(tmpdir(), 'stridebench-bench-corpus-'));
  try {
    for (const input of inputs) {
      const name = input.slice(CORPUS.length + 1);
      for (const format of ['md', 'html', 'json']) {
        const t = medianMs([CLI, 'report', input, '-f', format, '--date', DATE, '-o', join(dir, `out.${format}`)], repeat);
        const label = `report ${name} (${(statSync(input).size / 1024).toFixed(0)} KiB) -f ${format}`;
        console.log(`${label.padEnd(58)}${ms(t)} ${ratio(t, bare)}`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchContainers(repeat = 3): Promise<void> {
  console.log(`\n## A host with many running containers: report and diff should grow linearly (median of ${repeat})`);
  const dir = mkdtempSync(join(tmpdir(), 'stridebench-bench-containers-'));
  try {
    const rows: { n: number; input: number; times: Record<string, number>; sizes: Record<string, number> }[] = [];
    for (const n of [200, 1000, 2000]) {
      // Two scans of the same host: run 1 and run 2 differ in which checks warn.
      const before = join(dir, `before-${n}.log`);
      const after = join(dir, `after-${n}.log`);
      writeFileSync(before, generateRun(0, n));
      writeFileSync(after, generateRun(1, n));
      const times: Record<string, number> = {};
      const sizes: Record<string, number> = {};
      for (const format of ['md', 'html', 'json']) {
        const out = join(dir, `report-${n}.${format}`);
        times[`report ${format}`] = medianMs([CLI, 'report', after, '-f', format, '--date', DATE, '-o', out], repeat);
        sizes[`report ${format}`] = statSync(out).size;
      }
      for (const format of ['md', 'json']) {
        const out = join(dir, `diff-${n}.${format}`);
        times[`diff ${format}`] = medianMs([CLI, 'diff', before, after, '-f', format, '--date', DATE, '-o', out], repeat);
        sizes[`diff ${format}`] = statSync(out).size;
      }
      rows.push({ n, input: statSync(after).size, times, sizes });
    }
    const bare = bareNodeMs(repeat);
    const kinds = Object.keys(rows[0]!.times);
    console.log(`containers  input    ${kinds.map((k) => k.padStart(22)).join('')}`);
    for (const r of rows) {
      const cells = kinds.map((k) => `${r.times[k]!.toFixed(0)} ms ${(r.sizes[k]! / 1024).toFixed(0)} KiB`.padStart(22));
      console.log(`${String(r.n).padStart(10)}  ${`${(r.input / 1024).toFixed(0)} KiB`.padStart(7)}  ${cells.join('')}`);
    }
    // Linear means the cost per container stays put: compare 200 → 2,000 above the fixed start-up.
    const [small, , large] = rows;
    console.log('\nGrowth from 200 to 2,000 containers (10× the containers; linear ≈ 10× above the fixed cost):');
    for (const k of kinds) {
      const extraSmall = Math.max(1, small!.times[k]! - bare);
      const extraLarge = large!.times[k]! - bare;
      console.log(
        `  ${k.padEnd(12)} time above bare node ×${(extraLarge / extraSmall).toFixed(1).padStart(5)}   output size ×${(large!.sizes[k]! / small!.sizes[k]!).toFixed(1).padStart(5)}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
