/**
 * Documented limits (docs/security.md): inputs larger than --max-size (default 512 MiB) and
 * runs holding more results than MAX_RESULTS_PER_RUN, or kept runs together more than
 * MAX_RESULTS_PER_FILE, are refused with one clear line and exit 2 — by every reader, and
 * by every command that reads scanner output.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_MAX_SIZE, ingestStream, ingestText, MAX_RESULTS_PER_FILE, MAX_RESULTS_PER_RUN, MAX_RUN_BYTES } from '../../src/ingest/index.js';
import { InputError } from '../../src/model/errors.js';
import { runCli } from '../helpers/cli.js';
import { FIXTURES, SAMPLES } from '../helpers/paths.js';
import { generateRun } from '../bench/generate.js';
import { ownSamples, parseOutcome } from './harness.js';

const SAMPLE = join(SAMPLES, 'docker-bench-security-1.6.0.log');
const SIZE = readFileSync(SAMPLE).length;

describe('input size', () => {
  it('defaults to 512 MiB, and the help says so', () => {
    expect(DEFAULT_MAX_SIZE).toBe(512 * 1024 * 1024);
    expect(runCli(['report', '--help']).stdout).toMatch(/default 512M/);
  });

  it.each([
    ['parse a file', ['parse', SAMPLE, '--max-size', '10K']],
    ['report a file', ['report', SAMPLE, '--max-size', '10K', '--date', '2024-05-01']],
    ['diff', ['diff', SAMPLE, SAMPLE, '--max-size', '10240', '--date', '2024-05-01']],
    ['history', ['history', SAMPLE, '--max-size', '10k', '--date', '2024-05-01']],
  ])('%s above --max-size is refused before it is read', (_what, args) => {
    const r = runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`is ${(SIZE / 1024).toFixed(1)} KiB, larger than the limit of 10\\.0 KiB \\(raise it with --max-size\\)`));
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
  });

  it('stdin above --max-size is refused while streaming', () => {
    const r = runCli(['report', '-', '--max-size', '4K', '--date', '2024-05-01'], { input: readFileSync(SAMPLE) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^stridebench: -: is larger than the limit of 4\.0 KiB \(raise it with --max-size\)$/m);
  });

  it('raising --max-size reads the same input', () => {
    expect(runCli(['parse', SAMPLE, '--max-size', `${SIZE}`]).code).toBe(0);
  });

  it('a --max-size that is not a size is a usage error', () => {
    const r = runCli(['parse', SAMPLE, '--max-size', 'lots']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--max-size: "lots" is not a size/);
  });
});

describe('number of results', () => {
  it('documents the defaults', () => {
    expect(MAX_RESULTS_PER_RUN).toBe(200_000);
    expect(MAX_RESULTS_PER_FILE).toBe(1_000_000);
  });

  it('every reader refuses a run over the per-run limit with a domain error (none swallows it)', async () => {
    const seen = new Set<string>();
    for (const sample of ownSamples()) {
      const full = await parseOutcome(sample.bytes);
      if (full.kind !== 'parsed') continue;
      const most = Math.max(...full.parsed.runs.map((r) => r.results.length));
      if (most < 2) continue;
      const format = full.parsed.input.format;
      const err = await ingestText(sample.bytes, { name: sample.name, inputFormat: format, maxResultsPerRun: most - 1 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).describe()).toMatch(new RegExp(`: a run holds ${most} results, more than the limit of ${most - 1} per run`));
      seen.add(format);
    }
    expect([...seen].sort()).toEqual(['aqua-docker-bench-json', 'aqua-docker-bench-text', 'docker-bench-security-json', 'docker-bench-security-text', 'kube-bench-json', 'kube-bench-text', 'markdown-embedded']);
  });

  it('the per-file limit counts the runs kept: --run -1 reads what --all-runs refuses', async () => {
    const log = readFileSync(join(FIXTURES, 'dbs-text', 'appended-3runs.log'));
    const all = await ingestText(log);
    const total = all.runs.reduce((n, r) => n + r.results.length, 0);
    const last = all.runs[all.runs.length - 1]!.results.length;
    const limit = total - 1;
    await expect(ingestText(log, { maxResultsPerFile: limit })).rejects.toThrow(/the runs read hold more than \d+ results together, the limit per file; keep fewer with --run/);
    const one = await ingestText(log, { maxResultsPerFile: Math.max(limit, last), selection: { kind: 'index', index: -1 } });
    expect(one.runs).toHaveLength(1);
    expect(one.input.runCount).toBe(all.runs.length);
  });

  it('the default per-run limit through the CLI: 200,001 results in one run', () => {
    const line = '[WARN] 5.1 - x\n';
    const input = `Initializing 2024-05-01T10:00:00+00:00\n[INFO] 5 - Container Runtime\n${line.repeat(MAX_RESULTS_PER_RUN + 1)}`;
    const r = runCli(['parse', '-'], { input });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^stridebench: -:1: a run holds 200001 results, more than the limit of 200000 per run/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  }, 60_000);
});

/** The bytes as a stream of 4 KiB chunks, as a file or a pipe delivers them. */
function* chunks(bytes: Uint8Array, size = 4096): Iterable<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

describe('input one run may span', () => {
  it('defaults to 16 MiB', () => {
    expect(MAX_RUN_BYTES).toBe(16 * 1024 * 1024);
  });

  it('an appended log of small runs passes however long it is; one run longer than the limit does not', async () => {
    // 100 generated runs of ~11 KiB (1.1 MB), read in 4 KiB chunks: each run ends within 32 KiB.
    const log = new TextEncoder().encode(Array.from({ length: 100 }, (_, i) => generateRun(i)).join(''));
    const appended = await ingestStream(chunks(log), { name: 'appended.log', maxRunBytes: 32 * 1024, selection: { kind: 'index', index: -1 } });
    expect(appended.input.runCount).toBe(100);
    // One run with 600 containers: ~220 KB, most of it section 5 detail lines.
    const oneRun = new TextEncoder().encode(generateRun(0, 600));
    const err = await ingestStream(chunks(oneRun), { name: 'one.log', maxRunBytes: 32 * 1024 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).describe()).toMatch(/^one\.log: holds more than 32\.0 KiB of input without a complete run; .* refused before it exhausts memory$/);
  });

  it('a JSON document counts as one run', async () => {
    // The sample's results repeated to ~200 KB: beyond the 64 KiB detection head.
    const doc = JSON.parse(readFileSync(join(SAMPLES, 'docker-bench-security-1.6.0.log.json'), 'utf8')) as { tests: { results: unknown[] }[] };
    for (const t of doc.tests) t.results = [...t.results, ...t.results, ...t.results, ...t.results, ...t.results, ...t.results];
    const json = new TextEncoder().encode(JSON.stringify(doc, null, 2));
    expect(json.length).toBeGreaterThan(150_000);
    await expect(ingestStream(chunks(json), { name: 'x.json', maxRunBytes: 96 * 1024 })).rejects.toThrow(/holds more than 96\.0 KiB of input without a complete run/);
    expect((await ingestStream(chunks(json), { name: 'x.json', maxRunBytes: json.length })).runs).toHaveLength(1);
  });

  it('through the CLI: a 17 MiB single run is refused with one line, not a heap crash', () => {
    const input = `Initializing 2024-05-01T10:00:00+00:00\n[INFO] 5 - Container Runtime\n${'[PASS] 5.1 - x\n'.repeat(1_200_000)}`;
    const r = runCli(['parse', '-'], { input });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^stridebench: -: holds more than 16 MiB of input without a complete run/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  }, 60_000);
});
