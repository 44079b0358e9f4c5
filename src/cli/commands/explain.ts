/** `stridebench explain ID`: everything we know about one control (by key or printed id). */
import type { Argv } from 'yargs';
import { addMappingOption, type MappingArgs } from '../../knowledge/options.js';
import { terminalText, writeOutput } from '../io.js';

export const command = 'explain <id>';
export const describe = 'explain a control: STRIDE threats, rationale, fix and its ids across scanner versions';

interface ExplainArgs extends MappingArgs {
  id: string;
  benchmark?: string;
  format: 'text' | 'json';
}

export function builder(y: Argv) {
  return addMappingOption(
    y
      .positional('id', { type: 'string', demandOption: true, describe: 'a control key (docker.daemon.live-restore) or a printed check id (2.15)' })
      .option('benchmark', { type: 'string', describe: 'the numbering a printed id is from (dbs-v1.6.1, aqua-cis-1.2, kube-cis-1.24, …)' })
      .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: 'output format' }),
  )
    .example('$0 explain docker.daemon.live-restore', 'by stable key')
    .example('$0 explain 2.13 --benchmark dbs-v1.3.5', 'a printed id in one numbering')
    .example('$0 explain 2.15', 'every control that id means, and in which numberings');
}

export async function handler(args: ExplainArgs): Promise<void> {
  const { loadKnowledge } = await import('../../knowledge/index.js');
  const { compareNumberings, explainJson, explainText, knownBenchmarks } = await import('../../knowledge/present.js');
  const { isSubCheckOf } = await import('../../knowledge/base.js');
  const { InputError, UsageError } = await import('../../model/errors.js');
  const kb = loadKnowledge({ mappingFile: args.mapping });
  const benchmarks = knownBenchmarks(kb);
  if (args.benchmark !== undefined && !benchmarks.includes(args.benchmark)) {
    throw new UsageError(`--benchmark: unknown numbering "${args.benchmark}"; known: ${benchmarks.join(', ')}`);
  }
  const query = String(args.id);
  const controls = kb.find(query, args.benchmark);
  if (controls.length === 0) {
    const where = args.benchmark ? ` in numbering ${args.benchmark}` : '';
    throw new InputError(`no control has the key or printed id "${clip(query)}"${where} (list them with: stridebench controls${args.benchmark ? ` --benchmark ${args.benchmark}` : ''})`);
  }
  const byKey = kb.control(query) !== undefined;
  const views = controls.map((control) => {
    const matchedIn = byKey
      ? null
      : {
          id: query.trim(),
          benchmarks: [...new Set(kb.mappings(control.key).filter((m) => m.id === query.trim() || isSubCheckOf(m.id, query.trim()) || matchesGroup(m.id, query.trim())).map((m) => m.benchmark))].filter(
            (b) => args.benchmark === undefined || b === args.benchmark,
          ).sort(compareNumberings),
        };
    return { control, matchedIn };
  });
  if (args.format === 'json') {
    const body = {
      query,
      benchmark: args.benchmark ?? null,
      knowledgeVersion: kb.version,
      controls: views.map((v) => explainJson(kb, v.control, v.matchedIn)),
    };
    writeOutput(undefined, `${JSON.stringify(body, null, 2)}\n`);
    return;
  }
  const header =
    views.length > 1 ? `"${query}" means ${views.length} different controls depending on the numbering:\n\n` : '';
  const text = views.map((v) => explainText(kb, v.control, v.matchedIn)).join(`\n\n${'─'.repeat(72)}\n\n`);
  // Text for people, even piped through less: knowledge text from a --mapping file is shown, never run.
  writeOutput(undefined, terminalText(`${header}${text}\n\nKnowledge version ${kb.version}\n`));
}

/** kube-bench group rows: "4.2.*" covers "4.2.10". */
function matchesGroup(mappingId: string, query: string): boolean {
  return mappingId.endsWith('.*') && query.startsWith(mappingId.slice(0, -1));
}

function clip(text: string): string {
  const oneLine = text.replace(/[\x00-\x1f\x7f-\x9f]+/g, ' ');
  return oneLine.length > 60 ? `${oneLine.slice(0, 60)}…` : oneLine;
}
