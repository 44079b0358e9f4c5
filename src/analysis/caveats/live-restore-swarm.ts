/**
 * Live restore versus swarm mode (caveats.md C-03): dockerd will not run swarm mode with
 * live-restore enabled. docker-bench-security therefore PASSes live restore on every swarm
 * node whatever it is set to (the text log adds "(Incompatible with swarm mode)"), and
 * aqua's split 2.13.a/b fails on every swarm node. On a swarm node the control does not
 * apply: availability comes from rescheduling services, and the check is no D mitigation.
 */
import { label, note, type CaveatRule } from './rule.js';

export const liveRestoreSwarm: CaveatRule = {
  id: 'live-restore-swarm',
  title: 'Live restore cannot be enabled on a swarm node',
  catalogue: ['C-03'],
  appliesTo: (run) => run.isDocker && run.first('live-restore') !== undefined,
  apply(run) {
    const swarm = run.swarm();
    const onSwarm = swarm === 'active' || swarm === 'manager' || swarm === 'worker';
    return run.withConcept('live-restore').flatMap((d) => {
      const suffix = d.result.runtimeSuffixes.some((s) => /incompatible with swarm/i.test(s));
      if (!onSwarm && !suffix) return [];
      return [
        note(
          d,
          `${label(d)}: this is a swarm node, and dockerd refuses live-restore together with swarm mode` +
            (d.result.status === 'PASS' ? ', so the scanner passes it whatever the setting' : '') +
            '. Not applicable: availability comes from swarm rescheduling services, not from live restore.',
          'NOT_APPLICABLE',
        ),
      ];
    });
  },
};
