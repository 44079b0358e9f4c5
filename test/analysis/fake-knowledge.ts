/**
 * A small stand-in knowledge base for the analysis unit tests: a dozen Docker controls
 * with their STRIDE categories, scopes and (for daemon options) daemon.json keys, resolved
 * by title. Keeps the rule tests independent of the real data files, whose wording and
 * keys may change; the end-to-end tests use the real loader.
 */
import type { Control, Fix, IdMapping, KnowledgeBase, Resolution, Scope, StrideCategory } from '../../src/knowledge/types.js';
import type { ToolName } from '../../src/model/types.js';

interface Spec {
  key: string;
  title: string;
  scope: Scope;
  primary: StrideCategory;
  secondary?: StrideCategory[];
  /** Matched against the lower-cased scanner title. */
  pattern: RegExp;
  daemonJson?: [string, string];
}

const SPECS: Spec[] = [
  { key: 'docker.daemon.live-restore', title: 'Live restore enabled', scope: 'daemon', primary: 'DenialOfService', pattern: /live restore/, daemonJson: ['live-restore', 'true'] },
  { key: 'docker.daemon.no-new-privileges', title: 'Containers cannot gain new privileges (daemon default)', scope: 'daemon', primary: 'ElevationOfPrivilege', pattern: /acquiring new privileges/, daemonJson: ['no-new-privileges', 'true'] },
  { key: 'docker.container.no-new-privileges', title: 'Container cannot gain new privileges', scope: 'container', primary: 'ElevationOfPrivilege', pattern: /acquiring additional privileges/ },
  { key: 'docker.image.content-trust', title: 'Image signatures verified', scope: 'host', primary: 'Spoofing', secondary: ['Tampering'], pattern: /content trust/ },
  { key: 'docker.container.pids-limit', title: 'PIDs cgroup limit set', scope: 'container', primary: 'DenialOfService', pattern: /pids cgroup limit/ },
  { key: 'docker.container.memory-limit', title: 'Container memory limited', scope: 'container', primary: 'DenialOfService', pattern: /memory usage/ },
  { key: 'docker.container.privileged', title: 'No privileged containers', scope: 'container', primary: 'ElevationOfPrivilege', secondary: ['Tampering', 'InformationDisclosure', 'DenialOfService'], pattern: /privileged containers/ },
  { key: 'docker.container.capabilities', title: 'Linux capabilities restricted', scope: 'container', primary: 'ElevationOfPrivilege', secondary: ['Spoofing', 'Tampering'], pattern: /kernel capabilities/ },
  { key: 'docker.container.apparmor', title: 'AppArmor profile applied', scope: 'container', primary: 'InformationDisclosure', secondary: ['ElevationOfPrivilege'], pattern: /apparmor/ },
  { key: 'docker.container.selinux', title: 'SELinux security options set', scope: 'container', primary: 'InformationDisclosure', secondary: ['ElevationOfPrivilege'], pattern: /selinux/ },
  { key: 'docker.swarm.mode', title: 'Swarm mode not enabled unless needed', scope: 'host', primary: 'ElevationOfPrivilege', pattern: /swarm mode/ },
  { key: 'docker.swarm.manager-count', title: 'Minimum number of manager nodes', scope: 'swarm', primary: 'ElevationOfPrivilege', pattern: /manager nodes/ },
  { key: 'docker.daemon.log-level', title: 'Daemon log level is info', scope: 'daemon', primary: 'Repudiation', secondary: ['InformationDisclosure'], pattern: /logging level/, daemonJson: ['log-level', '"info"'] },
  { key: 'docker.daemon.tls', title: 'TLS authentication on a network-exposed daemon', scope: 'daemon', primary: 'Spoofing', secondary: ['InformationDisclosure', 'ElevationOfPrivilege', 'Tampering'], pattern: /tls authentication/, daemonJson: ['tlsverify', 'true'] },
  { key: 'docker.daemon.userland-proxy', title: 'Userland proxy disabled', scope: 'daemon', primary: 'ElevationOfPrivilege', secondary: ['DenialOfService'], pattern: /userland proxy/, daemonJson: ['userland-proxy', 'false'] },
  { key: 'docker.daemon.authorization-plugin', title: 'Authorization plugin', scope: 'daemon', primary: 'ElevationOfPrivilege', secondary: ['Repudiation'], pattern: /authorization/, daemonJson: ['authorization-plugins', '["authz"]'] },
  { key: 'docker.host.audit-dockerd', title: 'Audit the dockerd binary', scope: 'host', primary: 'Repudiation', secondary: ['Tampering'], pattern: /auditing is configured for the docker daemon/ },
  { key: 'docker.host.audit-etc-docker', title: 'Audit /etc/docker', scope: 'host', primary: 'Repudiation', secondary: ['Tampering'], pattern: /auditing is configured .* \/etc\/docker$/ },
  { key: 'docker.container.docker-socket-mount', title: 'Docker socket not mounted in containers', scope: 'container', primary: 'ElevationOfPrivilege', secondary: ['Tampering', 'InformationDisclosure', 'DenialOfService'], pattern: /docker socket is not mounted/ },
  { key: 'docker.container.host-network', title: 'Host network namespace not shared', scope: 'container', primary: 'InformationDisclosure', secondary: ['ElevationOfPrivilege'], pattern: /network namespace/ },
  { key: 'docker.image.non-root-user', title: 'Containers run as a non-root user', scope: 'container', primary: 'ElevationOfPrivilege', secondary: ['Tampering'], pattern: /user for the container/ },
];

function fix(spec: Spec): Fix {
  return {
    action: `Fix ${spec.title.toLowerCase()}.`,
    daemonJson: spec.daemonJson ? { key: spec.daemonJson[0], value: spec.daemonJson[1] } : null,
    dockerdFlag: spec.daemonJson ? `--${spec.daemonJson[0]}` : null,
    runFlag: null,
    file: null,
    k8sFlag: null,
    impact: 'None known.',
    verify: null,
    exclusiveSources: spec.daemonJson !== undefined,
  };
}

export const FAKE_CONTROLS: readonly Control[] = SPECS.map((s) => ({
  key: s.key,
  platform: 'docker' as const,
  title: s.title,
  component: s.scope === 'container' ? ('container-runtime' as const) : s.scope === 'swarm' ? ('swarm' as const) : s.scope === 'host' ? ('host' as const) : ('daemon' as const),
  scope: s.scope,
  stride: { primary: s.primary, secondary: s.secondary ?? [] },
  rationale: `Stops ${s.primary} against the ${s.scope}.`,
  cisReference: 'CIS Docker 1.6.0',
  fix: fix(s),
})).sort((a, b) => a.key.localeCompare(b.key));

export function fakeKnowledge(): KnowledgeBase {
  const byKey = new Map(FAKE_CONTROLS.map((c) => [c.key, c]));
  return {
    version: 'test-1',
    controls: () => FAKE_CONTROLS,
    control: (key) => byKey.get(key),
    resolve(_tool: ToolName, _benchmark: string | null, id: string, title: string): Resolution {
      const lower = title.toLowerCase();
      const spec = SPECS.find((s) => s.pattern.test(lower));
      if (spec) return { control: byKey.get(spec.key)!, method: 'title', warning: null };
      return { control: null, method: 'none', warning: `no control matches id ${id} ("${title}")` };
    },
    mappings: (): readonly IdMapping[] => [],
    idsOf: (): readonly string[] => [],
    find: (query) => FAKE_CONTROLS.filter((c) => c.key === query),
  };
}
