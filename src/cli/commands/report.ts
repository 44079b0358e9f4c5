/**
 * `stridebench report FILE`: ingest → knowledge → analysis → render. Exit codes: 0 ok;
 * 1 a gate tripped (`--fail-on` severity of an unwaived FINDING, `--fail-on-verdict`);
 * 2 bad input or usage, and a run that assessed nothing (every result NOT_ASSESSED or
 * NOT_APPLICABLE) — the report is still written then, so the user can see why.
 */
import type { Argv } from 'yargs';
import { addMappingOption, type MappingArgs } from '../../knowledge/options.js';
import { UsageError } from '../../model/errors.js';
import { SEVERITIES, VERDICTS, type AnalysedReport, type Severity, type Verdict } from '../../model/report.js';
import { FORMATS, formatFromFileName } from '../../render/index.js';
import { terminalText, writeOutput } from '../io.js';
import { inputFormat, inputPath, parseSize, runSelection, withInputOptions, type InputArgs } from '../options.js';
import { readOptionFile } from '../read-text.js';

export const command = 'report <file>';
export const describe = 'analyse a scanner output and write the hardening report (md, html, json, …)';

interface ReportArgs extends InputArgs, MappingArgs {
  file: string;
  format?: string;
  output?: string;
  top: number;
  date?: string;
  waivers?: string;
  facts?: string;
  template?: string;
  partial?: string[];
  host?: string;
  'fail-on'?: string;
  'fail-on-verdict'?: string;
  'sarif-location'?: string;
  'sarif-all'?: boolean;
}

export function builder(y: Argv) {
  return addMappingOption(
    withInputOptions(
      y
        .positional('file', { type: 'string', demandOption: true, describe: 'scanner output file, or - for stdin' })
        .option('format', { alias: 'f', type: 'string', choices: FORMATS, describe: 'output format (default: from the -o extension, else md)' })
        .option('output', { alias: 'o', type: 'string', describe: 'write to this file (atomically) instead of stdout' })
        .option('top', { type: 'number', default: 3, describe: 'how many findings the "harden first" section lists' })
        .option('date', { type: 'string', describe: 'generation time: ISO 8601 or @epoch-seconds (default: $SOURCE_DATE_EPOCH, else now)' })
        .option('waivers', { type: 'string', normalize: true, describe: 'CSV of accepted risks: control,item,reason,owner,expires (docs/waivers.md)' })
        .option('facts', { type: 'string', normalize: true, describe: 'JSON of run facts the log cannot show: swarm, rootless, shell… (docs/facts.md)' })
        .option('template', { type: 'string', normalize: true, describe: 'Handlebars template replacing the built-in one (md, html)' })
        .option('partial', {
          type: 'string',
          array: true,
          describe: 'override one built-in partial: NAME=FILE.hbs (repeatable; names in docs/templates.md)',
        })
        .option('host', { type: 'string', describe: 'host name to report under (docker-bench logs rarely print one; SARIF uses it for its category)' })
        .option('fail-on', { type: 'string', choices: SEVERITIES as unknown as string[], describe: 'exit 1 when an unwaived FINDING has this severity or worse' })
        .option('fail-on-verdict', { type: 'string', describe: `exit 1 when a result has one of these verdicts (comma-separated: ${VERDICTS.join(', ')})` })
        .option('sarif-location', { type: 'string', describe: 'SARIF: repository file to anchor findings on' })
        .option('sarif-all', { type: 'boolean', describe: 'SARIF: include every verdict, not only FINDINGs' }),
    ),
  )
    .example('$0 report docker-bench-security.log -o report.html', 'an HTML report of the last run')
    .example('$0 report bench.json -f json --date 2024-05-01 --fail-on high', 'reproducible JSON; exit 1 on high or critical findings');
}

export async function handler(args: ReportArgs): Promise<void> {
  const file = inputPath(args.file);
  const format = args.format ?? formatFromFileName(args.output) ?? 'md';
  if (!FORMATS.includes(format)) throw new UsageError(`unknown format "${format}"; known formats: ${FORMATS.join(', ')}`);
  if (!Number.isInteger(args.top) || args.top < 0) throw new UsageError('--top takes a whole number of findings (0 or more)');
  const failOnVerdicts = args['fail-on-verdict'] === undefined ? [] : verdictList(args['fail-on-verdict']);

  const { resolveGeneratedAt } = await import('../../analysis/generated-at.js');
  // The only clock reading: everything downstream uses generatedAt.
  const generatedAt = resolveGeneratedAt(args.date, process.env.SOURCE_DATE_EPOCH, () => new Date());

  const { analyse, parseFacts, parseWaivers, assessedNothing } = await import('../../analysis/index.js');
  const waivers = args.waivers === undefined ? undefined : parseWaivers(readOptionFile(args.waivers), args.waivers);
  const facts = args.facts === undefined ? undefined : parseFacts(readOptionFile(args.facts), args.facts);
  const template = args.template === undefined ? undefined : readOptionFile(args.template);
  const partials = partialOverrides(args.partial ?? []);

  const { ingestFile } = await import('../../ingest/index.js');
  const parsed = await ingestFile(file, {
    inputFormat: inputFormat(args),
    selection: runSelection(args, { kind: 'index', index: -1 }),
    maxSize: parseSize(args['max-size']),
  });
  if (args.host !== undefined) for (const run of parsed.runs) run.host = args.host;
  const { loadKnowledge } = await import('../../knowledge/index.js');
  const knowledge = loadKnowledge(args.mapping === undefined ? {} : { mappingFile: args.mapping });
  const report = analyse(parsed, knowledge, { generatedAt, ...(waivers ? { waivers } : {}), ...(facts ? { facts } : {}) });

  const { loadRenderer } = await import('../../render/index.js');
  const render = await loadRenderer(format);
  if (!render) throw new UsageError(`unknown format "${format}"`);
  const text = render(report, {
    top: args.top,
    ...(template !== undefined ? { template, templateName: args.template } : {}),
    ...(partials.files.length > 0 ? { partials: partials.sources } : {}),
    ...(args['sarif-location'] !== undefined ? { sarifLocation: args['sarif-location'] } : {}),
    ...(args['sarif-all'] !== undefined ? { sarifAll: args['sarif-all'] } : {}),
  });
  const extraInputs = [args.waivers, args.facts, args.template, args.mapping, ...partials.files].filter((x): x is string => x !== undefined);
  writeOutput(args.output, text, [file, ...extraInputs]);

  const empty = report.runs.filter((r) => assessedNothing(r.results));
  if (empty.length > 0) {
    const which = empty.map((r) => r.index).join(', ');
    process.stderr.write(terminalText(`stridebench: run ${which} of ${parsed.input.name} assessed nothing: every result is NOT_ASSESSED or NOT_APPLICABLE\n`));
    process.exitCode = 2;
    return;
  }
  process.exitCode = gateTripped(report, args['fail-on'] as Severity | undefined, failOnVerdicts) ? 1 : 0;
}

/** `--partial NAME=FILE` options: the partial sources by name, and the files read. */
function partialOverrides(specs: readonly string[]): { sources: Record<string, string>; files: string[] } {
  const sources: Record<string, string> = {};
  const files: string[] = [];
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    const name = eq > 0 ? spec.slice(0, eq).trim() : '';
    const path = eq > 0 ? spec.slice(eq + 1).trim() : '';
    if (!/^[A-Za-z][\w-]*$/.test(name) || path === '') throw new UsageError(`--partial takes NAME=FILE.hbs (got "${spec}")`);
    sources[name] = readOptionFile(path);
    files.push(path);
  }
  return { sources, files };
}

/** Did a gate trip? Waived findings never do (their verdict is WAIVED, not FINDING). */
export function gateTripped(report: AnalysedReport, failOn: Severity | undefined, verdicts: readonly Verdict[]): boolean {
  const threshold = failOn === undefined ? -1 : SEVERITIES.indexOf(failOn);
  for (const run of report.runs) {
    for (const r of run.results) {
      if (verdicts.includes(r.verdict)) return true;
      if (threshold >= 0 && r.verdict === 'FINDING' && SEVERITIES.indexOf(r.severity) <= threshold) return true;
    }
  }
  return false;
}

function verdictList(text: string): Verdict[] {
  const out: Verdict[] = [];
  for (const part of text.split(',')) {
    const name = part.trim().toUpperCase().replace(/-/g, '_');
    if (name === '') continue;
    const verdict = VERDICTS.find((v) => v === name);
    if (!verdict) throw new UsageError(`--fail-on-verdict: unknown verdict "${part.trim()}"; verdicts: ${VERDICTS.join(', ')}`);
    if (!out.includes(verdict)) out.push(verdict);
  }
  if (out.length === 0) throw new UsageError('--fail-on-verdict needs at least one verdict');
  return out;
}

