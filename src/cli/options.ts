/** Options shared by the commands that read scanner output. */
import type { Argv } from 'yargs';
import { INPUT_FORMATS, type InputFormat } from '../model/types.js';
import { UsageError } from '../model/errors.js';
import { DEFAULT_MAX_SIZE, type RunSelection } from '../ingest/limits.js';

export interface InputArgs {
  'input-format'?: string;
  run?: number;
  'all-runs'?: boolean;
  'max-size'?: string;
}

export function withInputOptions<T>(y: Argv<T>) {
  return y
    .option('input-format', {
      type: 'string',
      describe: 'read the input as this format instead of detecting it',
      choices: INPUT_FORMATS as unknown as string[],
    })
    .option('run', {
      type: 'number',
      describe: 'which run of a file with several appended runs: 1 = first, -1 = last',
    })
    .option('all-runs', { type: 'boolean', describe: 'use every run in the file' })
    .option('max-size', {
      type: 'string',
      describe: `refuse inputs larger than this (bytes, or with K/M/G suffix; default ${DEFAULT_MAX_SIZE / 1024 / 1024}M)`,
    })
    .conflicts('run', 'all-runs');
}

/** The run selection these options ask for; `fallback` when neither --run nor --all-runs is given. */
export function runSelection(args: InputArgs, fallback: RunSelection): RunSelection {
  if (args['all-runs']) return { kind: 'all' };
  if (args.run !== undefined) {
    if (!Number.isInteger(args.run) || args.run === 0) throw new UsageError('--run takes a non-zero whole number (1 = first run, -1 = last run)');
    return { kind: 'index', index: args.run };
  }
  return fallback;
}

export function parseSize(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*$/i.exec(text);
  if (!m) throw new UsageError(`--max-size: "${text}" is not a size (examples: 1048576, 100M, 2G)`);
  const mult = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2]!.toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Math.floor(Number(m[1]) * mult);
}

export function inputFormat(args: InputArgs): InputFormat | undefined {
  return args['input-format'] as InputFormat | undefined;
}

/** yargs hands a lone `-` (stdin) over as an empty string; give it back its meaning. */
export function inputPath(arg: string | undefined): string {
  return arg === undefined || arg === '' ? '-' : arg;
}
