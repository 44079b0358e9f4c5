/** aquasecurity/docker-bench text output: one small fixture per quirk of the layout. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingestFile, ingestText } from '../../../src/ingest/index.js';
import type { ParsedInput, Result, Run } from '../../../src/model/types.js';
import { FIXTURES } from '../../helpers/paths.js';

const fixture = (name: string) => join(FIXTURES, 'aqua', name);
const read = (name: string) => ingestFile(fixture(name));
const onlyRun = (p: ParsedInput): Run => {
  expect(p.runs).toHaveLength(1);
  return p.runs[0]!;
};
const result = (run: Run, id: string, nth = 0): Result => run.results.filter((r) => r.id === id)[nth]!;

describe('aqua docker-bench text', () => {
  it('keeps a/b sub-checks as separate results, each with its own entry', async () => {
    const parsed = await read('docker-ab-pairs.txt');
    expect(parsed.input.format).toBe('aqua-docker-bench-text');
    const run = onlyRun(parsed);
    expect(run.tool).toBe('aqua-docker-bench');
    expect(run.toolVersion).toBeNull();
    expect(run.results.map((r) => `${r.status} ${r.id}`)).toEqual(['PASS 2.2.a', 'FAIL 2.2.b', 'FAIL 2.13.a', 'PASS 2.13.b', 'FAIL 2.14.a', 'FAIL 2.14.b']);
    expect(result(run, '2.14.b')).toMatchObject({ title: 'Disable Userland Proxy', assessment: 'Scored', section: '2', group: null });
    // The grep error replaced 2.2.b's remediation; 2.13.a's entry is its (multi-line) remediation.
    expect(result(run, '2.2.b')).toMatchObject({ reason: 'grep: /etc/docker/daemon.json: No such file or directory', remediation: null });
    expect(result(run, '2.13.a').remediation).toBe('Run the docker in daemon mode and pass --live-restore as an argument.\nFor Example,\ndockerd --live-restore');
    expect(result(run, '2.14.a').remediation).toBe('You should run the Docker daemon as below:\ndockerd --userland-proxy=false');
    expect(result(run, '2.14.b').remediation).toBe('Set "userland-proxy": false in /etc/docker/daemon.json and restart dockerd.');
    expect(result(run, '2.2.a').remediation).toBeNull();
    expect(run.totals).toEqual({ pass: 2, fail: 4, warn: 0, info: 0 });
    expect(run.benchmark).toBe('aqua-cis-1.2');
    expect(run.benchmarkEvidence).toMatch(/banner "18\.09 CIS Docker Community Edition Benchmark".*a\/b sub-check ids/);
    expect(run.sections).toEqual([{ id: '2', title: 'Docker daemon configuration' }]);
    // Six of cis-1.2's 123 checks: a --check selection, not a full run.
    expect(run.partial).toBe(true);
    expect(run.partialReasons).toEqual(['only 6 of the 123 checks of aqua-cis-1.2 are present (a --check selection?)']);
    expect(run.results[1]!.source).toEqual({ line: 4 });
    expect(run.lines).toEqual({ first: 1, last: 27 });
    expect(parsed.warnings).toEqual([]);
  });

  it('attaches tab-indented audit output to the result above it, without the trailing empty line', async () => {
    const run = onlyRun(await read('docker-audit-output.txt'));
    expect(result(run, '1.1.3').auditOutput).toEqual(['/bin/sh: 1: auditctl: not found']);
    expect(result(run, '1.1.4').auditOutput).toEqual([]);
    // A tab inside the output line survives; only the `\t ` prefix is removed.
    expect(result(run, '2.6').auditOutput).toEqual([
      'usage: grep [-abcdDEFGHhIiJLlMmnOopqRSsUVvwXxZz] [-A num] [-B num] [-C[num]]',
      '\t[-e pattern] [-f file] [--binary-files=value] [--color=when]',
    ]);
    expect(result(run, '1.1.3').reason).toBe('/bin/sh: 1: auditctl: not found');
    expect(result(run, '2.6').reason).toMatch(/^usage: grep/);
    // cis-1.3.1's merged audits: the entry repeats the audit output, so it is a reason even though it starts with "false".
    expect(result(run, '2.15')).toMatchObject({
      auditOutput: ['false', 'cat: /etc/docker/daemon.json: No such file or directory'],
      reason: 'false\ncat: /etc/docker/daemon.json: No such file or directory',
      remediation: null,
    });
    // `(Manual))` with two closing brackets (cis-1.3.1 at v0.5.0).
    expect(result(run, '2.8')).toMatchObject({ title: 'Ensure the default ulimit is configured appropriately', assessment: 'Manual', status: 'WARN' });
    expect(result(run, '2.8').remediation).toMatch(/^Run Docker in daemon mode.*\nas appropriate in your environment/);
    expect(run.sections.map((s) => s.id)).toEqual(['1', '2']);
    expect(result(run, '1.1.3')).toMatchObject({ section: '1', group: '1.1' });
    expect(run.benchmark).toBe('aqua-cis-1.3.1');
  });

  it('cuts multi-line remediation entries by walking the non-PASS ids, not by blank lines', async () => {
    const run = onlyRun(await read('docker-remediations.txt'));
    expect(result(run, '1.1.1').remediation).toBe(
      'You may consider various CIS Security Benchmarks for your container host.\nIf you have other security guidelines or regulatory requirements\nto adhere to, please follow them as suitable in your environment.',
    );
    // v0.4.0 rewrote `sh: 1:` to `Command`.
    expect(result(run, '1.2.3').reason).toBe('Command auditctl: not found');
    expect(result(run, '1.2.6').reason).toBe(
      '/bin/sh: line 1: systemctl: command not found\n/bin/sh: line 1: auditctl: command not found\nusage: grep [-abcdDEFGHhIiJLlMmnOopqRSsUVvwXxZz] [-A num] [-B num] [-C[num]]\n\t[-e pattern] [-f file] [--binary-files=value] [--color=when]',
    );
    // A blank line inside the entry, and a line starting with an earlier id: still 1.2.7's text.
    expect(result(run, '1.2.7').remediation).toBe(
      'Add a rule for the docker.socket file, for example:\n-w /usr/lib/systemd/system/docker.socket -k docker\n1.2.3 is the same rule for the daemon binary.\n\nThen restart the audit daemon: service auditd restart',
    );
    expect(result(run, '3.5').reason).toMatch(/^stat: illegal option -- c\nusage: stat/);
    // Numbered lines and a line starting with a PASS check's id stay in 5.11's entry.
    expect(result(run, '5.11').remediation!.split('\n')).toEqual([
      'You should manage the CPU runtime between your containers dependent on their priority.',
      'Alternatively:',
      '1. Navigate to the /sys/fs/cgroup/cpu/system.slice/ directory.',
      '2. Check your container instance ID using docker ps.',
      '5.10 shows how memory is limited the same way.',
      '256 if you want to set it 25%.',
    ]);
    expect(result(run, '5.10').remediation).toBeNull();
    expect(result(run, '5.28').remediation).toMatch(/\n100\. After a limit of 100 concurrently running processes/);
    // Skip entries follow each other without blank lines.
    for (const id of ['7.1', '7.2', '7.3']) expect(result(run, id)).toMatchObject({ status: 'INFO', reason: 'Test marked as skip', remediation: null });
    expect(result(run, '8.2.1').remediation).toMatch(/\n\$ curl -X POST .*\n\\"scanningEnabled\\": true}"$/);
    expect(result(run, '8.2.1')).toMatchObject({ section: '8', group: '8.2' });
    expect(run.results.map((r) => r.id)).toEqual(['1.1.1', '1.2.3', '1.2.6', '1.2.7', '3.5', '5.10', '5.11', '5.28', '7.1', '7.2', '7.3', '8.2.1']);
    expect(run.totals).toEqual({ pass: 1, fail: 5, warn: 3, info: 3 });
    expect(run.partialReasons.filter((r) => r.includes('summary'))).toEqual([]);
  });

  it('reads coloured output: the reset after the tag and at the start of the line after a block header', async () => {
    const parsed = await read('docker-ansi-tty.txt');
    expect(readFileSync(fixture('docker-ansi-tty.txt'), 'utf8')).toContain('\x1b[33m== Remediations ==\n\x1b[0m1.2.1 ');
    const run = onlyRun(parsed);
    expect(run.results.map((r) => `${r.status} ${r.id} ${r.title}`)).toEqual([
      'FAIL 1.2.1 Ensure a separate partition for containers has been created',
      'PASS 1.2.3 Ensure auditing is configured for the docker daemon',
      'FAIL 2.13.a Ensure live restore is Enabled',
      'PASS 2.13.b Ensure live restore is Enabled',
      'INFO 7.1 Ensure swarm mode is not Enabled, if not needed',
    ]);
    expect(result(run, '1.2.1').remediation).toBe('For new installations, you should create a separate partition for the /var/lib/docker mount point.');
    expect(result(run, '7.1').reason).toBe('Test marked as skip');
    expect(run.totals).toEqual({ pass: 2, fail: 2, warn: 0, info: 1 });
    expect(parsed.warnings).toEqual([]);
  });

  it('reads a `script` typescript: CRLF, colours, the command line and the footer', async () => {
    const parsed = await read('docker-crlf-script.txt');
    const run = onlyRun(parsed);
    const plain = onlyRun(await read('docker-ansi-tty.txt'));
    expect(run.results.map((r) => [r.id, r.status, r.title, r.remediation, r.reason])).toEqual(
      plain.results.map((r) => [r.id, r.status, r.title, r.remediation, r.reason]),
    );
    expect(run.results.every((r) => !/[\r\x1b]/.test(`${r.title}${r.remediation ?? ''}${r.reason ?? ''}`))).toBe(true);
    expect(run.benchmark).toBe('aqua-cis-1.2');
    expect(run.benchmarkEvidence).toBe('the pasted command line runs --benchmark cis-1.2');
    expect(run.partialReasons).toContain('the pasted command line selects checks with --check');
    expect(parsed.warnings.map((w) => w.code)).toEqual(['lines-skipped']);
  });

  it('reads UTF-16 (PowerShell redirection) like UTF-8', async () => {
    const text = readFileSync(fixture('docker-ab-pairs.txt'), 'utf8');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const parsed = await ingestText(utf16);
    expect(parsed.input.encoding).toBe('utf-16le');
    const run = onlyRun(parsed);
    expect(run.results.map((r) => r.id)).toEqual(['2.2.a', '2.2.b', '2.13.a', '2.13.b', '2.14.a', '2.14.b']);
    expect(result(run, '2.2.b').reason).toBe('grep: /etc/docker/daemon.json: No such file or directory');
  });

  it('reads the legacy empty-id banner (v0.2.2) and keeps it out of the results', async () => {
    const run = onlyRun(await read('docker-legacy-banner.txt'));
    expect(run.results.map((r) => r.id)).toEqual(['1.1', '1.2', '1.4', '2.8', '2.14']);
    expect(run.benchmark).toBe('aqua-17.06');
    expect(run.benchmarkEvidence).toMatch(/^legacy banner "\[INFO\]   CIS Docker Community Edition Benchmark" \(no id\)/);
    expect(result(run, '2.8').remediation).toMatch(/^Please consult Docker documentation.*\nupon your requirements\.$/);
    expect(run.totals).toEqual({ pass: 1, fail: 2, warn: 2, info: 0 });
  });

  it('reads the pre-2019 three-line summary (no INFO count)', async () => {
    const run = onlyRun(await read('docker-3line-summary.txt'));
    expect(run.totals).toEqual({ pass: 1, fail: 2, warn: 1 });
    expect(run.results).toHaveLength(4);
    expect(run.partialReasons.filter((r) => r.includes('summary'))).toEqual([]);
    expect(result(run, '1.5').remediation).toBe('Add a line as below in /etc/audit/audit.rules file:\n-w /usr/bin/docker -k docker\nThen, restart the audit daemon. For example,\nservice auditd restart');
  });

  it('keeps cis-1.6.0 duplicate ids as separate results and gives each its own entry', async () => {
    const run = onlyRun(await read('docker-cis-1.6.0-duplicates.txt'));
    expect(run.results.map((r) => `${r.id} ${r.status}`)).toEqual(['5.1 WARN', '5.12 FAIL', '5.12 FAIL', '5.20 WARN', '5.20 PASS', '7.1 INFO', '7.1 INFO']);
    expect(result(run, '5.12', 0).remediation).toMatch(/^You should manage the CPU runtime/);
    expect(result(run, '5.12', 1).remediation).toMatch(/^You should add a --read-only flag/);
    expect(result(run, '5.12', 1).title).toBe("Ensure that the container's root filesystem is mounted as read only");
    expect(result(run, '5.20', 0).remediation).toBe('Do not mount volumes in shared mode propagation.');
    expect(result(run, '5.20', 1).remediation).toBeNull();
    expect(result(run, '7.1', 1)).toMatchObject({ reason: 'Test marked as skip', assessment: 'Manual' });
    expect(run.benchmark).toBe('aqua-cis-1.6.0');
    expect(run.benchmarkEvidence).toMatch(/ids printed twice as in cis-1\.6\.0/);
  });

  it('marks a `grep FAIL` excerpt partial and takes the loose count line as totals', async () => {
    const parsed = await read('docker-grep-fail.txt');
    expect(parsed.input.format).toBe('aqua-docker-bench-text');
    const run = onlyRun(parsed);
    expect(run.results).toHaveLength(8);
    expect(run.results.every((r) => r.status === 'FAIL')).toBe(true);
    expect(run.totals).toEqual({ fail: 8 });
    expect(run.partial).toBe(true);
    expect(run.partialReasons).toEqual([
      'the pasted command line (line 1) filters the output with `grep FAIL`',
      'only FAIL lines and no banner, group headers or remediations: looks like a `grep FAIL` excerpt',
    ]);
    expect(run.benchmark).toBe('aqua-cis-1.2');
    expect(result(run, '2.2.b')).toMatchObject({ section: '2', group: null });
  });

  it('starts a new run at every banner (before and after runs pasted together)', async () => {
    const one = readFileSync(fixture('docker-ab-pairs.txt'), 'utf8');
    const two = readFileSync(fixture('docker-remediations.txt'), 'utf8');
    const parsed = await ingestText(`${one}${two}`);
    expect(parsed.runs.map((r) => [r.index, r.results.length, r.lines])).toEqual([
      [1, 6, { first: 1, last: 27 }],
      [2, 12, { first: 28, last: 98 }],
    ]);
    expect(parsed.runs[1]!.results[0]!.source.line).toBe(31);
    const last = await ingestText(`${one}${two}`, { selection: { kind: 'index', index: -1 } });
    expect(last.runs.map((r) => r.results.length)).toEqual([12]);
  });

  it('ignores foreign lines: config-file notice, glog lines, prompts, prose between quoted lines', async () => {
    const text = [
      'Using config file: /root/.docker-bench.yaml',
      'I0309 10:12:01.123456    4242 check.go:110] Command "auditctl -l | grep /usr/bin/dockerd"',
      '[INFO] 18.09 CIS Docker Community Edition Benchmark',
      '[INFO] 2 Docker daemon configuration',
      'Here the write-up explains the next line.',
      '[FAIL] 2.1 Ensure network traffic is restricted between containers on the default bridge (Scored)',
      '',
      '== Remediations ==',
      '2.1 Run the docker in daemon mode and pass --icc=false as an argument.',
      '',
      '== Summary ==',
      '0 checks PASS',
      '1 checks FAIL',
      '0 checks WARN',
      '0 checks INFO',
      'root@host:~# ',
    ].join('\n');
    const parsed = await ingestText(text);
    const run = onlyRun(parsed);
    expect(run.results.map((r) => [r.id, r.remediation])).toEqual([['2.1', 'Run the docker in daemon mode and pass --icc=false as an argument.']]);
    expect(run.totals).toEqual({ pass: 0, fail: 1, warn: 0, info: 0 });
    expect(parsed.warnings.map((w) => w.code)).toEqual(['lines-skipped']);
  });

  it('marks a run without summary as cut off', async () => {
    const text = readFileSync(fixture('docker-ab-pairs.txt'), 'utf8').split('\n').slice(0, 6).join('\n');
    const run = onlyRun(await ingestText(text));
    expect(run.results).toHaveLength(4);
    expect(run.partialReasons).toContain('no `== Summary ==` block: the output looks cut off');
  });

  it('takes an [INFO] line as an INFO check when nothing below it is its child', async () => {
    const text = [
      '[INFO] 18.09 CIS Docker Community Edition Benchmark',
      '[INFO] 7 Docker Swarm Configuration',
      '[INFO] 7.1 Swarm checks skipped',
      '[INFO] 7.2 Ensure that the minimum number of manager nodes have been created in a swarm (Scored)',
      '[INFO] 8 Docker Enterprise Configuration',
      '[INFO] 8.1 Universal Control Plane Configuration',
      '[WARN] 8.1.1 Configure the LDAP authentication service (Scored)',
    ].join('\n');
    const run = onlyRun(await ingestText(text));
    expect(run.results.map((r) => `${r.status} ${r.id} ${r.assessment}`)).toEqual(['INFO 7.1 null', 'INFO 7.2 Scored', 'WARN 8.1.1 Scored']);
    expect(run.sections.map((s) => s.id)).toEqual(['7', '8']);
    expect(result(run, '8.1.1').group).toBe('8.1');
  });
});
