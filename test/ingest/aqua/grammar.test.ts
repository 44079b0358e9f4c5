/** The shared aquasecurity grammar, benchmark identification and content detection. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  isReasonText,
  looksLikeCheckId,
  parseBlockHeader,
  parseCountLine,
  parseStatusLine,
  splitAssessment,
} from '../../../src/ingest/aqua/grammar.js';
import { identifyDockerBenchmark, identifyKubeBenchmark } from '../../../src/ingest/aqua/numbering.js';
import { aquaDockerBenchJson } from '../../../src/ingest/aqua-docker-bench-json.js';
import { aquaDockerBenchText } from '../../../src/ingest/aqua-docker-bench-text.js';
import { detectReader, DETECTION_THRESHOLD } from '../../../src/ingest/detect.js';
import { ingestText } from '../../../src/ingest/index.js';
import { kubeBenchJson } from '../../../src/ingest/kube-bench-json.js';
import { kubeBenchText } from '../../../src/ingest/kube-bench-text.js';
import { FIXTURES } from '../../helpers/paths.js';

const fixtureText = (name: string) => readFileSync(join(FIXTURES, 'aqua', name), 'utf8');
const AQUA_READERS = [aquaDockerBenchText, aquaDockerBenchJson, kubeBenchText, kubeBenchJson];

describe('status lines', () => {
  it('splits tag, id and text', () => {
    expect(parseStatusLine('[FAIL] 2.13.a Ensure live restore is Enabled (Scored)')).toEqual({ status: 'FAIL', id: '2.13.a', text: 'Ensure live restore is Enabled (Scored)' });
    expect(parseStatusLine('[INFO] V-242386 The Kubernetes API server must have the insecure port flag disabled')!.id).toBe('V-242386');
  });
  it('gives the legacy banner an empty id', () => {
    expect(parseStatusLine('[INFO]   CIS Docker Community Edition Benchmark')).toEqual({ status: 'INFO', id: '', text: 'CIS Docker Community Edition Benchmark' });
  });
  it('rejects other bracketed lines', () => {
    expect(parseStatusLine('[NOTE] 4.1 Ensure a user')).toBeNull();
    expect(parseStatusLine('[INFO]x')).toBeNull();
    expect(parseStatusLine('\t [FAIL] 1.1 x')).toBeNull();
    expect(parseStatusLine('9.a [FAIL] 5.10 Ensure')).toBeNull();
  });
  it('tells check ids from words', () => {
    for (const id of ['1', '1.1.1', '2.13.a', '5.12', 'V-242386']) expect(looksLikeCheckId(id)).toBe(true);
    for (const id of ['No', 'Failed', '', '*', '18.09.', '1..2']) expect(looksLikeCheckId(id)).toBe(false);
  });
});

describe('assessment suffix', () => {
  it.each([
    ['Ensure live restore is Enabled (Scored)', 'Ensure live restore is Enabled', 'Scored'],
    ['Ensure the container host has been Hardened (Not Scored)', 'Ensure the container host has been Hardened', 'Not Scored'],
    ['Ensure the default ulimit is configured appropriately (Manual))', 'Ensure the default ulimit is configured appropriately', 'Manual'],
    ['Ensure that, if applicable, SELinux security options are set(Automated)', 'Ensure that, if applicable, SELinux security options are set', 'Automated'],
    ['Ensure permissions are set to 644 (or more restrictive)', 'Ensure permissions are set to 644 (or more restrictive)', null],
    ['Docker daemon configuration', 'Docker daemon configuration', null],
  ])('%s', (text, title, assessment) => {
    expect(splitAssessment(text)).toEqual({ title, assessment });
  });
});

describe('block headers and counts', () => {
  it('reads the suffix as node type', () => {
    expect(parseBlockHeader('== Remediations ==')).toEqual({ kind: 'remediations', label: null });
    expect(parseBlockHeader('== Summary total ==')).toEqual({ kind: 'summary', label: 'total' });
    expect(parseBlockHeader('== Remediations master ==')).toEqual({ kind: 'remediations', label: 'master' });
    expect(parseBlockHeader('== Summary of everything ==')).toBeNull();
    expect(parseCountLine('39 checks FAIL')).toEqual({ status: 'FAIL', count: 39 });
    expect(parseCountLine('Checks: 105')).toBeNull();
  });
});

describe('reason or remediation', () => {
  it.each([
    'Test marked as skip',
    'There are no test items',
    'Failed to find a valid sub check, check your constraints ',
    '/bin/sh: 1: auditctl: not found',
    '/bin/sh: line 1: auditctl: command not found',
    'Command auditctl: not found',
    "stat: cannot stat '/etc/docker/certs.d/*': No such file or directory",
    'grep: /etc/docker/daemon.json: No such file or directory',
    'usage: stat [-FLnq] [-f format]',
    'audit test did not run: failed to run: "/bin/ps -fC kubelet", output: "", error: exit status 1',
  ])('reason: %s', (text) => {
    expect(isReasonText(text, [])).toBe(true);
  });
  it.each([
    'Run the docker in daemon mode and pass --live-restore as an argument.',
    'Note: the file is not found on every distribution; create it first.',
    'For example,\nchmod 644 /etc/docker/daemon.json',
    'dockerd --icc=false',
  ])('remediation: %s', (text) => {
    expect(isReasonText(text, [])).toBe(false);
  });
  it('is a reason when it repeats the audit output', () => {
    expect(isReasonText('root 1 dockerd -H fd://\ncat: /etc/docker/daemon.json: No such file or directory', ['root 1 dockerd -H fd://', 'cat: /etc/docker/daemon.json: No such file or directory'])).toBe(true);
  });
});

describe('docker-bench numbering', () => {
  const r = (id: string, assessment: string | null) => ({ id, assessment });
  it('takes 20.10 with mostly (Automated) titles and no 4.12 as a late cis-1.3.1', () => {
    const results = [r('1.1.1', 'Automated'), r('2.2', 'Automated'), r('4.1', 'Automated'), r('5.1', 'Automated'), r('5.31', 'Automated')];
    expect(identifyDockerBenchmark({ bannerId: '20.10', bannerText: 'CIS Docker Community Edition Benchmark', results, commands: [] }).benchmark).toBe('aqua-cis-1.3.1');
    const manual = [r('1.1.1', 'Manual'), r('2.2', 'Manual'), r('4.12', 'Manual'), r('5.32', 'Manual')];
    expect(identifyDockerBenchmark({ bannerId: '20.10', bannerText: 'CIS Docker Community Edition Benchmark', results: manual, commands: [] }).benchmark).toBe('aqua-cis-1.6.0');
  });
  it('tells cis-1.2 (a/b ids) from the legacy 18.09 folder under the same banner', () => {
    const ab = identifyDockerBenchmark({ bannerId: '18.09', bannerText: 'x', results: [r('2.13.a', 'Scored'), r('2.13.b', 'Scored')], commands: [] });
    expect(ab.benchmark).toBe('aqua-cis-1.2');
    const plain = identifyDockerBenchmark({ bannerId: '18.09', bannerText: 'x', results: [r('2.2', 'Scored'), r('2.13', 'Scored'), r('2.17', 'Scored')], commands: [] });
    expect(plain.benchmark).toBe('aqua-18.09');
  });
  it('knows nothing without banner and ids, and refuses an unknown banner', () => {
    expect(identifyDockerBenchmark({ bannerId: null, bannerText: null, results: [], commands: [] })).toEqual({ benchmark: null, evidence: null });
    expect(identifyDockerBenchmark({ bannerId: '99.01', bannerText: 'x', results: [r('1.1', 'Scored')], commands: [] }).benchmark).toBeNull();
  });
});

describe('kube-bench numbering', () => {
  it('maps old numeric JSON versions to the folder whose layout fits', () => {
    const sections = [{ id: '1', title: 'Master Node Security Configuration', groups: new Map([['1.1', 21], ['1.2', 35]]), results: 56 }];
    expect(identifyKubeBenchmark({ version: '1.6', sections, commands: [] }).benchmark).toBe('kube-cis-1.6');
    // cfg/1.6 (Kubernetes 1.6): 1.1 API Server [31], 1.2 Scheduler [1], 1.3 Controller Manager [6], …
    const old = [{ id: '1', title: 'Master Node Security Configuration', groups: new Map([['1.1', 31], ['1.2', 1], ['1.3', 6]]), results: 38 }];
    expect(identifyKubeBenchmark({ version: '1.6', sections: old, commands: [] }).benchmark).toBe('kube-1.6');
  });
  it('keeps an unknown folder name from JSON', () => {
    expect(identifyKubeBenchmark({ version: 'cis-1.13', sections: [], commands: [] }).benchmark).toBe('kube-cis-1.13');
  });
  it('tells the CIS generations apart by checks per group', () => {
    const node = (kubelet: number) => ({ id: '4', title: 'Worker Node Security Configuration', groups: new Map([['4.1', 10], ['4.2', kubelet]]), results: 10 + kubelet });
    const policies = (rbac: number, pss: number, title: string) => ({ id: '5', title, groups: new Map([['5.1', rbac], ['5.2', pss]]), results: rbac + pss });
    const old = identifyKubeBenchmark({ version: null, sections: [node(13), policies(6, 9, 'Kubernetes Policies')], commands: [] });
    expect(old.benchmark).toMatch(/^kube-cis-1\.[56]$/);
    const newer = identifyKubeBenchmark({ version: null, sections: [node(13), policies(13, 13, 'Kubernetes Policies')], commands: [] });
    expect(newer.benchmark).toBe('kube-cis-1.8');
    expect(newer.evidence).toMatch(/equally/);
  });
});

describe('detection', () => {
  const winner = (text: string) => detectReader(text)?.reader.format ?? null;

  it.each([
    ['docker-ab-pairs.txt', 'aqua-docker-bench-text'],
    ['docker-ansi-tty.txt', 'aqua-docker-bench-text'],
    ['docker-legacy-banner.txt', 'aqua-docker-bench-text'],
    ['docker-grep-fail.txt', 'aqua-docker-bench-text'],
    ['kube-multi-target.txt', 'kube-bench-text'],
    ['kube-v0.4-no-blank.txt', 'kube-bench-text'],
    ['kube-grep-fail.txt', 'kube-bench-text'],
    ['docker-controls.json', 'aqua-docker-bench-json'],
    ['docker-go-names.json', 'aqua-docker-bench-json'],
    ['docker-stray-line.json', 'aqua-docker-bench-json'],
    ['kube-controls-totals.json', 'kube-bench-json'],
    ['kube-bare-array.json', 'kube-bench-json'],
    ['kube-json-lines.json', 'kube-bench-json'],
    ['kube-go-names.json', 'kube-bench-json'],
  ])('%s is %s', (name, format) => {
    expect(winner(fixtureText(name))).toBe(format);
  });

  it('does not claim docker-bench-security text or JSON', () => {
    const dbsText = [
      '# --------------------------------------------------------------------------------------------',
      '# Docker Bench for Security v1.6.0',
      'Initializing 2024-04-18T15:18:25+05:00',
      '[INFO] 1 - Host Configuration',
      '[INFO] 1.1 - Linux Hosts Specific Configuration',
      '[WARN] 1.1.1 - Ensure a separate partition for containers has been created (Automated)',
      '[PASS] 1.1.2 - Ensure only trusted users are allowed to control Docker daemon (Automated)',
      '[INFO]       * Users: crypto',
      '[NOTE] 4.5 - Ensure Content trust for Docker is Enabled (Automated)',
      '[INFO] Checks: 105',
      '[INFO] Score: 3',
    ].join('\n');
    const dbsJson = JSON.stringify({ dockerbenchsecurity: '1.6.0', start: 1711552881, tests: [{ id: '1', desc: 'Host Configuration', results: [{ id: '1.1.1', desc: 'x (Automated)', result: 'WARN' }] }] });
    for (const text of [dbsText, dbsJson]) {
      for (const reader of AQUA_READERS) expect(reader.detect(text)).toBeLessThan(DETECTION_THRESHOLD);
    }
  });

  it('leaves Markdown write-ups to the Markdown reader (capped below a clear claim)', () => {
    const md = `# Hardening notes\n\n\`\`\`\n${fixtureText('docker-grep-fail.txt')}\`\`\`\n`;
    expect(aquaDockerBenchText.detect(md)).toBeLessThanOrEqual(0.6);
    expect(aquaDockerBenchText.detect(md)).toBeGreaterThan(kubeBenchText.detect(md));
  });

  it('never throws on hostile input', () => {
    const hostile = ['[', '{', '[INFO] ', `[FAIL] ${'('.repeat(100_000)}`, '\x1b['.repeat(10_000), `== Summary ${'x'.repeat(100_000)}`];
    for (const text of hostile) for (const reader of AQUA_READERS) expect(() => reader.detect(text)).not.toThrow();
  });
});

describe('hostile text', () => {
  it('reads 1 MB lines in every position without trouble', async () => {
    const big = 'x'.repeat(1024 * 1024);
    const text = [
      '[INFO] 18.09 CIS Docker Community Edition Benchmark',
      `[FAIL] 2.1 ${'(Scored'.repeat(100_000)} (Scored)`,
      `\t ${big}`,
      '',
      '== Remediations ==',
      `2.1 ${big}`,
      `${'1.2.3 '.repeat(100_000)}`,
      '',
      '== Summary ==',
      '0 checks PASS',
      '1 checks FAIL',
      '0 checks WARN',
      '0 checks INFO',
    ].join('\n');
    const parsed = await ingestText(text);
    const r = parsed.runs[0]!.results[0]!;
    expect(r.assessment).toBe('Scored');
    expect(r.auditOutput[0]).toHaveLength(big.length);
    expect(r.remediation!.split('\n')).toHaveLength(2);
  });
});
