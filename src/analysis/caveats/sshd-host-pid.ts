/**
 * sshd seen through the host PID namespace (caveats.md C-07, C-22, 5.7). The check runs
 * `docker exec <c> ps -el` in every container; a container sharing the host PID namespace
 * lists the host's own processes, so it WARNs for the host's sshd. When every container
 * flagged is a host-PID one, the finding is UNVERIFIED. (The check also executes commands
 * inside the workloads, and images without `ps` always pass.)
 */
import { containerOfItem } from './scanner-container.js';
import { label, listOf, note, type CaveatRule } from './rule.js';

export const sshdHostPid: CaveatRule = {
  id: 'sshd-host-pid',
  title: 'The sshd check sees the host sshd from host-PID containers',
  catalogue: ['C-07', 'C-22'],
  appliesTo: (run) => run.tool === 'docker-bench-security' && run.status('sshd') === 'WARN' && run.first('host-pid') !== undefined,
  apply(run) {
    const hostPid = new Set(run.withConcept('host-pid').flatMap((d) => d.result.items.map(containerOfItem)));
    return run
      .withConcept('sshd')
      .filter((d) => d.result.status === 'WARN' && d.verdict === 'FINDING')
      .flatMap((d) => {
        const flagged = [...new Set(d.result.items.map(containerOfItem))];
        const viaHost = flagged.filter((n) => hostPid.has(n));
        if (viaHost.length === 0) return [];
        const message = `${listOf(viaHost)} share${viaHost.length === 1 ? 's' : ''} the host PID namespace, so the sshd ${label(d)} saw there may be the host's own.`;
        return [viaHost.length === flagged.length ? note(d, `${message} Unverified: check inside the container.`, 'UNVERIFIED') : note(d, message)];
      });
  },
};
