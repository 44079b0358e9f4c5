/**
 * no-new-privileges can be satisfied by the wrong thing (caveats.md C-16). Once the daemon
 * default is set (2.14), the per-container check (5.26) passes for every container
 * without looking at them, yet a container can still opt out with
 * `--security-opt no-new-privileges=false`. The pass stands, with a residual-risk note.
 */
import { label, note, type CaveatRule } from './rule.js';

export const noNewPrivilegesOptOut: CaveatRule = {
  id: 'no-new-privileges-opt-out',
  title: 'The per-container no-new-privileges check trusts the daemon default',
  catalogue: ['C-16'],
  appliesTo: (run) => run.tool === 'docker-bench-security' && run.status('daemon-no-new-privileges') === 'PASS',
  apply: (run) =>
    run
      .withConcept('container-no-new-privileges')
      .filter((d) => d.result.status === 'PASS')
      .map((d) =>
        note(
          d,
          `${label(d)} passes because the daemon default is set, without looking at the containers: a container started with ` +
            '`--security-opt no-new-privileges=false` still opts out. Residual risk: per-container opt-outs are not checked.',
        ),
      ),
};
