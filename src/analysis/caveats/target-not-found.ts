/**
 * "File not found" / "Directory not found" (caveats.md C-06, C-08): docker-bench-security
 * prints INFO when the file a check is about does not exist — `/etc/default/docker` on a
 * RHEL host, `/etc/sysconfig/docker` on Debian, a legacy shim. There is nothing to audit or
 * protect: NOT_APPLICABLE, not a manual review. aquasecurity/docker-bench FAILs the
 * daemon.json ownership and mode checks when the file is missing, which its own `.b`
 * checks show ("daemon.json: No such file or directory"): NOT_APPLICABLE as well. (Rules
 * further down the list revisit the socket and containerd files, whose absence can also
 * mean the scanner could not see them.)
 */
import { mentions } from '../run-view.js';
import { label, note, type CaveatRule } from './rule.js';

const NOT_FOUND = /^\s*(file|directory) not found\s*$/i;

export const targetNotFound: CaveatRule = {
  id: 'target-not-found',
  title: 'INFO "File not found" means the target does not exist',
  catalogue: ['C-06', 'C-08'],
  appliesTo: (run) => run.isDocker,
  apply(run) {
    if (run.tool === 'aqua-docker-bench') {
      const missing = run.drafts.some((d) => mentions(d.result, /daemon\.json: no such file or directory/i));
      if (!missing) return [];
      return run
        .withConcept('daemon-json-file')
        .filter((d) => d.result.status === 'FAIL')
        .map((d) => note(d, `${label(d)} fails because /etc/docker/daemon.json does not exist (other checks report it missing): nothing to protect.`, 'NOT_APPLICABLE'));
    }
    return run.drafts
      .filter((d) => d.result.status === 'INFO' && mentions(d.result, NOT_FOUND))
      .map((d) => note(d, `${label(d)}: the file or directory it is about does not exist on this host, so there is nothing to protect.`, 'NOT_APPLICABLE'));
  },
};
