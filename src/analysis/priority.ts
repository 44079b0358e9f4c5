/**
 * The hardening priority list: every FINDING of a run, most urgent first — by severity,
 * then by the weight of its primary STRIDE category, then by breadth (how many containers
 * or images it affects), then by printed id (numerically: 2.9 before 2.10), then by
 * position. It is the seed of the report's "harden these first" section.
 */
import type { AnalysedResult } from '../model/report.js';
import { compareIds } from '../model/ids.js';
import { severityRank, STRIDE_WEIGHT } from './severity.js';

export function prioritise(results: readonly AnalysedResult[], affected: (index: number) => number): number[] {
  const findings = results.map((r, i) => i).filter((i) => results[i]!.verdict === 'FINDING');
  return findings.sort((a, b) => {
    const ra = results[a]!;
    const rb = results[b]!;
    return (
      severityRank(ra.severity) - severityRank(rb.severity) ||
      strideWeight(rb) - strideWeight(ra) ||
      affected(b) - affected(a) ||
      compareIds(ra.id, rb.id) ||
      a - b
    );
  });
}

function strideWeight(result: AnalysedResult): number {
  const primary = result.stride[0];
  return primary === undefined ? 0 : STRIDE_WEIGHT[primary];
}
