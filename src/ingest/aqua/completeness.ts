/**
 * "Is this run complete?": the reasons an aquasecurity/docker-bench or kube-bench run is
 * taken as partial (a grep excerpt, a --check selection, output cut off before its summary,
 * summary counts the results do not add up to).
 */
import type { Result, Run, ToolTotals } from '../../model/types.js';
import type { AquaTool, CommandLineFacts } from './grammar.js';
import { dockerCheckCount, kubeSectionCheckCounts, type BenchmarkChoice, type ObservedSection } from './numbering.js';

/** Below this share of the numbering's checks a run is a selection, not a full run. */
const SELECTION_SHARE = 0.75;

export interface CompletenessInput {
  tool: AquaTool;
  results: readonly Result[];
  totals: ToolTotals | null;
  /** The tool's own summary (`== Summary ==` block or JSON totals) was present. */
  hasSummary: boolean;
  /** No banner, no section or group header: an excerpt. */
  headerless: boolean;
  commands: readonly CommandLineFacts[];
  benchmark: string | null;
  sections: readonly ObservedSection[];
}

/**
 * Record on a finished run the numbering chosen for it, then why it cannot be taken as
 * complete (judged on the run's own results, totals and that numbering).
 */
export function recordBenchmarkAndCompleteness(
  run: Run,
  choice: BenchmarkChoice,
  facts: Pick<CompletenessInput, 'tool' | 'hasSummary' | 'headerless' | 'commands' | 'sections'>,
): void {
  run.benchmark = choice.benchmark;
  run.benchmarkEvidence = choice.evidence;
  run.partialReasons = incompletenessReasons({ ...facts, results: run.results, totals: run.totals, benchmark: run.benchmark });
  run.partial = run.partialReasons.length > 0;
}

/** Why a run cannot be taken as complete; empty when nothing is missing as far as we can tell. */
export function incompletenessReasons(input: CompletenessInput): string[] {
  const reasons: string[] = [];
  const grep = input.commands.find((c) => c.grepStatus !== null);
  if (grep) reasons.push(`the pasted command line (line ${grep.line}) filters the output with \`grep ${grep.grepStatus}\``);
  const statuses = new Set(input.results.map((r) => r.status));
  if (input.headerless) {
    if (statuses.size === 1 && statuses.has('FAIL')) {
      reasons.push('only FAIL lines and no banner, group headers or remediations: looks like a `grep FAIL` excerpt');
    } else if (statuses.size === 1) {
      reasons.push(`only ${[...statuses][0]} lines and no banner or group headers: looks like a filtered excerpt`);
    } else {
      reasons.push('no banner or group headers: looks like an excerpt of the output');
    }
  }
  if (input.totals) {
    const read = countStatuses(input.results);
    const differs = (['pass', 'fail', 'warn', 'info'] as const).filter((k) => input.totals![k] !== undefined && input.totals![k] !== read[k]);
    if (differs.length > 0) {
      const said = differs.map((k) => `${k.toUpperCase()}=${input.totals![k]}`).join(' ');
      const got = differs.map((k) => `${k.toUpperCase()}=${read[k]}`).join(' ');
      reasons.push(`the tool's summary counts ${said} but the results read give ${got} (filtered or cut-off output)`);
    }
  } else if (!input.headerless && !input.hasSummary) {
    reasons.push(input.tool === 'aqua-docker-bench' ? 'no `== Summary ==` block: the output looks cut off' : 'no summary block: the output may be cut off or printed with --nosummary');
  }
  if (input.commands.some((c) => c.selectsChecks)) reasons.push('the pasted command line selects checks with --check');
  if (input.benchmark !== null && !input.headerless) {
    if (input.tool === 'aqua-docker-bench') {
      const expected = dockerCheckCount(input.benchmark);
      if (expected !== null && input.results.length < expected * SELECTION_SHARE) {
        reasons.push(`only ${input.results.length} of the ${expected} checks of ${input.benchmark} are present (a --check selection?)`);
      }
    } else {
      const expected = kubeSectionCheckCounts(input.benchmark);
      if (expected !== null) {
        for (const s of input.sections) {
          const n = expected.get(s.id);
          if (n !== undefined && n > 0 && s.results < n * SELECTION_SHARE) {
            reasons.push(`section ${s.id} holds ${s.results} of the ${n} checks ${input.benchmark} defines for it (a --check/--group/--skip selection?)`);
          }
        }
      }
    }
  }
  return reasons;
}

function countStatuses(results: readonly Result[]): Required<Pick<ToolTotals, 'pass' | 'fail' | 'warn' | 'info'>> {
  const c = { pass: 0, fail: 0, warn: 0, info: 0 };
  for (const r of results) {
    if (r.status === 'PASS') c.pass++;
    else if (r.status === 'FAIL') c.fail++;
    else if (r.status === 'WARN') c.warn++;
    else if (r.status === 'INFO') c.info++;
  }
  return c;
}
