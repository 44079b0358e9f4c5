/**
 * Seccomp verdicts are ambiguous (caveats.md C-17). The daemon-wide seccomp check passes
 * when `docker info` shows the default profile and prints INFO in three different cases:
 * a stricter custom profile (what the control wants), a daemon-wide `unconfined`, or a
 * kernel without seccomp. INFO is a manual review with the command that tells them apart.
 */
import { label, note, type CaveatRule } from './rule.js';

export const seccompInfo: CaveatRule = {
  id: 'seccomp-info',
  title: 'INFO on the daemon seccomp check can mean stricter, unconfined or unsupported',
  catalogue: ['C-17'],
  appliesTo: (run) => run.tool === 'docker-bench-security' && run.status('daemon-seccomp') === 'INFO',
  apply: (run) =>
    run
      .withConcept('daemon-seccomp')
      .filter((d) => d.result.status === 'INFO')
      .map((d) =>
        note(
          d,
          `${label(d)} prints INFO for a stricter custom profile (good), for a daemon-wide "unconfined" (bad) and for a kernel without seccomp alike: ` +
            "confirm that `docker info --format '{{.SecurityOptions}}'` contains name=seccomp with the profile you expect.",
          'MANUAL_REVIEW',
        ),
      ),
};
