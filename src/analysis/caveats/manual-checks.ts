/**
 * Manual and not-scored checks (caveats.md C-08). The raw status of a check the scanner
 * never judged looks like a verdict but is not one:
 * - aquasecurity's docker-bench and kube-bench print WARN for every `type: manual` check
 *   without running it (and for unscored checks whose test failed);
 * - docker-bench-security prints NOTE/INFO for checks it does not judge (MANUAL_REVIEW
 *   from the raw status already), WARNs 5.9 for any published port, and lists under
 *   5.19 the containers *without* a ulimit override, which is the recommended state.
 */
import { DID_NOT_RUN } from './audit-did-not-run.js';
import { label, note, type CaveatRule, type RuleEffect } from './rule.js';
import type { DraftResult } from '../run-view.js';

export const manualChecks: CaveatRule = {
  id: 'manual-check',
  title: 'Manual and not-scored checks print statuses that are not verdicts',
  catalogue: ['C-08'],
  appliesTo: (run) => run.drafts.some((d) => d.result.status === 'WARN' || d.result.status === 'INFO'),
  apply(run) {
    const effects: RuleEffect[] = [];
    for (const d of run.drafts) {
      const r = d.result;
      if (run.tool !== 'docker-bench-security') {
        if (r.status !== 'WARN' || d.verdict !== 'FINDING') continue;
        // A test that could not run at all is the audit-did-not-run rule's business.
        if (r.reason !== null && DID_NOT_RUN.test(r.reason)) continue;
        if (wasEvaluated(d)) {
          effects.push(note(d, `${label(d)} is an unscored check whose test failed (the scanner prints WARN instead of FAIL for those): a finding of lower weight.`));
        } else {
          const why = r.checkType === 'manual' || (r.reason !== null && /manual test/i.test(r.reason))
            ? 'is a manual check: the scanner prints WARN without running anything'
            : 'was not judged by the scanner: its WARN marks a manual or not-scored check, not a failed test';
          effects.push(note(d, `${label(d)} ${why}. Review it by hand.`, 'MANUAL_REVIEW'));
        }
        continue;
      }
      if (d.concept === 'runtime-ulimit' && r.status === 'INFO') {
        effects.push(note(d, `${label(d)} lists the containers that do NOT override the default ulimit, which is the recommended state; the list is informational.`, 'SATISFIED'));
      } else if (d.concept === 'open-ports' && r.status === 'WARN') {
        effects.push(note(d, `${label(d)} WARNs for any published port; decide which of the listed ports are needed (a manual check in CIS).`, 'MANUAL_REVIEW'));
      }
    }
    return effects;
  },
};

/** An aqua/kube WARN that comes from a test that ran: JSON `type` empty with an expected result or audit output. */
function wasEvaluated(d: DraftResult): boolean {
  const r = d.result;
  if (r.checkType === 'manual' || r.checkType === 'skip') return false;
  if (r.reason !== null && /manual test/i.test(r.reason)) return false;
  return (r.expected !== null && r.expected !== '') || r.auditOutput.some((l) => l.trim() !== '');
}
