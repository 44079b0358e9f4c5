/**
 * `stridebench diff BEFORE AFTER`: did the hardening work? Ingests one run of each file
 * (the last by default), analyses both with the same knowledge, waivers and facts, and
 * writes the comparison (md, html, json). Exit codes: 0 ok; 1 a `--fail-on` gate tripped
 * (regressed, new-finding; waived findings never trip one); 2 bad input or usage, and a
 * compared run that assessed nothing (the diff is still written then).
 */
import type { Argv } from 'yargs';
import type { AnalysedReport } from '../../model/report.js';
import { INPUT_FORMATS } from '../../model/types.js';
import { addMappingOption, type MappingArgs } from '../../knowledge/options.js';
import { UsageError } from '../../model/errors.js';
import { formatFromFileName } from '../../render/index.js';
import { DIFF_FORMATS } from '../../render/diff-formats.js';
import type { RunSelection } from '../../ingest/index.js';
import { terminalText, writeOutput } from '../io.js';
import { inputFormat, inputPath, parseSize, type InputArgs } from '../options.js';
import { readOptionFile } from '../read-text.js';

export const command = 'diff <before> <after>';
export const describe = 'compare two runs of one host: fixed, regressed, still failing (md, html, json)';

/** Options diff and history share: how to read, analyse and write. */
export interface CompareArgs extends MappingArgs {
  'input-format'?: string;
  'max-size'?: string;
  format?: string;
  output?: string;
  date?: string;
  waivers?: string;
  facts?: string;
}

interface DiffArgs extends CompareArgs {
  before: string;
  after: string;
  'before-run'?: number;
  'after-run'?: number;
  'fail-on'?: string;
}

export function withCompareOptions<T>(y: Argv<T>, formats: readonly string[]) {
  return addMappingOption(
    y
      .option('format', { alias: 'f', type: 'string', choices: formats as string[], describe: 'output format (default: from the -o extension, else md)' })
      .option('output', { alias: 'o', type: 'string', describe: 'write to this file (atomically) instead of stdout' })
      .option('date', { type: 'string', describe: 'generation time: ISO 8601 or @epoch-seconds (default: $SOURCE_DATE_EPOCH, else now)' })
      .option('waivers', { type: 'string', normalize: true, describe: 'CSV of accepted risks, applied to every run (docs/waivers.md)' })
      .option('facts', { type: 'string', normalize: true, describe: 'JSON of run facts the logs cannot show, applied to every run (docs/facts.md)' })
      .option('input-format', { type: 'string', choices: INPUT_FORMATS as unknown as string[], describe: 'read every input as this format instead of detecting it' })
      .option('max-size', { type: 'string', describe: 'refuse inputs larger than this (bytes, or with K/M/G suffix)' }),
  );
}

export function builder(y: Argv) {
  return withCompareOptions(
    y
      .positional('before', { type: 'string', demandOption: true, describe: 'scanner output before the change (- for stdin)' })
      .positional('after', { type: 'string', demandOption: true, describe: 'scanner output after the change (- for stdin)' })
      .option('before-run', { type: 'number', describe: 'which run of BEFORE when it holds several: 1 = first, -1 = last (default)' })
      .option('after-run', { type: 'number', describe: 'which run of AFTER when it holds several: 1 = first, -1 = last (default)' })
      .option('fail-on', { type: 'string', describe: 'exit 1 when the diff shows: regressed, new-finding (comma-separated)' }),
    DIFF_FORMATS,
  )
    .example('$0 diff before.log after.log', 'Markdown: fixed, regressed, still open')
    .example('$0 diff base.json head.json -f json --fail-on regressed,new-finding', 'a CI gate on a hardened host')
    .example('$0 diff host.log host.log --before-run 1 --after-run -1 -o diff.html', 'first and last run of one appended log');
}

export async function handler(args: DiffArgs): Promise<void> {
  const before = inputPath(args.before);
  const after = inputPath(args.after);
  if (before === '-' && after === '-') throw new UsageError('only one of BEFORE and AFTER can be read from stdin (-)');
  const format = outputFormat(args, DIFF_FORMATS, 'diff');
  const { parseDiffGates, diffRuns, trippedBy } = await import('../../analysis/diff.js');
  const gates = args['fail-on'] === undefined ? [] : parseDiffGates(args['fail-on']);
  const beforeSelection = runIndex(args['before-run'], '--before-run');
  const afterSelection = runIndex(args['after-run'], '--after-run');

  const session = await compareSession(args);
  const beforeReport = await session.analyseFile(before, beforeSelection);
  const afterReport = await session.analyseFile(after, afterSelection);
  const diff = diffRuns({ report: beforeReport, run: beforeReport.runs[0]! }, { report: afterReport, run: afterReport.runs[0]! }, { generatedAt: session.generatedAt });

  const { loadDiffRenderer } = await import('../../render/diff-formats.js');
  const render = (await loadDiffRenderer(format))!;
  writeOutput(args.output, render(diff), [before, after, ...session.optionFiles]);

  const empty = [beforeReport, afterReport].filter((r) => session.assessedNothing(r));
  if (empty.length > 0) {
    for (const r of empty) process.stderr.write(terminalText(`stridebench: run ${r.runs[0]!.index} of ${r.input.name} assessed nothing: every result is NOT_ASSESSED or NOT_APPLICABLE\n`));
    process.exitCode = 2;
    return;
  }
  const tripped = trippedBy(diff, gates);
  if (tripped.length > 0) {
    const shown = tripped.slice(0, 5).map((c) => `${c.ids.after ?? c.ids.before}${c.item === null ? '' : ` [${c.item}]`} (${c.change})`);
    process.stderr.write(terminalText(`stridebench: --fail-on ${gates.join(',')}: ${tripped.length} row(s) trip the gate: ${shown.join(', ')}${tripped.length > 5 ? ', …' : ''}\n`));
  }
  process.exitCode = tripped.length > 0 ? 1 : 0;
}

/** `--format`, else the one `-o`'s extension implies, else md; refuses formats this command does not write. */
export function outputFormat(args: CompareArgs, formats: readonly string[], name: string): string {
  if (args.format !== undefined) return args.format;
  const implied = formatFromFileName(args.output);
  if (implied === undefined) return 'md';
  if (!formats.includes(implied)) throw new UsageError(`${name} writes ${formats.join(', ')}; "${args.output}" implies ${implied} (give --format)`);
  return implied;
}

function runIndex(value: number | undefined, option: string): RunSelection {
  if (value === undefined) return { kind: 'index', index: -1 };
  if (!Number.isInteger(value) || value === 0) throw new UsageError(`${option} takes a non-zero whole number (1 = first run, -1 = last run)`);
  return { kind: 'index', index: value };
}

/**
 * What diff and history share: one clock reading, the waivers and facts read once, the
 * knowledge base loaded once (history analyses a hundred runs), and the same analysis
 * options for every file.
 */
export async function compareSession(args: CompareArgs) {
  const { resolveGeneratedAt } = await import('../../analysis/generated-at.js');
  // The only clock reading: everything downstream uses generatedAt.
  const generatedAt = resolveGeneratedAt(args.date, process.env.SOURCE_DATE_EPOCH, () => new Date());
  const { analyse, parseFacts, parseWaivers, assessedNothing } = await import('../../analysis/index.js');
  const waivers = args.waivers === undefined ? undefined : parseWaivers(readOptionFile(args.waivers), args.waivers);
  const facts = args.facts === undefined ? undefined : parseFacts(readOptionFile(args.facts), args.facts);
  const { ingestFile } = await import('../../ingest/index.js');
  const { loadKnowledge } = await import('../../knowledge/index.js');
  const knowledge = loadKnowledge(args.mapping === undefined ? {} : { mappingFile: args.mapping });
  const readArgs: InputArgs = { 'input-format': args['input-format'], 'max-size': args['max-size'] };
  const maxSize = parseSize(args['max-size']);
  return {
    generatedAt,
    optionFiles: [args.waivers, args.facts, args.mapping].filter((x): x is string => x !== undefined),
    async analyseFile(file: string, selection: RunSelection): Promise<AnalysedReport> {
      const parsed = await ingestFile(file, { inputFormat: inputFormat(readArgs), selection, maxSize });
      return analyse(parsed, knowledge, { generatedAt, ...(waivers ? { waivers } : {}), ...(facts ? { facts } : {}) });
    },
    assessedNothing(report: AnalysedReport): boolean {
      return report.runs.some((r) => assessedNothing(r.results));
    },
  };
}

/**
 * A waivers or facts file as text. (report.ts has the same helper, unexported; this one
 * goes once it is exported.)
 */
