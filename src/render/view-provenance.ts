/** The provenance part of the report view: the input, each run's tool and numbering evidence, the generator, the warnings. */
import type { AnalysedReport } from '../model/report.js';
import { benchmarkLabel, formatSize, plural, TOOL_LABELS } from './view-common.js';
import type { ProvenanceView } from './view-model.js';

export function buildProvenance(report: AnalysedReport): ProvenanceView {
  const input = report.input;
  return {
    input: {
      ...input,
      sizeText: formatSize(input.size),
      selectionText:
        input.selection === 'all'
          ? `all ${plural(input.runCount, 'run')}`
          : `run ${input.selection.join(', ')} of ${input.runCount}`,
    },
    runs: report.runs.map((run) => ({
      index: run.index,
      toolLabel: TOOL_LABELS[run.tool] ?? run.tool,
      toolVersion: run.toolVersion,
      benchmark: run.benchmark,
      benchmarkLabel: benchmarkLabel(run.benchmark),
      benchmarkEvidence: run.benchmarkEvidence,
      lines: run.lines ? `${run.lines.first}–${run.lines.last}` : null,
      startedAtRaw: run.startedAtRaw,
    })),
    generator: { ...report.generator },
    schemaVersion: report.schemaVersion,
    generatedAt: report.generatedAt,
    warnings: report.warnings.map((w) => ({ line: w.line, code: w.code, message: w.message })),
  };
}
