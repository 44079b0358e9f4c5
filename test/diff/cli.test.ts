/**
 * `stridebench diff` and `stridebench history` as a user runs them (the built CLI): exit
 * codes of the gates (0, 1, 2; waived findings never trip one), run selection, output
 * format from -o, atomic writes, reproducible output with --date / SOURCE_DATE_EPOCH, and
 * bad input.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DiffReport, HistoryReport } from '../../src/model/diff.js';
import { runCli } from '../helpers/cli.js';
import { FIXTURES } from '../helpers/paths.js';

const F = join(FIXTURES, 'diff');
const BEFORE = join(F, 'dbs-v1.3.5-before.log');
const AFTER = join(F, 'dbs-v1.6.1-after.log');
const APPENDED = join(F, 'appended-host.log');
const DATE = ['--date', '2026-01-01'];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'stridebench-diff-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('stridebench diff: gates', () => {
  it('exit 0 without a gate, Markdown on stdout leading with the answer', () => {
    const r = runCli(['diff', BEFORE, AFTER, ...DATE]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[2]).toMatch(/^\*\*8 fixed, 2 regressed, 8 still open\.\*\*/);
  });

  it('--fail-on regressed: exit 1 when a row regressed, naming the rows on stderr', () => {
    const r = runCli(['diff', BEFORE, AFTER, ...DATE, '--fail-on', 'regressed', '-f', 'json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('2 row(s) trip the gate: 5.11 [cache] (regressed), 5.32 [cache] (regressed)');
    expect((JSON.parse(r.stdout) as DiffReport).summary.changes.regressed).toBe(2);
  });

  it('--fail-on new-finding: exit 0 when nothing new fails (the same host state twice)', () => {
    expect(runCli(['diff', BEFORE, BEFORE, ...DATE, '--fail-on', 'new-finding,regressed']).code).toBe(0);
  });

  it('--fail-on regressed,new-finding: exit 0 once the regressions are waived (waived findings never trip a gate)', () => {
    const r = runCli(['diff', BEFORE, AFTER, ...DATE, '--fail-on', 'regressed,new-finding', '--waivers', join(F, 'waivers.csv'), '-f', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const diff = JSON.parse(r.stdout) as DiffReport;
    const waived = diff.changes.filter((c) => c.after === 'WAIVED');
    expect(waived.map((c) => `${c.ids.after} ${c.item}`).sort()).toEqual(['5.11 cache', '5.32 cache']);
    expect(waived.every((c) => c.change === 'regressed' && c.note?.source === 'waiver')).toBe(true);
  });

  it('exit 1 on a new finding in an appended log: 5.10 fails again for db in the third run', () => {
    const r = runCli(['diff', APPENDED, APPENDED, ...DATE, '--before-run', '2', '--after-run', '3', '--fail-on', 'new-finding']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('5.10 [db] (regressed)');
  });

  it('exit 2 for an unknown gate, a bad run index, stdin twice, or a run that assessed nothing', () => {
    const bad = runCli(['diff', BEFORE, AFTER, '--fail-on', 'regression']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--fail-on: unknown condition "regression"; conditions: regressed, new-finding');
    expect(runCli(['diff', APPENDED, APPENDED, '--before-run', '0']).code).toBe(2);
    expect(runCli(['diff', APPENDED, APPENDED, '--before-run', '9']).stderr).toContain('--run 9 is out of range');
    expect(runCli(['diff', '-', '-'], { input: '' }).stderr).toContain('only one of BEFORE and AFTER can be read from stdin');
    const nothing = runCli(['diff', join(F, 'nothing-assessed.log'), AFTER, '--fail-on', 'regressed']);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('assessed nothing');
  });

  it('exit 2 with file and message for a missing file or something that is not scanner output', () => {
    const missing = runCli(['diff', join(F, 'nope.log'), AFTER]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.log: no such file');
    const notScanner = join(dir, 'notes.txt');
    writeFileSync(notScanner, 'just some notes\nnothing to see\n');
    const r = runCli(['diff', BEFORE, notScanner]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${notScanner}:`);
    expect(r.stderr).not.toContain('internal error');
  });
});

describe('stridebench diff: output', () => {
  it('-o writes the file atomically, in the format its extension names, the same bytes as stdout', () => {
    const out = join(dir, 'diff.html');
    const r = runCli(['diff', BEFORE, AFTER, ...DATE, '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const html = readFileSync(out, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toBe(runCli(['diff', BEFORE, AFTER, ...DATE, '-f', 'html']).stdout);
    expect(readdirSync(dir).filter((f) => f.includes('stridebench-tmp'))).toEqual([]);
  });

  it('refuses an extension it cannot write and an output that is an input', () => {
    const csv = runCli(['diff', BEFORE, AFTER, '-o', join(dir, 'diff.csv')]);
    expect(csv.code).toBe(2);
    expect(csv.stderr).toContain('diff writes json, md, html');
    expect(existsSync(join(dir, 'diff.csv'))).toBe(false);
    const copy = join(dir, 'after.log');
    writeFileSync(copy, readFileSync(AFTER));
    const clobber = runCli(['diff', BEFORE, copy, '-o', copy]);
    expect(clobber.code).toBe(2);
    expect(readFileSync(copy, 'utf8')).toBe(readFileSync(AFTER, 'utf8'));
  });

  it('is reproducible: SOURCE_DATE_EPOCH fixes generatedAt, --date wins over it', () => {
    const env = { SOURCE_DATE_EPOCH: '1700000000' };
    const a = runCli(['diff', BEFORE, AFTER, '-f', 'json'], { env });
    const b = runCli(['diff', BEFORE, AFTER, '-f', 'json'], { env });
    expect(a.stdout).toBe(b.stdout);
    expect((JSON.parse(a.stdout) as DiffReport).generatedAt).toBe('2023-11-14T22:13:20.000Z');
    const dated = runCli(['diff', BEFORE, AFTER, '-f', 'md', '--date', '2024-05-01'], { env });
    expect(dated.stdout).toContain('at 2024-05-01T00:00:00.000Z');
  });
});

describe('stridebench history', () => {
  it('every run of an appended log, as JSON: the verdict of each control per run', () => {
    const r = runCli(['history', APPENDED, ...DATE, '-f', 'json']);
    expect(r.code).toBe(0);
    const h = JSON.parse(r.stdout) as HistoryReport;
    expect(h.runs.map((x) => x.label)).toEqual(['2024-05-06 09:00', '2024-05-07 09:00', '2024-05-08 09:00']);
    const byId = (id: string) => h.rows.find((row) => row.ids.includes(id))!;
    expect(byId('2.13').verdicts).toEqual(['FINDING', 'SATISFIED', 'SATISFIED']);
    expect(byId('2.13').fixed?.label).toBe('2024-05-07 09:00');
    // 5.10: fixed in run 2, failing again (for db) in run 3.
    expect(byId('5.10').verdicts).toEqual(['FINDING', 'SATISFIED', 'FINDING']);
    expect(byId('5.10').fixed).toBeNull();
  });

  it('several files in time order, Markdown and HTML', () => {
    const md = runCli(['history', BEFORE, AFTER, ...DATE]);
    expect(md.code).toBe(0);
    // v1.3.5 prints "Wed Nov  6 10:00:00 UTC 2019" (a zone: parsed); v1.6.1 prints an offset-less time, shown as printed.
    expect(md.stdout.split('\n')[2]).toBe('**2 runs, 2019-11-06 10:00 to 2021-10-14T11:09:01: findings 9 → 7 (at most 9, run 1), score 25 → 42.**');
    const html = runCli(['history', BEFORE, AFTER, ...DATE, '-f', 'html']);
    expect(html.stdout).toContain('<title id="history-trend-title">');
  });

  it('exit 2 for a missing file, and for stdin (yargs would drop a lone - from the file list)', () => {
    expect(runCli(['history', join(F, 'nope.log')]).code).toBe(2);
    const stdin = runCli(['history', APPENDED, '-'], { input: readFileSync(APPENDED) });
    expect(stdin.code).toBe(2);
    expect(stdin.stderr).toContain('history reads files, not stdin');
  });
});
