/**
 * Shapes met in real published scanner outputs during the second field test (outputs outside
 * the shared corpus and outside the first round). Every input here is written for the test:
 * a few lines with the shape of the real file, not a copy of it. The real files are listed in
 * the field-test report.
 */
import { ingestText } from '../../src/ingest/index.js';
import type { Run } from '../../src/model/types.js';

const lines = (...l: string[]) => `${l.join('\n')}\n`;
const onlyRun = async (text: string): Promise<Run> => {
  const parsed = await ingestText(text);
  expect(parsed.runs).toHaveLength(1);
  return parsed.runs[0]!;
};

/** A kube-bench worker-node run whose group sizes fit both eks-1.0 and eks-1.0.1 (and aks-1.0). */
const eksNodeResults = (word: (i: number) => string) => [
  '[INFO] 3 Worker Node Security Configuration',
  '[INFO] 3.1 Worker Node Configuration Files',
  ...[1, 2, 3, 4].map((i) => `[PASS] 3.1.${i} Ensure that the kubelet file number ${i} is restricted ${word(i)}`),
  '[INFO] 3.2 Kubelet',
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((i) => `[${i === 9 ? 'WARN' : 'PASS'}] 3.2.${i} Ensure that kubelet argument ${i} is set ${word(i)}`),
  '',
  '== Summary ==',
  '14 checks PASS',
  '0 checks FAIL',
  '1 checks WARN',
  '0 checks INFO',
];

describe('kube-bench text: the benchmark kube-bench logged it ran', () => {
  // A workshop page running the job with `-v 3 --logtostderr --benchmark eks-1.0`: klog lines
  // naming cfg/eks-1.0 come before the results, whose group sizes fit eks-1.0.1 just as well.
  const debugRun = lines(
    '```',
    'I0715 04:29:42.035103     885 common.go:299] Kubernetes version: "" to Benchmark version: "eks-1.0"',
    'I0715 04:29:42.035151     885 util.go:132] Looking for file: cfg/eks-1.0/master.yaml',
    'W0715 04:29:42.053395     885 util.go:108] ',
    'Unable to detect running programs for component "apiserver"',
    'I0715 04:29:42.053565     885 common.go:80] Using test file: cfg/eks-1.0/node.yaml',
    'I0715 04:29:42.121877     885 check.go:187] Check.ID: 3.2.11 Command: "/bin/cat /etc/kubernetes/kubelet/kubelet-config.json" TestResult: true State: "PASS" ',
    ...eksNodeResults(() => '(Scored)'),
    '```',
  );

  it('takes the folder from the log, not from the closest layout', async () => {
    const run = await onlyRun(debugRun);
    expect(run.results).toHaveLength(15);
    expect(run.benchmark).toBe('kube-eks-1.0');
    expect(run.benchmarkEvidence).toMatch(/kube-bench's own log \(line 2\) says it ran benchmark eks-1\.0/);
  });

  it('prefers the log over a pasted command line that names another folder', async () => {
    const run = await onlyRun(debugRun.replace('```\n', '```\n$ kube-bench run --benchmark eks-1.0.1\n'));
    expect(run.benchmark).toBe('kube-eks-1.0');
  });

  it('reads --benchmark from a job manifest command array', async () => {
    const manifest = lines(
      '```yaml',
      '          command: ["kube-bench", "-v", "3", "--logtostderr", "--benchmark", "eks-1.0"]',
      '```',
      '```',
      ...eksNodeResults(() => '(Scored)'),
      '```',
    );
    const run = await onlyRun(manifest);
    expect(run.benchmark).toBe('kube-eks-1.0');
    expect(run.benchmarkEvidence).toMatch(/command line runs --benchmark eks-1\.0/);
  });

  it('does not take an application log line for kube-bench', async () => {
    // klog-shaped, but no cfg folder named: nothing to learn, the layout decides.
    const run = await onlyRun(lines('I0715 04:29:42.035103     885 root.go:91] == Running node checks ==', ...eksNodeResults(() => '(Scored)')));
    expect(run.benchmarkEvidence).not.toMatch(/own log/);
  });
});

describe('kube-bench text: the assessment words place a run in its era', () => {
  it('takes (Scored) titles to the folder of the Scored era among equal layouts', async () => {
    const run = await onlyRun(lines(...eksNodeResults((i) => (i % 3 === 0 ? '(Not Scored)' : '(Scored)'))));
    expect(run.benchmark).toBe('kube-eks-1.0');
    expect(run.benchmarkEvidence).toMatch(/\(Scored\)\/\(Not Scored\) titles rule out cfg\/eks-1\.0\.1/);
  });

  it('takes (Automated)/(Manual) titles to the later folder', async () => {
    const run = await onlyRun(lines(...eksNodeResults((i) => (i % 2 === 0 ? '(Manual)' : '(Automated)'))));
    expect(run.benchmark).not.toBe('kube-eks-1.0');
    expect(run.benchmarkEvidence).toMatch(/\(Automated\)\/\(Manual\) titles rule out cfg\/eks-1\.0\b/);
  });

  it('leaves the choice to the layout when titles carry no assessment word', async () => {
    const run = await onlyRun(lines(...eksNodeResults(() => '')));
    expect(run.benchmarkEvidence).not.toMatch(/titles rule out/);
  });

  // An issue comment pasting a 2020 kube-bench v0.3 run: one `== Summary ==` per target,
  // controlplane and etcd, whose group sizes fit cis-1.5 and every later CIS folder alike.
  it('reads a v0.3 multi-target paste with (Scored) titles as cis-1.5', async () => {
    const run = await onlyRun(
      lines(
        '```',
        '[INFO] 3 Control Plane Configuration',
        '[INFO] 3.1 Authentication and Authorization',
        '[WARN] 3.1.1 Client certificate authentication should not be used for users (Not Scored)',
        '[INFO] 3.2 Logging',
        '[WARN] 3.2.1 Ensure that a minimal audit policy is created (Scored)',
        '[WARN] 3.2.2 Ensure that the audit policy covers key security concerns (Not Scored)',
        '',
        '== Summary ==',
        '0 checks PASS',
        '0 checks FAIL',
        '3 checks WARN',
        '0 checks INFO',
        '```',
      ),
    );
    expect(run.benchmark).toBe('kube-cis-1.5');
  });
});

describe('kube-bench text: illustrative excerpts', () => {
  // A lab sheet's "expected output (excerpt)": a placeholder status line and a summary whose
  // counts are placeholders too.
  const placeholder = lines(
    '```',
    '[INFO] 3 Worker Node Security Configuration',
    '[PASS] 3.1.1 Ensure that the kubeconfig file permissions are set to 644 or more restrictive',
    '[FAIL] 3.2.x ...',
    '== Summary total ==',
    'xx checks PASS / x checks FAIL / xx checks WARN',
    '```',
  );

  it('does not read a placeholder line as a check, and marks the run an excerpt', async () => {
    const run = await onlyRun(placeholder);
    expect(run.results.map((r) => `${r.id}:${r.status}`)).toEqual(['3.1.1:PASS']);
    expect(run.partial).toBe(true);
    expect(run.partialReasons.join(' ')).toMatch(/left out at line 4 \("\[FAIL\] 3\.2\.x \.\.\."\)/);
  });

  it('takes a summary header without count lines for no summary', async () => {
    const run = await onlyRun(placeholder);
    expect(run.totals).toBeNull();
    expect(run.partialReasons.join(' ')).toMatch(/no summary block/);
  });

  it('marks a run partial when `...` stands for left-out lines between results', async () => {
    const run = await onlyRun(
      lines(
        '[INFO] 1 Master Node Security Configuration',
        '[INFO] 1.1 Master Node Configuration Files',
        '[PASS] 1.1.1 Ensure that the API server pod specification file permissions are set to 644 or more restrictive (Automated)',
        '...',
        '[INFO] 1.2 API Server',
        '[FAIL] 1.2.2 Ensure that the --token-auth-file parameter is not set (Automated)',
        '',
        '== Summary total ==',
        '1 checks PASS',
        '1 checks FAIL',
        '0 checks WARN',
        '0 checks INFO',
      ),
    );
    expect(run.results).toHaveLength(2);
    expect(run.partial).toBe(true);
    expect(run.partialReasons.join(' ')).toMatch(/left out at line 4/);
  });
});

describe('kube-bench text: several invocations quoted in one write-up', () => {
  // A study guide: one run pasted as "an example of the file", then a second block starting
  // with `$ kube-bench run --targets master --check 1.3.2`, then a manifest excerpt with `...`.
  const twoRuns = lines(
    '```',
    '[INFO] 1 Master Node Security Configuration',
    '[INFO] 1.2 API Server',
    '[FAIL] 1.2.20 Ensure that the --profiling argument is set to false (Automated)',
    '',
    '== Summary total ==',
    '0 checks PASS',
    '1 checks FAIL',
    '0 checks WARN',
    '0 checks INFO',
    '```',
    '```',
    '$ kube-bench run --targets master --check 1.3.2',
    '',
    '[INFO] 1 Master Node Security Configuration',
    '[INFO] 1.3 Controller Manager',
    '[FAIL] 1.3.2 Ensure that the --profiling argument is set to false (Automated)',
    '',
    '== Summary total ==',
    '0 checks PASS',
    '1 checks FAIL',
    '0 checks WARN',
    '0 checks INFO',
    '```',
    'Then, going to fix:',
    '```',
    '...',
    'containers:',
    '- command:',
    '  - kube-apiserver',
    '...',
    '```',
  );

  it('gives the --check of a command line to the run after it, not to the run before', async () => {
    const parsed = await ingestText(twoRuns);
    expect(parsed.runs.map((r) => r.results.map((x) => x.id))).toEqual([['1.2.20'], ['1.3.2']]);
    expect(parsed.runs[0]!.partialReasons.join(' ')).not.toMatch(/selects checks with --check/);
    expect(parsed.runs[1]!.partialReasons.join(' ')).toMatch(/selects checks with --check/);
  });

  it('does not take a `...` after the total for lines left out of the run', async () => {
    const parsed = await ingestText(twoRuns);
    expect(parsed.runs[1]!.partialReasons.join(' ')).not.toMatch(/left out/);
  });
});

describe('Markdown: a book listing of kube-bench output', () => {
  // A study guide converted from a book: callout images at line ends, long titles wrapped with
  // a shell-style ` \\`, `...` for left-out lines, the remediation block closed by the fence,
  // then prose and a second listing where the fixed check is grepped from a new run.
  const book = lines(
    '```',
    '[INFO] 1 Control Plane Security Configuration ![1](img/1.png)',
    '[INFO] 1.1 Control Plane Node Configuration Files',
    '[PASS] 1.1.1 Ensure that the API server pod specification file permissions are \\',
    'set to 644 or more restrictive (Automated) ![2](img/2.png)',
    '...',
    '[INFO] 1.2 API Server',
    '[WARN] 1.2.12 Ensure that the admission control plugin AlwaysPullImages is \\',
    'set (Manual) ![3](img/3.png)',
    '',
    '== Remediations master ==',
    '1.2.12 Edit the API server pod specification file and set the below parameter. ![4](img/4.png)',
    '--enable-admission-plugins=...,AlwaysPullImages,...',
    '```',
    '',
    'After the fix the check passes:',
    '',
    '```',
    '$ kubectl logs kube-bench-master-5gjdn | grep 1.2.12',
    '[PASS] 1.2.12 Ensure that the admission control plugin AlwaysPullImages is \\',
    'set (Manual)',
    '```',
  );

  it('joins wrapped titles and drops callout images', async () => {
    const parsed = await ingestText(book);
    const first = parsed.runs[0]!;
    expect(first.sections.map((x) => x.title)).toEqual(['Control Plane Security Configuration']);
    expect(first.results.map((r) => [r.id, r.title, r.assessment])).toEqual([
      ['1.1.1', 'Ensure that the API server pod specification file permissions are set to 644 or more restrictive', 'Automated'],
      ['1.2.12', 'Ensure that the admission control plugin AlwaysPullImages is set', 'Manual'],
    ]);
  });

  it('ends the remediation block where its quote ends', async () => {
    const parsed = await ingestText(book);
    expect(parsed.runs[0]!.results[1]!.remediation).toBe(
      'Edit the API server pod specification file and set the below parameter.\n--enable-admission-plugins=...,AlwaysPullImages,...',
    );
  });

  it('reads the grepped re-run as a run of its own, filtered by its grep', async () => {
    const parsed = await ingestText(book);
    expect(parsed.runs.map((r) => r.results.map((x) => `${x.id}:${x.status}`))).toEqual([['1.1.1:PASS', '1.2.12:WARN'], ['1.2.12:PASS']]);
    expect(parsed.runs[1]!.partialReasons.join(' ')).toMatch(/filters the output with `grep 1\.2\.12`/);
  });
});

describe('kube-bench text: the same id twice', () => {
  it('keeps one run when no command line comes between (a check printed in two targets)', async () => {
    const run = await onlyRun(
      lines(
        '[FAIL] 1.1.19 Ensure that the Kubernetes PKI directory and file ownership is set to root:root (Automated)',
        '1 checks FAIL',
        '[FAIL] 1.1.19 Ensure that the Kubernetes PKI directory and file ownership is set to root:root (Automated)',
        '1 checks FAIL',
      ),
    );
    expect(run.results).toHaveLength(2);
  });
});
