/**
 * The command table and the yargs program around it. Kept apart from main.ts (which runs
 * on import) so tests can build the same program and compare it with the fast path.
 */
import { UsageError } from '../model/errors.js';
import { VERSION } from '../version.js';
import * as parse from './commands/parse.js';
import { EXTRA_COMMANDS } from './commands/index.js';
import { repeatedMessage, repeatedOption, type CommandModule } from './fast-args.js';

/** Every command, in the order `--help` lists them. */
export const COMMANDS = [parse, ...EXTRA_COMMANDS] as unknown as readonly CommandModule[];

/** The full yargs command line: help, version, completion of usage errors, and the slow path. */
export async function buildYargs(argv: string[], commands: readonly CommandModule[]) {
  const { default: yargs } = await import('yargs');
  const cli = yargs(argv)
    .scriptName('stridebench')
    .usage('$0 <command> [options]\n\nTurn CIS benchmark scanner output into STRIDE threat-modelled hardening reports.')
    .version(VERSION)
    .alias('h', 'help')
    .alias('V', 'version')
    .strict()
    .demandCommand(1, 'name a command (see --help)')
    .wrap(Math.min(110, process.stdout.columns || 100))
    .epilogue('Exit codes: 0 success, 1 a --fail-on gate tripped, 2 bad input or usage.\nDocs: docs/cli.md')
    // yargs passes its options object here (its typings call it `aliases`).
    .check((args, yargsOptions) => {
      const options = yargsOptions as unknown as { key: Record<string, unknown>; array: string[] };
      const repeated = repeatedOption(args, Object.keys(options.key), options.array);
      if (repeated !== null) throw new UsageError(repeatedMessage(repeated));
      return true;
    }, true)
    .fail((msg, err) => {
      throw err ?? new UsageError(msg);
    });
  for (const c of commands) cli.command(c as never);
  return cli;
}

/** Run the yargs program; the one parser crash users can cause becomes a usage error. */
export async function runYargs(argv: string[], commands: readonly CommandModule[]): Promise<void> {
  try {
    await (await buildYargs(argv, commands)).parseAsync();
  } catch (err) {
    // yargs-parser cannot store a `normalize` option twice (`--mapping a --mapping b`).
    const m = err instanceof TypeError ? /^Cannot redefine property: ([\w-]+)$/.exec(err.message) : null;
    if (m) throw new UsageError(repeatedMessage(m[1]!));
    throw err;
  }
}


