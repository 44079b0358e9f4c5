/**
 * The `report` command as a user runs it (the built CLI, real readers and knowledge base):
 * determinism, exit codes of the gates, a run that assessed nothing, waivers and facts
 * files, output files. Needs `npx tsc -p tsconfig.json` first (npm test does it).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnalysedReport } from '../../src/model/report.js';
import { runCli } from '../helpers/cli.js';
import { ANALYSIS_FIXTURES } from './helpers.js';

const HOST = join(ANALYSIS_FIXTURES, 'dbs-1.6-host.log');
const NOTHING = join(ANALYSIS_FIXTURES, 'dbs-nothing-assessed.log');
const WAIVERS = join(ANALYSIS_FIXTURES, 'waivers.csv');
const FACTS = join(ANALYSIS_FIXTURES, 'facts.json');
const env = { SOURCE_DATE_EPOCH: '' };

function json(stdout: string): AnalysedReport {
  return JSON.parse(stdout) as AnalysedReport;
}

describe('report -f json', () => {
  it('is deterministic: two runs with --date give identical bytes, and SOURCE_DATE_EPOCH gives the same', () => {
    const first = runCli(['report', HOST, '-f', 'json', '--date', '2024-05-01'], { env });
    const second = runCli(['report', HOST, '-f', 'json', '--date', '2024-05-01'], { env });
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(second.stdout);
    const fromEnv = runCli(['report', HOST, '-f', 'json'], { env: { SOURCE_DATE_EPOCH: String(Date.UTC(2024, 4, 1) / 1000) } });
    expect(fromEnv.stdout).toBe(first.stdout);
    expect(first.stdout.endsWith('}\n')).toBe(true);
    expect(first.stdout).toMatch(/^\{\n {2}"schemaVersion"/);
    const report = json(first.stdout);
    expect(report.generatedAt).toBe('2024-05-01T00:00:00.000Z');
  });

  it('prints the contract: per result control, stride, verdict, severity, caveats; per run a summary', () => {
    const report = json(runCli(['report', HOST, '-f', 'json', '--date', '2024-05-01'], { env }).stdout);
    const run = report.runs[0]!;
    const live = run.results.find((r) => r.id === '2.15')!;
    expect(live).toMatchObject({ control: 'docker.daemon.live-restore', stride: ['DenialOfService'], verdict: 'FINDING' });
    expect(['critical', 'high', 'medium', 'low', 'info']).toContain(live.severity);
    const trust = run.results.find((r) => r.id === '4.5')!;
    expect(trust.caveats).toEqual([expect.objectContaining({ rule: 'content-trust-env', message: expect.any(String) })]);
    expect(run.summary.verdicts.FINDING).toBe(run.results.filter((r) => r.verdict === 'FINDING').length);
    expect(Object.keys(run.summary.stride)).toHaveLength(6);
    expect(report.controls['docker.daemon.live-restore']!.fix).not.toBeNull();
    expect(run.priorities.length).toBe(run.summary.verdicts.FINDING);
  });

  it('uses the -o extension for the format and refuses to overwrite the input', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stridebench-report-'));
    try {
      const out = join(dir, 'report.json');
      const r = runCli(['report', HOST, '-o', out, '--date', '2024-05-01'], { env });
      expect(r.code).toBe(0);
      expect(json(readFileSync(out, 'utf8')).runs).toHaveLength(1);
      const input = join(dir, 'bench.log');
      writeFileSync(input, readFileSync(HOST));
      const clash = runCli(['report', input, '-o', input, '-f', 'json'], { env });
      expect(clash.code).toBe(2);
      expect(clash.stderr).toMatch(/refusing to overwrite the input/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('run selection and formats', () => {
  it('analyses the last run by default, every run with --all-runs, one with --run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stridebench-runs-'));
    try {
      const log = readFileSync(HOST, 'utf8');
      const appended = join(dir, 'appended.log');
      // `-l` logs are appended to by every run (tee -a); the second run fixed live restore.
      writeFileSync(appended, log + log.replace('[WARN] 2.15 - Ensure live restore', '[PASS] 2.15 - Ensure live restore'));
      const live = (report: AnalysedReport) => report.runs.map((r) => r.results.find((x) => x.id === '2.15')!.verdict);
      const last = json(runCli(['report', appended, '-f', 'json', '--date', '2024-05-01'], { env }).stdout);
      expect(last.runs.map((r) => r.index)).toEqual([2]);
      expect(live(last)).toEqual(['SATISFIED']);
      const all = json(runCli(['report', appended, '-f', 'json', '--date', '2024-05-01', '--all-runs'], { env }).stdout);
      expect(live(all)).toEqual(['FINDING', 'SATISFIED']);
      const first = json(runCli(['report', appended, '-f', 'json', '--date', '2024-05-01', '--run', '1'], { env }).stdout);
      expect(live(first)).toEqual(['FINDING']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('renders Markdown by default and refuses an unknown format', () => {
    const md = runCli(['report', HOST, '--date', '2024-05-01'], { env });
    expect(md.code).toBe(0);
    expect(md.stdout.length).toBeGreaterThan(0);
    expect(md.stdout.trimStart().startsWith('{')).toBe(false);
    expect(runCli(['report', HOST, '-f', 'pdf'], { env }).code).toBe(2);
  });
});

describe('exit codes', () => {
  it('--fail-on: 1 when an unwaived finding is at or above the severity, 0 otherwise', () => {
    expect(runCli(['report', HOST, '-f', 'json', '--fail-on', 'high'], { env }).code).toBe(1);
    expect(runCli(['report', HOST, '-f', 'json', '--fail-on', 'critical'], { env }).code).toBe(0);
    expect(runCli(['report', HOST, '-f', 'json'], { env }).code).toBe(0);
  });

  it('waived findings never trip the gate; expired waivers no longer protect', () => {
    const waived = json(runCli(['report', HOST, '-f', 'json', '--date', '2024-05-01', '--waivers', WAIVERS], { env }).stdout);
    expect(waived.runs[0]!.results.find((r) => r.id === '2.14')!.verdict).toBe('WAIVED');
    const highs = waived.runs[0]!.results.filter((r) => r.verdict === 'FINDING' && r.severity === 'high').map((r) => r.control);
    expect(highs.length).toBeGreaterThan(0);
    const dir = mkdtempSync(join(tmpdir(), 'stridebench-gate-'));
    try {
      const all = join(dir, 'waivers.csv');
      writeFileSync(all, ['control,reason,expires', ...[...highs, 'docker.daemon.no-new-privileges'].map((k) => `${k},accepted for the test,2024-09-30`)].join('\n'));
      expect(runCli(['report', HOST, '-f', 'json', '--date', '2024-05-01', '--waivers', all, '--fail-on', 'high'], { env }).code).toBe(0);
      expect(runCli(['report', HOST, '-f', 'json', '--date', '2025-01-01', '--waivers', all, '--fail-on', 'high'], { env }).code).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--fail-on-verdict: 1 when a result has one of the verdicts; an unknown verdict is a usage error', () => {
    expect(runCli(['report', HOST, '-f', 'json', '--fail-on-verdict', 'unverified'], { env }).code).toBe(1);
    expect(runCli(['report', HOST, '-f', 'json', '--fail-on-verdict', 'WAIVED,NOT_ASSESSED'], { env }).code).toBe(0);
    const bad = runCli(['report', HOST, '-f', 'json', '--fail-on-verdict', 'BROKEN'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown verdict "BROKEN"/);
  });

  it('a run that assessed nothing exits 2, and the report is still written', () => {
    const r = runCli(['report', NOTHING, '-f', 'json', '--date', '2024-05-01'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/assessed nothing/);
    const report = json(r.stdout);
    expect(report.runs[0]!.results.every((x) => x.verdict === 'NOT_APPLICABLE' || x.verdict === 'NOT_ASSESSED')).toBe(true);
  });

  it('bad input: a waiver row with a bad date names the file and line; a missing facts file is named', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stridebench-waivers-'));
    try {
      const bad = join(dir, 'waivers.csv');
      writeFileSync(bad, 'control,reason,expires\n2.15,ok,\n2.14,ok,31/12/2024\n');
      const r = runCli(['report', HOST, '-f', 'json', '--waivers', bad], { env });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`${bad}:3:`);
      expect(r.stdout).toBe('');
      const missing = runCli(['report', HOST, '-f', 'json', '--facts', join(dir, 'nope.json')], { env });
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/nope\.json: no such file/);
      expect(runCli(['report', HOST, '--date', 'soon'], { env }).code).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('facts', () => {
  it('a facts file sharpens the rules the log alone cannot decide', () => {
    const without = json(runCli(['report', HOST, '-f', 'json', '--date', '2024-05-01'], { env }).stdout);
    const withFacts = json(runCli(['report', HOST, '-f', 'json', '--date', '2024-05-01', '--facts', FACTS], { env }).stdout);
    const logLevel = (r: AnalysedReport) => r.runs[0]!.results.find((x) => x.id === '2.3')!;
    // Without dockerd's command line, a daemon.json-only PASS cannot be trusted; with it, it can.
    expect(logLevel(without).verdict).toBe('UNVERIFIED');
    expect(logLevel(withFacts).verdict).toBe('SATISFIED');
  });
});
