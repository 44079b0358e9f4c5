/**
 * Fixes from reading real reports end to end (the review of 2026-01): verdicts an auditor
 * would have had to correct by hand, and caveat text that read wrongly.
 */
import { analyseText, aquaLog, caveat, dbsLog, result, runRules } from './helpers.js';

/** aquasecurity/docker-bench text with --include-test-output: each output line tab-indented under its check. */
const out = (...lines: string[]) => lines.map((l) => `\t ${l}`).concat('\t ').join('\n');

describe('audit-rules: auditctl missing, as xargs reports it', () => {
  it('makes the aqua audit checks whose output says "xargs: auditctl: No such file or directory" unverified, like "auditctl: not found"', async () => {
    const report = await analyseText(
      aquaLog(`[INFO] 1 Host Configuration
[FAIL] 1.2.5 Ensure auditing is configured for Docker files and directories - /etc/docker (Scored)
${out('/bin/sh: 1: auditctl: not found')}
[FAIL] 1.2.6 Ensure auditing is configured for Docker files and directories - docker.service (Scored)
${out('xargs: auditctl: No such file or directory')}`),
    );
    expect(result(report, '1.2.5').verdict).toBe('UNVERIFIED');
    expect(result(report, '1.2.6').verdict).toBe('UNVERIFIED');
    expect(caveat(result(report, '1.2.6'), 'audit-rules')).toMatch(/auditctl is not installed/);
    expect(runRules(report)).toContain('audit-rules');
  });
  it('keeps an audit FAIL whose auditctl ran (rules listed, the path missing) a finding', async () => {
    const report = await analyseText(
      aquaLog(`[INFO] 1 Host Configuration
[FAIL] 1.2.6 Ensure auditing is configured for Docker files and directories - docker.service (Scored)
${out('-w /usr/bin/dockerd -k docker')}`),
    );
    expect(result(report, '1.2.6').verdict).toBe('FINDING');
  });
});

describe('target-not-found: aqua file checks whose stat found no file', () => {
  it('makes registry-certificate checks not applicable when /etc/docker/certs.d holds nothing', async () => {
    const report = await analyseText(
      aquaLog(`[INFO] 3 Docker daemon configuration files
[FAIL] 3.7 Ensure that registry certificate file ownership is set to root:root (Scored)
${out("stat: cannot stat '/etc/docker/certs.d/*': No such file or directory")}
[FAIL] 3.8 Ensure that registry certificate file permissions are set to 444 or more restrictive (Scored)
${out("stat: cannot statx '/etc/docker/certs.d/*': No such file or directory")}`),
    );
    for (const id of ['3.7', '3.8']) {
      expect(result(report, id).verdict).toBe('NOT_APPLICABLE');
      expect(caveat(result(report, id), 'target-not-found')).toMatch(/nothing in \/etc\/docker\/certs\.d on this host/);
    }
  });
  it('names the missing file (statx, /etc/default/docker on a RHEL host)', async () => {
    const report = await analyseText(
      aquaLog(`[INFO] 3 Docker daemon configuration files
[FAIL] 3.19 Ensure that /etc/default/docker file ownership is set to root:root (Automated)
${out("stat: cannot statx '/etc/default/docker': No such file or directory")}`),
    );
    expect(result(report, '3.19').verdict).toBe('NOT_APPLICABLE');
    expect(caveat(result(report, '3.19'), 'target-not-found')).toMatch(/\/etc\/default\/docker does not exist/);
  });
  it('keeps a file check that read a wrong owner a finding', async () => {
    const report = await analyseText(
      aquaLog(`[INFO] 3 Docker daemon configuration files
[FAIL] 3.7 Ensure that registry certificate file ownership is set to root:root (Scored)
${out('deploy:deploy')}`),
    );
    expect(result(report, '3.7').verdict).toBe('FINDING');
  });
  it('leaves the socket files alone: their absence can mean the scanner could not see them', async () => {
    const report = await analyseText(
      aquaLog(`[INFO] 3 Docker daemon configuration files
[FAIL] 3.23 Ensure that the Containerd socket file ownership is set to root:root (Automated)
${out("stat: cannot statx '/run/containerd/containerd.sock': No such file or directory")}`),
    );
    expect(result(report, '3.23').verdict).not.toBe('NOT_APPLICABLE');
  });
  it('makes a silent /etc/sysconfig/docker FAIL unverified on a host whose /etc/default/docker checks pass', async () => {
    const report = await analyseText(
      aquaLog(`[INFO] 3 Docker daemon configuration files
[PASS] 3.19 Ensure that /etc/default/docker file ownership is set to root:root (Scored)
[FAIL] 3.20 Ensure that the /etc/sysconfig/docker file ownership is set to root:root (Scored)
[FAIL] 3.21 Ensure that /etc/sysconfig/docker file permissions are set to 644 or more restrictive (Scored)
[PASS] 3.22 Ensure that /etc/default/docker file permissions are set to 644 or more restrictive (Scored)`),
    );
    for (const id of ['3.20', '3.21']) {
      expect(result(report, id).verdict).toBe('UNVERIFIED');
      expect(caveat(result(report, id), 'target-not-found')).toMatch(/\/etc\/sysconfig\/docker probably does not exist/);
    }
  });
  it('keeps the /etc/sysconfig/docker FAIL a finding when the /etc/default/docker checks fail too', async () => {
    const report = await analyseText(
      aquaLog(`[INFO] 3 Docker daemon configuration files
[FAIL] 3.19 Ensure that /etc/default/docker file ownership is set to root:root (Scored)
[FAIL] 3.20 Ensure that the /etc/sysconfig/docker file ownership is set to root:root (Scored)`),
    );
    expect(result(report, '3.20').verdict).toBe('FINDING');
  });
});

describe('ab-pair: TLS on a daemon that opens no TCP socket', () => {
  const tlsPair = (commandLine: string, daemonJson = 'grep: /etc/docker/daemon.json: No such file or directory') =>
    aquaLog(`[INFO] 2 Docker daemon configuration
[FAIL] 2.6.a Ensure TLS authentication for Docker daemon is configured (Scored)
${out(`root         987       1  0 08:41 ?        00:00:12 ${commandLine}`, 'root        4312    4305  0 09:17 pts/0    00:00:00 grep dockerd')}
[FAIL] 2.6.b Ensure TLS authentication for Docker daemon is configured (Scored)
${out(daemonJson)}`);
  it('makes both variants not applicable when dockerd runs with -H fd:// only and daemon.json does not exist', async () => {
    const report = await analyseText(tlsPair('/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock'));
    for (const id of ['2.6.a', '2.6.b']) {
      expect(result(report, id).verdict).toBe('NOT_APPLICABLE');
      expect(caveat(result(report, id), 'ab-pair')).toMatch(/opens no TCP socket/);
    }
  });
  it('keeps both a finding when dockerd listens on tcp://', async () => {
    const report = await analyseText(tlsPair('/usr/bin/dockerd -H fd:// -H tcp://0.0.0.0:2375'));
    expect(result(report, '2.6.a').verdict).toBe('FINDING');
    expect(result(report, '2.6.b').verdict).toBe('FINDING');
  });
  it('keeps both a finding when daemon.json exists (its "hosts" may open a TCP socket)', async () => {
    const report = await analyseText(tlsPair('/usr/bin/dockerd --containerd=/run/containerd/containerd.sock', ''));
    expect(result(report, '2.6.a').verdict).toBe('FINDING');
  });
});

describe('caveat sentences start with a capital letter', () => {
  it('version-check without a known engine version', async () => {
    const report = await analyseText(dbsLog(`[INFO] 1 - Host Configuration
[INFO] 1.2.2 - Ensure that the version of Docker is up to date (Manual)`));
    const message = caveat(result(report, '1.2.2'), 'version-check');
    expect(message).toMatch(/\(23\.0\)\. Compare the engine version, and containerd and runc/);
    expect(message).not.toMatch(/\. [a-z]/);
  });
  it('version-check with the engine version', async () => {
    const report = await analyseText(dbsLog(`[INFO] 1 - Host Configuration
[INFO] 1.2.2 - Ensure that the version of Docker is up to date (Manual)
[INFO]       * Using 24.0.7 which is current`));
    expect(caveat(result(report, '1.2.2'), 'version-check')).toMatch(/The engine is 24\.0\.7: compare it/);
  });
  it('tls-detection on a "not listening" INFO of a release with the broken flag branch', async () => {
    const report = await analyseText(dbsLog(`[INFO] 2 - Docker daemon configuration
[INFO] 2.7 - Ensure TLS authentication for Docker daemon is configured (Automated)
[INFO]      * Docker daemon not listening on TCP`));
    const message = caveat(result(report, '2.7'), 'tls-detection');
    expect(message).toMatch(/is unverified\. Verify with `ss -ltnp/);
    expect(message).not.toMatch(/\. [a-z]/);
  });
});
