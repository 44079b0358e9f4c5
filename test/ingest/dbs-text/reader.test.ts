import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingestFile, ingestText } from '../../../src/ingest/index.js';
import { detectReader } from '../../../src/ingest/detect.js';
import { dockerBenchSecurityText, objectNamed } from '../../../src/ingest/docker-bench-security-text.js';
import type { ParsedInput, Result, Run } from '../../../src/model/types.js';
import { FIXTURES, SAMPLES } from '../../helpers/paths.js';

const fixture = (name: string) => join(FIXTURES, 'dbs-text', name);
const read = (name: string) => ingestFile(fixture(name));
const byId = (run: Run, id: string): Result[] => run.results.filter((r) => r.id === id);
const one = (run: Run, id: string): Result => {
  const found = byId(run, id);
  expect(found).toHaveLength(1);
  return found[0]!;
};
const statuses = (run: Run) => run.results.map((r) => `${r.id}:${r.status}`);

describe('T1 (v1.1.0 – v1.3.3, padded ids)', () => {
  it('reads a v1.1.0 log: `5  - ` section header, failed-audit title, five-space skip line', async () => {
    const parsed = await read('t1-v1.1.0.log');
    expect(parsed.input.format).toBe('docker-bench-security-text');
    const [run] = parsed.runs;
    expect(statuses(run!)).toEqual(['1.1:WARN', '1.2:PASS', '1.5:WARN', '1.8:WARN', '2.1:WARN', '2.2:PASS', '3.2:WARN', '6.4:INFO']);
    expect(run!.sections.map((s) => `${s.id} ${s.title}`)).toEqual([
      '1 Host Configuration',
      '2 Docker Daemon Configuration',
      '3 Docker Daemon Configuration Files',
      '5 Container Runtime',
      '6 Docker Security Operations',
    ]);
    expect(one(run!, '1.8').title).toBe('Failed to inspect: auditctl command not found.');
    expect(one(run!, '1.5').details).toEqual(['Using 1.12.5, when 1.13.0 is current as of 2017-01-18']);
    // 3.2 lost "or more restrictive" from its title in v1.2.0: that tells the two apart.
    expect(run!.benchmark).toBe('dbs-v1.1.0');
    expect(run!.toolVersion).toBeNull();
    expect(run!.startedAtRaw).toBe('Mon Jan 16 10:00:00 UTC 2017');
    expect(run!.startedAt).toBe('2017-01-16T10:00:00Z');
    expect(run!.totals).toBeNull();
    // The fixture leaves section 4 out, as a `-c` selection would: partial for that reason only.
    expect(run!.partialReasons).toEqual([expect.stringMatching(/^section 4 was not run \(a -c or -e selection of checks\)/)]);
    const skip = parsed.warnings.find((w) => w.code === 'no-running-containers');
    expect(skip?.line).toBe(22);
  });

  it('reads a console capture: banner version, ANSI, extra space after 5.13, swarm suffix', async () => {
    const [run] = (await read('t1-v1.3.3-console.txt')).runs;
    expect(run!.toolVersion).toBe('1.3.3');
    expect(run!.lines).toEqual({ first: 1, last: 31 }); // banner rule … the 7.2 line
    expect(run!.results).toHaveLength(8);
    const r513 = one(run!, '5.13');
    expect(r513.title).toBe('Ensure incoming container traffic is binded to a specific host interface');
    expect(r513.section).toBe('5');
    const r72 = one(run!, '7.2');
    expect(r72.title).toBe('Ensure the minimum number of manager nodes have been created in a swarm');
    expect(r72.runtimeSuffixes).toEqual(['Swarm mode not enabled']);
    expect(r72.assessment).toBeNull();
    const r51 = one(run!, '5.1');
    expect(r51.details).toEqual(['No AppArmorProfile Found: web', 'No AppArmorProfile Found: db']);
    expect(r51.items).toEqual(['web', 'db']);
    // A group line is a detail, not an object.
    expect(one(run!, '1.4').items).toEqual([]);
    expect(run!.benchmark).toBe('dbs-v1.3.3');
  });
});

describe('T2 (v1.3.5, `id  - `)', () => {
  let parsed: ParsedInput;
  beforeAll(async () => {
    parsed = await read('t2-v1.3.5.log');
  });
  it('skips sub-group headers, noise lines and the section 8 skip line', () => {
    const [run] = parsed.runs;
    expect(statuses(run!)).toEqual(['1.1.1:NOTE', '1.1.2:PASS', '1.2.1:WARN', '1.2.2:INFO', '2.13:WARN', '2.17:WARN', '5.1:WARN']);
    expect(one(run!, '1.1.2').group).toBe('1.1');
    expect(one(run!, '1.2.1').group).toBe('1.2');
    expect(one(run!, '2.13').group).toBeNull();
    // The Docker warning in between does not cut the detail list.
    expect(one(run!, '1.1.2').details).toHaveLength(2);
    expect(one(run!, '5.1').title).toBe('Ensure that, if applicable, an AppArmor Profile is enabled');
    expect(run!.sections.map((s) => s.id)).toEqual(['1', '2', '5', '8']);
  });
  it('reads Checks and a negative Score', () => {
    expect(parsed.runs[0]!.totals).toEqual({ checks: 6, score: -3 });
    expect(parsed.runs[0]!.benchmark).toBe('dbs-v1.3.5');
    expect(parsed.runs[0]!.partialReasons).toEqual([expect.stringMatching(/^sections 3, 4, 6 were not run \(a -c or -e selection/)]);
  });
});

describe('T3 (Section A/B/C)', () => {
  let run: Run;
  let parsed: ParsedInput;
  beforeAll(async () => {
    parsed = await read('t3-v1.6.1-remediation.log');
    run = parsed.runs[0]!;
  });
  it('keeps the root warning and headers out of the results', () => {
    expect(parsed.runs).toHaveLength(1);
    expect(run.results.map((r) => r.id)).toEqual(['1.1.1', '1.1.2', '1.1.12', '1.2.2', '2.1', '2.15', '2.18', '4.6', '5.1', '5.2', '5.8', '5.11', '7.1']);
    expect(run.totals).toEqual({ checks: 13, score: 1 });
    expect(run.benchmark).toBe('dbs-v1.6.1');
  });
  it('keeps the offset-less busybox time raw only', () => {
    expect(run.startedAtRaw).toBe('2021-10-14T11:09:01');
    expect(run.startedAt).toBeNull();
  });
  it('resolves the id-less experimental-features line to 2.18', () => {
    const r = one(run, '2.18');
    expect(r.idInferred).toBe(true);
    expect(r.status).toBe('INFO');
    expect(r.assessment).toBe('Scored');
    expect(r.runtimeSuffixes).toEqual(['Deprecated']);
    expect(r.section).toBe('2');
    expect(one(run, '2.15').idInferred).toBe(false);
  });
  it('attaches Section B remediation to Section A results without counting it', () => {
    expect(one(run, '1.1.1').remediation).toBe('For new installations, you should create a separate partition for the /var/lib/docker mount point.');
    expect(one(run, '1.1.1').remediationImpact).toBe('None.');
    expect(one(run, '2.1').remediation).toBe('Follow the Docker documentation to run the daemon rootless.');
    expect(one(run, '2.1').remediationImpact).toBeNull();
    expect(one(run, '2.18').remediation).toMatch(/^You should not pass --experimental/);
    expect(one(run, '5.11').remediation).toBeNull();
  });
  it('reads details and the objects they name', () => {
    expect(one(run, '1.1.2').details).toEqual(['Users: alice,bob']);
    expect(one(run, '1.1.2').items).toEqual([]);
    expect(one(run, '4.6').items).toEqual(['nginx:latest', 'app:1.0', 'app:latest']);
    expect(one(run, '5.2').items).toEqual(['web', 'db']);
    expect(one(run, '5.8').items).toEqual(['web:80']);
    expect(one(run, '1.2.2').group).toBe('1.2');
  });
  it('drops the id a title repeats (1.1.12)', () => {
    expect(one(run, '1.1.12').title).toBe('Ensure auditing is configured for Dockerfiles and directories - /etc/containerd/config.toml');
  });

  it('reads a 2021 dev build: two-space ids, (Scored), `Impact:`, id-less 2.16', async () => {
    const [dev] = (await read('t3-dev-2021.log')).runs;
    expect(dev!.benchmark).toBe('dbs-dev-2021');
    expect(dev!.results.map((r) => `${r.id}${r.idInferred ? '*' : ''}`)).toEqual(['1.1.1', '1.2.1', '2.13', '2.16*']);
    expect(one(dev!, '1.2.1').remediationImpact).toBe('None.');
    expect(one(dev!, '2.13').remediation).toBe('Run Docker in daemon mode and pass --live-restore to it as an argument.');
    expect(dev!.totals).toEqual({ checks: 5, score: -2 });
  });
});

describe('appended runs', () => {
  it('splits a log at each Initializing line and numbers the runs', async () => {
    const parsed = await read('appended-3runs.log');
    expect(parsed.runs.map((r) => [r.index, r.startedAt, r.totals?.score])).toEqual([
      [1, '2023-10-02T09:00:00Z', -2],
      [2, '2023-10-02T10:00:00Z', -1],
      [3, '2023-10-03T08:30:00Z', 1],
    ]);
    expect(parsed.input.runCount).toBe(3);
    // The fixture quotes a few sections per run (a selection), but no run is cut off.
    expect(parsed.runs.every((r) => r.partialReasons.every((x) => /selection of checks/.test(x)))).toBe(true);
    expect(parsed.runs[1]!.results.map((r) => r.id)).toEqual(['1.1.1', '2.15', '7.1']);
    expect(parsed.runs[1]!.sections.map((s) => s.id)).toContain('5');
    expect(parsed.warnings.filter((w) => w.code === 'no-running-containers').map((w) => w.line)).toEqual([parsed.runs[1]!.lines!.first + 13]);
    expect(one(parsed.runs[0]!, '5.4').items).toEqual(['web']);
    expect(one(parsed.runs[2]!, '5.4').status).toBe('PASS');
  });
  it('keeps only the selected run (--run -1, --run 2)', async () => {
    const last = await ingestFile(fixture('appended-3runs.log'), { selection: { kind: 'index', index: -1 } });
    expect(last.runs.map((r) => r.index)).toEqual([3]);
    expect(last.input.runCount).toBe(3);
    expect(last.input.selection).toEqual([3]);
    const second = await ingestFile(fixture('appended-3runs.log'), { selection: { kind: 'index', index: 2 } });
    expect(second.runs.map((r) => [r.index, r.startedAt])).toEqual([[2, '2023-10-02T10:00:00Z']]);
  });
  it('hands each run over as soon as it ends', () => {
    const emitted: number[] = [];
    let linesSeen = 0;
    const parser = dockerBenchSecurityText.start({ file: 'x', warn: () => {}, emitRun: () => emitted.push(linesSeen) });
    const text = readFileSync(fixture('appended-3runs.log'), 'utf8').split('\n');
    text.forEach((line, i) => {
      linesSeen = i + 1;
      parser.line(line, i + 1);
    });
    expect(emitted).toHaveLength(3); // all three at their Score line, before end()
    parser.end();
    expect(emitted).toHaveLength(3);
  });
  it('treats a banner followed by Initializing as one run start', async () => {
    const parsed = await read('two-console-runs.txt');
    expect(parsed.runs.map((r) => [r.toolVersion, r.lines!.first, r.results.map((x) => x.status).join(',')])).toEqual([
      ['1.6.0', 1, 'WARN,PASS'],
      ['1.6.0', 27, 'PASS,PASS'],
    ]);
  });
  it('marks a cut-off last run partial, not the complete one before it', async () => {
    const parsed = await read('truncated.log');
    expect(parsed.runs.map((r) => r.partialReasons.some((x) => /cut off/.test(x)))).toEqual([false, true]);
    expect(parsed.runs[1]!.partialReasons.join(' ')).toMatch(/Section C/);
    expect(parsed.runs[1]!.results.map((r) => r.id)).toEqual(['1.1.1', '2.15']);
  });
  it('marks a -c selection partial', async () => {
    const [run] = (await read('c-selection.log')).runs;
    expect(run!.results.map((r) => r.id)).toEqual(['2.15']);
    expect(run!.partial).toBe(true);
    expect(run!.partialReasons.join(' ')).toMatch(/section headers/);
    expect(run!.results[0]!.section).toBe('2');
  });
  it('never merges duplicate ids and skips fork chatter with a warning', async () => {
    const parsed = await read('fork-duplicates.log');
    const [run] = parsed.runs;
    expect(byId(run!, '4.1')).toHaveLength(2);
    expect(run!.results).toHaveLength(4);
    expect(parsed.warnings.filter((w) => w.code === 'dbs-line-without-id').map((w) => w.line)).toEqual([5, 8]);
  });
});

describe('encodings and line endings (decoded by the driver)', () => {
  const t2 = readFileSync(fixture('t2-v1.3.5.log'), 'utf8');
  const expectSame = (parsed: ParsedInput) => {
    expect(parsed.input.format).toBe('docker-bench-security-text');
    expect(statuses(parsed.runs[0]!)).toEqual(['1.1.1:NOTE', '1.1.2:PASS', '1.2.1:WARN', '1.2.2:INFO', '2.13:WARN', '2.17:WARN', '5.1:WARN']);
    expect(parsed.runs[0]!.totals).toEqual({ checks: 6, score: -3 });
    expect(one(parsed.runs[0]!, '5.1').items).toEqual(['web']);
  };
  it('CRLF', async () => {
    expectSame(await ingestText(t2.replaceAll('\n', '\r\n')));
  });
  it('UTF-8 with BOM', async () => {
    const parsed = await ingestText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t2)]));
    expect(parsed.input.encoding).toBe('utf-8-bom');
    expectSame(parsed);
  });
  it('UTF-16LE with BOM (PowerShell redirect)', async () => {
    const parsed = await ingestText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t2.replaceAll('\n', '\r\n'), 'utf16le')]));
    expect(parsed.input.encoding).toBe('utf-16le');
    expectSame(parsed);
  });
});

describe('detection', () => {
  it('claims docker-bench-security logs and console captures', () => {
    for (const name of ['t1-v1.1.0.log', 't1-v1.3.3-console.txt', 't2-v1.3.5.log', 't3-v1.6.1-remediation.log']) {
      const head = readFileSync(fixture(name), 'utf8');
      expect(detectReader(head)?.reader.format).toBe('docker-bench-security-text');
      expect(dockerBenchSecurityText.detect(head)).toBeGreaterThanOrEqual(0.8);
    }
  });
  it('scores aqua docker-bench and kube-bench text low', () => {
    const aqua = '[INFO] 1 Host Configuration\n[FAIL] 1.1 Ensure a separate partition for containers has been created (Scored)\n[PASS] 1.2 Ensure the container host has been Hardened (Not Scored)\n\n== Summary ==\n1 checks PASS\n1 checks FAIL\n';
    expect(dockerBenchSecurityText.detect(aqua)).toBeLessThan(0.5);
    expect(dockerBenchSecurityText.detect('{"dockerbenchsecurity": "1.3.5", "tests": []}')).toBe(0);
    expect(dockerBenchSecurityText.detect('hello world\n')).toBe(0);
  });
});

describe('hostile input', () => {
  it('reads a megabyte-long line without trouble', async () => {
    const long = `[WARN] 1.1  - ${'a - '.repeat(250_000)}\n[INFO]      * ${'x: '.repeat(300_000)}\n`;
    const parsed = await ingestText(`Initializing now\n[INFO] 1 - Host Configuration\n${long}`);
    expect(parsed.runs[0]!.results).toHaveLength(1);
  });
  it('refuses a log that holds no results', async () => {
    await expect(ingestText('Initializing 2023-12-20T10:00:00+00:00\n\n\nSection A - Check results\n')).rejects.toThrow(/holds no check results/);
  });
});

describe('objectNamed', () => {
  it.each([
    ['Running as root: web', ['web']],
    ['No Healthcheck found: [nginx:latest]', ['nginx:latest']],
    ['Unencrypted overlay network: net1 (swarm)', ['net1']],
    ['Port being bound to wildcard IP: 0.0.0.0 in web', ['web:0.0.0.0']],
    ['Users: alice,bob', []],
    ['There are currently: 4 images', []],
    ['Using 24.0.7, verify is it up to date as deemed necessary', []],
    ['docker:x:999:alice,bob', []],
    ['File not found', []],
  ])('%s → %j', (detail, items) => {
    expect(objectNamed(detail)).toEqual(items);
  });
});

describe('samples', () => {
  it('the 1.6.0 log sample is a complete v1.6.0 run with three containers', async () => {
    const parsed = await ingestFile(join(SAMPLES, 'docker-bench-security-1.6.0.log'));
    const [run] = parsed.runs;
    expect(parsed.runs).toHaveLength(1);
    expect(run!.results).toHaveLength(run!.totals!.checks!);
    expect(run!.benchmark).toBe('dbs-v1.5.0');
    expect(run!.partial).toBe(false);
    expect(new Set(run!.results.flatMap((r) => r.items))).toEqual(new Set(['web', 'db', 'cache', 'nginx:1.25', 'redis:7', 'redis:latest', 'web:0.0.0.0']));
  });
  it('the 1.3.4 console sample is a complete Hub-image run', async () => {
    const parsed = await ingestFile(join(SAMPLES, 'docker-bench-security-1.3.4.txt'));
    const [run] = parsed.runs;
    expect(run!.toolVersion).toBe('1.3.4');
    expect(run!.results).toHaveLength(run!.totals!.checks!);
    expect(run!.benchmark).toBe('dbs-v1.3.3');
    expect(run!.partial).toBe(false);
  });
});
