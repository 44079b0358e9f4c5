/**
 * A hand-built AnalysedReport for the renderer tests: an aqua docker-bench cis-1.2 run on a
 * Docker host, shaped like what src/analysis produces, with the awkward cases a report must
 * survive: an a/b pair with its caveat, containers as items, a waived finding, NOT_ASSESSED
 * in section 5, fixes with daemon.json keys (some exclusive with their dockerd flag), an
 * unmapped check with only the scanner's remediation, and hostile strings everywhere input
 * can reach.
 */
import type { Control, StrideCategory } from '../../src/knowledge/types.js';
import { STRIDE_CATEGORIES } from '../../src/knowledge/types.js';
import {
  REPORT_SCHEMA_VERSION,
  SEVERITIES,
  VERDICTS,
  type AnalysedReport,
  type AnalysedResult,
  type AnalysedRun,
  type AppliedWaiver,
  type CaveatNote,
  type RunSummary,
  type Severity,
  type Verdict,
} from '../../src/model/report.js';
import { emptyResult, emptyRun, type RawStatus } from '../../src/model/types.js';

export const HOSTILE = {
  container: '<img src=x onerror=alert(1)>',
  pipeItem: 'db|primary `tick` ``double`` end',
  title: 'Enable *user* _namespace_ [support](x) (#1) {{handlebars}} {{{triple}}}',
  remediation: 'Stop the service.\n</script><script>alert("rem")</script> | and `ls`',
  section: 'Host <b>Configuration</b> | *',
  knowledgeHtml: '<script>alert("kb")</script>',
} as const;

const fix = (over: Partial<NonNullable<Control['fix']>>): NonNullable<Control['fix']> => ({
  action: '',
  daemonJson: null,
  dockerdFlag: null,
  runFlag: null,
  file: null,
  k8sFlag: null,
  impact: 'None expected.',
  verify: null,
  exclusiveSources: false,
  ...over,
});

const control = (
  key: string,
  title: string,
  component: Control['component'],
  primary: StrideCategory,
  secondary: StrideCategory[],
  rationale: string,
  cisReference: string,
  f: Control['fix'],
): Control => ({
  key,
  platform: 'docker',
  title,
  component,
  scope: component === 'container-runtime' ? 'container' : component === 'host' ? 'host' : 'daemon',
  stride: { primary, secondary },
  rationale,
  cisReference,
  fix: f,
});

export const CONTROLS: Record<string, Control> = Object.fromEntries(
  [
    control('docker.host.partition', 'Separate partition for container data', 'host', 'DenialOfService', [],
      'Images, layers and logs grow without a ceiling; on the root filesystem they can starve the host.', 'CIS Docker 1.2.0 §1.2.1',
      fix({ action: 'Put Docker\'s data-root on its own filesystem (`/var/lib/docker`).', impact: 'Needs a maintenance window to move data.', verify: '`findmnt /var/lib/docker`' })),
    control('docker.host.audit-dockerd', 'Audit the dockerd binary', 'host', 'Repudiation', ['Tampering'],
      'A watch rule on the most privileged binary records its replacement.', 'CIS Docker 1.2.0 §1.2.3',
      fix({ action: 'Add `-w /usr/bin/dockerd -k docker` to `/etc/audit/rules.d/docker.rules`, then `augenrules --load`.', verify: '`auditctl -l | grep dockerd`' })),
    control('docker.host.audit-var-lib-docker', 'Audit /var/lib/docker', 'host', 'Repudiation', ['Tampering'],
      'Image layers and volumes live here; edits bypass the API.', 'CIS Docker 1.2.0 §1.2.4',
      fix({ action: 'Add `-w /var/lib/docker -k docker`.' })),
    control('docker.daemon.icc', 'Restrict inter-container traffic on the default bridge', 'daemon', 'InformationDisclosure', ['Spoofing', 'Tampering'],
      'With icc on, every container on `docker0` can reach every other container\'s ports. ' + HOSTILE.knowledgeHtml, 'CIS Docker 1.2.0 §2.1',
      fix({ action: 'Set `"icc": false` in daemon.json. <b>Only</b> the default bridge is affected.\n\n' + HOSTILE.knowledgeHtml, daemonJson: { key: 'icc', value: 'false' }, dockerdFlag: '--icc=false', exclusiveSources: true, impact: 'Containers on the default bridge can no longer talk to each other; use user-defined networks.', verify: '`docker network inspect bridge`' })),
    control('docker.daemon.log-level', 'Log level is info', 'daemon', 'Repudiation', ['InformationDisclosure'],
      'Below info the daemon drops events an investigation needs.', 'CIS Docker 1.2.0 §2.2',
      fix({ action: 'Set `"log-level": "info"`.', daemonJson: { key: 'log-level', value: '"info"' }, dockerdFlag: '--log-level=info', exclusiveSources: true })),
    control('docker.daemon.live-restore', 'Live restore', 'daemon', 'DenialOfService', [],
      'Containers keep running while dockerd stops, upgrades or crashes.', 'CIS Docker 1.2.0 §2.13',
      fix({ action: 'Set `"live-restore": true` (standalone hosts only).', daemonJson: { key: 'live-restore', value: 'true' }, dockerdFlag: '--live-restore', exclusiveSources: true, impact: 'Not compatible with swarm mode.', verify: '`docker info --format \'{{.LiveRestoreEnabled}}\'`' })),
    control('docker.daemon.no-new-privileges', 'Containers cannot gain new privileges', 'daemon', 'ElevationOfPrivilege', [],
      'Sets no_new_privs on every container so setuid binaries cannot raise privileges.', 'CIS Docker 1.2.0 §2.17',
      fix({ action: 'Set `"no-new-privileges": true`.', daemonJson: { key: 'no-new-privileges', value: 'true' }, dockerdFlag: '--no-new-privileges', exclusiveSources: true, impact: 'Images that rely on setuid binaries (sudo, ping) stop working for them.' })),
    control('docker.daemon.userns-remap', 'User-namespace remapping', 'daemon', 'ElevationOfPrivilege', ['Tampering', 'InformationDisclosure'],
      'Maps container UID 0 to an unprivileged host UID range.', 'CIS Docker 1.2.0 §2.8',
      fix({ action: 'Set `"userns-remap": "default"` with `/etc/subuid` and `/etc/subgid` ranges.', daemonJson: { key: 'userns-remap', value: '"default"' }, dockerdFlag: '--userns-remap=default', exclusiveSources: false, impact: 'Existing images and volumes are re-owned; `--privileged` and host namespaces need `--userns=host`.' })),
    control('docker.files.docker-service-owner', 'docker.service owned root:root', 'daemon-files', 'Tampering', ['ElevationOfPrivilege'],
      'A non-root owner can rewrite dockerd\'s flags.', 'CIS Docker 1.2.0 §3.1',
      fix({ action: 'Make root the owner of the unit file.', file: { path: '/lib/systemd/system/docker.service', mode: null, owner: 'root:root' } })),
    control('docker.container.user', 'Container runs as a non-root user', 'container-runtime', 'ElevationOfPrivilege', ['Tampering'],
      'Most escapes need UID 0 inside the container.', 'CIS Docker 1.2.0 §4.1',
      fix({ action: 'Add `USER 10001` to the Dockerfile.', runFlag: '--user 10001:10001', impact: 'Files the process writes must be writable by that user.' })),
    control('docker.image.content-trust', 'Content trust for images', 'image', 'Tampering', ['Spoofing'],
      'Unsigned images can be swapped on the way.', 'CIS Docker 1.2.0 §4.5',
      fix({ action: 'Verify signatures with cosign or Notation in CI and admission.' })),
    control('docker.container.apparmor', 'AppArmor profile', 'container-runtime', 'ElevationOfPrivilege', [],
      'A MAC profile limits what a compromised process can touch.', 'CIS Docker 1.2.0 §5.1',
      fix({ action: 'Run with `--security-opt apparmor=docker-default`.', runFlag: '--security-opt apparmor=docker-default' })),
    control('docker.container.privileged', 'No privileged containers', 'container-runtime', 'ElevationOfPrivilege', ['Tampering', 'InformationDisclosure', 'DenialOfService'],
      'A privileged container has every capability and every device: it is root on the host.', 'CIS Docker 1.2.0 §5.4',
      fix({ action: 'Remove `--privileged`; add only the capabilities the workload needs with `--cap-add`.', runFlag: '--cap-drop ALL --cap-add <needed>', impact: 'Workloads that manage devices need a narrower grant.' })),
    control('docker.container.host-network', 'Host network namespace not shared', 'container-runtime', 'InformationDisclosure', ['ElevationOfPrivilege'],
      'With the host network the container sees every host interface and can bind any port.', 'CIS Docker 1.2.0 §5.9',
      fix({ action: 'Use a bridge or user-defined network instead of `--network host`.' })),
  ].map((c) => [c.key, c]),
);

export const WAIVERS = {
  applied: { target: 'docker.host.audit-var-lib-docker', item: null, reason: 'auditd runs on the log host; accepted by | ops <b>team</b>', owner: 'secops@example.com', expires: '2099-12-31', line: 2 } as AppliedWaiver,
  expired: { target: '2.8', item: null, reason: 'userns rollout planned', owner: null, expires: '2020-01-01', line: 3 } as AppliedWaiver,
  unused: { target: 'docker.container.cpu-shares', item: 'batch', reason: 'batch jobs may burst', owner: 'platform', expires: null, line: 4 } as AppliedWaiver,
};

const AB_PAIR = (key: string): CaveatNote => ({
  rule: 'ab-pair',
  message: `aqua docker-bench checks ${key} twice: .a in dockerd's flags, .b in daemon.json. dockerd refuses an option given in both places, so after the fix one variant keeps failing.`,
});

interface R {
  id: string;
  status: RawStatus;
  title: string;
  section: string;
  control: string | null;
  verdict: Verdict;
  severity: Severity;
  items?: string[];
  caveats?: CaveatNote[];
  waiver?: AppliedWaiver;
  remediation?: string;
  details?: string[];
  line: number;
}

function result(r: R, controls: Record<string, Control>): AnalysedResult {
  const c = r.control ? controls[r.control] : undefined;
  return {
    ...emptyResult(r.id, r.status, r.title, { line: r.line }),
    assessment: 'Scored',
    section: r.section,
    items: r.items ?? [],
    details: r.details ?? [],
    remediation: r.remediation ?? null,
    control: r.control,
    stride: c ? [c.stride.primary, ...c.stride.secondary] : [],
    verdict: r.verdict,
    severity: r.severity,
    caveats: r.caveats ?? [],
    waiver: r.waiver ?? null,
    priority: null,
  };
}

const RESULTS: R[] = [
  { id: '1.2.1', status: 'FAIL', title: 'Ensure a separate partition for containers has been created', section: '1', control: 'docker.host.partition', verdict: 'FINDING', severity: 'medium', line: 7 },
  { id: '1.2.3', status: 'FAIL', title: 'Ensure auditing is configured for the docker daemon', section: '1', control: 'docker.host.audit-dockerd', verdict: 'FINDING', severity: 'low', line: 10, details: ['/bin/sh: line 1: auditctl: command not found'] },
  { id: '1.2.4', status: 'FAIL', title: 'Ensure auditing is configured for Docker files and directories - /var/lib/docker', section: '1', control: 'docker.host.audit-var-lib-docker', verdict: 'WAIVED', severity: 'low', waiver: WAIVERS.applied, line: 13 },
  { id: '2.1', status: 'FAIL', title: 'Ensure network traffic is restricted between containers on the default bridge', section: '2', control: 'docker.daemon.icc', verdict: 'FINDING', severity: 'high', line: 40 },
  { id: '2.2.a', status: 'PASS', title: "Ensure the logging level is set to 'info'", section: '2', control: 'docker.daemon.log-level', verdict: 'SATISFIED', severity: 'info', caveats: [AB_PAIR('log-level')], line: 48 },
  { id: '2.2.b', status: 'FAIL', title: "Ensure the logging level is set to 'info'", section: '2', control: 'docker.daemon.log-level', verdict: 'NOT_APPLICABLE', severity: 'info', caveats: [AB_PAIR('log-level'), { rule: 'ab-pair-default', message: 'daemon.json has no "log-level" key: the engine default (info) applies.' }], line: 49 },
  { id: '2.8', status: 'FAIL', title: HOSTILE.title, section: '2', control: 'docker.daemon.userns-remap', verdict: 'FINDING', severity: 'high', line: 58 },
  { id: '2.13.a', status: 'FAIL', title: 'Ensure live restore is Enabled', section: '2', control: 'docker.daemon.live-restore', verdict: 'FINDING', severity: 'medium', caveats: [AB_PAIR('live-restore')], line: 66 },
  { id: '2.13.b', status: 'FAIL', title: 'Ensure live restore is Enabled', section: '2', control: 'docker.daemon.live-restore', verdict: 'FINDING', severity: 'medium', caveats: [AB_PAIR('live-restore')], line: 68 },
  { id: '2.17.a', status: 'FAIL', title: 'Ensure containers are restricted from acquiring new privileges', section: '2', control: 'docker.daemon.no-new-privileges', verdict: 'FINDING', severity: 'high', caveats: [AB_PAIR('no-new-privileges')], line: 75 },
  { id: '3.1', status: 'FAIL', title: 'Ensure that docker.service file ownership is set to root:root', section: '3', control: 'docker.files.docker-service-owner', verdict: 'FINDING', severity: 'medium', line: 80 },
  { id: '4.1', status: 'WARN', title: 'Ensure a user for the container has been created', section: '4', control: 'docker.container.user', verdict: 'FINDING', severity: 'high', items: ['web', HOSTILE.container, HOSTILE.pipeItem, 'worker-1', 'worker-2'], line: 90 },
  { id: '4.5', status: 'WARN', title: 'Ensure Content trust for Docker is Enabled', section: '4', control: 'docker.image.content-trust', verdict: 'MANUAL_REVIEW', severity: 'medium', caveats: [{ rule: 'content-trust-env', message: 'Only the scanning shell’s DOCKER_CONTENT_TRUST was checked.' }], line: 94 },
  { id: '5.1', status: 'WARN', title: 'Ensure AppArmor Profile is Enabled', section: '5', control: 'docker.container.apparmor', verdict: 'NOT_ASSESSED', severity: 'medium', caveats: [{ rule: 'audit-error', message: 'The audit command failed (docker inspect was not permitted), so the check judged nothing.' }], line: 101 },
  { id: '5.4', status: 'WARN', title: 'Ensure privileged containers are not used', section: '5', control: 'docker.container.privileged', verdict: 'FINDING', severity: 'critical', items: [HOSTILE.container], line: 104 },
  { id: '5.9', status: 'WARN', title: "Ensure the host's network namespace is not shared", section: '5', control: 'docker.container.host-network', verdict: 'FINDING', severity: 'high', items: ['web'], line: 107 },
  { id: '99.1', status: 'WARN', title: 'Site-specific check', section: '99', control: null, verdict: 'FINDING', severity: 'low', remediation: HOSTILE.remediation, line: 120 },
];

function summarize(results: AnalysedResult[], notAssessed: string[]): RunSummary {
  const verdicts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  const stride = Object.fromEntries(STRIDE_CATEGORIES.map((c) => [c, 0])) as Record<StrideCategory, number>;
  const severities = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const r of results) {
    verdicts[r.verdict]++;
    if (r.verdict === 'FINDING') {
      severities[r.severity]++;
      for (const c of r.stride) stride[c]++;
    }
  }
  const scorable = verdicts.SATISFIED + verdicts.FINDING;
  return { verdicts, stride, severities, score: scorable === 0 ? null : Math.round((100 * verdicts.SATISFIED) / scorable), notAssessed };
}

/** Priority order the analysis would give: severity, then id (the fixture's own simple rule). */
function prioritize(results: AnalysedResult[]): number[] {
  const rank = (s: Severity) => SEVERITIES.indexOf(s);
  const order = results
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => r.verdict === 'FINDING')
    .sort((x, y) => rank(x.r.severity) - rank(y.r.severity) || x.i - y.i)
    .map(({ i }) => i);
  order.forEach((i, p) => {
    results[i]!.priority = p + 1;
  });
  return order;
}

export function buildRun(index: number, rows: R[], controls: Record<string, Control>, notAssessed: string[]): AnalysedRun {
  const base = emptyRun('aqua-docker-bench');
  const results = rows.map((r) => result(r, controls));
  const priorities = prioritize(results);
  return {
    ...base,
    index,
    toolVersion: '18.09',
    benchmark: 'aqua-cis-1.2',
    benchmarkEvidence: 'a/b sub-check ids and 18.09 banner',
    host: null,
    startedAtRaw: null,
    sections: [
      { id: '1', title: HOSTILE.section },
      { id: '2', title: 'Docker daemon configuration' },
      { id: '3', title: 'Docker daemon configuration files' },
      { id: '4', title: 'Container Images and Build File' },
      { id: '5', title: 'Container Runtime' },
    ],
    results,
    totals: { pass: 1, fail: 12, warn: 5, info: 0 },
    lines: { first: 1, last: 130 },
    summary: summarize(results, notAssessed),
    priorities,
    caveats: [{ rule: 'non-root', message: 'Some audit checks need root; auditctl was not found.' }],
  };
}

export const NOT_ASSESSED_NOTE = 'Section 5 judged only running containers: stopped containers and workloads started later were not assessed.';

/** The main fixture: one run, every awkward case. A fresh deep copy on every call. */
export function fixtureReport(): AnalysedReport {
  return structuredClone({
    schemaVersion: REPORT_SCHEMA_VERSION,
    generator: { name: 'stridebench', version: '0.1.0', knowledgeVersion: 'kb-test-1' },
    generatedAt: '2024-05-01T12:00:00.000Z',
    input: {
      name: 'captures/host-01 <b>before</b>.txt',
      size: 23456,
      sha256: 'a'.repeat(64),
      format: 'aqua-docker-bench-text',
      encoding: 'utf-8',
      runCount: 1,
      selection: 'all',
    },
    runs: [buildRun(1, RESULTS, CONTROLS, [NOT_ASSESSED_NOTE])],
    controls: CONTROLS,
    waivers: { applied: [WAIVERS.applied], expired: [WAIVERS.expired], unused: [WAIVERS.unused] },
    warnings: [{ line: 3, code: 'odd-line', message: 'a line <i>nobody</i> understood | skipped' }],
  } satisfies AnalysedReport);
}

/** Two runs of the same host (an appended log read with --all-runs). */
export function twoRunReport(): AnalysedReport {
  const report = fixtureReport();
  const second = buildRun(2, RESULTS.slice(0, 8), CONTROLS, []);
  return { ...report, input: { ...report.input, runCount: 2 }, runs: [report.runs[0]!, second] };
}

/**
 * A large report for the print test: `sections` sections of `perSection` findings each,
 * every finding naming several containers.
 */
export function largeReport(sections = 8, perSection = 30): AnalysedReport {
  const report = fixtureReport();
  const keys = Object.keys(CONTROLS).sort();
  const rows: R[] = [];
  let line = 1;
  for (let s = 1; s <= sections; s++) {
    for (let n = 1; n <= perSection; n++) {
      const key = keys[(s * perSection + n) % keys.length]!;
      rows.push({
        id: `${s}.${n}`,
        status: n % 4 === 0 ? 'PASS' : 'WARN',
        title: `Generated check ${s}.${n} for ${CONTROLS[key]!.title}`,
        section: String(s),
        control: key,
        verdict: n % 4 === 0 ? 'SATISFIED' : n % 7 === 0 ? 'MANUAL_REVIEW' : 'FINDING',
        severity: SEVERITIES[n % SEVERITIES.length]!,
        items: Array.from({ length: n % 9 }, (_, i) => `container-${s}-${n}-${i}`),
        line: line++,
      });
    }
  }
  const run = buildRun(1, rows, CONTROLS, []);
  run.sections = Array.from({ length: sections }, (_, i) => ({ id: String(i + 1), title: `Generated section ${i + 1}` }));
  return { ...report, runs: [run] };
}
