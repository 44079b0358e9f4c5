/**
 * Swarm checks on a host that is not a swarm node (caveats.md C-25). docker-bench-security
 * PASSes every swarm check when swarm is inactive (the text log adds "(Swarm mode not
 * enabled)"), inflating the score with checks that looked at nothing; aqua's docker-bench
 * skips the whole group (INFO "Test marked as skip"). Either way the swarm controls are
 * NOT_APPLICABLE and count for no STRIDE category; "swarm mode is not enabled" itself is
 * SATISFIED.
 */
import { isSkipped } from '../run-view.js';
import { label, note, type CaveatRule, type RuleEffect } from './rule.js';

export const swarmInactive: CaveatRule = {
  id: 'swarm-inactive',
  title: 'Swarm checks pass or are skipped on a host without swarm',
  catalogue: ['C-25'],
  appliesTo: (run) => run.isDocker && run.swarm() === 'inactive',
  apply(run) {
    const effects: RuleEffect[] = [];
    for (const d of run.drafts) {
      const swarmCheck = d.area === 'swarm' || d.result.runtimeSuffixes.some((s) => /swarm mode not enabled/i.test(s));
      if (!swarmCheck) continue;
      if (d.concept === 'swarm-mode') {
        if (d.result.status === 'INFO' && isSkipped(d.result)) {
          effects.push(note(d, `${label(d)} was skipped because swarm is inactive, which is exactly what it asks for.`, 'SATISFIED'));
        }
        continue;
      }
      if (d.verdict === 'NOT_APPLICABLE') continue;
      const how = d.result.status === 'PASS' ? 'passes without looking at anything' : 'was skipped';
      effects.push(note(d, `${label(d)} ${how}: swarm mode is not enabled on this host, so the swarm controls do not apply.`, 'NOT_APPLICABLE'));
    }
    return effects;
  },
};
