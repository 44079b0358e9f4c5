/**
 * Output files: written atomically (a temp file in the same folder, renamed over the
 * target), so an existing report is the old one or the complete new one, even when the
 * process is killed at any moment; the input is never overwritten; unwritable paths give a
 * clear one-line error. Through the built CLI, with the bundled benchmark log generator
 * making an output big enough (~10 MB) to be killed mid-write.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateRun } from '../bench/generate.js';
import { writeOutput } from '../../src/cli/io.js';
import { InputError, UsageError } from '../../src/model/errors.js';
import { runCli } from '../helpers/cli.js';
import { CLI, SAMPLES } from '../helpers/paths.js';
import { SEED } from './harness.js';

/** A small seeded PRNG (mulberry32): the kill moments are the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEMP_NAME = /^\.out\.json\.stridebench-tmp-/;

function runToEnd(args: string[]): string {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`stridebench ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

/** Start the CLI and kill it with `signal` after `delayMs`, or as soon as its temp file appears. */
function killDuringRun(args: string[], dir: string, signal: NodeJS.Signals, when: { delayMs: number } | 'temp-file'): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: 'ignore' });
    let timer: NodeJS.Timeout | undefined;
    const kill = () => child.kill(signal);
    if (when === 'temp-file') {
      const poll = () => {
        if (readdirSync(dir).some((f) => TEMP_NAME.test(f))) kill();
        else timer = setTimeout(poll, 1);
      };
      poll();
    } else timer = setTimeout(kill, when.delayMs);
    child.on('exit', (code, sig) => {
      clearTimeout(timer);
      resolve({ code, signal: sig });
    });
  });
}

describe('atomic output under kill', () => {
  let dir: string;
  let input: string;
  let out: string;
  /** Two different complete outputs the runs alternate between, so old and new differ. */
  let allRuns: string;
  let lastRun: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'stridebench-kill-'));
    input = join(dir, 'appended.log');
    writeFileSync(input, Array.from({ length: 150 }, (_, i) => generateRun(i)).join(''));
    out = join(dir, 'out.json');
    allRuns = runToEnd(['parse', input]);
    lastRun = runToEnd(['parse', input, '--run', '-1']);
    expect(allRuns.length).toBeGreaterThan(5_000_000);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('leaves the old file or the complete new one, 20 times, at random moments and mid-write', async () => {
    const random = prng(SEED);
    writeFileSync(out, 'the previous report\n');
    const outcomes: string[] = [];
    for (let i = 0; i < 20; i++) {
      const previous = readFileSync(out, 'utf8');
      const wantAll = i % 2 === 0;
      const expected = wantAll ? allRuns : lastRun;
      const signal: NodeJS.Signals = i % 4 === 3 ? 'SIGTERM' : 'SIGKILL';
      // Half at a random moment of the run, half the moment the temp file exists (mid-write).
      const when = i % 2 === 1 ? ('temp-file' as const) : { delayMs: Math.floor(random() * 900) };
      const args = ['parse', input, '-o', out, ...(wantAll ? [] : ['--run', '-1'])];
      const exit = await killDuringRun(args, dir, signal, when);
      const now = readFileSync(out, 'utf8');
      const state = now === expected ? 'new' : now === previous ? 'old' : 'TORN';
      outcomes.push(`${exit.signal ?? exit.code}:${state}`);
      if (state === 'TORN') throw new Error(`run ${i} (${signal}, ${JSON.stringify(when)}) left ${now.length} bytes that are neither the old nor the new report`);
      const stray = readdirSync(dir).filter((f) => f !== 'appended.log' && f !== 'out.json');
      // A SIGKILL can leave the temp file (nothing runs after it); it must be hidden and named for us.
      expect(stray.filter((f) => !TEMP_NAME.test(f))).toEqual([]);
    }
    // Both outcomes happened: the kills really landed before and after the rename.
    expect(outcomes.some((o) => o.endsWith(':old'))).toBe(true);
    expect(outcomes.some((o) => o.startsWith('SIGKILL'))).toBe(true);
    // A later run is not tripped by leftovers, and writes the complete file.
    runToEnd(['parse', input, '-o', out]);
    expect(readFileSync(out, 'utf8')).toBe(allRuns);
  }, 120_000);

  it('a leftover temp file with this process id does not stop the next write', () => {
    // In a container every run may have the same pid (often 1): a temp file a killed run
    // left behind must not collide with the next run's.
    const target = join(dir, 'same-pid.md');
    writeFileSync(join(dir, `.same-pid.md.stridebench-tmp-${process.pid}`), 'left by a killed run');
    writeOutput(target, 'complete\n');
    expect(readFileSync(target, 'utf8')).toBe('complete\n');
  });
});

describe('refusing to overwrite an input', () => {
  let dir: string;
  let input: string;
  const original = readFileSync(join(SAMPLES, 'docker-bench-security-1.6.0.log'));

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'stridebench-self-'));
    input = join(dir, 'host.log');
    writeFileSync(input, original);
    mkdirSync(join(dir, 'sub'));
    symlinkSync(input, join(dir, 'link.log'));
    writeFileSync(join(dir, 'waivers.csv'), 'control,reason\n2.2,accepted\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['the same path', ['report', 'host.log', '-o', 'host.log']],
    ['another spelling of it', ['report', 'host.log', '-o', './sub/../host.log']],
    ['a symlink to it', ['report', 'host.log', '-f', 'md', '-o', 'link.log']],
    ['parse onto its input', ['parse', 'host.log', '-o', 'host.log']],
    ['the waivers file', ['report', 'host.log', '--waivers', 'waivers.csv', '-f', 'md', '-o', 'waivers.csv']],
    ['the AFTER side of a diff', ['diff', 'host.log', 'link.log', '-f', 'md', '-o', 'host.log']],
    ['one of the history files', ['history', 'host.log', '-f', 'md', '-o', 'host.log']],
  ])('%s', (_what, args) => {
    const waiversBefore = readFileSync(join(dir, 'waivers.csv'));
    const r = runCli(args[0] === 'parse' ? args : [...args, '--date', '2024-05-01'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/refusing to overwrite the input file/);
    expect(r.stderr.trim().split('\n')[0]).not.toMatch(/^\s+at /);
    expect(readFileSync(input)).toEqual(original);
    expect(readFileSync(join(dir, 'waivers.csv'))).toEqual(waiversBefore);
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
  });
});

describe('unwritable output paths', () => {
  let dir: string;
  const sample = join(SAMPLES, 'docker-bench-security-1.6.0.log');
  const asRoot = process.getuid?.() === 0;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'stridebench-unwritable-'));
    chmodSync(dir, 0o755);
    mkdirSync(join(dir, 'read-only'));
    writeFileSync(join(dir, 'read-only', 'report.md'), 'the previous report\n');
    chmodSync(join(dir, 'read-only'), 0o555);
    mkdirSync(join(dir, 'a-directory.md'));
  });
  afterAll(() => {
    chmodSync(join(dir, 'read-only'), 0o755);
    rmSync(dir, { recursive: true, force: true });
  });

  /** root ignores directory permissions: the read-only case runs as nobody then. */
  function run(args: string[], unprivileged: boolean) {
    const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', ...(asRoot && unprivileged ? { uid: 65534, gid: 65534 } : {}) });
    return { code: r.status, stderr: r.stderr };
  }

  it.each([
    ['a read-only directory', 'read-only/report.md', /cannot write the output: permission denied/],
    ['a folder that does not exist', 'missing/report.md', /cannot write the output: the folder does not exist/],
    ['a path that is a directory', 'a-directory.md', /cannot write the output: it is a directory/],
  ])('%s', (what, target, message) => {
    const r = run(['report', sample, '--date', '2024-05-01', '-o', join(dir, target)], what === 'a read-only directory');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain(join(dir, target));
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(readFileSync(join(dir, 'read-only', 'report.md'), 'utf8')).toBe('the previous report\n');
    expect(existsSync(join(dir, 'missing'))).toBe(false);
    for (const sub of ['.', 'read-only']) expect(readdirSync(join(dir, sub)).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('library callers get the same domain errors', () => {
    expect(() => writeOutput(join(dir, 'missing', 'x.md'), 'x')).toThrow(InputError);
    expect(() => writeOutput(sample, 'x', [sample])).toThrow(UsageError);
  });
});
