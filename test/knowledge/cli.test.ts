/** `stridebench explain` and `stridebench controls`, run as a user would (needs a build: npx tsc -p tsconfig.json). */
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { FIXTURES } from '../helpers/paths.js';

const OVERRIDE = join(FIXTURES, 'knowledge', 'mapping-override.csv');

describe('stridebench explain', () => {
  it('explains a control by key: threats, rationale, fix, exclusive-sources note, ids per numbering', () => {
    const r = runCli(['explain', 'docker.daemon.live-restore']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^docker\.daemon\.live-restore — Live restore enabled/);
    expect(r.stdout).toContain('STRIDE primary: Denial of service (D)');
    expect(r.stdout).toContain('CIS reference:  CIS Docker 1.6.0 §2.15');
    expect(r.stdout).toContain('daemon.json:    {"live-restore": true}');
    expect(r.stdout).toContain('dockerd flag:   --live-restore');
    expect(r.stdout).toMatch(/not\s+both:\s+dockerd\s+refuses\s+to\s+start/);
    expect(r.stdout).toMatch(/Verify\n\s+`docker info --format '\{\{ \.LiveRestoreEnabled \}\}'` prints `true`/);
    expect(r.stdout).toMatch(/dbs-v1\.3\.5\s+2\.13\s+Ensure live restore is Enabled/);
    expect(r.stdout).toMatch(/aqua-cis-1\.2\s+2\.13\.a, 2\.13\.b/);
  });

  it('narrows a printed id with --benchmark', () => {
    const r = runCli(['explain', '2.13', '--benchmark', 'dbs-v1.3.5']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^docker\.daemon\.live-restore/);
    expect(r.stdout).toContain('id 2.13 means this control in: dbs-v1.3.5');
  });

  it('prints every control an id means without --benchmark, each with its numberings', () => {
    const r = runCli(['explain', '2.15']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^"2\.15" means 4 different controls/);
    expect(r.stdout).toContain('docker.swarm.mode — Swarm mode off unless needed\n  id 2.15 means this control in: dbs-v1.2.0, dbs-v1.3.0, aqua-cis-1.0, aqua-ocp-3.9, aqua-1.13.0');
    expect(r.stdout).toContain('id 2.15 means this control in: dbs-v1.3.6, dbs-v1.5.0, dbs-v1.6.1, aqua-cis-1.3.1, aqua-cis-1.6.0');
  });

  it('gives JSON with the control, its fix and grouped ids', () => {
    const r = runCli(['explain', 'docker.container.pids-limit', '--format', 'json']);
    expect(r.code).toBe(0);
    const body = JSON.parse(r.stdout);
    expect(body.knowledgeVersion).toMatch(/^\d{4}\.\d{2}\.\d{2}-\d+$/);
    expect(body.controls).toHaveLength(1);
    const c = body.controls[0];
    expect(c.key).toBe('docker.container.pids-limit');
    expect(c.stride.primary).toBe('DenialOfService');
    expect(c.fix.runFlag).toMatch(/^--pids-limit/);
    expect(c.ids).toContainEqual(expect.objectContaining({ tool: 'docker-bench-security', benchmark: 'dbs-v1.6.1', ids: ['5.29'] }));
  });

  it('applies --mapping', () => {
    const r = runCli(['explain', 'docker.daemon.live-restore', '--mapping', OVERRIDE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('STRIDE primary: Repudiation (R)');
  });

  it('exits 2 with a clear message for an unknown id or numbering', () => {
    const unknown = runCli(['explain', '99.99']);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toMatch(/no control has the key or printed id "99\.99"/);
    const badBench = runCli(['explain', '2.15', '--benchmark', 'dbs-v0']);
    expect(badBench.code).toBe(2);
    expect(badBench.stderr).toMatch(/unknown numbering "dbs-v0"; known: dbs-v1\.1\.0/);
  });

  it('reports a bad mapping file with file and line, exit 2', () => {
    const r = runCli(['explain', 'docker.daemon.live-restore', '--mapping', join(FIXTURES, 'knowledge', 'minimal', 'ids-docker.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ids-docker\.csv:1: unknown column\(s\) tool, benchmark, id;/);
  });
});

describe('stridebench controls', () => {
  it('lists controls as a table, filtered by STRIDE letter in any case', () => {
    const r = runCli(['controls', '--stride', 'd', '--platform', 'docker']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^KEY\s+STRIDE\s+TITLE$/);
    const rows = lines.slice(1, -1);
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) expect(row).toMatch(/^docker\.\S+\s+D DenialOfService\s+\S/);
    expect(rows.some((row) => row.startsWith('docker.daemon.live-restore '))).toBe(true);
    expect(lines[lines.length - 1]).toMatch(new RegExp(`^${rows.length} controls with primary category DenialOfService`));
  });

  it('shows the ids of one numbering, in id order', () => {
    const r = runCli(['controls', '--benchmark', 'dbs-v1.6.1', '--stride', 'ElevationOfPrivilege']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/IDS IN dbs-v1\.6\.1/);
    expect(r.stdout).toMatch(/docker\.swarm\.mode\s+E ElevationOfPrivilege\s+Swarm mode off unless needed\s+5\.1\n/);
    const ids = [...r.stdout.matchAll(/ (\d+(?:\.\d+)+|C\.[\d.]+)$/gm)].map((m) => m[1]);
    expect(ids.indexOf('2.1')).toBeLessThan(ids.indexOf('2.12'));
    expect(ids.indexOf('5.4')).toBeLessThan(ids.indexOf('5.18'));
    expect(ids.indexOf('2.1')).toBeGreaterThanOrEqual(0);
  });

  it('writes JSON', () => {
    const r = runCli(['controls', '--format', 'json', '--platform', 'docker', '--benchmark', 'aqua-cis-1.2']);
    expect(r.code).toBe(0);
    const body = JSON.parse(r.stdout) as { key: string; ids: string[] }[];
    expect(body.find((c) => c.key === 'docker.daemon.live-restore')?.ids).toEqual(['2.13.a', '2.13.b']);
  });

  it('writes CSV that cannot run as a spreadsheet formula', () => {
    const r = runCli(['controls', '--format', 'csv', '--mapping', join(FIXTURES, 'knowledge', 'mapping-formula.csv')]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('key,platform,stride_primary,stride_secondary,component,scope,title');
    expect(r.stdout).toContain(`docker.daemon.icc,docker,InformationDisclosure,Spoofing;Tampering,daemon,daemon,"'=HYPERLINK(""http://x"")"`);
    expect(r.stdout).toContain(`docker.daemon.log-level,docker,Repudiation,InformationDisclosure,daemon,daemon,'@SUM(1+1)`);
    expect(r.stdout).toContain(`daemon,daemon,'+cmd|' /C calc'!A0\n`);
    for (const line of lines.slice(1)) expect(line).not.toMatch(/(^|,)[=+\-@]/);
  });

  it('rejects an unknown STRIDE category', () => {
    const r = runCli(['controls', '--stride', 'X']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--stride: "X" is not a STRIDE category/);
  });
});
