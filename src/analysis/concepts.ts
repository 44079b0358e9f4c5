/**
 * What a printed check is about, independent of its id. Ids move between numberings (live
 * restore is 2.13, 2.14 or 2.15; section 5 shifted by one in docker-bench v1.6.1; aqua's
 * cis-1.6.0 prints 5.12 twice), but the wording of a check's title barely changes, so the
 * caveat rules recognise checks by normalised title, as caveats.md C-01 recommends. When a
 * result has no title (docker-bench's flat 2017 JSON), the control's own title and its
 * daemon.json key from the knowledge base are tried instead.
 */
import type { Control } from '../knowledge/types.js';

export type Concept =
  // Section 1: host
  | 'separate-partition'
  | 'host-hardened'
  | 'trusted-users'
  | 'audit-rule'
  | 'docker-up-to-date'
  // Section 2: daemon
  | 'rootless'
  | 'icc'
  | 'log-level'
  | 'iptables'
  | 'insecure-registries'
  | 'aufs'
  | 'daemon-tls'
  | 'default-ulimit'
  | 'userns-remap'
  | 'cgroup-parent'
  | 'storage-base-size'
  | 'authz-plugin'
  | 'remote-logging'
  | 'legacy-registry'
  | 'live-restore'
  | 'userland-proxy'
  | 'daemon-seccomp'
  | 'experimental'
  | 'daemon-no-new-privileges'
  // Section 3: files
  | 'tls-file'
  | 'docker-socket-file'
  | 'containerd-socket-file'
  | 'daemon-json-file'
  // Section 4: images
  | 'container-user'
  | 'content-trust'
  | 'image-healthcheck'
  | 'update-instructions'
  | 'copy-not-add'
  // Section 5: runtime
  | 'swarm-mode'
  | 'apparmor'
  | 'selinux'
  | 'capabilities'
  | 'privileged-containers'
  | 'sensitive-mounts'
  | 'sshd'
  | 'privileged-ports'
  | 'open-ports'
  | 'host-network'
  | 'memory-limit'
  | 'cpu-priority'
  | 'read-only-rootfs'
  | 'bind-interface'
  | 'restart-policy'
  | 'host-pid'
  | 'host-ipc'
  | 'host-devices'
  | 'runtime-ulimit'
  | 'mount-propagation'
  | 'host-uts'
  | 'container-seccomp'
  | 'exec-privileged'
  | 'exec-user'
  | 'container-cgroup'
  | 'container-no-new-privileges'
  | 'runtime-healthcheck'
  | 'latest-image'
  | 'pids-limit'
  | 'docker0-bridge'
  | 'host-userns'
  | 'docker-socket-mount'
  // Section 6: operations
  | 'image-sprawl'
  | 'container-sprawl'
  // Section 7: swarm
  | 'swarm-managers'
  | 'swarm-bind'
  | 'overlay-encryption'
  | 'swarm-secrets'
  | 'swarm-autolock'
  | 'swarm-autolock-rotation'
  | 'swarm-node-certs'
  | 'swarm-ca-certs'
  | 'swarm-plane-separation';

/**
 * Title patterns, most specific first (the first match wins). They run on the normalised
 * title (lower case, every non-alphanumeric run turned into one space), which is short and
 * bounded, and contain no nested quantifiers.
 */
const TITLE_PATTERNS: readonly (readonly [Concept, RegExp])[] = [
  // Swarm first: "swarm services are bound to a specific host interface" must not become bind-interface.
  ['swarm-mode', /swarm mode is not enabled|enable swarm mode/],
  ['swarm-managers', /number of manager nodes/],
  ['swarm-bind', /swarm services/],
  ['overlay-encryption', /overlay network/],
  ['swarm-secrets', /secret management commands/],
  ['swarm-autolock-rotation', /auto lock key/],
  ['swarm-autolock', /auto lock mode/],
  ['swarm-node-certs', /node certificates/],
  ['swarm-ca-certs', /ca certificates are rotated/],
  ['swarm-plane-separation', /management plane traffic/],
  // Section 1.
  ['audit-rule', /\baudit(ing)? (is configured|docker)|auditctl/],
  ['separate-partition', /separate partition/],
  ['host-hardened', /host has been hardened|harden the container host/],
  ['trusted-users', /trusted users/],
  ['docker-up-to-date', /docker is up to date|version of docker is up to date|keep docker up to date/],
  // Section 2.
  ['rootless', /non root user/],
  ['icc', /traffic is restricted between containers|restrict network traffic between containers/],
  ['log-level', /logging level/],
  ['iptables', /iptables/],
  ['insecure-registries', /insecure registr/],
  ['aufs', /\baufs\b/],
  ['daemon-tls', /tls authentication for docker daemon/],
  ['default-ulimit', /default ulimit is configured|set default ulimit/],
  ['runtime-ulimit', /ulimit is overwritten at runtime|override default ulimit/],
  ['userns-remap', /user namespace support/],
  ['cgroup-parent', /default cgroup usage/],
  ['container-cgroup', /cgroup usage is confirmed|confirm cgroup usage/],
  ['storage-base-size', /base device size/],
  ['authz-plugin', /authorization for docker client|authorization plugin/],
  ['remote-logging', /centralized and remote logging/],
  ['legacy-registry', /legacy registry/],
  ['live-restore', /live restore/],
  ['userland-proxy', /userland proxy/],
  ['daemon-seccomp', /daemon wide custom seccomp/],
  ['experimental', /experimental features/],
  ['daemon-no-new-privileges', /acquiring new privileges/],
  ['container-no-new-privileges', /acquiring additional privileges/],
  // Section 3.
  ['tls-file', /tls ca certificate file|server certificate|server key file/],
  ['containerd-socket-file', /containerd socket file/],
  ['docker-socket-file', /docker socket file/],
  ['daemon-json-file', /daemon json file/],
  // Section 4.
  ['container-user', /user for the container/],
  ['content-trust', /content trust/],
  ['image-healthcheck', /healthcheck instruction/],
  ['update-instructions', /update instructions/],
  ['copy-not-add', /copy (is used )?instead of add/],
  // Section 5.
  ['apparmor', /apparmor/],
  ['selinux', /selinux/],
  ['capabilities', /kernel capabilities/],
  ['privileged-containers', /privileged containers/],
  ['sensitive-mounts', /sensitive host system directories/],
  ['exec-privileged', /exec commands.* privileged option/],
  ['exec-user', /exec commands.* user/],
  ['sshd', /\bsshd? (is not run|within)|run ssh within/],
  ['privileged-ports', /privileged ports/],
  ['open-ports', /only needed ports/],
  ['host-network', /host s network namespace/],
  ['memory-limit', /memory usage/],
  ['cpu-priority', /cpu priority/],
  ['read-only-rootfs', /root filesystem/],
  ['bind-interface', /incoming container traffic/],
  ['restart-policy', /on failure/],
  ['host-pid', /host s process namespace/],
  ['host-ipc', /host s ipc namespace/],
  ['host-devices', /host devices/],
  ['mount-propagation', /mount propagation/],
  ['host-uts', /host s uts namespace/],
  ['container-seccomp', /default seccomp profile/],
  ['runtime-healthcheck', /health is checked at runtime|container health at runtime/],
  ['latest-image', /latest +version of/],
  ['pids-limit', /pids cgroup limit/],
  ['docker0-bridge', /default bridge docker0/],
  ['host-userns', /host s user namespace/],
  ['docker-socket-mount', /docker socket (is not )?mount|mount the docker socket/],
  // Section 6.
  ['image-sprawl', /image sprawl/],
  ['container-sprawl', /container sprawl/],
];

/** daemon.json keys of the knowledge base's fixes, for results without a printed title. */
const DAEMON_JSON_KEYS: Readonly<Record<string, Concept>> = {
  icc: 'icc',
  'log-level': 'log-level',
  iptables: 'iptables',
  'insecure-registries': 'insecure-registries',
  'storage-driver': 'aufs',
  tlsverify: 'daemon-tls',
  'default-ulimits': 'default-ulimit',
  'userns-remap': 'userns-remap',
  'cgroup-parent': 'cgroup-parent',
  'storage-opts': 'storage-base-size',
  'authorization-plugins': 'authz-plugin',
  'log-driver': 'remote-logging',
  'live-restore': 'live-restore',
  'userland-proxy': 'userland-proxy',
  'seccomp-profile': 'daemon-seccomp',
  experimental: 'experimental',
  'no-new-privileges': 'daemon-no-new-privileges',
};

/**
 * Control keys of the knowledge base (data/controls-docker.csv), for results without a
 * printed title. A renamed key only loses this fallback: titles still decide.
 */
const CONTROL_KEYS: Readonly<Record<string, Concept>> = {
  'docker.host.separate-partition': 'separate-partition',
  'docker.host.hardened': 'host-hardened',
  'docker.host.trusted-users': 'trusted-users',
  'docker.host.docker-up-to-date': 'docker-up-to-date',
  'docker.daemon.rootless': 'rootless',
  'docker.daemon.icc': 'icc',
  'docker.daemon.log-level': 'log-level',
  'docker.daemon.iptables': 'iptables',
  'docker.daemon.insecure-registries': 'insecure-registries',
  'docker.daemon.aufs': 'aufs',
  'docker.daemon.tls': 'daemon-tls',
  'docker.daemon.default-ulimit': 'default-ulimit',
  'docker.daemon.userns-remap': 'userns-remap',
  'docker.daemon.cgroup-parent': 'cgroup-parent',
  'docker.daemon.base-device-size': 'storage-base-size',
  'docker.daemon.authorization-plugin': 'authz-plugin',
  'docker.daemon.remote-logging': 'remote-logging',
  'docker.daemon.legacy-registry-v1': 'legacy-registry',
  'docker.daemon.live-restore': 'live-restore',
  'docker.daemon.userland-proxy': 'userland-proxy',
  'docker.daemon.seccomp-profile': 'daemon-seccomp',
  'docker.daemon.experimental': 'experimental',
  'docker.daemon.no-new-privileges': 'daemon-no-new-privileges',
  'docker.files.docker-sock-mode': 'docker-socket-file',
  'docker.files.docker-sock-owner': 'docker-socket-file',
  'docker.files.containerd-sock-mode': 'containerd-socket-file',
  'docker.files.containerd-sock-owner': 'containerd-socket-file',
  'docker.files.daemon-json-mode': 'daemon-json-file',
  'docker.files.daemon-json-owner': 'daemon-json-file',
  'docker.files.tls-ca-mode': 'tls-file',
  'docker.files.tls-ca-owner': 'tls-file',
  'docker.files.server-cert-mode': 'tls-file',
  'docker.files.server-cert-owner': 'tls-file',
  'docker.files.server-key-mode': 'tls-file',
  'docker.files.server-key-owner': 'tls-file',
  'docker.image.non-root-user': 'container-user',
  'docker.image.content-trust': 'content-trust',
  'docker.image.healthcheck': 'image-healthcheck',
  'docker.image.update-instructions': 'update-instructions',
  'docker.image.copy-not-add': 'copy-not-add',
  'docker.swarm.mode': 'swarm-mode',
  'docker.container.apparmor': 'apparmor',
  'docker.container.selinux': 'selinux',
  'docker.container.capabilities': 'capabilities',
  'docker.container.privileged': 'privileged-containers',
  'docker.container.sensitive-mounts': 'sensitive-mounts',
  'docker.container.no-sshd': 'sshd',
  'docker.container.privileged-ports': 'privileged-ports',
  'docker.container.needed-ports': 'open-ports',
  'docker.container.host-network': 'host-network',
  'docker.container.memory-limit': 'memory-limit',
  'docker.container.cpu-priority': 'cpu-priority',
  'docker.container.read-only-rootfs': 'read-only-rootfs',
  'docker.container.bind-host-interface': 'bind-interface',
  'docker.container.restart-policy': 'restart-policy',
  'docker.container.host-pid': 'host-pid',
  'docker.container.host-ipc': 'host-ipc',
  'docker.container.host-devices': 'host-devices',
  'docker.container.ulimit-override': 'runtime-ulimit',
  'docker.container.mount-propagation': 'mount-propagation',
  'docker.container.host-uts': 'host-uts',
  'docker.container.seccomp': 'container-seccomp',
  'docker.container.exec-privileged': 'exec-privileged',
  'docker.container.exec-user-root': 'exec-user',
  'docker.container.cgroup-parent': 'container-cgroup',
  'docker.container.no-new-privileges': 'container-no-new-privileges',
  'docker.container.health-check': 'runtime-healthcheck',
  'docker.container.latest-image': 'latest-image',
  'docker.container.pids-limit': 'pids-limit',
  'docker.container.default-bridge': 'docker0-bridge',
  'docker.container.host-userns': 'host-userns',
  'docker.container.docker-socket-mount': 'docker-socket-mount',
  'docker.ops.image-sprawl': 'image-sprawl',
  'docker.ops.container-sprawl': 'container-sprawl',
  'docker.swarm.manager-count': 'swarm-managers',
  'docker.swarm.bind-interface': 'swarm-bind',
  'docker.swarm.overlay-encryption': 'overlay-encryption',
  'docker.swarm.secrets': 'swarm-secrets',
  'docker.swarm.autolock': 'swarm-autolock',
  'docker.swarm.autolock-key-rotation': 'swarm-autolock-rotation',
  'docker.swarm.node-cert-rotation': 'swarm-node-certs',
  'docker.swarm.ca-cert-rotation': 'swarm-ca-certs',
  'docker.swarm.plane-separation': 'swarm-plane-separation',
};

/** Longest title we look at: real titles are under 200 characters; lines may be 1 MB. */
const MAX_TITLE = 400;

/**
 * Lower case, every run of characters other than a–z/0–9 as one space, a leading printed
 * id (`1.1.12 Ensure …`) dropped. Linear in the input.
 */
export function normalizeTitle(title: string): string {
  const lower = title.slice(0, MAX_TITLE).toLowerCase();
  let out = '';
  let gap = false;
  for (const ch of lower) {
    const alnum = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
    if (alnum) {
      if (gap && out.length > 0) out += ' ';
      out += ch;
      gap = false;
    } else gap = true;
  }
  // "1 1 12 ensure auditing …": drop the number groups of a repeated id.
  const words = out.split(' ');
  let start = 0;
  while (start < words.length - 1 && /^\d+$/.test(words[start]!)) start++;
  return words.slice(start).join(' ');
}

/** The concept a title names, or null. */
export function conceptOfTitle(title: string): Concept | null {
  const normal = normalizeTitle(title);
  if (normal === '') return null;
  for (const [concept, pattern] of TITLE_PATTERNS) if (pattern.test(normal)) return concept;
  return null;
}

/** The concept of a printed result: its title first, then what the knowledge base says about its control. */
export function conceptOf(title: string, control: Control | null): Concept | null {
  const byTitle = conceptOfTitle(title);
  if (byTitle !== null || control === null) return byTitle;
  if (CONTROL_KEYS[control.key] !== undefined) return CONTROL_KEYS[control.key]!;
  if (control.key.startsWith('docker.host.audit-')) return 'audit-rule';
  const byControlTitle = conceptOfTitle(control.title);
  if (byControlTitle !== null) return byControlTitle;
  const key = control.fix?.daemonJson?.key;
  return key !== undefined ? (DAEMON_JSON_KEYS[key] ?? null) : null;
}
