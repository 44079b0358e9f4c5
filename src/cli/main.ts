#!/usr/bin/env node
/**
 * The `stridebench` command line. Commands live one per module in ./commands; this file
 * only wires them and turns domain errors into one-line messages with exit code 2.
 * Exit codes: 0 ok, 1 a gate (--fail-on) tripped, 2 bad input or usage.
 */
import { InputError, UsageError } from '../model/errors.js';
import { VERSION } from '../version.js';
import { parseFast } from './fast-args.js';
import { COMMANDS, runYargs } from './program.js';

// `stridebench report x | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

export async function main(argv: string[]): Promise<number> {
  try {
    // `--version` alone is the most common health check in CI scripts: answer it directly.
    if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
      process.stdout.write(`${VERSION}\n`);
      return 0;
    }
    // A well-formed command line skips yargs (half of a cold start); anything else, help and
    // errors included, goes to yargs so users see the same messages either way.
    const fast = parseFast(argv, COMMANDS);
    if (fast) await fast.command.handler(fast.args as never);
    else await runYargs(argv, COMMANDS);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    return reportError(err);
  }
}

function reportError(err: unknown): number {
  if (err instanceof InputError) {
    process.stderr.write(`stridebench: ${sanitize(err.describe())}\n`);
    return 2;
  }
  if (err instanceof UsageError) {
    process.stderr.write(`stridebench: ${sanitize(err.message)}\nRun 'stridebench --help' for usage.\n`);
    return 2;
  }
  // A bug in stridebench: still no stack trace for users, but say how to get one.
  const e = err as Error;
  process.stderr.write(`stridebench: internal error: ${sanitize(e?.message ?? String(err))}\n`);
  if (process.env.STRIDEBENCH_DEBUG) process.stderr.write(`${e?.stack ?? ''}\n`);
  else process.stderr.write('(set STRIDEBENCH_DEBUG=1 for details, and please report it)\n');
  return 2;
}

/** Terminal escape sequences from a hostile input must not reach the user's terminal. */
function sanitize(text: string): string {
  return text.replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, '?');
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`stridebench: internal error: ${(err as Error)?.message}\n`);
    process.exitCode = 2;
  },
);
