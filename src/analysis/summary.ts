/** Per-run counts: verdicts, FINDINGs per STRIDE category and per severity, and the score. */
import { STRIDE_CATEGORIES, type StrideCategory } from '../knowledge/types.js';
import { SEVERITIES, VERDICTS, type AnalysedResult, type RunSummary, type Severity, type Verdict } from '../model/report.js';

export function summarise(results: readonly AnalysedResult[], notAssessed: readonly string[]): RunSummary {
  const verdicts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  const stride = Object.fromEntries(STRIDE_CATEGORIES.map((c) => [c, 0])) as Record<StrideCategory, number>;
  const severities = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const r of results) {
    verdicts[r.verdict]++;
    if (r.verdict !== 'FINDING') continue;
    // Severity counts are of FINDINGs only: they are what a gate or a reader acts on.
    severities[r.severity]++;
    for (const category of r.stride) stride[category]++;
  }
  return { verdicts, stride, severities, score: score(verdicts), notAssessed: [...notAssessed] };
}

/** satisfied / (satisfied + finding) × 100, rounded; null when nothing was scorable. */
export function score(verdicts: Readonly<Record<Verdict, number>>): number | null {
  const scorable = verdicts.SATISFIED + verdicts.FINDING;
  return scorable === 0 ? null : Math.round((verdicts.SATISFIED / scorable) * 100);
}

/** A run assessed nothing when every result is NOT_ASSESSED or NOT_APPLICABLE (or it has none). */
export function assessedNothing(results: readonly AnalysedResult[]): boolean {
  return results.every((r) => r.verdict === 'NOT_ASSESSED' || r.verdict === 'NOT_APPLICABLE');
}
