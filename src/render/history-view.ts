/**
 * The view the history templates (templates/history.md.hbs, history.html.hbs) render: the
 * answer first (how many runs, findings and score from first to last), then the runs with
 * unchanged stretches folded into one line, the controls that changed (each as stretches
 * of runs with one verdict, with first-seen and fixed dates), and the controls that never
 * changed. Pure data; the templates escape every string for their context.
 */
import { STRIDE_CATEGORIES, STRIDE_LETTERS, type StrideCategory } from '../knowledge/types.js';
import type { HistoryReport, HistoryRow, HistoryRun, HistoryRunRef } from '../model/diff.js';
import type { Verdict } from '../model/report.js';
import { stretches } from './diff-charts.js';
import { baseName, verdictLabel, verdictToken } from './diff-view.js';
import { formatSize } from './view-common.js';

/** One-letter verdicts for the compressed verdict sequences (the legend says them in words). */
export const VERDICT_LETTERS: Readonly<Record<Verdict, string>> = {
  FINDING: 'F',
  SATISFIED: 'S',
  WAIVED: 'W',
  UNVERIFIED: 'U',
  MANUAL_REVIEW: 'M',
  NOT_ASSESSED: 'X',
  NOT_APPLICABLE: 'N',
};
const ABSENT_LETTER = '∅';

export interface RunStretchView {
  /** `3` or `3–17`. */
  positions: string;
  /** The first run's label, or `first – last`. */
  when: string;
  count: number;
  findings: number;
  score: number | null;
  stride: { letter: string; count: number }[];
  partial: boolean;
}

export interface VerdictStretchView {
  letter: string;
  label: string;
  /** Class-name token of the verdict (`finding`, `absent`). */
  verdictToken: string;
  positions: string;
}

export interface HistoryRowView {
  idText: string;
  control: string | null;
  title: string;
  latest: string;
  latestToken: string;
  firstFinding: string | null;
  fixed: string | null;
  changes: number;
  stretches: VerdictStretchView[];
  /** `F 1–7, S 8–59, ∅ 60` */
  sequence: string;
  /** Runs the control is present in. */
  present: number;
}

export interface HistoryView {
  title: string;
  generatedAt: string;
  generator: HistoryReport['generator'];
  headline: string;
  runCount: number;
  inputs: { name: string; sizeText: string; sha256: string; format: string; runCount: number }[];
  warnings: { code: string; message: string }[];
  runs: RunStretchView[];
  runsFolded: boolean;
  strideLetters: string[];
  changed: HistoryRowView[];
  steady: HistoryRowView[];
  legend: { letter: string; label: string }[];
}

/** Longer run tables are folded. */
const FOLD_RUNS = 25;

export function buildHistoryView(history: HistoryReport): HistoryView {
  const rows = history.rows.map((r) => rowView(r, history.runs));
  const first = history.runs[0];
  const last = history.runs[history.runs.length - 1];
  const names = history.inputs.map((i) => baseName(i.name));
  const subject = names.length <= 2 ? names.join(', ') : `${names[0]} and ${names.length - 1} more files`;
  const used = new Set<string>();
  for (const r of rows) for (const s of r.stretches) used.add(s.letter);
  const legend = [...Object.entries(VERDICT_LETTERS).map(([v, letter]) => ({ letter, label: verdictLabel(v as Verdict) })), { letter: ABSENT_LETTER, label: 'absent' }].filter((l) =>
    used.has(l.letter),
  );
  const runStretches = compressRuns(history);
  return {
    title: `History: ${subject}`,
    generatedAt: history.generatedAt,
    generator: history.generator,
    headline: first && last ? headline(history.runs, first, last) : 'No runs.',
    runCount: history.runs.length,
    inputs: history.inputs.map((i) => ({ name: i.name, sizeText: formatSize(i.size), sha256: i.sha256, format: i.format, runCount: i.runCount })),
    warnings: history.warnings.map((w) => ({ code: w.code, message: w.message })),
    runs: runStretches,
    runsFolded: runStretches.length > FOLD_RUNS,
    strideLetters: STRIDE_CATEGORIES.map((c) => STRIDE_LETTERS[c]),
    changed: rows.filter((r) => r.changes > 0),
    steady: rows.filter((r) => r.changes === 0),
    legend,
  };
}

function headline(runs: readonly HistoryRun[], first: HistoryRun, last: HistoryRun): string {
  const peak = runs.reduce((m, r) => (r.findings > m.findings ? r : m), first);
  const span = runs.length === 1 ? `1 run (${first.label})` : `${runs.length} runs, ${first.label} to ${last.label}`;
  const score = first.score === null || last.score === null ? 'score not computed for every run' : `score ${first.score} → ${last.score}`;
  return `${span}: findings ${first.findings} → ${last.findings} (at most ${peak.findings}, run ${peak.position}), ${score}.`;
}

function refText(ref: HistoryRunRef | null): string | null {
  return ref === null ? null : `${ref.label} (run ${ref.position})`;
}

function positions(runs: readonly HistoryRun[], from: number, to: number): string {
  return from === to ? String(runs[from]!.position) : `${runs[from]!.position}–${runs[to]!.position}`;
}

function rowView(row: HistoryRow, runs: readonly HistoryRun[]): HistoryRowView {
  const parts = stretches(row.verdicts).map((s) => ({
    letter: s.verdict === null ? ABSENT_LETTER : VERDICT_LETTERS[s.verdict],
    label: verdictLabel(s.verdict),
    verdictToken: verdictToken(s.verdict),
    positions: positions(runs, s.from, s.to),
  }));
  return {
    idText: row.ids.join('/'),
    control: row.control,
    title: row.title,
    latest: verdictLabel(row.latest),
    latestToken: verdictToken(row.latest),
    firstFinding: refText(row.firstFinding),
    fixed: refText(row.fixed),
    changes: row.changes,
    stretches: parts,
    sequence: parts.map((p) => `${p.letter} ${p.positions}`).join(', '),
    present: row.verdicts.filter((v) => v !== null).length,
  };
}

/** Consecutive runs in which every control has the same verdict are one line. */
function compressRuns(history: HistoryReport): RunStretchView[] {
  const runs = history.runs;
  const same = (i: number, j: number) =>
    runs[i]!.findings === runs[j]!.findings &&
    runs[i]!.score === runs[j]!.score &&
    runs[i]!.partial === runs[j]!.partial &&
    STRIDE_CATEGORIES.every((c) => runs[i]!.stride[c] === runs[j]!.stride[c]) &&
    history.rows.every((r) => r.verdicts[i] === r.verdicts[j]);
  const out: RunStretchView[] = [];
  let start = 0;
  for (let i = 1; i <= runs.length; i++) {
    if (i < runs.length && same(start, i)) continue;
    const a = runs[start]!;
    const b = runs[i - 1]!;
    out.push({
      positions: positions(runs, start, i - 1),
      when: start === i - 1 ? a.label : `${a.label} – ${b.label}`,
      count: i - start,
      findings: a.findings,
      score: a.score,
      stride: STRIDE_CATEGORIES.map((c: StrideCategory) => ({ letter: STRIDE_LETTERS[c], count: a.stride[c] })),
      partial: a.partial,
    });
    start = i;
  }
  return out;
}
