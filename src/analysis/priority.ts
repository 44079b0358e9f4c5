/**
 * The hardening priority list: every FINDING of a run, most urgent first — by severity,
 * then by the weight of its primary STRIDE category, then by breadth (how many containers
 * or images it affects), then by printed id (numerically: 2.9 before 2.10), then by
 * position. It is the seed of the report's "harden these first" section.
 */
import type { AnalysedResult } from '../model/report.js';
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

/** Compare printed ids part by part, numbers numerically (`2.9` < `2.10`, `5.1` < `5.1.a`). */
export function compareIds(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = /^\d+$/.test(x) ? Number(x) : NaN;
    const ny = /^\d+$/.test(y) ? Number(y) : NaN;
    if (!Number.isNaN(nx) && !Number.isNaN(ny)) {
      if (nx !== ny) return nx - ny;
    } else if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
