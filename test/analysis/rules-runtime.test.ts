/** Caveat rules about images and the container runtime (sections 4–5), on scanner-shaped output. */
import { analyseText, aquaLog, caveat, dbsLog, lastRun, result, rules, runRules } from './helpers.js';

describe('no-running-containers (C-04)', () => {
  it('docker-bench-security: the skip line leaves only the swarm check; the run says runtime posture is unknown', async () => {
    const report = await analyseText(dbsLog(`[INFO] 4 - Container Images and Build File
[INFO] 4.1 - Ensure that a user for the container has been created (Automated)
[INFO]      * No containers running
[INFO] 5 - Container Runtime
[INFO]   * No containers running, skipping Section 5
[PASS] 5.1 - Ensure swarm mode is not Enabled, if not needed (Automated)`));
    const run = lastRun(report);
    expect(runRules(report)).toContain('no-running-containers');
    expect(run.summary.notAssessed.join(' ')).toMatch(/section 5/i);
    expect(result(report, '4.1').verdict).toBe('NOT_ASSESSED');
    expect(result(report, '5.1').verdict).toBe('SATISFIED');
  });
  it('aqua: runtime checks that ran over an empty container list are not assessed, however quiet they look', async () => {
    const report = await analyseText(
      aquaLog(`[INFO] 5 Container Runtime Configuration
[PASS] 5.4 Ensure that privileged containers are not used (Scored)
[FAIL] 5.10 Ensure that the memory usage for container is limited (Scored)
\t "docker inspect" requires at least 1 argument.
\t See 'docker inspect --help'.
\t 
[PASS] 5.31 Ensure that the Docker socket is not mounted inside any containers (Scored)`),
    );
    for (const id of ['5.4', '5.10', '5.31']) {
      expect(result(report, id).verdict).toBe('NOT_ASSESSED');
      expect(rules(result(report, id))).toContain('no-running-containers');
    }
  });
  it('does not fire when containers run', async () => {
    const report = await analyseText(dbsLog(`[INFO] 5 - Container Runtime
[WARN] 5.11 - Ensure that the memory usage for containers is limited (Automated)
[WARN]       * Container running without memory restrictions: web
[INFO] 6 - Docker Security Operations
[INFO] 6.2 - Ensure that container sprawl is avoided (Manual)
[INFO]      * There are currently a total of 3 containers, with 1 of them currently running`));
    expect(result(report, '5.11').verdict).toBe('FINDING');
    expect(runRules(report)).not.toContain('no-running-containers');
  });
});

describe('no-images (C-04)', () => {
  const log = (images: number) =>
    dbsLog(`[INFO] 4 - Container Images and Build File
[PASS] 4.6 - Ensure that HEALTHCHECK instructions have been added to container images (Automated)
[INFO] 6 - Docker Security Operations
[INFO] 6.1 - Ensure that image sprawl is avoided (Manual)
[INFO]      * There are currently: ${images} images`);
  it('makes image-loop passes not applicable when there are no images', async () => {
    const r = result(await analyseText(log(0)), '4.6');
    expect(r.verdict).toBe('NOT_APPLICABLE');
    expect(rules(r)).toContain('no-images');
  });
  it('keeps them when images exist', async () => {
    const r = result(await analyseText(log(4)), '4.6');
    expect(r.verdict).toBe('SATISFIED');
    expect(rules(r)).not.toContain('no-images');
  });
});

describe('scanner-container (C-07)', () => {
  it('drops the scanner\'s own container: a check whose only item it was is satisfied', async () => {
    const report = await analyseText(dbsLog(`[INFO] 5 - Container Runtime
[WARN] 5.16 - Ensure that the host's process namespace is not shared (Automated)
[WARN]       * Host PID namespace being shared with: docker-bench-security
[WARN] 5.11 - Ensure that the memory usage for containers is limited (Automated)
[WARN]       * Container running without memory restrictions: web
[WARN]       * Container running without memory restrictions: docker_bench`));
    expect(result(report, '5.16').verdict).toBe('SATISFIED');
    const memory = result(report, '5.11');
    expect(memory.verdict).toBe('FINDING');
    expect(caveat(memory, 'scanner-container')).toMatch(/stands for web/);
    expect(runRules(report)).toContain('scanner-container');
  });
  it('only labels a container with the scanner\'s fingerprint (host net + host pid + docker.sock)', async () => {
    const report = await analyseText(dbsLog(`[INFO] 5 - Container Runtime
[WARN] 5.10 - Ensure that the host's network namespace is not shared (Automated)
[WARN]      * Container running with networking mode 'host': cadvisor
[WARN] 5.16 - Ensure that the host's process namespace is not shared (Automated)
[WARN]       * Host PID namespace being shared with: cadvisor
[WARN] 5.32 - Ensure that the Docker socket is not mounted inside any containers (Automated)
[WARN]       * Docker socket shared: cadvisor`));
    for (const id of ['5.10', '5.16', '5.32']) {
      expect(result(report, id).verdict).toBe('FINDING');
      expect(caveat(result(report, id), 'scanner-container')).toMatch(/possible scanner container/);
    }
  });
  it('does not fire on ordinary containers', async () => {
    const report = await analyseText(dbsLog(`[INFO] 5 - Container Runtime
[WARN] 5.16 - Ensure that the host's process namespace is not shared (Automated)
[WARN]       * Host PID namespace being shared with: node-exporter`));
    expect(rules(result(report, '5.16'))).not.toContain('scanner-container');
  });
});

describe('privileged-container (C-14)', () => {
  it('fails the capability and seccomp checks for a privileged container they passed', async () => {
    const report = await analyseText(dbsLog(`[INFO] 5 - Container Runtime
[PASS] 5.4 - Ensure that Linux kernel capabilities are restricted within containers (Automated)
[WARN] 5.5 - Ensure that privileged containers are not used (Automated)
[WARN]      * Container running in privileged mode: jenkins
[PASS] 5.22 - Ensure that the default seccomp profile is not Disabled (Automated)`));
    expect(result(report, '5.4').verdict).toBe('FINDING');
    expect(caveat(result(report, '5.4'), 'privileged-container')).toMatch(/jenkins is privileged/);
    expect(result(report, '5.22').verdict).toBe('FINDING');
  });
  it('does not fire without privileged containers', async () => {
    const report = await analyseText(dbsLog(`[INFO] 5 - Container Runtime
[PASS] 5.4 - Ensure that Linux kernel capabilities are restricted within containers (Automated)
[PASS] 5.5 - Ensure that privileged containers are not used (Automated)`));
    expect(result(report, '5.4').verdict).toBe('SATISFIED');
  });
});

describe('mac-confinement (C-22)', () => {
  it('satisfies the SELinux WARN when AppArmor confines every container', async () => {
    const report = await analyseText(dbsLog(`[INFO] 5 - Container Runtime
[PASS] 5.2 - Ensure that, if applicable, an AppArmor Profile is enabled (Automated)
[WARN] 5.3 - Ensure that, if applicable, SELinux security options are set (Automated)
[WARN]      * No SecurityOptions Found: web`));
    expect(result(report, '5.3').verdict).toBe('SATISFIED');
  });
  it('makes both unverified when a container is on both lists and the host LSM is unknown', async () => {
    const log = dbsLog(`[INFO] 5 - Container Runtime
[WARN] 5.2 - Ensure that, if applicable, an AppArmor Profile is enabled (Automated)
[WARN]      * No AppArmorProfile Found: web
[WARN] 5.3 - Ensure that, if applicable, SELinux security options are set (Automated)
[WARN]      * No SecurityOptions Found: web`);
    const report = await analyseText(log);
    expect(result(report, '5.2').verdict).toBe('UNVERIFIED');
    expect(caveat(result(report, '5.2'), 'mac-confinement')).toMatch(/web is on both lists/);
    const apparmorHost = await analyseText(log, { facts: { lsm: 'apparmor' } });
    expect(result(apparmorHost, '5.2').verdict).toBe('FINDING');
    expect(result(apparmorHost, '5.3').verdict).toBe('NOT_APPLICABLE');
  });
  it('does not fire when both pass', async () => {
    const report = await analyseText(dbsLog(`[INFO] 5 - Container Runtime
[PASS] 5.2 - Ensure that, if applicable, an AppArmor Profile is enabled (Automated)
[PASS] 5.3 - Ensure that, if applicable, SELinux security options are set (Automated)`));
    expect(rules(result(report, '5.2'))).not.toContain('mac-confinement');
    expect(rules(result(report, '5.3'))).not.toContain('mac-confinement');
  });
});

describe('restart-policy, host-network-ports, sshd-host-pid, socket-mount (C-22)', () => {
  const log = dbsLog(`[INFO] 5 - Container Runtime
[WARN] 5.7 - Ensure sshd is not run within containers (Automated)
[WARN]      * Container running sshd: node-exporter
[PASS] 5.8 - Ensure privileged ports are not mapped within containers (Automated)
[WARN] 5.10 - Ensure that the host's network namespace is not shared (Automated)
[WARN]      * Container running with networking mode 'host': node-exporter
[PASS] 5.15 - Ensure that the 'on-failure' container restart policy is set to '5' (Automated)
[WARN] 5.16 - Ensure that the host's process namespace is not shared (Automated)
[WARN]       * Host PID namespace being shared with: node-exporter
[PASS] 5.32 - Ensure that the Docker socket is not mounted inside any containers (Automated)`);
  it('fires on each gap', async () => {
    const report = await analyseText(log);
    expect(result(report, '5.15').verdict).toBe('UNVERIFIED');
    expect(caveat(result(report, '5.15'), 'restart-policy')).toMatch(/unless-stopped/);
    expect(result(report, '5.8').verdict).toBe('UNVERIFIED');
    expect(caveat(result(report, '5.8'), 'host-network-ports')).toMatch(/node-exporter uses the host network/);
    expect(result(report, '5.7').verdict).toBe('UNVERIFIED');
    expect(caveat(result(report, '5.7'), 'sshd-host-pid')).toMatch(/host's own/);
    expect(result(report, '5.32').verdict).toBe('SATISFIED');
    expect(caveat(result(report, '5.32'), 'socket-mount')).toMatch(/\/var\/run/);
  });
  it('does not fire without host-network or host-PID containers', async () => {
    const report = await analyseText(dbsLog(`[INFO] 5 - Container Runtime
[WARN] 5.7 - Ensure sshd is not run within containers (Automated)
[WARN]      * Container running sshd: legacy-app
[PASS] 5.8 - Ensure privileged ports are not mapped within containers (Automated)
[PASS] 5.10 - Ensure that the host's network namespace is not shared (Automated)
[PASS] 5.16 - Ensure that the host's process namespace is not shared (Automated)`));
    expect(result(report, '5.8').verdict).toBe('SATISFIED');
    expect(rules(result(report, '5.8'))).not.toContain('host-network-ports');
    expect(result(report, '5.7').verdict).toBe('FINDING');
    expect(rules(result(report, '5.7'))).not.toContain('sshd-host-pid');
  });
  it('leaves restart-policy and docker.sock WARNs alone', async () => {
    const report = await analyseText(dbsLog(`[INFO] 5 - Container Runtime
[WARN] 5.15 - Ensure that the 'on-failure' container restart policy is set to '5' (Automated)
[WARN]       * MaximumRetryCount is not set to 5 or less: web
[WARN] 5.32 - Ensure that the Docker socket is not mounted inside any containers (Automated)
[WARN]       * Docker socket shared: portainer`));
    expect(result(report, '5.15').verdict).toBe('FINDING');
    expect(rules(result(report, '5.15'))).not.toContain('restart-policy');
    expect(rules(result(report, '5.32'))).not.toContain('socket-mount');
  });
});

describe('no-new-privileges-opt-out (C-16)', () => {
  it('notes the residual risk of a container pass that rests on the daemon default', async () => {
    const report = await analyseText(dbsLog(`[INFO] 2 - Docker daemon configuration
[PASS] 2.14 - Ensure containers are restricted from acquiring new privileges (Scored)
[INFO] 5 - Container Runtime
[PASS] 5.26 - Ensure that the container is restricted from acquiring additional privileges (Automated)`));
    expect(result(report, '5.26').verdict).toBe('SATISFIED');
    expect(caveat(result(report, '5.26'), 'no-new-privileges-opt-out')).toMatch(/no-new-privileges=false/);
  });
  it('does not fire without the daemon default', async () => {
    const report = await analyseText(dbsLog(`[INFO] 2 - Docker daemon configuration
[WARN] 2.14 - Ensure containers are restricted from acquiring new privileges (Scored)
[INFO] 5 - Container Runtime
[PASS] 5.26 - Ensure that the container is restricted from acquiring additional privileges (Automated)`));
    expect(rules(result(report, '5.26'))).not.toContain('no-new-privileges-opt-out');
  });
});

describe('image-history (C-23)', () => {
  const log = dbsLog(`[INFO] 4 - Container Images and Build File
[WARN] 4.6 - Ensure that HEALTHCHECK instructions have been added to container images (Automated)
[WARN]      * No Healthcheck found: [nginx:1.25]
[WARN]      * No Healthcheck found: [old/tool:1]
[INFO] 4.7 - Ensure update instructions are not used alone in the Dockerfile (Manual)
[INFO]      * Update instruction found: [nginx:1.25]`);
  it('turns the HEALTHCHECK WARN into a review without facts, and the update heuristic into a review', async () => {
    const report = await analyseText(log);
    expect(result(report, '4.6').verdict).toBe('MANUAL_REVIEW');
    expect(caveat(result(report, '4.7'), 'image-history')).toMatch(/apt-get update/);
  });
  it('keeps the finding for images that back running containers', async () => {
    const report = await analyseText(log, { facts: { imagesInUse: ['nginx:1.25'] } });
    expect(result(report, '4.6').verdict).toBe('FINDING');
    expect(caveat(result(report, '4.6'), 'image-history')).toMatch(/nginx:1\.25/);
  });
  it('does not fire on passing image checks', async () => {
    const report = await analyseText(dbsLog(`[INFO] 4 - Container Images and Build File
[PASS] 4.6 - Ensure that HEALTHCHECK instructions have been added to container images (Automated)
[PASS] 4.9 - Ensure that COPY is used instead of ADD in Dockerfiles (Manual)`));
    expect(rules(result(report, '4.6'))).not.toContain('image-history');
    expect(rules(result(report, '4.9'))).not.toContain('image-history');
  });
});
