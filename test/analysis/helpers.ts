/**
 * Helpers for the analysis tests: wrap check lines into a complete scanner output (so the
 * real readers parse them, as they would a user's file) and analyse it against the fake
 * knowledge base.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyse, type AnalyseOptions } from '../../src/analysis/index.js';
import { ingestText } from '../../src/ingest/index.js';
import type { KnowledgeBase } from '../../src/knowledge/types.js';
import type { AnalysedReport, AnalysedResult, AnalysedRun } from '../../src/model/report.js';
import { FIXTURES } from '../helpers/paths.js';
import { fakeKnowledge } from './fake-knowledge.js';

export const DATE = '2024-05-01T00:00:00.000Z';
export const ANALYSIS_FIXTURES = join(FIXTURES, 'analysis');

export async function analyseText(text: string, options: Partial<AnalyseOptions> = {}, knowledge: KnowledgeBase = fakeKnowledge()): Promise<AnalysedReport> {
  const parsed = await ingestText(text, { name: 'fixture' });
  return analyse(parsed, knowledge, { generatedAt: DATE, ...options });
}

export async function analyseFixture(name: string, options: Partial<AnalyseOptions> = {}, knowledge?: KnowledgeBase): Promise<AnalysedReport> {
  return analyseText(readFileSync(join(ANALYSIS_FIXTURES, name), 'utf8'), options, knowledge);
}

export function lastRun(report: AnalysedReport): AnalysedRun {
  return report.runs[report.runs.length - 1]!;
}

/** The n-th result printed with this id in the last run. */
export function result(report: AnalysedReport, id: string, n = 0): AnalysedResult {
  const found = lastRun(report).results.filter((r) => r.id === id)[n];
  if (!found) throw new Error(`no result ${id} (#${n}) in the fixture`);
  return found;
}

export function rules(r: AnalysedResult): string[] {
  return r.caveats.map((c) => c.rule);
}

export function runRules(report: AnalysedReport): string[] {
  return lastRun(report).caveats.map((c) => c.rule);
}

/** A docker-bench-security v1.6.x text log (T3, as written by `-l`) around the given lines. */
export function dbsLog(body: string): string {
  // The total the scanner prints counts the checks it ran: here, the check lines given.
  const checks = body.split('\n').filter((l) => /^\[(PASS|WARN|INFO|NOTE)\] (\d+\.\d+(\.\d+)? - |Ensure)/.test(l.trim()) && !/ Configuration$/.test(l.trim())).length;
  return [
    'Initializing 2024-05-01T10:00:00+00:00',
    '',
    '',
    'Section A - Check results',
    '',
    body.trim(),
    '',
    '',
    'Section C - Score',
    '',
    `[INFO] Checks: ${checks}`,
    '[INFO] Score: 0',
    '',
  ].join('\n');
}

/**
 * An aquasecurity/docker-bench cis-1.2 text report around the given check lines, with a
 * Remediations block (`id text` entries) and a Summary that counts the statuses printed.
 */
export function aquaLog(body: string, remediations: Record<string, string> = {}): string {
  const counts = { PASS: 0, FAIL: 0, WARN: 0, INFO: 0 };
  for (const line of body.split('\n')) {
    const m = /^\[(PASS|FAIL|WARN|INFO)\] \d+\.\d+/.exec(line.trim());
    if (m) counts[m[1] as keyof typeof counts]++;
  }
  const entries = Object.entries(remediations).map(([id, text]) => `${id} ${text}\n`);
  return [
    '[INFO] 18.09 CIS Docker Community Edition Benchmark',
    body.trim(),
    '',
    '== Remediations ==',
    ...entries,
    '',
    '== Summary ==',
    `${counts.PASS} checks PASS`,
    `${counts.FAIL} checks FAIL`,
    `${counts.WARN} checks WARN`,
    `${counts.INFO} checks INFO`,
    '',
  ].join('\n');
}

/** The message of the result's caveat from that rule ('' when the rule added none). */
export function caveat(r: AnalysedResult, rule: string): string {
  return r.caveats.find((c) => c.rule === rule)?.message ?? '';
}
