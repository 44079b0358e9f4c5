/**
 * Shapes met in real published scanner outputs during a field test (outputs outside the
 * shared corpus). Every input here is written for the test: a few lines with the shape of
 * the real file, not a copy of it. The real files are listed in the field-test report.
 */
import { ingestText } from '../../src/ingest/index.js';
import type { Run } from '../../src/model/types.js';

const lines = (...l: string[]) => `${l.join('\n')}\n`;
const onlyRun = async (text: string): Promise<Run> => {
  const parsed = await ingestText(text);
  expect(parsed.runs).toHaveLength(1);
  return parsed.runs[0]!;
};

describe('docker-bench-security text: excerpts that skip section headers', () => {
  // A book quoting a v1.3.3 console run: the banner, section 1, then `<snip>` down to a few
  // lines of sections 2 and 7, whose `[INFO] N - …` headers were cut with the rest.
  const snipped = lines(
    '```',
    '# Docker Bench for Security v1.3.3',
    'Initializing Mon Oct  2 00:03:29 CDT 2017',
    '',
    '[INFO] 1 - Host Configuration',
    '[WARN] 1.1  - Ensure a separate partition for containers has been created',
    '[NOTE] 1.2  - Ensure the container host has been Hardened',
    '<snip>',
    '[WARN] 2.14 - Ensure live restore is Enabled',
    '[WARN] 2.15 - Ensure Userland Proxy is Disabled',
    '<snip>',
    '[PASS] 7.10 - Ensure management plane traffic has been separated from data plane traffic (Swarm mode not enabled)',
    '```',
  );

  it('marks the run partial and names the sections whose header is missing', async () => {
    const run = await onlyRun(snipped);
    expect(run.results.map((r) => `${r.id}:${r.status}`)).toEqual(['1.1:WARN', '1.2:NOTE', '2.14:WARN', '2.15:WARN', '7.10:PASS']);
    expect(run.partial).toBe(true);
    expect(run.partialReasons.join(' ')).toMatch(/sections 2, 7 are present without the section header/);
  });

  it('leaves a run complete when every section of its results has its header', async () => {
    const full = snipped.replace('<snip>\n', '[INFO] 2 - Docker daemon configuration\n').replace('<snip>\n', '[INFO] 7 - Docker Swarm Configuration\n');
    const run = await onlyRun(full);
    expect(run.sections.map((s) => s.id)).toEqual(['1', '2', '7']);
    // Still partial, but only as a selection of sections (3 to 6 missing), not as cut lines.
    expect(run.partialReasons).toEqual([expect.stringMatching(/^sections 3, 4, 5, 6 were not run/)]);
  });
});

describe('docker-bench-security text: runs without totals that stop early', () => {
  // A 2016 blog post showing "a partial output": the Initializing line and section 1 only.
  // Builds of that time print no Checks/Score line, so nothing but the sections tells it is cut.
  const sectionOneOnly = lines(
    '```bash',
    'Initializing Thu Nov 24 21:35:24 GMT 2016',
    '',
    '[INFO] 1 - Host Configuration',
    '[WARN] 1.1  - Create a separate partition for containers',
    '[PASS] 1.2  - Use an updated Linux Kernel',
    '[INFO] 1.6  - Only allow trusted users to control Docker daemon',
    '[INFO]      * docker:x:999:alice',
    '[WARN] 1.7  - Failed to inspect: auditctl command not found.',
    '```',
  );

  it('marks a run that ends in section 1 without Checks/Score partial', async () => {
    const run = await onlyRun(sectionOneOnly);
    expect(run.results).toHaveLength(4);
    expect(run.totals).toBeNull();
    expect(run.partial).toBe(true);
    expect(run.partialReasons.join(' ')).toMatch(/ends in section 1 and prints no Checks\/Score line/);
  });

  it('does not apply to a run that prints its totals (the count against Checks: decides there)', async () => {
    const withTotals = lines(
      'Initializing 2024-03-18T09:41:07+01:00',
      '[INFO] 4 - Container Images and Build File',
      '[WARN] 4.1 - Ensure that a user for the container has been created (Automated)',
      '[INFO] 5 - Container Runtime',
      '[PASS] 5.1 - Ensure swarm mode is not Enabled, if not needed (Automated)',
      '[INFO] Checks: 2',
      '[INFO] Score: 0',
    );
    const run = await onlyRun(withTotals);
    // Not cut off (its totals agree); it ran `-c container_images,container_runtime`.
    expect(run.partialReasons).toEqual([expect.stringMatching(/^sections 1, 2, 3, 6 were not run \(a -c or -e selection of checks\)/)]);
  });
});

describe('docker-bench-security text: an object printed on several detail lines', () => {
  // A v1.3.5-era log whose container publishes three ports on 0.0.0.0 prints the same
  // `Port being bound to wildcard IP` line three times; two image ids sharing their tags
  // print the same `No Healthcheck found` line twice. The JSON of the same run lists each
  // object once, and the text reader must agree with it.
  const text = lines(
    'Initializing Thu Mar  4 21:09:05 +07 2021',
    '[INFO] 4 - Container Images and Build File',
    '[WARN] 4.6  - Ensure that HEALTHCHECK instructions have been added to container images (Scored)',
    '[WARN]      * No Healthcheck found: [app:1.0 app:latest]',
    '[WARN]      * No Healthcheck found: [app:1.0 app:latest]',
    '[WARN]      * No Healthcheck found: [db:2]',
    '[INFO] 5 - Container Runtime',
    '[WARN] 5.13  - Ensure that incoming container traffic is bound to a specific host interface (Scored)',
    '[WARN]      * Port being bound to wildcard IP: 0.0.0.0 in web',
    '[WARN]      * Port being bound to wildcard IP: 0.0.0.0 in web',
    '[WARN]      * Port being bound to wildcard IP: 0.0.0.0 in db',
  );

  it('lists each object once in items and keeps every line in details', async () => {
    const run = await onlyRun(text);
    const r46 = run.results.find((r) => r.id === '4.6')!;
    expect(r46.items).toEqual(['app:1.0', 'app:latest', 'db:2']);
    expect(r46.details).toHaveLength(3);
    const r513 = run.results.find((r) => r.id === '5.13')!;
    expect(r513.items).toEqual(['web:0.0.0.0', 'db:0.0.0.0']);
    expect(r513.details).toHaveLength(3);
  });
});

describe('docker-bench-security text: added capabilities name their container after "to"', () => {
  // check_5_3 prints `Capabilities added: $caps to $c`; its JSON lists the containers ($caps_containers).
  const text = lines(
    'Initializing Sat Jan  4 10:00:00 UTC 2025',
    '[INFO] 5 - Container Runtime',
    '[WARN] 5.3  - Ensure that Linux kernel capabilities are restricted within containers (Automated)',
    '[WARN]      * Capabilities added: CapAdd=[ALL] to vulnerable-web',
    '[WARN]      * Capabilities added: CapAdd=[NET_ADMIN SYS_TIME] to ntp',
  );

  it('takes the container as the item', async () => {
    const r = (await onlyRun(text)).results.find((x) => x.id === '5.3')!;
    expect(r.items).toEqual(['vulnerable-web', 'ntp']);
    expect(r.details).toHaveLength(2);
  });
});

describe('kube-bench text: a README snippet of headers only', () => {
  // kube-bench's own README, and many write-ups copying it, show `kubectl logs` followed by
  // the first two lines of a run and `...`. `[INFO] 1.1 API Server` has no assessment word
  // and no check follows it: it is a group header, not an INFO result named "API Server".
  const snippet = lines(
    '$ kubectl logs kube-bench-abcde',
    '[INFO] 1 Master Node Security Configuration',
    '[INFO] 1.1 API Server',
    '...',
  );

  it('is refused as holding no check results', async () => {
    await expect(ingestText(snippet, { name: 'readme.txt' })).rejects.toThrow(/kube-bench.*holds no check results/);
  });

  it('still reads an INFO check without an assessment word at the end of a run that has results', async () => {
    const run = await onlyRun(
      lines(
        '[INFO] 1 Securing the OpenShift Master',
        '[INFO] 1 Protecting the API Server',
        '[PASS] 1.1 Use OpenShift for authentication',
        '[INFO] 1.2 Keep service account tokens short-lived',
      ),
    );
    expect(run.results.map((r) => `${r.id}:${r.status}`)).toEqual(['1.1:PASS', '1.2:INFO']);
  });
});

describe('kube-bench text: an excerpt that starts at a group header', () => {
  // A documentation page's "Sample Output": the section line printed without its `[INFO]`
  // tag, then `[INFO] 1.1 API Server`, a few checks and `…`. Target ids are single numbers,
  // so 1.1 is a group of section 1, not a section of its own.
  const sample = lines(
    '```plaintext',
    '1 Master Node Security Configuration',
    '[INFO] 1.1 API Server',
    '[FAIL] 1.1.1 Ensure that the --allow-privileged argument is set to false (Scored)',
    '[PASS] 1.1.4 Ensure that the --insecure-allow-any-token argument is not set (Scored)',
    '…',
    '[FAIL] 1.1.21 Ensure that the --kubelet-certificate-authority argument is set as appropriate (Scored)',
    '```',
  );

  it('puts the results in section 1, group 1.1, and claims no section it did not see', async () => {
    const run = await onlyRun(sample);
    expect(run.results.map((r) => `${r.id}:${r.section}:${r.group}`)).toEqual(['1.1.1:1:1.1', '1.1.4:1:1.1', '1.1.21:1:1.1']);
    expect(run.sections).toEqual([]);
    expect(run.benchmark).toBeNull();
    expect(run.partial).toBe(true);
  });
});

describe('kube-bench text: a short excerpt tells its era by the title of group 1.1', () => {
  // CIS Kubernetes 1.0–1.4 (cfg/1.6 … cfg/cis-1.4) print `1.1 API Server`; from cfg/cis-1.5
  // on 1.1 is the configuration files group and 1.1.8 is another check altogether.
  const excerpt = (group: string, checks: string[]) =>
    lines('[INFO] 1 Master Node Security Configuration', `[INFO] 1.1 ${group}`, ...checks);
  const OLD_FOLDERS = ['kube-1.6', 'kube-1.7', 'kube-1.8', 'kube-1.11', 'kube-1.13', 'kube-cis-1.3', 'kube-cis-1.4'];

  it('an API Server group 1.1 means an old folder', async () => {
    const run = await onlyRun(
      excerpt('API Server', [
        '[PASS] 1.1.1 Ensure that the --anonymous-auth argument is set to false (Not Scored)',
        '[FAIL] 1.1.2 Ensure that the --basic-auth-file argument is not set (Scored)',
        '[WARN] 1.1.8 Ensure that the --profiling argument is set to false (Scored)',
      ]),
    );
    expect(OLD_FOLDERS).toContain(run.benchmark);
  });

  it('a configuration-files group 1.1 keeps a current folder', async () => {
    const run = await onlyRun(
      excerpt('Master Node Configuration Files', [
        '[PASS] 1.1.1 Ensure that the API server pod specification file permissions are set to 644 or more restrictive (Automated)',
        '[PASS] 1.1.2 Ensure that the API server pod specification file ownership is set to root:root (Automated)',
      ]),
    );
    expect(run.benchmark).not.toBeNull();
    expect(OLD_FOLDERS).not.toContain(run.benchmark);
  });
});
