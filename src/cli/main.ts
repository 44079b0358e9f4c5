#!/usr/bin/env node
/**
 * The `stridebench` command line. Commands live one per module in ./commands; this file
 * only wires them and turns domain errors into one-line messages with exit code 2.
 * Exit codes: 0 ok, 1 a gate (--fail-on) tripped, 2 bad input or usage.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { InputError, UsageError } from '../model/errors.js';
import { VERSION } from '../version.js';
import * as parse from './commands/parse.js';
import { EXTRA_COMMANDS } from './commands/index.js';

// `stridebench report x | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const cli = yargs(argv)
    .scriptName('stridebench')
    .usage('$0 <command> [options]\n\nTurn CIS benchmark scanner output into STRIDE threat-modelled hardening reports.')
    .command(parse as never)
    .version(VERSION)
    .alias('h', 'help')
    .alias('V', 'version')
    .strict()
    .demandCommand(1, 'name a command (see --help)')
    .wrap(Math.min(110, process.stdout.columns || 100))
    .epilogue('Exit codes: 0 success, 1 a --fail-on gate tripped, 2 bad input or usage.\nDocs: docs/cli.md')
    .fail((msg, err) => {
      throw err ?? new UsageError(msg);
    });
  for (const c of EXTRA_COMMANDS) cli.command(c as never);
  try {
    await cli.parseAsync();
    exitCode = typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    exitCode = reportError(err);
  }
  return exitCode;
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

main(hideBin(process.argv)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`stridebench: internal error: ${(err as Error)?.message}\n`);
    process.exitCode = 2;
  },
);
