/**
 * The restart-policy check does not check the policy (caveats.md C-22, 5.15). Since
 * docker-bench-security v1.6.1 it WARNs only when MaximumRetryCount is above 5, so
 * `always`, `unless-stopped` and `no` (count 0) all pass; earlier releases WARN unless the
 * count is exactly 5. A PASS does not mean `on-failure:5`: UNVERIFIED.
 */
import { label, note, type CaveatRule } from './rule.js';

export const restartPolicy: CaveatRule = {
  id: 'restart-policy',
  title: 'The on-failure restart check passes for any policy with few retries',
  catalogue: ['C-22'],
  appliesTo: (run) => run.tool === 'docker-bench-security' && run.status('restart-policy') === 'PASS',
  apply: (run) =>
    run
      .withConcept('restart-policy')
      .filter((d) => d.result.status === 'PASS' && d.verdict === 'SATISFIED')
      .map((d) =>
        note(
          d,
          `${label(d)} only compares the retry count, not the policy name: \`always\`, \`unless-stopped\` and \`no\` pass too. ` +
            "Unverified; check `docker inspect -f '{{.HostConfig.RestartPolicy}}'`.",
          'UNVERIFIED',
        ),
      ),
};
