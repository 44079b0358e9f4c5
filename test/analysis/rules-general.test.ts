/** General caveat rules: what a raw status means, audit rules, visibility, numbering, partial runs, swarm. */
import { analyseText, aquaLog, caveat, dbsLog, lastRun, result, rules, runRules } from './helpers.js';

/** aquasecurity/docker-bench `--json` (compact, one line, as the tool prints it). */
function aquaJson(checks: object[]): string {
  return `${JSON.stringify({
    id: '18.09',
    text: 'CIS Docker Community Edition Benchmark',
    tests: [{ section: '2', desc: 'Docker daemon configuration', Constraints: null, type: '', results: checks, pass: 0, fail: 0, warn: 0, info: 0 }],
    total_pass: 0,
    total_fail: 0,
    total_warn: 0,
    total_info: 0,
    DefinedConstraints: { 'docker-swarm': ['inactive'] },
  })}\n`;
}

function aquaCheck(id: string, desc: string, status: string, extra: Record<string, unknown>): object {
  return { test_number: id, test_desc: desc, SubChecks: null, audit_type: '', audit: 'ps -ef | grep dockerd', type: '', test_info: ['Fix it.'], status, actual_value: '', expected_result: '', scored: true, IsMultiple: false, ...extra };
}

describe('unknown-control', () => {
  it('keeps a result whose control is unknown, with its raw-status verdict and the resolution warning', async () => {
    const report = await analyseText(dbsLog(`[INFO] 2 - Docker daemon configuration
[WARN] 2.2 - Ensure network traffic is restricted between containers on the default bridge (Scored)`));
    const r = result(report, '2.2');
    expect(r.control).toBeNull();
    expect(r.stride).toEqual([]);
    expect(r.verdict).toBe('FINDING');
    expect(caveat(r, 'unknown-control')).toMatch(/no control matches id 2\.2/);
    expect(report.warnings.some((w) => w.code === 'control-resolution' && /2\.2/.test(w.message))).toBe(true);
  });
  it('does not fire on a known control', async () => {
    const report = await analyseText(dbsLog(`[INFO] 2 - Docker daemon configuration
[WARN] 2.15 - Ensure live restore is enabled (Scored)`));
    expect(rules(result(report, '2.15'))).not.toContain('unknown-control');
    expect(result(report, '2.15').control).toBe('docker.daemon.live-restore');
  });
});

describe('manual-check (C-08)', () => {
  it('aqua: a WARN of a manual check is a manual review, not a finding', async () => {
    const report = await analyseText(aquaLog(`[INFO] 5 Container Runtime Configuration
[WARN] 5.1 Ensure that, if applicable, an AppArmor Profile is enabled (Scored)`));
    expect(result(report, '5.1').verdict).toBe('MANUAL_REVIEW');
    expect(caveat(result(report, '5.1'), 'manual-check')).toMatch(/not judged/);
  });
  it('aqua JSON: a manual check is a review, an unscored check whose test ran stays a finding', async () => {
    const report = await analyseText(
      aquaJson([
        aquaCheck('2.7', 'Ensure the default ulimit is configured appropriately (Not Scored)', 'WARN', { type: 'manual', scored: false, reason: 'Test marked as a manual test' }),
        aquaCheck('2.15', 'Ensure that a daemon-wide custom seccomp profile is applied if appropriate (Not Scored)', 'WARN', {
          scored: false,
          actual_value: '[name=seccomp,profile=default]\n',
          expected_result: "'profile' does not have 'default'",
        }),
        aquaCheck('2.16', 'Ensure that experimental features are not implemented in production (Scored)', 'PASS', {}),
      ]),
    );
    expect(result(report, '2.7').verdict).toBe('MANUAL_REVIEW');
    expect(caveat(result(report, '2.7'), 'manual-check')).toMatch(/manual check/);
    expect(result(report, '2.15').verdict).toBe('FINDING');
    expect(caveat(result(report, '2.15'), 'manual-check')).toMatch(/unscored/);
  });
  it('docker-bench-security: 5.19 lists containers WITHOUT an override (satisfied); 5.9 WARN is a review', async () => {
    const report = await analyseText(dbsLog(`[INFO] 5 - Container Runtime
[WARN] 5.9 - Ensure that only needed ports are open on the container (Manual)
[WARN]      * Port in use: 8080 in web
[INFO] 5.19 - Ensure that the default ulimit is overwritten at runtime if needed (Manual)
[INFO]      * Container no default ulimit override: web`));
    expect(result(report, '5.19').verdict).toBe('SATISFIED');
    expect(result(report, '5.9').verdict).toBe('MANUAL_REVIEW');
  });
  it('does not touch a docker-bench-security WARN of a scored check', async () => {
    const report = await analyseText(dbsLog(`[INFO] 5 - Container Runtime
[WARN] 5.29 - Ensure that the PIDs cgroup limit is used (Automated)
[WARN]       * PIDs limit not set: web`));
    expect(result(report, '5.29').verdict).toBe('FINDING');
    expect(rules(result(report, '5.29'))).not.toContain('manual-check');
  });
});

describe('target-not-found (C-06, C-08)', () => {
  it('makes INFO "File not found" not applicable', async () => {
    const report = await analyseText(dbsLog(`[INFO] 1 - Host Configuration
[INFO] 1.1 - Linux Hosts Specific Configuration
[INFO] 1.1.10 - Ensure auditing is configured for Docker files and directories - /etc/default/docker (Automated)
[INFO]        * File not found`));
    expect(result(report, '1.1.10').verdict).toBe('NOT_APPLICABLE');
  });
  it('aqua: daemon.json ownership checks fail when the file is missing', async () => {
    const report = await analyseText(
      aquaLog(
        `[INFO] 2 Docker daemon configuration
[FAIL] 2.13.b Ensure live restore is Enabled (Scored)
[INFO] 3 Docker daemon configuration files
[FAIL] 3.17 Ensure that daemon.json file ownership is set to root:root (Scored)`,
        { '2.13.b': 'grep: /etc/docker/daemon.json: No such file or directory', '3.17': 'You should run chown root:root /etc/docker/daemon.json\n' },
      ),
    );
    expect(result(report, '3.17').verdict).toBe('NOT_APPLICABLE');
  });
  it('does not fire on other INFO details', async () => {
    const report = await analyseText(dbsLog(`[INFO] 1 - Host Configuration
[INFO] 1.1.2 - Ensure only trusted users are allowed to control Docker daemon (Automated)
[INFO]       * Users: alice`));
    expect(rules(result(report, '1.1.2'))).not.toContain('target-not-found');
  });
});

describe('skipped-check and audit-did-not-run', () => {
  it('aqua: a skipped check outside the swarm group is not assessed', async () => {
    const report = await analyseText(
      aquaJson([
        aquaCheck('2.8', 'Enable user namespace support (Scored)', 'INFO', { type: 'skip', reason: 'Test marked as skip' }),
        aquaCheck('2.16', 'Ensure that experimental features are not implemented in production (Scored)', 'PASS', {}),
      ]),
    );
    expect(result(report, '2.8').verdict).toBe('NOT_ASSESSED');
    expect(rules(result(report, '2.8'))).toContain('skipped-check');
    expect(rules(result(report, '2.16'))).not.toContain('skipped-check');
  });
  it('kube-bench: a WARN whose audit did not run is not assessed', async () => {
    const text = [
      '[INFO] 4 Worker Node Security Configuration',
      '[INFO] 4.2 Kubelet',
      '[PASS] 4.2.1 Ensure that the --anonymous-auth argument is set to false (Automated)',
      '[WARN] 4.2.4 Ensure that the --read-only-port argument is set to 0 (Manual)',
      '[FAIL] 4.2.6 Ensure that the --protect-kernel-defaults argument is set to true (Automated)',
      '',
      '== Remediations node ==',
      '4.2.4 audit test did not run: failed to run: "/bin/ps -fC $kubeletbin", output: "error: list of command names must follow -C\\n", error: exit status 1',
      '4.2.6 If using a Kubelet config file, edit the file to set protectKernelDefaults: true.',
      '',
      '',
      '== Summary node ==',
      '1 checks PASS',
      '1 checks FAIL',
      '1 checks WARN',
      '0 checks INFO',
      '',
    ].join('\n');
    const report = await analyseText(text);
    expect(lastRun(report).tool).toBe('kube-bench');
    expect(result(report, '4.2.4').verdict).toBe('NOT_ASSESSED');
    expect(caveat(result(report, '4.2.4'), 'audit-did-not-run')).toMatch(/audit test did not run/);
    expect(rules(result(report, '4.2.4'))).not.toContain('manual-check');
    expect(result(report, '4.2.6').verdict).toBe('FINDING');
    expect(rules(result(report, '4.2.6'))).not.toContain('audit-did-not-run');
  });
});

describe('audit-rules (C-06)', () => {
  it('aqua: audit checks that could not run auditctl are unverified', async () => {
    const report = await analyseText(
      aquaLog(
        `[INFO] 1 Host Configuration
[INFO] 1.2 Linux Hosts Specific Configuration
[FAIL] 1.2.3 Ensure auditing is configured for the docker daemon (Scored)
[FAIL] 1.2.5 Ensure auditing is configured for Docker files and directories - /etc/docker (Scored)`,
        { '1.2.3': '/bin/sh: 1: auditctl: not found', '1.2.5': '/bin/sh: 1: auditctl: not found' },
      ),
    );
    expect(result(report, '1.2.3').verdict).toBe('UNVERIFIED');
    expect(runRules(report)).toContain('audit-rules');
  });
  const audits = (status: string) =>
    dbsLog(
      ['[INFO] 1 - Host Configuration', '[INFO] 1.1 - Linux Hosts Specific Configuration', '[WARN] 1.1.3 - Ensure auditing is configured for the Docker daemon (Automated)']
        .concat(
          ['/run/containerd', '/var/lib/docker', '/etc/docker', 'docker.service', 'docker.socket', '/etc/default/docker', '/etc/docker/daemon.json', '/usr/bin/containerd'].map(
            (path, i) => `[${i === 2 ? status : 'WARN'}] 1.1.${i + 4} - Ensure auditing is configured for Docker files and directories - ${path} (Automated)`,
          ),
        )
        .join('\n'),
    );
  it('docker-bench-security: every audit check WARNing means audit coverage is unknown, not nine gaps', async () => {
    const report = await analyseText(audits('WARN'));
    expect(result(report, '1.1.3').verdict).toBe('UNVERIFIED');
    expect(lastRun(report).caveats.find((c) => c.rule === 'audit-rules')!.message).toMatch(/All 9 audit-rule checks WARNed/);
  });
  it('does not fire when one audit check passes', async () => {
    const report = await analyseText(audits('PASS'));
    expect(result(report, '1.1.3').verdict).toBe('FINDING');
    expect(runRules(report)).not.toContain('audit-rules');
  });
  it('flags a parent-directory pass that a child rule alone would satisfy', async () => {
    const report = await analyseText(dbsLog(`[INFO] 1 - Host Configuration
[PASS] 1.1.6 - Ensure auditing is configured for Docker files and directories - /etc/docker (Automated)
[PASS] 1.1.11 - Ensure auditing is configured for Dockerfiles and directories - /etc/docker/daemon.json (Automated)`));
    expect(caveat(result(report, '1.1.6'), 'audit-rules')).toMatch(/substring/);
    expect(rules(result(report, '1.1.11'))).not.toContain('audit-rules');
  });
});

describe('audit-command-failed and scan-visibility (C-24)', () => {
  it('aqua: a FAIL built on a command error is unverified', async () => {
    const report = await analyseText(aquaLog(`[INFO] 3 Docker daemon configuration files
[FAIL] 3.1 Ensure that docker.service file ownership is set to root:root (Scored)
\t /bin/sh: line 1: systemctl: command not found
\t 
[FAIL] 3.5 Ensure that /etc/docker directory ownership is set to root:root (Scored)
\t root:docker
\t `));
    expect(result(report, '3.1').verdict).toBe('UNVERIFIED');
    expect(caveat(result(report, '3.1'), 'audit-command-failed')).toMatch(/systemctl: command not found/);
    expect(result(report, '3.5').verdict).toBe('FINDING');
  });
  it('aqua: dockerd invisible (ps shows only the grep) makes the command-line failures unverified', async () => {
    const report = await analyseText(aquaLog(`[INFO] 2 Docker daemon configuration
[PASS] 2.3 Ensure Docker is allowed to make changes to iptables (Scored)
[PASS] 2.5 Ensure aufs storage driver is not used (Scored)
[FAIL] 2.12 Ensure centralized and remote logging is configured (Scored)
\t   501 37884 37882   0 12:55pm ttys001    0:00.00 grep dockerd
\t 
[FAIL] 2.8 Enable user namespace support (Scored)
\t [name=seccomp,profile=default]
\t `));
    expect(result(report, '2.12').verdict).toBe('UNVERIFIED');
    expect(runRules(report)).toContain('scan-visibility');
    expect(result(report, '2.8').verdict).toBe('FINDING');
  });
  it('says so when the scanner ran without root or as a container', async () => {
    const log = dbsLog(`[INFO] 2 - Docker daemon configuration
[WARN] 2.15 - Ensure live restore is enabled (Scored)`);
    const report = await analyseText(log, { facts: { root: false, container: true } });
    const messages = lastRun(report).caveats.filter((c) => c.rule === 'scan-visibility').map((c) => c.message).join(' ');
    expect(messages).toMatch(/without root/);
    expect(messages).toMatch(/as a container/);
    expect(runRules(await analyseText(log))).not.toContain('scan-visibility');
  });
  it('suspects a container-form scan when the containerd socket is "not found" while containers run', async () => {
    const report = await analyseText(dbsLog(`[INFO] 3 - Docker daemon configuration files
[INFO] 3.23 - Ensure that the Containerd socket file ownership is set to root:root (Automated)
[INFO]      * File not found
[INFO] 6 - Docker Security Operations
[INFO] 6.2 - Ensure that container sprawl is avoided (Manual)
[INFO]      * There are currently a total of 5 containers, with 4 of them currently running`));
    expect(result(report, '3.23').verdict).toBe('NOT_ASSESSED');
  });
});

describe('coarse-file-check (C-21)', () => {
  it('notes that a permissions PASS compared modes as numbers', async () => {
    const report = await analyseText(dbsLog(`[INFO] 3 - Docker daemon configuration files
[PASS] 3.18 - Ensure that daemon.json file permissions are set to 644 or more restrictive (Automated)
[PASS] 3.17 - Ensure that the daemon.json file ownership is set to root:root (Automated)`));
    expect(result(report, '3.18').verdict).toBe('SATISFIED');
    expect(caveat(result(report, '3.18'), 'coarse-file-check')).toMatch(/622/);
    expect(rules(result(report, '3.17'))).not.toContain('coarse-file-check');
  });
});

describe('numbering (C-01) and partial-run (C-26)', () => {
  it('says when the banner version and the numbering the titles show disagree', async () => {
    const text = `# Docker Bench for Security v1.6.0\n#\n${dbsLog(`[INFO] 5 - Container Runtime
[WARN] 5.1 - Ensure that, if applicable, an AppArmor Profile is enabled (Automated)
[WARN]      * No AppArmorProfile Found: web
[PASS] 5.4 - Ensure that privileged containers are not used (Automated)
[WARN] 5.28 - Ensure that the PIDs cgroup limit is used (Automated)
[WARN]      * PIDs limit not set: web
[INFO] 7 - Docker Swarm Configuration
[PASS] 7.1 - Ensure swarm mode is not Enabled, if not needed (Automated)`)}`;
    const report = await analyseText(text);
    const run = lastRun(report);
    expect(run.toolVersion).toBe('1.6.0');
    expect(run.benchmark).toBe('dbs-v1.5.0');
    expect(run.caveats.find((c) => c.rule === 'numbering')!.message).toMatch(/git tag v1\.6\.0/);
  });
  it('a complete run is not partial', async () => {
    // Every section header a full run prints (1 to 6), as in a run without -c/-e.
    const report = await analyseText(dbsLog(`[INFO] 1 - Host Configuration
[INFO] 2 - Docker daemon configuration
[WARN] 2.15 - Ensure live restore is enabled (Scored)
[INFO] 3 - Docker daemon configuration files
[INFO] 4 - Container Images and Build File
[INFO] 5 - Container Runtime
[INFO] 6 - Docker Security Operations`));
    expect(lastRun(report).partial).toBe(false);
    expect(runRules(report)).not.toContain('partial-run');
  });
  it('is silent when they agree', async () => {
    const text = `# Docker Bench for Security v1.6.0\n#\n${dbsLog(`[INFO] 5 - Container Runtime
[PASS] 5.1 - Ensure swarm mode is not Enabled, if not needed (Automated)
[WARN] 5.2 - Ensure that, if applicable, an AppArmor Profile is enabled (Automated)
[WARN]      * No AppArmorProfile Found: web`)}`;
    expect(runRules(await analyseText(text))).not.toContain('numbering');
  });
  it('a run that left whole sections out (-c container_runtime) is partial: it assesses part of the benchmark', async () => {
    const report = await analyseText(dbsLog(`[INFO] 5 - Container Runtime
[WARN] 5.1 - Ensure that, if applicable, an AppArmor Profile is enabled (Automated)`));
    const run = lastRun(report);
    expect(run.partial).toBe(true);
    expect(run.caveats.find((c) => c.rule === 'partial-run')!.message).toMatch(/sections 1, 2, 3, 4, 6 were not run \(a -c or -e selection of checks\)/);
  });
  it('a grep FAIL excerpt is partial: the run says missing checks never count as passed', async () => {
    const report = await analyseText('[FAIL] 4.5 Ensure Content trust for Docker is Enabled (Scored)\n[FAIL] 5.28 Ensure that the PIDs cgroup limit is used (Scored)\n2 checks FAIL\n');
    const run = lastRun(report);
    expect(run.partial).toBe(true);
    expect(run.caveats.find((c) => c.rule === 'partial-run')!.message).toMatch(/none of them counts as passed/);
    expect(run.summary.notAssessed.some((s) => /Partial run/.test(s))).toBe(true);
  });
});

describe('swarm-inactive and swarm-node (C-25)', () => {
  it('docker-bench-security: swarm checks passing on a non-swarm host are not applicable', async () => {
    const report = await analyseText(dbsLog(`[INFO] 5 - Container Runtime
[PASS] 5.1 - Ensure swarm mode is not Enabled, if not needed (Automated)
[INFO] 7 - Docker Swarm Configuration
[PASS] 7.1 - Ensure that the minimum number of manager nodes have been created in a swarm (Automated) (Swarm mode not enabled)`));
    expect(result(report, '7.1').verdict).toBe('NOT_APPLICABLE');
    expect(result(report, '5.1').verdict).toBe('SATISFIED');
  });
  it('aqua: the skipped swarm group is not applicable, and the swarm-mode check itself satisfied', async () => {
    const report = await analyseText(
      aquaLog(
        `[INFO] 7 Docker Swarm Configuration
[INFO] 7.1 Ensure swarm mode is not Enabled, if not needed (Scored)
[INFO] 7.2 Ensure that the minimum number of manager nodes have been created in a swarm (Scored)`,
        { '7.1': 'Test marked as skip', '7.2': 'Test marked as skip' },
      ),
    );
    expect(result(report, '7.2').verdict).toBe('NOT_APPLICABLE');
    expect(result(report, '7.1').verdict).toBe('SATISFIED');
  });
  it('on a swarm node: swarm mode is a review, worker-only blind spots are not assessed, ingress is less severe', async () => {
    const report = await analyseText(dbsLog(`[INFO] 5 - Container Runtime
[WARN] 5.1 - Ensure swarm mode is not Enabled, if not needed (Automated)
[INFO] 7 - Docker Swarm Configuration
[WARN] 7.1 - Ensure that the minimum number of manager nodes have been created in a swarm (Automated)
[WARN] 7.3 - Ensure that all Docker swarm overlay networks are encrypted (Automated)
[WARN]      * Unencrypted overlay network: ingress (swarm)
[INFO] 7.4 - Ensure that Docker's secret management commands are used for managing secrets in a swarm cluster (Manual)
[WARN] 7.5 - Ensure that swarm manager is run in auto-lock mode (Automated)`));
    expect(result(report, '5.1').verdict).toBe('MANUAL_REVIEW');
    expect(result(report, '7.1').verdict).toBe('NOT_ASSESSED');
    expect(result(report, '7.5').verdict).toBe('NOT_ASSESSED');
    expect(caveat(result(report, '7.3'), 'swarm-node')).toMatch(/default ingress/);
    expect(runRules(report)).not.toContain('swarm-inactive');
  });
  it('does not call a manager a worker', async () => {
    const report = await analyseText(
      dbsLog(`[INFO] 5 - Container Runtime
[WARN] 5.1 - Ensure swarm mode is not Enabled, if not needed (Automated)
[INFO] 7 - Docker Swarm Configuration
[WARN] 7.1 - Ensure that the minimum number of manager nodes have been created in a swarm (Automated)
[INFO] 7.4 - Ensure that Docker's secret management commands are used for managing secrets in a swarm cluster (Manual)
[WARN] 7.5 - Ensure that swarm manager is run in auto-lock mode (Automated)`),
      { facts: { swarm: 'manager' } },
    );
    expect(result(report, '7.5').verdict).toBe('FINDING');
  });
});
