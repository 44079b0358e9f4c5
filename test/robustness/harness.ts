/**
 * What the robustness tests share: the fixed fast-check seed, the hang budget, and the one
 * outcome every hostile input must have — a model, or a domain error with a one-line message.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { analyse } from '../../src/analysis/index.js';
import { ingestText, type IngestOptions } from '../../src/ingest/index.js';
import { loadKnowledge } from '../../src/knowledge/index.js';
import { FORMATS as OUTPUT_FORMATS, loadRenderer } from '../../src/render/index.js';
import type { Renderer } from '../../src/render/types.js';
import { InputError, UsageError } from '../../src/model/errors.js';
import { INPUT_FORMATS, RAW_STATUSES, type InputFormat, type ParsedInput } from '../../src/model/types.js';
import { FIXTURES, SAMPLES } from '../helpers/paths.js';

/** One seed for every property, so a CI failure replays exactly on a laptop. */
export const SEED = 0x5eed_8;

/**
 * A single parse slower than this is treated as a hang. It is a hang detector, not a speed
 * assertion: real parses of these inputs take milliseconds, so only a runaway loop or a
 * backtracking regular expression comes near it, even on a loaded CI machine.
 */
export const HANG_BUDGET_MS = 5000;

export const FORMATS: readonly InputFormat[] = INPUT_FORMATS;

export type Outcome = { kind: 'parsed'; parsed: ParsedInput } | { kind: 'refused'; error: InputError | UsageError };

/**
 * Parse and check the one allowed outcome. Throws (failing the property) on any other
 * exception, a multi-line message, a model that breaks its own invariants, or a parse that
 * exceeds the hang budget.
 */
export async function parseOutcome(input: Uint8Array | string, options: Partial<IngestOptions> = {}): Promise<Outcome> {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  const started = performance.now();
  let outcome: Outcome;
  try {
    const parsed = await ingestText(bytes, { name: 'hostile.log', ...options });
    outcome = { kind: 'parsed', parsed };
  } catch (err) {
    if (!(err instanceof InputError || err instanceof UsageError)) {
      const e = err as Error;
      throw new Error(`a ${e?.name ?? typeof err} escaped instead of a domain error: ${e?.message}\n${e?.stack ?? ''}`);
    }
    outcome = { kind: 'refused', error: err };
  }
  const elapsed = performance.now() - started;
  if (elapsed > HANG_BUDGET_MS) {
    throw new Error(`one parse of ${bytes.length} bytes took ${Math.round(elapsed)} ms, over the ${HANG_BUDGET_MS} ms hang budget`);
  }
  if (outcome.kind === 'parsed') checkModel(outcome.parsed, bytes, options);
  else checkRefusal(outcome.error, bytes);
  return outcome;
}

function lineCount(bytes: Uint8Array): number {
  let n = 1;
  for (const b of bytes) if (b === 0x0a) n++;
  return n;
}

/** Invariants of a model, whatever the input was. */
export function checkModel(parsed: ParsedInput, bytes: Uint8Array, options: Partial<IngestOptions>): void {
  const fail = (why: string): never => {
    throw new Error(`model invariant broken: ${why}`);
  };
  // It must survive the `parse` command's JSON round trip unchanged.
  const json = JSON.stringify(parsed);
  if (JSON.stringify(JSON.parse(json)) !== json) fail('not JSON-serialisable as is');
  if (parsed.input.size !== bytes.length) fail(`input.size ${parsed.input.size} ≠ ${bytes.length} bytes read`);
  if (parsed.input.sha256 !== createHash('sha256').update(bytes).digest('hex')) fail('input.sha256 is not the hash of the input');
  if (options.inputFormat !== undefined && parsed.input.format !== options.inputFormat) {
    fail(`forced ${options.inputFormat} but the model says ${parsed.input.format}`);
  }
  if (parsed.runs.length === 0) fail('a model without runs (should have been an InputError)');
  if (parsed.input.runCount < parsed.runs.length) fail('runCount smaller than the runs kept');
  const lines = lineCount(bytes);
  for (const run of parsed.runs) {
    if (run.results.length === 0) fail(`run ${run.index} has no results`);
    for (const r of run.results) {
      if (!RAW_STATUSES.includes(r.status)) fail(`status ${JSON.stringify(r.status)}`);
      if (typeof r.id !== 'string' || typeof r.title !== 'string') fail('id/title not strings');
      const line = r.source.line;
      if (line !== null && (!Number.isInteger(line) || line < 1 || line > lines)) fail(`result line ${line} outside 1..${lines}`);
    }
  }
  for (const w of parsed.warnings) {
    if (w.line !== null && (!Number.isInteger(w.line) || w.line < 1 || w.line > lines)) fail(`warning line ${w.line} outside 1..${lines} (${w.code})`);
  }
}

/** A refusal is one line, says where, and points at a real line. */
export function checkRefusal(error: InputError | UsageError, bytes: Uint8Array): void {
  const text = error instanceof InputError ? error.describe() : error.message;
  if (/[\r\n]/.test(text)) throw new Error(`refusal message is not one line: ${JSON.stringify(text.slice(0, 300))}`);
  if (text.trim().length === 0) throw new Error('empty refusal message');
  if (error instanceof InputError && error.line !== null) {
    const lines = lineCount(bytes);
    if (!Number.isInteger(error.line) || error.line < 1 || error.line > lines) {
      throw new Error(`refusal names line ${error.line}, outside 1..${lines}: ${text.slice(0, 200)}`);
    }
  }
}

/** A real-shaped input we own, and the format the project's readers detect for it. */
export interface Sample {
  name: string;
  bytes: Uint8Array;
}

/** Our own samples and the readers' fixtures (never the shared corpus: that may be absent). */
export function ownSamples(): Sample[] {
  const dirs = [SAMPLES, ...['dbs-text', 'dbs-json', 'aqua', 'markdown'].map((d) => join(FIXTURES, d))];
  const out: Sample[] = [];
  for (const dir of dirs) {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      continue; // a reader's fixtures may not have landed yet
    }
    for (const name of names) {
      const path = join(dir, name);
      if (!statSync(path).isFile()) continue;
      out.push({ name: `${dir === SAMPLES ? 'samples' : dir.slice(FIXTURES.length + 1)}/${name}`, bytes: new Uint8Array(readFileSync(path)) });
    }
  }
  return out;
}

const renderers = new Map<string, Renderer>();
/** Every output format's renderer, loaded once. */
export async function allRenderers(): Promise<Map<string, Renderer>> {
  if (renderers.size === 0) {
    for (const format of OUTPUT_FORMATS) renderers.set(format, (await loadRenderer(format))!);
  }
  return renderers;
}

/** A fixed generation time: the analysis has no clock of its own. */
export const GENERATED_AT = '2024-05-01T00:00:00Z';

/**
 * The rest of the pipeline on a parsed hostile input: analysis and every renderer must
 * neither throw nor hang either (caveat rules and escapers read the same hostile text).
 * Returns the rendered outputs by format.
 */
export async function analyseAndRender(parsed: ParsedInput): Promise<Map<string, string>> {
  const renderers = await allRenderers();
  const report = withinBudget('the analysis', () => analyse(parsed, loadKnowledge(), { generatedAt: GENERATED_AT }));
  const out = new Map<string, string>();
  for (const [format, render] of renderers) {
    const text = withinBudget(`the ${format} renderer`, () => {
      try {
        return render(report, { top: 3 });
      } catch (err) {
        // A renderer may refuse what its consumer would (SARIF: GitHub's 25,000 results per run).
        if (err instanceof InputError || err instanceof UsageError) {
          checkRefusal(err, new Uint8Array());
          return null;
        }
        throw err;
      }
    });
    if (text === null) continue;
    if (typeof text !== 'string' || text.length === 0) throw new Error(`${format} rendered nothing`);
    out.set(format, text);
  }
  return out;
}

/** Run one stage; fail if it alone exceeds the hang budget. */
function withinBudget<T>(what: string, stage: () => T): T {
  const started = performance.now();
  const value = stage();
  const elapsed = performance.now() - started;
  if (elapsed > HANG_BUDGET_MS) throw new Error(`${what} took ${Math.round(elapsed)} ms, over the ${HANG_BUDGET_MS} ms hang budget`);
  return value;
}
