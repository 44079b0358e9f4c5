/**
 * The hardening priority list: every FINDING of a run, most urgent first — by severity,
 * then by the weight of its primary STRIDE category, then by breadth (how many containers
 * or images it affects), then by printed id (numerically: 2.9 before 2.10), then by
 * position — except that a daemon default that fixes a per-container check goes right before
 * it, at the better rank of the two.
 * It is the seed of the report's "harden these first" section.
 */
import type { AnalysedResult } from '../model/report.js';
import { compareIds } from '../model/ids.js';
import { severityRank, STRIDE_WEIGHT } from './severity.js';

/**
 * Per-container checks that a daemon-wide default fixes for every container at once: when
 * both are findings, changing the daemon is the one change, so it comes first and the
 * container check right after it, at the better rank of the two. (Other pairs are not fixes of each other: a daemon
 * seccomp profile or user-namespace remapping does not undo a container run unconfined or
 * with `--userns=host`.)
 */
const FIXED_BY_DAEMON_DEFAULT: Readonly<Record<string, string>> = {
  'docker.container.no-new-privileges': 'docker.daemon.no-new-privileges',
};

export function prioritise(results: readonly AnalysedResult[], affected: (index: number) => number): number[] {
  const findings = results.map((r, i) => i).filter((i) => results[i]!.verdict === 'FINDING');
  const ranked = rank(results, findings, affected);
  const byControl = new Map(ranked.map((i) => [results[i]!.control, i]));
  const daemonOf = new Map<number, number>();
  const followers = new Map<number, number[]>();
  for (const i of ranked) {
    const daemon = byControl.get(FIXED_BY_DAEMON_DEFAULT[results[i]!.control ?? ''] ?? '');
    if (daemon === undefined) continue;
    daemonOf.set(i, daemon);
    followers.set(daemon, [...(followers.get(daemon) ?? []), i]);
  }
  // The pair takes the better rank of the two: fixing the daemon removes the container's risk too.
  const out: number[] = [];
  const placed = new Set<number>();
  for (const i of ranked) {
    const lead = daemonOf.get(i) ?? i;
    if (placed.has(lead)) continue;
    for (const j of [lead, ...(followers.get(lead) ?? [])]) {
      out.push(j);
      placed.add(j);
    }
  }
  return out;
}

function rank(results: readonly AnalysedResult[], findings: number[], affected: (index: number) => number): number[] {
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
