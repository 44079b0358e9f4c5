/**
 * The docker.sock mount check is coarse (caveats.md C-22, 5.32). It greps each
 * container's mounts for `docker.sock`, so a mount of the whole /var/run or /run, a
 * containerd.sock mount or API access over a TCP DOCKER_HOST are missed. A PASS stays
 * SATISFIED with that residual risk noted.
 */
import { label, note, type CaveatRule } from './rule.js';

export const socketMount: CaveatRule = {
  id: 'socket-mount',
  title: 'The docker.sock mount check misses directory mounts and TCP access',
  catalogue: ['C-22'],
  appliesTo: (run) => run.tool === 'docker-bench-security' && run.status('docker-socket-mount') === 'PASS',
  apply: (run) =>
    run
      .withConcept('docker-socket-mount')
      .filter((d) => d.result.status === 'PASS' && d.verdict === 'SATISFIED')
      .map((d) =>
        note(d, `${label(d)} only greps mounts for "docker.sock": mounting all of /run or /var/run, containerd.sock, or API access over TCP are not detected.`),
      ),
};
