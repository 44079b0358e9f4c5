/**
 * Developer script: (re)build data/ids-docker.csv from the scanners' check catalogues
 * and the concept table below.
 *
 *   npx tsc -p tsconfig.json && node dist/src/knowledge/generate-ids.js [REFERENCE_DIR]
 *
 * REFERENCE_DIR holds docker-bench-security/checks.json and aqua-docker-bench/checks.json
 * (default: ../shared/reference next to the project). The committed CSV stays the source of
 * truth: this script only saves typing it, and refuses to write when a title matches no
 * concept or more than one, so a new scanner release cannot be mapped by accident.
 *
 * Concepts are recognised by title, never by id, because ids move between releases
 * (live restore is 2.13, 2.14 or 2.15) while the wording of a control barely changes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AQUA_NUMBERINGS, DBS_NUMBERINGS } from '../model/benchmarks.js';
import { PROJECT_ROOT } from '../version.js';
import { compareIds } from '../model/ids.js';
import { normalizeTitle } from './normalize.js';
import { formatCsv } from './csv-format.js';
import { DBS_REF_NUMBERING } from '../model/benchmarks.js';

/**
 * One concept: its stable key and the title shapes that mean it. A shape is a list of
 * fragments that must all occur in ` <normalized title> $` (so `' runc $'` means "ends
 * with runc"); `not` fragments must not occur.
 */
interface Concept {
  key: string;
  shapes: string[][];
  not?: string[];
}

const c = (key: string, shapes: string[][], not?: string[]): Concept => ({ key, shapes, not });

export const CONCEPTS: readonly Concept[] = [
  // Section 1: host
  c('docker.host.separate-partition', [['separate partition']]),
  c('docker.host.trusted-users', [['trusted users']]),
  c('docker.host.hardened', [['host has been hardened'], ['harden the container host']]),
  c('docker.host.docker-up-to-date', [['up to date']]),
  c('docker.host.kernel-up-to-date', [['updated linux kernel']]),
  c('docker.host.non-essential-services', [['non essential services']]),
  c('docker.host.audit-dockerd', [['audit docker daemon'], ['auditing', 'for the docker daemon $']]),
  c('docker.host.audit-run-containerd', [['audit', ' run containerd $']]),
  c('docker.host.audit-var-lib-docker', [['audit', ' var lib docker $']]),
  c('docker.host.audit-etc-docker', [['audit', ' etc docker $']]),
  c('docker.host.audit-docker-service', [['audit', ' docker.service $']]),
  c('docker.host.audit-containerd-sock', [['audit', ' containerd.sock $']]),
  c('docker.host.audit-docker-socket', [['audit', ' docker.socket $']]),
  c('docker.host.audit-etc-default-docker', [['audit', ' etc default docker $']]),
  c('docker.host.audit-daemon-json', [['audit', ' daemon.json $']]),
  c('docker.host.audit-containerd-config', [['audit', ' config.toml $']]),
  c('docker.host.audit-etc-sysconfig-docker', [['audit', ' etc sysconfig docker $']]),
  c('docker.host.audit-containerd', [['audit', ' bin containerd $'], ['audit', ' docker containerd $']]),
  c('docker.host.audit-containerd-shim', [['audit', ' containerd shim $']]),
  c('docker.host.audit-containerd-shim-runc-v1', [['audit', ' shim runc v1 $']]),
  c('docker.host.audit-containerd-shim-runc-v2', [['audit', ' shim runc v2 $']]),
  c('docker.host.audit-runc', [['audit', ' runc $']]),
  // Section 2: daemon
  c('docker.daemon.rootless', [['daemon as a non root user']]),
  c('docker.daemon.icc', [['network traffic', 'between containers']]),
  c('docker.daemon.log-level', [['logging level']]),
  c('docker.daemon.iptables', [['iptables']]),
  c('docker.daemon.insecure-registries', [['insecure registries']]),
  c('docker.daemon.aufs', [['aufs']]),
  c('docker.daemon.tls', [['tls authentication']]),
  c('docker.daemon.default-ulimit', [['default ulimit']], ['runtime']),
  c('docker.daemon.userns-remap', [['user namespace support']]),
  c('docker.daemon.cgroup-parent', [['default cgroup usage']]),
  c('docker.daemon.base-device-size', [['base device size']]),
  c('docker.daemon.authorization-plugin', [['authorization plugin'], ['authorization for docker client commands']]),
  c('docker.daemon.remote-logging', [['centralized and remote logging']]),
  c('docker.daemon.no-new-privileges', [['acquiring new privileges']]),
  c('docker.daemon.live-restore', [['live restore']]),
  c('docker.daemon.userland-proxy', [['userland proxy']]),
  c('docker.daemon.seccomp-profile', [['daemon wide', 'seccomp profile']]),
  c('docker.daemon.experimental', [['experimental features']]),
  c('docker.daemon.legacy-registry-v1', [['legacy registry']]),
  // Section 3: daemon files
  c('docker.files.docker-service-owner', [['docker.service file', 'ownershi']]),
  c('docker.files.docker-service-mode', [['docker.service file', 'permissions']]),
  c('docker.files.docker-socket-unit-owner', [['docker.socket file', 'ownershi']]),
  c('docker.files.docker-socket-unit-mode', [['docker.socket file', 'permissions']]),
  c('docker.files.etc-docker-owner', [['etc docker directory', 'ownershi']]),
  c('docker.files.etc-docker-mode', [['etc docker directory', 'permissions']]),
  c('docker.files.registry-certs-owner', [['registry certificate file', 'ownershi']]),
  c('docker.files.registry-certs-mode', [['registry certificate file', 'permissions']]),
  c('docker.files.tls-ca-owner', [['tls ca certificate file', 'ownershi']]),
  c('docker.files.tls-ca-mode', [['tls ca certificate file', 'permissions']]),
  c('docker.files.server-cert-owner', [['server certificate file', 'ownershi']]),
  c('docker.files.server-cert-mode', [['server certificate file', 'permissions']]),
  c('docker.files.server-key-owner', [['server certificate key file', 'ownershi'], ['server key file', 'ownershi']]),
  c('docker.files.server-key-mode', [['server certificate key file', 'permissions'], ['server key file', 'permissions']]),
  c('docker.files.docker-sock-owner', [['docker socket file', 'ownershi']]),
  c('docker.files.docker-sock-mode', [['docker socket file', 'permissions']]),
  c('docker.files.daemon-json-owner', [['daemon.json file', 'ownershi']]),
  c('docker.files.daemon-json-mode', [['daemon.json file', 'permissions']]),
  c('docker.files.etc-default-docker-owner', [['etc default docker file', 'ownershi']]),
  c('docker.files.etc-default-docker-mode', [['etc default docker file', 'permissions']]),
  c('docker.files.etc-sysconfig-docker-owner', [['etc sysconfig docker file', 'ownershi']]),
  c('docker.files.etc-sysconfig-docker-mode', [['etc sysconfig docker file', 'permissions']]),
  c('docker.files.containerd-sock-owner', [['containerd socket file', 'ownershi']]),
  c('docker.files.containerd-sock-mode', [['containerd socket file', 'permissions']]),
  // Section 4: images and build files
  c('docker.image.non-root-user', [['user for the container']]),
  c('docker.image.trusted-base-images', [['trusted base images']]),
  c('docker.image.minimal-packages', [['unnecessary packages']]),
  c('docker.image.scan-and-rebuild', [['scanned and rebuilt'], ['scan and rebuild']]),
  c('docker.image.content-trust', [['content trust']]),
  c('docker.image.healthcheck', [['healthcheck instruction']]),
  c('docker.image.update-instructions', [['update instructions']]),
  c('docker.image.setuid-setgid', [['setuid and setgid']]),
  c('docker.image.copy-not-add', [['copy', 'instead of add']]),
  c('docker.image.no-secrets', [['secrets', 'dockerfile']]),
  c('docker.image.verified-packages', [['verified packages']]),
  c('docker.image.signed-artifacts', [['signed artifacts']]),
  // Section 5: container runtime
  c('docker.container.apparmor', [['apparmor']]),
  c('docker.container.selinux', [['selinux']]),
  c('docker.container.capabilities', [['linux kernel capabilities']]),
  c('docker.container.cap-dac-read-search', [['cap dac read search']]),
  c('docker.container.cap-sys-module', [['cap sys module']]),
  c('docker.container.cap-sys-admin', [['cap sys admin']]),
  c('docker.container.cap-sys-ptrace', [['cap sys ptrace']]),
  c('docker.container.privileged', [['privileged containers']]),
  c('docker.container.sensitive-mounts', [['sensitive host system directories']]),
  c('docker.container.no-sshd', [[' ssh ', 'within containers'], [' sshd ', 'within containers']]),
  c('docker.container.privileged-ports', [['privileged ports']]),
  c('docker.container.needed-ports', [['needed ports']]),
  c('docker.container.host-network', [['host s network namespace']]),
  c('docker.container.memory-limit', [['memory usage']]),
  c('docker.container.cpu-priority', [['cpu priority']]),
  c('docker.container.read-only-rootfs', [['root filesystem', 'read only']]),
  c('docker.container.bind-host-interface', [['incoming container traffic']]),
  c('docker.container.restart-policy', [['on failure', 'restart policy']]),
  c('docker.container.host-pid', [['host s process namespace']]),
  c('docker.container.host-ipc', [['host s ipc namespace']]),
  c('docker.container.host-devices', [['host devices']]),
  c('docker.container.ulimit-override', [['ulimit', 'runtime']]),
  c('docker.container.mount-propagation', [['mount propagation']]),
  c('docker.container.host-uts', [['host s uts namespace']]),
  c('docker.container.seccomp', [['default seccomp profile']]),
  c('docker.container.exec-privileged', [['exec commands', 'privileged']]),
  c('docker.container.exec-user-root', [['exec commands', 'user']]),
  c('docker.container.cgroup-parent', [['cgroup usage']], ['default cgroup']),
  c('docker.container.no-new-privileges', [['acquiring additional privileges']]),
  c('docker.container.health-check', [['container health']]),
  c('docker.container.latest-image', [['latest version of']]),
  c('docker.container.pids-limit', [['pids cgroup limit']]),
  c('docker.container.default-bridge', [['docker0']]),
  c('docker.container.host-userns', [['host s user namespaces']]),
  c('docker.container.docker-socket-mount', [['socket', 'inside any containers']]),
  // Section 6: security operations
  c('docker.ops.image-sprawl', [['image sprawl']]),
  c('docker.ops.container-sprawl', [['container sprawl']]),
  c('docker.ops.security-audits', [['regular security audits']]),
  c('docker.ops.monitoring', [['monitor docker containers usage']]),
  c('docker.ops.backup', [['backup container data']]),
  // Section 7 (and swarm mode, wherever it is numbered)
  c('docker.swarm.mode', [['swarm mode']]),
  c('docker.swarm.manager-count', [['manager nodes']]),
  c('docker.swarm.bind-interface', [['swarm services', 'specific host interface']]),
  c('docker.swarm.overlay-encryption', [['overlay network']]),
  c('docker.swarm.secrets', [['secret management']]),
  c('docker.swarm.autolock', [['auto lock mode']]),
  c('docker.swarm.autolock-key-rotation', [['auto lock key']]),
  c('docker.swarm.node-cert-rotation', [['node certificates']]),
  c('docker.swarm.ca-cert-rotation', [['ca certificates', 'rotated']]),
  c('docker.swarm.plane-separation', [['management plane']]),
  // Section 8: Docker Enterprise (UCP/DTR)
  c('docker.enterprise.ldap', [['ldap']]),
  c('docker.enterprise.external-certificates', [['external certificates']]),
  c('docker.enterprise.client-cert-bundles', [['client certificate bundles']]),
  c('docker.enterprise.rbac', [['role based access control']]),
  c('docker.enterprise.signed-image-enforcement', [['signed image enforcement']]),
  c('docker.enterprise.session-limit', [['session limit']]),
  c('docker.enterprise.session-lifetime', [['lifetime minutes']]),
  c('docker.enterprise.image-scanning', [['image vulnerability scanning']]),
  // Community checks
  c('docker.community.example', [['example check']]),
];

/**
 * Ids whose title says one control but whose test checks another. aqua's cis-1.0/ocp-3.9
 * 5.25.b is titled like the per-container check but greps daemon.json for the daemon-wide
 * default, so its fix is the daemon's.
 */
const BY_ID: Readonly<Record<string, string>> = {
  'aqua-docker-bench|aqua-cis-1.0|5.25.b': 'docker.daemon.no-new-privileges',
  'aqua-docker-bench|aqua-ocp-3.9|5.25.b': 'docker.daemon.no-new-privileges',
};

export interface IdRow {
  tool: string;
  benchmark: string;
  id: string;
  key: string;
  title: string;
}

export { DBS_REF_NUMBERING };

/** Strip the CIS assessment suffix the catalogue keeps in some titles. */
export function withoutAssessment(title: string): string {
  const t = title.trim();
  for (const suffix of ['(Scored)', '(Not Scored)', '(Automated)', '(Manual)']) {
    if (t.endsWith(suffix)) return t.slice(0, -suffix.length).trim();
  }
  return t;
}

/** The key a title means, or an error message when it matches no concept or several. */
export function conceptFor(title: string): { key: string } | { error: string } {
  const haystack = ` ${normalizeTitle(title)} $`;
  const hits = CONCEPTS.filter(
    (concept) =>
      concept.shapes.some((shape) => shape.every((fragment) => haystack.includes(fragment))) &&
      !(concept.not ?? []).some((fragment) => haystack.includes(fragment)),
  );
  if (hits.length === 1) return { key: hits[0]!.key };
  if (hits.length === 0) return { error: `no concept matches "${title}"` };
  return { error: `"${title}" matches several concepts: ${hits.map((h) => h.key).join(', ')}` };
}

interface DbsCatalogue {
  [ref: string]: { checks: Record<string, { title: string | null; title_without_suffix?: string }> };
}
interface AquaCatalogue {
  [folder: string]: Record<string, { text: string }>;
}

export function buildIdRows(dbs: DbsCatalogue, aqua: AquaCatalogue): { rows: IdRow[]; errors: string[] } {
  const rows = new Map<string, IdRow>();
  const errors: string[] = [];
  const add = (tool: string, benchmark: string, id: string, rawTitle: string, where: string) => {
    const title = withoutAssessment(rawTitle);
    const forced = BY_ID[`${tool}|${benchmark}|${id}`];
    const found = forced ? { key: forced } : conceptFor(title);
    if ('error' in found) {
      errors.push(`${where}: ${found.error}`);
      return;
    }
    const rowKey = `${tool}|${benchmark}|${id}|${found.key}`;
    const existing = rows.get(rowKey);
    if (existing && existing.title !== title) {
      errors.push(`${where}: ${benchmark} ${id} has two titles: "${existing.title}" and "${title}"`);
      return;
    }
    rows.set(rowKey, { tool, benchmark, id, key: found.key, title });
  };
  for (const [ref, catalogue] of Object.entries(dbs)) {
    const benchmark = DBS_REF_NUMBERING[ref];
    if (!benchmark) {
      errors.push(`docker-bench-security ref ${ref} has no numbering in DBS_REF_NUMBERING`);
      continue;
    }
    for (const [id, check] of Object.entries(catalogue.checks)) {
      add('docker-bench-security', benchmark, id, check.title_without_suffix ?? check.title ?? '', `dbs ${ref} ${id}`);
    }
  }
  for (const [folder, checks] of Object.entries(aqua)) {
    const benchmark = `aqua-${folder}`;
    if (!AQUA_NUMBERINGS.some((n) => n.id === benchmark)) errors.push(`aqua folder ${folder} is not in AQUA_NUMBERINGS`);
    for (const [rawId, check] of Object.entries(checks)) {
      // The catalogue keys the second check printed with an already used id as "5.12#2".
      const id = rawId.split('#')[0]!;
      add('aqua-docker-bench', benchmark, id, check.text, `aqua ${folder} ${rawId}`);
    }
  }
  return { rows: sortRows([...rows.values()]), errors };
}

const NUMBERING_ORDER = [...DBS_NUMBERINGS, ...AQUA_NUMBERINGS].map((n) => n.id);

/** Tool, then numbering in release order, then id in natural order ("2.9" before "2.10"). */
export function sortRows(rows: IdRow[]): IdRow[] {
  return rows.sort(
    (a, b) =>
      a.tool.localeCompare(b.tool) ||
      NUMBERING_ORDER.indexOf(a.benchmark) - NUMBERING_ORDER.indexOf(b.benchmark) ||
      a.benchmark.localeCompare(b.benchmark) ||
      compareIds(a.id, b.id) ||
      a.key.localeCompare(b.key),
  );
}

function main(argv: string[]): number {
  const reference = resolve(argv[0] ?? join(PROJECT_ROOT, '..', 'shared', 'reference'));
  const dbs = JSON.parse(readFileSync(join(reference, 'docker-bench-security', 'checks.json'), 'utf8')) as DbsCatalogue;
  const aqua = JSON.parse(readFileSync(join(reference, 'aqua-docker-bench', 'checks.json'), 'utf8')) as AquaCatalogue;
  const { rows, errors } = buildIdRows(dbs, aqua);
  if (errors.length > 0) {
    process.stderr.write(`${errors.join('\n')}\n${errors.length} problem(s); data/ids-docker.csv not written\n`);
    return 1;
  }
  const out = join(PROJECT_ROOT, 'data', 'ids-docker.csv');
  writeFileSync(out, formatCsv(['tool', 'benchmark', 'id', 'key', 'title'], rows.map((r) => [r.tool, r.benchmark, r.id, r.key, r.title])));
  process.stdout.write(`wrote ${rows.length} rows to ${out}\n`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
