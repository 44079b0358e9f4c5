/**
 * aquasecurity's tools print INFO with the reason "Test marked as skip" for checks they
 * did not run (a `type: skip` check, or a group whose constraint was not met). Skipped is
 * not judged: NOT_ASSESSED. The swarm group, skipped exactly when swarm is inactive, is
 * refined to NOT_APPLICABLE by the swarm-inactive rule.
 */
import { isSkipped } from '../run-view.js';
import { label, note, type CaveatRule } from './rule.js';

export const skippedCheck: CaveatRule = {
  id: 'skipped-check',
  title: 'INFO "Test marked as skip" is a check that did not run',
  catalogue: ['C-25'],
  appliesTo: (run) => run.tool !== 'docker-bench-security',
  apply: (run) =>
    run.drafts
      .filter((d) => d.result.status === 'INFO' && isSkipped(d.result))
      .map((d) => note(d, `${label(d)} was skipped by the scanner ("Test marked as skip"): it did not run.`, 'NOT_ASSESSED')),
};
