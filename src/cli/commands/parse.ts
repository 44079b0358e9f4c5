/** `stridebench parse FILE`: print the normalized model as JSON. */
import type { Argv } from 'yargs';
import { inputFormat, inputPath, parseSize, runSelection, withInputOptions, type InputArgs } from '../options.js';
import { writeOutput } from '../io.js';

export const command = 'parse <file>';
export const describe = 'read a scanner output and print the normalized model as JSON (every run unless --run)';

export function builder(y: Argv) {
  return withInputOptions(
    y
      .positional('file', { type: 'string', demandOption: true, describe: 'scanner output file, or - for stdin' })
      .option('output', { alias: 'o', type: 'string', describe: 'write to this file instead of stdout' }),
  ).example('$0 parse docker-bench-security.log', 'every run in an appended log')
    .example('$0 parse docker-bench-security.log --run -1', 'only the last run');
}

export async function handler(args: InputArgs & { file: string; output?: string }): Promise<void> {
  const { ingestFile } = await import('../../ingest/index.js');
  const { escapeJsonControls } = await import('../../render/text.js');
  const file = inputPath(args.file);
  const parsed = await ingestFile(file, {
    inputFormat: inputFormat(args),
    selection: runSelection(args, { kind: 'all' }),
    maxSize: parseSize(args['max-size']),
  });
  // DEL and C1 as \u escapes, as the JSON reports write them: the same data, inert in a terminal.
  writeOutput(args.output, `${escapeJsonControls(JSON.stringify(parsed, null, 2))}\n`, [file]);
}
