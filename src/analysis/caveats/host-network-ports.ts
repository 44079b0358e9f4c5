/**
 * Host-network containers have no port mappings (caveats.md C-22, 5.8/5.9/5.14). The port
 * checks parse `docker port`, which is empty for a `--network host` container, so they
 * pass for it however many ports it opens on the host. When the host-network check lists
 * containers, a PASS of a port check did not cover them: UNVERIFIED.
 */
import { containerOfItem } from './scanner-container.js';
import { label, listOf, note, type CaveatRule } from './rule.js';

const PORT_CHECKS = new Set(['privileged-ports', 'open-ports', 'bind-interface']);

export const hostNetworkPorts: CaveatRule = {
  id: 'host-network-ports',
  title: 'Port checks cannot see host-network containers',
  catalogue: ['C-22'],
  appliesTo: (run) => run.tool === 'docker-bench-security' && run.withConcept('host-network').some((d) => d.result.items.length > 0),
  apply(run) {
    const hostNet = [...new Set(run.withConcept('host-network').flatMap((d) => d.result.items.map(containerOfItem)))].sort();
    return run.drafts
      .filter((d) => d.concept !== null && PORT_CHECKS.has(d.concept) && d.verdict !== 'NOT_ASSESSED')
      .map((d) => {
        const message = `${listOf(hostNet)} use${hostNet.length === 1 ? 's' : ''} the host network, which has no port mappings for ${label(d)} to inspect: its ports were not judged.`;
        return d.result.status === 'PASS' ? note(d, `${message} The pass covers the other containers only.`, 'UNVERIFIED') : note(d, message);
      });
  },
};
