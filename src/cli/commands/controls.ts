/** `stridebench controls`: list the controls we know, filtered by numbering, STRIDE category or platform. */
import type { Argv } from 'yargs';
import { addMappingOption, type MappingArgs } from '../../knowledge/options.js';
import { terminalText, writeOutput } from '../io.js';

export const command = 'controls';
export const describe = 'list known controls with their primary STRIDE category (and ids in one numbering)';

interface ControlsArgs extends MappingArgs {
  benchmark?: string;
  stride?: string;
  platform?: 'docker' | 'kubernetes';
  format: 'table' | 'json' | 'csv';
}

export function builder(y: Argv) {
  return addMappingOption(
    y
      .option('benchmark', { type: 'string', describe: 'only controls with ids in this numbering, and show those ids (dbs-v1.6.1, aqua-cis-1.2, …)' })
      .option('stride', { type: 'string', describe: 'only controls whose primary STRIDE category is this (S T R I D E or the full id, any case)' })
      .option('platform', { choices: ['docker', 'kubernetes'] as const, describe: 'only this platform' })
      .option('format', { choices: ['table', 'json', 'csv'] as const, default: 'table' as const, describe: 'output format' }),
  )
    .example('$0 controls --stride E', 'controls against elevation of privilege')
    .example('$0 controls --benchmark dbs-v1.6.1 --format csv', 'the controls of one numbering, with their ids, as CSV');
}

export async function handler(args: ControlsArgs): Promise<void> {
  const { loadKnowledge, parseStrideQuery, strideLetter } = await import('../../knowledge/index.js');
  const { knownBenchmarks } = await import('../../knowledge/present.js');
  const { compareIds } = await import('../../model/ids.js');
  const { formatCsv, spreadsheetSafeCell } = await import('../../knowledge/csv-format.js');
  const { UsageError } = await import('../../model/errors.js');
  const kb = loadKnowledge({ mappingFile: args.mapping });
  if (args.benchmark !== undefined && !knownBenchmarks(kb).includes(args.benchmark)) {
    throw new UsageError(`--benchmark: unknown numbering "${args.benchmark}"; known: ${knownBenchmarks(kb).join(', ')}`);
  }
  const stride = args.stride === undefined ? undefined : parseStrideQuery(args.stride);
  const rows = kb
    .controls()
    .filter((c) => args.platform === undefined || c.platform === args.platform)
    .filter((c) => stride === undefined || c.stride.primary === stride)
    .map((control) => {
      const ids =
        args.benchmark === undefined
          ? []
          : [...new Set(kb.mappings(control.key).filter((m) => m.benchmark === args.benchmark).map((m) => m.id))].sort(compareIds);
      return { control, ids };
    })
    .filter((r) => args.benchmark === undefined || r.ids.length > 0);
  if (args.benchmark !== undefined) rows.sort((a, b) => compareIds(a.ids[0]!, b.ids[0]!) || a.control.key.localeCompare(b.control.key));

  if (args.format === 'json') {
    const body = rows.map(({ control, ids }) => (args.benchmark === undefined ? control : { ...control, ids }));
    writeOutput(undefined, `${JSON.stringify(body, null, 2)}\n`);
    return;
  }
  if (args.format === 'csv') {
    const header = ['key', 'platform', 'stride_primary', 'stride_secondary', 'component', 'scope', 'title', ...(args.benchmark ? ['ids'] : [])];
    const cells = rows.map(({ control, ids }) => [
      control.key,
      control.platform,
      control.stride.primary,
      control.stride.secondary.join(';'),
      control.component,
      control.scope,
      control.title,
      ...(args.benchmark ? [ids.join(';')] : []),
    ]);
    writeOutput(undefined, formatCsv(header, cells, spreadsheetSafeCell));
    return;
  }
  const header = ['KEY', 'STRIDE', 'TITLE', ...(args.benchmark ? [`IDS IN ${args.benchmark}`] : [])];
  const table = rows.map(({ control, ids }) => [
    control.key,
    `${strideLetter(control.stride.primary)} ${control.stride.primary}`,
    control.title,
    ...(args.benchmark ? [ids.join(', ')] : []),
  ]);
  const summary = `${rows.length} control${rows.length === 1 ? '' : 's'}${stride ? ` with primary category ${stride}` : ''}${args.benchmark ? ` in ${args.benchmark}` : ''}`;
  // A table is for people, even piped through less: titles from a --mapping file are shown, never run.
  writeOutput(undefined, terminalText(`${formatTable(header, table)}\n${summary} (knowledge version ${kb.version})\n`));
}

/** Left-aligned columns, two spaces apart; the last column is not padded. */
function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
