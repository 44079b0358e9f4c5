/**
 * Content trust (caveats.md C-05): check 4.5 reads `DOCKER_CONTENT_TRUST` from the
 * scanner's own environment. `sudo` resets the environment and the container form does
 * not forward it, so the check says nothing about the daemon, other users, CI or the
 * orchestrator's pulls. Docker is also retiring Docker Content Trust (Notary v1): the
 * Official Images' signing certificates expired on 2025-08-08, after which pulls with
 * DOCKER_CONTENT_TRUST=1 fail. A PASS is therefore UNVERIFIED; a WARN/FAIL becomes a
 * manual review that recommends image signing and verification that work today.
 */
import { label, note, type CaveatRule, type RuleEffect } from './rule.js';

export const contentTrust: CaveatRule = {
  id: 'content-trust-env',
  title: "Content trust is read from the scanner's own shell",
  catalogue: ['C-05'],
  appliesTo: (run) => run.isDocker && run.first('content-trust') !== undefined,
  apply(run) {
    const effects: RuleEffect[] = [];
    const form = run.facts.container === true
      ? ' The scanner ran as a container, which sees the variable only when started with `-e DOCKER_CONTENT_TRUST`.'
      : '';
    for (const d of run.withConcept('content-trust')) {
      if (d.result.status === 'PASS') {
        effects.push(
          note(
            d,
            `${label(d)} only shows that the scanning shell had DOCKER_CONTENT_TRUST=1; it says nothing about the daemon, other users, CI or ` +
              `orchestrator pulls (sudo drops the variable).${form} Docker Content Trust is also being retired: with it on, pulls of Docker ` +
              `Official Images fail since their signing certificates expired (2025-08-08). Verify image signatures another way.`,
            'UNVERIFIED',
          ),
        );
      } else if (d.result.status === 'WARN' || d.result.status === 'FAIL') {
        effects.push(
          note(
            d,
            `${label(d)} only read DOCKER_CONTENT_TRUST in the scanner's own shell, so it is no evidence either way about image verification.${form} ` +
              `Do not fix it with DOCKER_CONTENT_TRUST=1 (Notary v1 is being retired and breaks Official Image pulls); sign images with ` +
              `cosign or Notation and enforce verification where images are admitted (CI, registry policy, admission controller).`,
            'MANUAL_REVIEW',
          ),
        );
      }
    }
    return effects;
  },
};
