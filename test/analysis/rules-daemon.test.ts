/** Caveat rules about the daemon and host configuration, on docker-bench-security / aqua output shaped like the real thing. */
import { ingestText } from '../../src/ingest/index.js';
import { analyseText, aquaLog, caveat, dbsLog, lastRun, result, rules, runRules } from './helpers.js';

const SWARM_INACTIVE = `[INFO] 5 - Container Runtime
[PASS] 5.1 - Ensure swarm mode is not Enabled, if not needed (Automated)`;
const SWARM_ACTIVE = `[INFO] 5 - Container Runtime
[WARN] 5.1 - Ensure swarm mode is not Enabled, if not needed (Automated)`;

describe('content-trust-env (C-05)', () => {
  it('makes a PASS unverified: only the scanning shell had DOCKER_CONTENT_TRUST', async () => {
    const report = await analyseText(dbsLog(`[INFO] 4 - Container Images and Build File
[PASS] 4.5 - Ensure Content trust for Docker is Enabled (Automated)`));
    const r = result(report, '4.5');
    expect(r.verdict).toBe('UNVERIFIED');
    expect(caveat(r, 'content-trust-env')).toMatch(/scanning shell/);
  });
  it('turns a WARN into a review that recommends signing that works today, not DOCKER_CONTENT_TRUST=1', async () => {
    const report = await analyseText(aquaLog(`[INFO] 4 Container Images and Build File Configuration
[FAIL] 4.5 Ensure Content trust for Docker is Enabled (Scored)
\t DOCKER_CONTENT_TRUST=
\t `));
    const r = result(report, '4.5');
    expect(r.verdict).toBe('MANUAL_REVIEW');
    expect(caveat(r, 'content-trust-env')).toMatch(/cosign or Notation/);
    expect(caveat(r, 'content-trust-env')).toMatch(/Do not fix it with DOCKER_CONTENT_TRUST=1/);
  });
  it('does not fire on other checks', async () => {
    const report = await analyseText(dbsLog(`[INFO] 4 - Container Images and Build File
[PASS] 4.6 - Ensure that HEALTHCHECK instructions have been added to container images (Automated)`));
    expect(rules(result(report, '4.6'))).not.toContain('content-trust-env');
    expect(result(report, '4.6').verdict).toBe('SATISFIED');
  });
});

describe('live-restore-swarm (C-03)', () => {
  it('makes live restore not applicable on a swarm node (the text log says "Incompatible with swarm mode")', async () => {
    const report = await analyseText(dbsLog(`[INFO] 2 - Docker daemon configuration
[PASS] 2.15 - Ensure live restore is enabled (Scored) (Incompatible with swarm mode)
${SWARM_ACTIVE}`));
    const r = result(report, '2.15');
    expect(r.verdict).toBe('NOT_APPLICABLE');
    expect(caveat(r, 'live-restore-swarm')).toMatch(/passes it whatever the setting/);
  });
  it('makes both failing aqua variants not applicable when the facts say swarm manager', async () => {
    const report = await analyseText(
      aquaLog(`[INFO] 2 Docker daemon configuration
[FAIL] 2.13.a Ensure live restore is Enabled (Scored)
[FAIL] 2.13.b Ensure live restore is Enabled (Scored)`),
      { facts: { swarm: 'manager' } },
    );
    expect(result(report, '2.13.a').verdict).toBe('NOT_APPLICABLE');
    expect(result(report, '2.13.b').verdict).toBe('NOT_APPLICABLE');
  });
  it('keeps a live-restore WARN a finding on a standalone host', async () => {
    const report = await analyseText(dbsLog(`[INFO] 2 - Docker daemon configuration
[WARN] 2.15 - Ensure live restore is enabled (Scored)
${SWARM_INACTIVE}`));
    expect(result(report, '2.15').verdict).toBe('FINDING');
    expect(rules(result(report, '2.15'))).not.toContain('live-restore-swarm');
  });
});

const DASH_PATTERN = `[INFO] 2 - Docker daemon configuration
[WARN] 2.2 - Ensure network traffic is restricted between containers on the default bridge (Scored)
[PASS] 2.4 - Ensure Docker is allowed to make changes to iptables (Scored)
[PASS] 2.5 - Ensure insecure registries are not used (Scored)
[WARN] 2.9 - Enable user namespace support (Scored)
[WARN] 2.12 - Ensure that authorization for Docker client commands is enabled (Scored)
[PASS] 2.14 - Ensure containers are restricted from acquiring new privileges (Scored)
[INFO] 3 - Docker daemon configuration files
[PASS] 3.17 - Ensure that the daemon.json file ownership is set to root:root (Automated)`;

describe('dash-shell (C-09)', () => {
  it('makes the six [[ ]] checks unverified when the facts say dash', async () => {
    const report = await analyseText(dbsLog(DASH_PATTERN), { facts: { shell: 'dash' } });
    for (const id of ['2.2', '2.4', '2.5', '2.9', '2.12']) expect(result(report, id).verdict).toBe('UNVERIFIED');
    expect(caveat(result(report, '2.4'), 'dash-shell')).toMatch(/can PASS while the setting is wrong/);
    expect(result(report, '2.14').verdict).toBe('SATISFIED');
    expect(runRules(report)).toContain('dash-shell');
  });
  it('suspects dash from the pattern: the PASSes dash fakes are unverified, the WARNs only get a note', async () => {
    const report = await analyseText(dbsLog(DASH_PATTERN));
    expect(result(report, '2.5').verdict).toBe('UNVERIFIED');
    expect(caveat(result(report, '2.5'), 'dash-shell')).toMatch(/suspected/);
    expect(result(report, '2.2').verdict).toBe('FINDING');
    expect(caveat(result(report, '2.2'), 'dash-shell')).toMatch(/can WARN while the setting is right/);
  });
  it('is certain when the log itself holds dash\'s "[[: not found", whatever numbering the run got', async () => {
    // Run with `sh` on Debian, the errors land in the captured output between the checks.
    const log = dbsLog(DASH_PATTERN.replace('[WARN] 2.2 -', 'docker-bench-security.sh: 37: [[: not found\n[WARN] 2.2 -'));
    const parsed = await ingestText(log, { name: 'fixture' });
    expect(parsed.warnings.map((w) => w.code)).toContain('shell-not-bash');
    const report = await analyseText(log);
    for (const id of ['2.2', '2.4', '2.5', '2.9', '2.12']) expect(result(report, id).verdict).toBe('UNVERIFIED');
    expect(caveat(result(report, '2.2'), 'dash-shell')).not.toMatch(/suspected/);
    expect(result(report, '2.14').verdict).toBe('SATISFIED');
  });
  it('does not fire when the facts say bash', async () => {
    const report = await analyseText(dbsLog(DASH_PATTERN), { facts: { shell: 'bash' } });
    expect(result(report, '2.5').verdict).toBe('SATISFIED');
    expect(runRules(report)).not.toContain('dash-shell');
  });
  it('does not fire without daemon.json', async () => {
    const report = await analyseText(dbsLog(DASH_PATTERN.replace('[PASS] 3.17', '[INFO] 3.17') + '\n[INFO]      * File not found'));
    expect(result(report, '2.2').verdict).toBe('FINDING');
  });
});

describe('single-source (C-10)', () => {
  const log = dbsLog(`[INFO] 2 - Docker daemon configuration
[PASS] 2.3 - Ensure the logging level is set to 'info' (Scored)
[PASS] 2.10 - Ensure the default cgroup usage has been confirmed (Scored)
[INFO] 3 - Docker daemon configuration files
[PASS] 3.17 - Ensure that the daemon.json file ownership is set to root:root (Automated)`);
  it('makes a log-level PASS unverified: only daemon.json was read', async () => {
    const report = await analyseText(log);
    expect(result(report, '2.3').verdict).toBe('UNVERIFIED');
    expect(caveat(result(report, '2.3'), 'single-source')).toMatch(/--log-level=debug/);
    expect(result(report, '2.10').verdict).toBe('UNVERIFIED');
  });
  it('judges from the facts when they give dockerd\'s command line', async () => {
    const clean = await analyseText(log, { facts: { dockerdCommandLine: '/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock' } });
    expect(result(clean, '2.3').verdict).toBe('SATISFIED');
    expect(rules(result(clean, '2.3'))).not.toContain('single-source');
    const debug = await analyseText(log, { facts: { dockerdCommandLine: '/usr/bin/dockerd -D -H fd://' } });
    expect(result(debug, '2.3').verdict).toBe('FINDING');
  });
});

describe('tls-detection (C-11, C-21)', () => {
  const notListening = `[INFO] 2 - Docker daemon configuration
[INFO] 2.7 - Ensure TLS authentication for Docker daemon is configured (Scored)
[INFO]      * Docker daemon not listening on TCP
[INFO] 3 - Docker daemon configuration files
[INFO] 3.9 - Ensure that TLS CA certificate file ownership is set to root:root (Automated)
[INFO]      * No TLS CA certificate found`;
  it('makes "not listening" unverified (flag-configured listeners are invisible) and the TLS file checks not assessed', async () => {
    const report = await analyseText(dbsLog(notListening));
    expect(result(report, '2.7').verdict).toBe('UNVERIFIED');
    expect(caveat(result(report, '2.7'), 'tls-detection')).toMatch(/ss -ltnp/);
    expect(result(report, '3.9').verdict).toBe('NOT_ASSESSED');
  });
  it('trusts the facts: no TCP listener means not applicable, file checks too', async () => {
    const report = await analyseText(dbsLog(notListening), { facts: { dockerdCommandLine: '/usr/bin/dockerd -H fd://' } });
    expect(result(report, '2.7').verdict).toBe('NOT_APPLICABLE');
    expect(result(report, '3.9').verdict).toBe('NOT_APPLICABLE');
  });
  it('suspects the jq bug when 2.7 says "without TLS" but TLS files were found', async () => {
    const report = await analyseText(dbsLog(`[INFO] 2 - Docker daemon configuration
[WARN] 2.7 - Ensure TLS authentication for Docker daemon is configured (Scored)
[WARN]      * Docker daemon currently listening on TCP without TLS
[INFO] 3 - Docker daemon configuration files
[PASS] 3.9 - Ensure that TLS CA certificate file ownership is set to root:root (Automated)`));
    expect(result(report, '2.7').verdict).toBe('UNVERIFIED');
    expect(caveat(result(report, '2.7'), 'tls-detection')).toMatch(/jq/);
  });
  it('does not fire on a TLS pass', async () => {
    const report = await analyseText(dbsLog(`[INFO] 2 - Docker daemon configuration
[PASS] 2.7 - Ensure TLS authentication for Docker daemon is configured (Scored)`));
    expect(result(report, '2.7').verdict).toBe('SATISFIED');
    expect(rules(result(report, '2.7'))).not.toContain('tls-detection');
  });
  it('keeps "without TLS" with no TLS material a finding, one step more severe', async () => {
    const report = await analyseText(dbsLog(`[INFO] 2 - Docker daemon configuration
[WARN] 2.7 - Ensure TLS authentication for Docker daemon is configured (Scored)
[WARN]      * Docker daemon currently listening on TCP without TLS`));
    const r = result(report, '2.7');
    expect(r.verdict).toBe('FINDING');
    expect(r.severity).toBe('critical');
  });
});

describe('remote-logging (C-15)', () => {
  const log = dbsLog(`[INFO] 2 - Docker daemon configuration
[PASS] 2.13 - Ensure centralized and remote logging is configured (Scored)`);
  it('makes a PASS unverified: it passes for any driver but json-file', async () => {
    expect(result(await analyseText(log), '2.13').verdict).toBe('UNVERIFIED');
  });
  it('keeps it satisfied for a remote driver, and a finding for "none"', async () => {
    const fluentd = result(await analyseText(log, { facts: { loggingDriver: 'fluentd' } }), '2.13');
    expect(fluentd.verdict).toBe('SATISFIED');
    expect(rules(fluentd)).not.toContain('remote-logging');
    expect(result(await analyseText(log, { facts: { loggingDriver: 'none' } }), '2.13').verdict).toBe('FINDING');
    expect(result(await analyseText(log, { facts: { loggingDriver: 'syslog', loggingOptions: { 'syslog-address': 'tcp+tls://logs.example:6514' } } }), '2.13').verdict).toBe('SATISFIED');
  });
});

describe('seccomp-info (C-17)', () => {
  it('makes an INFO a manual review with the command that tells the cases apart', async () => {
    const report = await analyseText(dbsLog(`[INFO] 2 - Docker daemon configuration
[INFO] 2.17 - Ensure that a daemon-wide custom seccomp profile is applied if appropriate (Manual)`));
    expect(result(report, '2.17').verdict).toBe('MANUAL_REVIEW');
    expect(caveat(result(report, '2.17'), 'seccomp-info')).toMatch(/SecurityOptions/);
  });
  it('does not fire on a PASS', async () => {
    const report = await analyseText(dbsLog(`[INFO] 2 - Docker daemon configuration
[PASS] 2.17 - Ensure that a daemon-wide custom seccomp profile is applied if appropriate (Manual)`));
    expect(rules(result(report, '2.17'))).not.toContain('seccomp-info');
  });
});

describe('obsolete-storage-driver (C-18) and version-check (C-19)', () => {
  const log = (version: string) =>
    dbsLog(`[INFO] 1 - Host Configuration
[INFO] 1.2 - General Configuration
[PASS] 1.2.2 - Ensure that the version of Docker is up to date (Manual)
[INFO]        * Using ${version} which is current
[INFO] 2 - Docker daemon configuration
[PASS] 2.6 - Ensure aufs storage driver is not used (Scored)
[PASS] 2.11 - Ensure base device size is not changed until needed (Scored)
[INFO] Ensure that experimental features are not implemented in production (Scored) (Deprecated)`);
  it('makes the aufs and base-size checks not applicable on Engine 25+', async () => {
    const report = await analyseText(log('26.1.4'));
    expect(result(report, '2.6').verdict).toBe('NOT_APPLICABLE');
    expect(result(report, '2.11').verdict).toBe('NOT_APPLICABLE');
  });
  it('keeps them on an old engine', async () => {
    const report = await analyseText(log('20.10.7'));
    expect(result(report, '2.6').verdict).toBe('SATISFIED');
    expect(rules(result(report, '2.6'))).not.toContain('obsolete-storage-driver');
  });
  it('turns "up to date" into a manual review showing the version, and the deprecated experimental check into not assessed', async () => {
    const report = await analyseText(log('26.1.4'));
    expect(result(report, '1.2.2').verdict).toBe('MANUAL_REVIEW');
    expect(caveat(result(report, '1.2.2'), 'version-check')).toMatch(/26\.1\.4/);
    expect(result(report, '2.18').verdict).toBe('NOT_ASSESSED');
  });
  it('version-check leaves aquasecurity\'s manual up-to-date check to the manual-check rule', async () => {
    const report = await analyseText(aquaLog(`[INFO] 1 Host Configuration
[WARN] 1.1.2 Ensure that the version of Docker is up to date (Not Scored)
[WARN] 1.1.1 Ensure the container host has been Hardened (Not Scored)`));
    expect(rules(result(report, '1.1.2'))).not.toContain('version-check');
    expect(result(report, '1.1.2').verdict).toBe('MANUAL_REVIEW');
  });
});

describe('host-checks (C-20)', () => {
  it('turns the docker group listing into a review of its members', async () => {
    const report = await analyseText(dbsLog(`[INFO] 1 - Host Configuration
[INFO] 1.1 - Linux Hosts Specific Configuration
[WARN] 1.1.1 - Ensure a separate partition for containers has been created (Automated)
[INFO] 1.1.2 - Ensure only trusted users are allowed to control Docker daemon (Automated)
[INFO]       * Users: alice,bob`), { facts: { separateVarPartition: true } });
    expect(caveat(result(report, '1.1.2'), 'host-checks')).toMatch(/alice,bob/);
    expect(caveat(result(report, '1.1.1'), 'host-checks')).toMatch(/own partition/);
  });
  it('leaves the partition WARN alone without the fact', async () => {
    const report = await analyseText(dbsLog(`[INFO] 1 - Host Configuration
[WARN] 1.1.1 - Ensure a separate partition for containers has been created (Automated)`));
    expect(rules(result(report, '1.1.1'))).not.toContain('host-checks');
  });
});

describe('rootless (C-12)', () => {
  const log = dbsLog(`[INFO] 2 - Docker daemon configuration
[NOTE] 2.1 - Run the Docker daemon as a non-root user, if possible (Manual)
[WARN] 2.9 - Enable user namespace support (Scored)
[WARN] 2.15 - Ensure live restore is enabled (Scored)
[INFO] 3 - Docker daemon configuration files
[INFO] 3.15 - Ensure that the Docker socket file ownership is set to root:docker (Automated)
[INFO]      * File not found
[INFO] 3.16 - Ensure that the Docker socket file permissions are set to 660 or more restrictively (Automated)
[INFO]      * File not found
[INFO] 6 - Docker Security Operations
[INFO] 6.2 - Ensure that container sprawl is avoided (Manual)
[INFO]      * There are currently a total of 3 containers, with 2 of them currently running`);
  it('with rootless confirmed: 2.1 and 2.9 satisfied, other daemon verdicts unverified', async () => {
    const report = await analyseText(log, { facts: { rootless: true } });
    expect(result(report, '2.1').verdict).toBe('SATISFIED');
    expect(result(report, '2.9').verdict).toBe('SATISFIED');
    expect(result(report, '2.15').verdict).toBe('UNVERIFIED');
  });
  it('suspects a socket elsewhere when the socket is "not found" but the daemon answered', async () => {
    const report = await analyseText(log);
    expect(result(report, '3.15').verdict).toBe('NOT_ASSESSED');
    expect(runRules(report)).toContain('rootless');
    expect(result(report, '2.9').verdict).toBe('FINDING');
  });
  it('does not fire when the facts say rootful', async () => {
    const report = await analyseText(log, { facts: { rootless: false } });
    expect(result(report, '3.15').verdict).toBe('NOT_APPLICABLE');
    expect(runRules(report)).not.toContain('rootless');
  });
});

describe('userns-remap (C-13)', () => {
  it('makes the host-user-namespace check not applicable without remapping', async () => {
    const report = await analyseText(dbsLog(`[INFO] 2 - Docker daemon configuration
[WARN] 2.9 - Enable user namespace support (Scored)
[INFO] 5 - Container Runtime
[PASS] 5.31 - Ensure that the host's user namespaces are not shared (Automated)`));
    expect(result(report, '5.31').verdict).toBe('NOT_APPLICABLE');
    expect(caveat(result(report, '5.31'), 'userns-remap')).toMatch(/remapping is off/);
  });
  it('with remapping: no change to 5.31, and a bypass note when there is no authorization plugin', async () => {
    const report = await analyseText(dbsLog(`[INFO] 2 - Docker daemon configuration
[PASS] 2.9 - Enable user namespace support (Scored)
[WARN] 2.12 - Ensure that authorization for Docker client commands is enabled (Scored)
[INFO] 5 - Container Runtime
[PASS] 5.31 - Ensure that the host's user namespaces are not shared (Automated)`));
    expect(result(report, '5.31').verdict).toBe('SATISFIED');
    expect(rules(result(report, '5.31'))).not.toContain('userns-remap');
    expect(caveat(result(report, '2.9'), 'userns-remap')).toMatch(/--userns=host/);
    expect(lastRun(report).results.length).toBe(3);
  });
});
