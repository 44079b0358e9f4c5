/**
 * Host checks with narrow semantics (caveats.md C-20).
 * - "Only trusted users control the daemon" prints INFO with the docker group's members
 *   unless the scanner was given a trusted list: a manual review of those names, each of
 *   whom is effectively root on the host.
 * - "Separate partition for containers" passes only when the Docker data root itself is a
 *   mount point; a separate /var partition (from the facts) WARNs but contains the growth:
 *   one severity step lower.
 */
import { label, note, type CaveatRule, type RuleEffect } from './rule.js';

export const hostChecks: CaveatRule = {
  id: 'host-checks',
  title: 'The trusted-users and partition checks are narrower than their titles',
  catalogue: ['C-20'],
  appliesTo: (run) => run.tool === 'docker-bench-security' && (run.first('trusted-users') !== undefined || run.first('separate-partition') !== undefined),
  apply(run) {
    const effects: RuleEffect[] = [];
    for (const d of run.withConcept('trusted-users')) {
      if (d.result.status !== 'INFO') continue;
      const names = groupMembers(d.result.details, d.result.items);
      effects.push(
        note(
          d,
          `${label(d)} lists the docker group instead of judging it${names ? `: ${names}` : ''}. Every member can start a privileged container, ` +
            'i.e. is effectively root on the host: review each name (or run the scanner with -u and the trusted list).',
          'MANUAL_REVIEW',
        ),
      );
    }
    if (run.facts.separateVarPartition === true) {
      for (const d of run.withConcept('separate-partition')) {
        if (d.result.status !== 'WARN') continue;
        effects.push(note(d, `${label(d)} only accepts the Docker data root as its own mount point; /var is on its own partition here (from the facts), which already contains the growth.`, undefined, -1));
      }
    }
    return effects;
  },
};

function groupMembers(details: readonly string[], items: readonly string[]): string | null {
  for (const detail of details) {
    const m = /users:\s*(.{1,500})$/i.exec(detail.trim());
    if (m) return m[1]!.trim();
  }
  return items.length > 0 ? items.join(', ') : null;
}
