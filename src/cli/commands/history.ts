/**
 * `stridebench history FILE...`: each control's verdict across runs — every run of an
 * appended log, or of several files of one host given oldest first — with first-seen and
 * fixed dates and, in HTML, a trend chart. Exit codes: 0 ok, 2 bad input or usage.
 */
import type { Argv } from 'yargs';
import { UsageError } from '../../model/errors.js';
import { HISTORY_FORMATS } from '../../render/diff-formats.js';
import { writeOutput } from '../io.js';
import { compareSession, outputFormat, withCompareOptions, type CompareArgs } from './diff.js';

export const command = 'history <files..>';
export const describe = "each control's verdict across runs: an appended log, or several files of one host in time order";

interface HistoryArgs extends CompareArgs {
  files: string[];
}

export function builder(y: Argv) {
  return withCompareOptions(
    y.positional('files', { type: 'string', array: true, demandOption: true, describe: 'scanner outputs of one host, oldest first' }),
    HISTORY_FORMATS,
  )
    .example('$0 history docker-bench-security.log -o history.html', 'every run of an appended log, with a trend chart')
    .example('$0 history jan.json feb.json mar.json -f md', 'several files, oldest first');
}

export async function handler(args: HistoryArgs): Promise<void> {
  // yargs silently drops a lone `-` from a variadic positional, so stdin cannot be offered
  // here; refuse it rather than leave a run out of the history.
  if (process.argv.slice(2).includes('-')) throw new UsageError('history reads files, not stdin (-); give /dev/stdin to read a pipe');
  const files = (args.files ?? []).map((f) => String(f));
  if (files.length === 0) throw new UsageError('name at least one scanner output file');
  const format = outputFormat(args, HISTORY_FORMATS, 'history');
  const session = await compareSession(args);
  const { historyOf } = await import('../../analysis/history.js');
  const compared = [];
  for (const file of files) {
    const report = await session.analyseFile(file, { kind: 'all' });
    for (const run of report.runs) compared.push({ report, run });
  }
  const history = historyOf(compared, { generatedAt: session.generatedAt });
  const { loadHistoryRenderer } = await import('../../render/diff-formats.js');
  const render = (await loadHistoryRenderer(format))!;
  writeOutput(args.output, render(history), [...files, ...session.optionFiles]);
  process.exitCode = 0;
}
