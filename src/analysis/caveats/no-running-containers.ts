/**
 * No running containers (caveats.md C-04): docker-bench-security skips every runtime
 * check when no container runs (the ids are simply absent, the text log says "No
 * containers running, skipping Section 5"), and aquasecurity/docker-bench runs them over
 * an empty list (its `docker inspect` errors out, or the check passes vacuously). However
 * quiet section 5 looks, the runtime posture is unknown: every runtime result (and 4.1,
 * which looks at running containers too) is NOT_ASSESSED, and the run says so.
 */
import { label, note, runNote, type CaveatRule, type RuleEffect } from './rule.js';

export const noRunningContainers: CaveatRule = {
  id: 'no-running-containers',
  title: 'With no running containers, section 5 is not assessed however quiet it looks',
  catalogue: ['C-04'],
  appliesTo: (run) => run.isDocker && run.runningContainers() === 0,
  apply(run) {
    const effects: RuleEffect[] = [
      runNote(
        'No containers were running when the scanner ran, so the container runtime checks (section 5) judged nothing: the runtime posture is unknown, not clean. Re-run with the workloads up.',
        'Container runtime (section 5): no containers were running, so no runtime check was assessed.',
      ),
    ];
    for (const d of run.drafts) {
      const runtime = d.area === 'runtime' && d.concept !== 'swarm-mode';
      if (!runtime && d.concept !== 'container-user') continue;
      if (d.verdict === 'NOT_ASSESSED') continue;
      effects.push(note(d, `${label(d)} looks at running containers, and none were running: not assessed (whatever the raw ${d.result.status} says).`, 'NOT_ASSESSED'));
    }
    return effects;
  },
};
