/**
 * A realistic hand-built AnalysedReport for the machine renderers: one aqua docker-bench
 * cis-1.2 run of a Docker host with results across sections 1–7, an a/b pair with caveats,
 * per-container items, a waived finding, MANUAL_REVIEW, NOT_ASSESSED, NOT_APPLICABLE,
 * UNVERIFIED, an unknown control, a duplicated printed result — and hostile strings in every
 * free-text field (item names, titles, details, remediation, caveats, waivers, control
 * texts, section titles, host, input name, warnings).
 *
 * `buildReport()` returns a fresh object each call, so tests may mutate their copy.
 */
import type { Control, StrideCategory } from '../../src/knowledge/types.js';
import {
  REPORT_SCHEMA_VERSION,
  SEVERITIES,
  VERDICTS,
  type AnalysedReport,
  type AnalysedResult,
  type AnalysedRun,
  type AppliedWaiver,
  type Severity,
  type Verdict,
} from '../../src/model/report.js';
import { STRIDE_CATEGORIES } from '../../src/knowledge/types.js';
import { emptyResult, type RawStatus } from '../../src/model/types.js';

/** Strings that break naive XML, CSV, JSON or Markdown writers. */
export const HOSTILE = {
  html: '<img src=x onerror=alert(1)>',
  cdataEnd: 'end]]>of CDATA',
  quotes: `say "hi" & 'bye'`,
  controls: 'bell\u0007nul\u0000esc\u001b[31mred',
  loneSurrogate: 'half\ud800pair',
  /** A valid astral character (surrogate pair) that must survive. */
  astral: 'rocket \u{1F680}',
  big: `big-${'x'.repeat(10 * 1024)}`,
  formulaCmd: "=cmd|' /C calc'!A0",
  plus: '+1',
  minus: '-2',
  at: '@SUM(1)',
  tab: '\tleading-tab',
  cr: '\rleading-cr',
  newlines: 'line one\nline two\r\nline three',
  pipe: 'a | b | c',
  backticks: 'run ``docker ps`` now',
  unicodeSpecials: 'ff\uFFFEfe\uFFFF',
} as const;

export const HOSTILE_VALUES: readonly string[] = Object.values(HOSTILE);

const INPUT_NAME = 'reports/host "a" & <b>/docker-bench.log';

function control(key: string, title: string, primary: StrideCategory, secondary: StrideCategory[], extra: Partial<Control> = {}): Control {
  return {
    key,
    platform: 'docker',
    title,
    component: 'daemon',
    scope: 'daemon',
    stride: { primary, secondary },
    rationale: `${title}: without it an attacker gains a foothold.`,
    cisReference: 'CIS Docker 1.2.0',
    fix: {
      action: `Set it.\nThen restart dockerd.`,
      daemonJson: null,
      dockerdFlag: null,
      runFlag: null,
      file: null,
      k8sFlag: null,
      impact: 'None expected.',
      verify: null,
      exclusiveSources: false,
    },
    ...extra,
  };
}

function controls(): Record<string, Control> {
  const list: Control[] = [
    control('docker.host.audit-dockerd', 'Audit the Docker daemon binary', 'Repudiation', ['Tampering'], {
      component: 'host',
      scope: 'host',
      rationale: `Without audit rules nobody can tell who ran ${HOSTILE.html} against the daemon.`,
      cisReference: 'CIS Docker 1.2.0 §1.5',
      fix: {
        action: `Add \`-w /usr/bin/dockerd -k docker\` to /etc/audit/rules.d/docker.rules.\n\n\`\`\`\n${HOSTILE.cdataEnd}\n\`\`\``,
        daemonJson: null,
        dockerdFlag: null,
        runFlag: null,
        file: { path: '/etc/audit/rules.d/docker.rules', mode: '640', owner: 'root:root' },
        k8sFlag: null,
        impact: 'Audit log volume grows a little.',
        verify: 'auditctl -l | grep dockerd',
        exclusiveSources: false,
      },
    }),
    control('docker.daemon.icc', `Restrict inter-container traffic ${HOSTILE.quotes}`, 'InformationDisclosure', ['Tampering', 'Spoofing'], {
      cisReference: 'CIS Docker 1.2.0 §2.1',
      fix: {
        action: `${HOSTILE.formulaCmd} — set "icc": false in daemon.json`,
        daemonJson: { key: 'icc', value: 'false' },
        dockerdFlag: '--icc=false',
        runFlag: null,
        file: null,
        k8sFlag: null,
        impact: `Containers on the default bridge can no longer talk; use user-defined networks. ${HOSTILE.controls}`,
        verify: "docker info -f '{{.BridgeNfIptables}}'",
        exclusiveSources: true,
      },
    }),
    control('docker.daemon.live-restore', 'Enable live restore', 'DenialOfService', [], {
      cisReference: 'CIS Docker 1.2.0 §2.14',
      fix: {
        action: 'Add `"live-restore": true` to /etc/docker/daemon.json (or `--live-restore`, never both).',
        daemonJson: { key: 'live-restore', value: 'true' },
        dockerdFlag: '--live-restore',
        runFlag: null,
        file: null,
        k8sFlag: null,
        impact: 'Containers keep running while dockerd restarts.',
        verify: "docker info -f '{{.LiveRestoreEnabled}}'",
        exclusiveSources: true,
      },
    }),
    control('docker.daemon.no-new-privileges', `Restrict new privileges ${HOSTILE.backticks}`, 'ElevationOfPrivilege', [], {
      cisReference: 'CIS Docker 1.2.0 §2.18',
      fix: {
        action: `${HOSTILE.plus} Add \`"no-new-privileges": true\` to daemon.json.`,
        daemonJson: { key: 'no-new-privileges', value: 'true' },
        dockerdFlag: '--no-new-privileges',
        runFlag: null,
        file: null,
        k8sFlag: null,
        impact: 'setuid binaries inside containers stop gaining privileges.',
        verify: null,
        exclusiveSources: true,
      },
    }),
    control('docker.daemon.userns-remap', 'Enable user namespace remapping', 'ElevationOfPrivilege', ['Tampering'], {
      cisReference: 'CIS Docker 1.2.0 §2.8',
    }),
    control('docker.files.docker-service', 'docker.service owned by root', 'Tampering', [], {
      component: 'daemon-files',
      scope: 'host',
      cisReference: 'CIS Docker 1.2.0 §3.1',
    }),
    control('docker.image.content-trust', `Enable content trust ${HOSTILE.pipe}`, 'Tampering', ['Spoofing'], {
      component: 'image',
      scope: 'host',
      cisReference: 'CIS Docker 1.2.0 §4.5',
    }),
    control('docker.image.healthcheck', 'Images declare a HEALTHCHECK', 'DenialOfService', [], {
      component: 'image',
      scope: 'image',
      cisReference: 'CIS Docker 1.2.0 §4.6',
      fix: {
        action: `${HOSTILE.minus} Add a HEALTHCHECK instruction to every Dockerfile.`,
        daemonJson: null,
        dockerdFlag: null,
        runFlag: '--health-cmd',
        file: null,
        k8sFlag: null,
        impact: 'None.',
        verify: null,
        exclusiveSources: false,
      },
    }),
    control('docker.container.privileged', 'No privileged containers', 'ElevationOfPrivilege', ['Tampering', 'InformationDisclosure'], {
      component: 'container-runtime',
      scope: 'container',
      cisReference: 'CIS Docker 1.2.0 §5.4',
      fix: {
        action: `${HOSTILE.at} Drop \`--privileged\`; grant only the capabilities needed with \`--cap-add\`.`,
        daemonJson: null,
        dockerdFlag: null,
        runFlag: '--cap-add',
        file: null,
        k8sFlag: null,
        impact: 'Containers that drive host devices need explicit --device flags.',
        verify: null,
        exclusiveSources: false,
      },
    }),
    control('docker.container.memory', 'Limit container memory', 'DenialOfService', [], {
      component: 'container-runtime',
      scope: 'container',
      cisReference: 'CIS Docker 1.2.0 §5.10',
      fix: {
        action: `${HOSTILE.tab} Run containers with \`--memory\` (e.g. \`--memory 512m\`).\n${HOSTILE.newlines}`,
        daemonJson: null,
        dockerdFlag: null,
        runFlag: '--memory 512m',
        file: null,
        k8sFlag: null,
        impact: 'A container over its limit is OOM-killed.',
        verify: null,
        exclusiveSources: false,
      },
    }),
    control('docker.operations.image-sprawl', 'Avoid image sprawl', 'DenialOfService', [], {
      component: 'operations',
      scope: 'host',
      cisReference: 'CIS Docker 1.2.0 §6.1',
      fix: null,
    }),
    control('docker.swarm.mode', 'Do not enable swarm mode unless needed', 'ElevationOfPrivilege', ['Spoofing'], {
      component: 'swarm',
      scope: 'swarm',
      cisReference: 'CIS Docker 1.2.0 §7.1',
    }),
  ];
  return Object.fromEntries(list.map((c) => [c.key, c]));
}

interface ResultSpec {
  id: string;
  status: RawStatus;
  title: string;
  section: string;
  line: number;
  control: string | null;
  verdict: Verdict;
  severity: Severity;
  stride?: StrideCategory[];
  items?: string[];
  details?: string[];
  caveats?: { rule: string; message: string }[];
  waiver?: AppliedWaiver;
  remediation?: string;
  reason?: string;
  assessment?: string | null;
}

function result(spec: ResultSpec, known: Record<string, Control>): AnalysedResult {
  const ctl = spec.control === null ? undefined : known[spec.control];
  const stride = spec.stride ?? (ctl ? [ctl.stride.primary, ...ctl.stride.secondary] : []);
  return {
    ...emptyResult(spec.id, spec.status, spec.title, { line: spec.line }),
    assessment: spec.assessment === undefined ? 'Scored' : spec.assessment,
    section: spec.section,
    group: null,
    details: spec.details ?? [],
    items: spec.items ?? [],
    remediation: spec.remediation ?? null,
    reason: spec.reason ?? null,
    scored: spec.assessment === 'Not Scored' ? false : true,
    control: spec.control,
    stride,
    verdict: spec.verdict,
    severity: spec.severity,
    caveats: spec.caveats ?? [],
    waiver: spec.waiver ?? null,
    priority: null,
  };
}

const WAIVER: AppliedWaiver = {
  target: 'docker.container.privileged',
  item: 'db',
  reason: `Needs raw device access ${HOSTILE.html}\n${HOSTILE.cdataEnd}`,
  owner: `ops ${HOSTILE.quotes}`,
  expires: '2027-06-30',
  line: 2,
};

function specs(): ResultSpec[] {
  return [
    { id: '1.1', status: 'PASS', title: 'Ensure a separate partition for containers has been created', section: '1', line: 3, control: null, verdict: 'SATISFIED', severity: 'info', stride: ['DenialOfService'] },
    {
      id: '1.5', status: 'FAIL', title: 'Ensure auditing is configured for the docker daemon', section: '1', line: 4,
      control: 'docker.host.audit-dockerd', verdict: 'FINDING', severity: 'medium',
      details: [`auditctl: not found ${HOSTILE.controls}`],
      caveats: [{ rule: 'audit-without-auditctl', message: `auditctl is missing, so the rule could not be read ${HOSTILE.loneSurrogate}` }],
      remediation: `Add a watch rule ${HOSTILE.cdataEnd}`,
    },
    { id: '2.1', status: 'FAIL', title: `Ensure network traffic is restricted between containers on the default bridge ${HOSTILE.quotes}`, section: '2', line: 6, control: 'docker.daemon.icc', verdict: 'FINDING', severity: 'high' },
    // A duplicated printed result (grep excerpt appended twice): same id, same title, no item.
    { id: '2.1', status: 'FAIL', title: `Ensure network traffic is restricted between containers on the default bridge ${HOSTILE.quotes}`, section: '2', line: 7, control: 'docker.daemon.icc', verdict: 'FINDING', severity: 'high' },
    {
      id: '2.13.a', status: 'FAIL', title: 'Ensure live restore is Enabled', section: '2', line: 8,
      control: 'docker.daemon.live-restore', verdict: 'SATISFIED', severity: 'info',
      caveats: [{ rule: 'ab-pair', message: `2.13.a reads the dockerd command line; 2.13.b passed, so live-restore is set in daemon.json and this half fails by design ${HOSTILE.newlines}` }],
    },
    { id: '2.13.b', status: 'PASS', title: 'Ensure live restore is Enabled', section: '2', line: 9, control: 'docker.daemon.live-restore', verdict: 'SATISFIED', severity: 'info' },
    {
      id: '2.17.a', status: 'FAIL', title: 'Ensure containers are restricted from acquiring new privileges', section: '2', line: 10,
      control: 'docker.daemon.no-new-privileges', verdict: 'FINDING', severity: 'high',
      caveats: [{ rule: 'ab-pair', message: 'neither 2.17.a nor 2.17.b passed: no-new-privileges is set nowhere' }],
    },
    {
      id: '2.8', status: 'WARN', title: 'Enable user namespace support', section: '2', line: 11,
      control: 'docker.daemon.userns-remap', verdict: 'NOT_ASSESSED', severity: 'medium',
      reason: `sh: 1: docker: Permission denied ${HOSTILE.html}`,
      caveats: [{ rule: 'audit-error', message: `the audit command failed: ${HOSTILE.html}` }],
    },
    { id: '3.1', status: 'INFO', title: 'Ensure that docker.service file ownership is set to root:root', section: '3', line: 12, control: 'docker.files.docker-service', verdict: 'NOT_APPLICABLE', severity: 'info', details: ['File not found'] },
    {
      id: '4.5', status: 'PASS', title: `Ensure Content trust for Docker is Enabled ${HOSTILE.pipe}`, section: '4', line: 14,
      control: 'docker.image.content-trust', verdict: 'UNVERIFIED', severity: 'medium',
      caveats: [{ rule: 'content-trust-env', message: 'the scanner read DOCKER_CONTENT_TRUST from its own shell; sudo drops it' }],
    },
    {
      id: '4.6', status: 'WARN', title: 'Ensure HEALTHCHECK instructions have been added to the container image', section: '4', line: 15,
      control: 'docker.image.healthcheck', verdict: 'FINDING', severity: 'low',
      items: ['nginx:latest', HOSTILE.html, HOSTILE.backticks], assessment: 'Not Scored',
    },
    {
      id: '5.4', status: 'FAIL', title: 'Ensure privileged containers are not used', section: '5', line: 17,
      control: 'docker.container.privileged', verdict: 'WAIVED', severity: 'critical', items: ['db'], waiver: WAIVER,
    },
    {
      id: '5.10', status: 'FAIL', title: 'Ensure memory usage for container is limited', section: '5', line: 18,
      control: 'docker.container.memory', verdict: 'FINDING', severity: 'high',
      items: ['web', HOSTILE.html, HOSTILE.formulaCmd, HOSTILE.plus, HOSTILE.minus, HOSTILE.at, HOSTILE.tab, HOSTILE.cr, HOSTILE.controls, HOSTILE.loneSurrogate, HOSTILE.astral, HOSTILE.big, HOSTILE.newlines, HOSTILE.pipe, HOSTILE.unicodeSpecials, HOSTILE.quotes, 'web'],
      details: [`Container running without memory restrictions: ${HOSTILE.cdataEnd}`],
    },
    { id: '6.1', status: 'INFO', title: 'Avoid image sprawl', section: '6', line: 20, control: 'docker.operations.image-sprawl', verdict: 'MANUAL_REVIEW', severity: 'info', assessment: 'Not Scored', details: ['12 images', HOSTILE.at] },
    { id: '7.1', status: 'INFO', title: 'Ensure swarm mode is not Enabled, if not needed', section: '7', line: 22, control: 'docker.swarm.mode', verdict: 'NOT_APPLICABLE', severity: 'info', reason: 'Test marked as skip' },
    {
      id: `C.1 ${HOSTILE.html}`, status: 'FAIL', title: `Custom site check ${HOSTILE.formulaCmd}`, section: '99', line: 24,
      control: null, verdict: 'FINDING', severity: 'medium', stride: [],
      remediation: `${HOSTILE.formulaCmd}\nsecond line`,
      caveats: [{ rule: 'unknown-control', message: `no known control has id C.1 ${HOSTILE.html}` }],
    },
  ];
}

function zeroRecord<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

function analysedRun(index: number, host: string | null, results: AnalysedResult[]): AnalysedRun {
  const verdicts = zeroRecord(VERDICTS);
  const stride = zeroRecord(STRIDE_CATEGORIES);
  const severities = zeroRecord(SEVERITIES);
  for (const r of results) {
    verdicts[r.verdict]++;
    if (r.verdict === 'FINDING') {
      severities[r.severity]++;
      for (const s of r.stride) stride[s]++;
    }
  }
  const findings = results.map((r, i) => [r, i] as const).filter(([r]) => r.verdict === 'FINDING');
  const order: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
  findings.sort(([a, ai], [b, bi]) => order.indexOf(a.severity) - order.indexOf(b.severity) || ai - bi);
  findings.forEach(([r], rank) => {
    r.priority = rank + 1;
  });
  const satisfied = verdicts.SATISFIED;
  const scorable = satisfied + verdicts.FINDING;
  const sectionIds = [...new Set(results.map((r) => r.section ?? ''))];
  const sectionTitles: Record<string, string> = {
    '1': 'Host Configuration',
    '2': 'Docker daemon configuration',
    '3': 'Docker daemon configuration files',
    '4': `Container Images and Build File ${HOSTILE.html}`,
    '5': 'Container Runtime',
    '6': 'Docker Security Operations',
    '7': 'Docker Swarm Configuration',
    '99': `Site checks ${HOSTILE.quotes} ${HOSTILE.controls}`,
  };
  return {
    index,
    tool: 'aqua-docker-bench',
    toolVersion: '18.09',
    benchmark: 'aqua-cis-1.2',
    benchmarkEvidence: 'a/b sub-check ids with cis-1.2 titles',
    partial: false,
    partialReasons: [],
    startedAt: null,
    startedAtRaw: null,
    endedAt: null,
    endedAtRaw: null,
    host,
    sections: sectionIds.map((id) => ({ id, title: sectionTitles[id] ?? `Section ${id}` })),
    results,
    totals: { pass: 3, fail: 9, warn: 3, info: 3 },
    lines: { first: 1, last: 30 },
    summary: {
      verdicts,
      stride,
      severities,
      score: scorable === 0 ? null : Math.round((satisfied / scorable) * 100),
      notAssessed: [`2.8: the audit command failed ${HOSTILE.html}`],
    },
    priorities: findings.map(([, i]) => i),
    caveats: [{ rule: 'no-running-containers', message: `not the case here ${HOSTILE.newlines}` }],
  };
}

/** The fixture: one run of a hostile-named host. */
export function buildReport(): AnalysedReport {
  const known = controls();
  const results = specs().map((s) => result(s, known));
  const referenced = new Set(results.map((r) => r.control).filter((k): k is string => k !== null));
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    generator: { name: 'stridebench', version: '0.1.0', knowledgeVersion: '2026.11' },
    generatedAt: '2026-11-28T00:00:00.000Z',
    input: {
      name: INPUT_NAME,
      size: 4321,
      sha256: 'a'.repeat(64),
      format: 'aqua-docker-bench-text',
      encoding: 'utf-8',
      runCount: 1,
      selection: 'all',
    },
    runs: [analysedRun(1, `build-01 ${HOSTILE.html}`, results)],
    controls: Object.fromEntries(Object.entries(known).filter(([k]) => referenced.has(k))),
    waivers: {
      applied: [WAIVER],
      expired: [{ ...WAIVER, item: null, reason: `old ${HOSTILE.formulaCmd}`, expires: '2020-01-01', line: 3 }],
      unused: [],
    },
    warnings: [{ line: 24, code: 'unknown-control', message: `id C.1 matches no known control ${HOSTILE.controls}` }],
  };
}

/**
 * The fixture with a second analysed run appended: `host` for that run (null = the input
 * name is the host). Results are the same checks, re-analysed independently.
 */
export function buildTwoRunReport(secondHost: string | null): AnalysedReport {
  const report = buildReport();
  const known = report.controls;
  const second = analysedRun(2, secondHost, specs().map((s) => result(s, { ...controls(), ...known })));
  report.runs.push(second);
  report.input.runCount = 2;
  return report;
}
