/**
 * The view the diff templates (templates/diff.md.hbs, diff.html.hbs) render: the DiffReport
 * rearranged for a reader who asks "did the hardening work?" — the answer first (fixed,
 * regressed, still open, the score and what its change means), then the warnings about
 * the comparison, then one table per kind of change. Pure data, no markup: the templates
 * escape every string for their own context. Sorted as the DiffReport is (by kind, then
 * printed id, then item), so the same diff always gives the same view.
 */
import { STRIDE_CATEGORIES, STRIDE_LABELS, STRIDE_LETTERS, type StrideCategory } from '../knowledge/types.js';
import { isJudged } from '../analysis/diff.js';
import { CHANGE_KINDS, type Change, type ChangeKind, type DiffReport, type RunProvenance } from '../model/diff.js';
import type { Verdict } from '../model/report.js';
import { githubHeadingAnchor, htmlIdFragment } from './escape.js';
import { benchmarkLabel, formatSize, VERDICT_LABELS } from './view-common.js';

export interface DiffSideView {
  /** `BEFORE` or `AFTER`. */
  role: string;
  name: string;
  sizeText: string;
  sha256: string;
  format: string;
  runText: string;
  scanner: string;
  benchmark: string | null;
  benchmarkLabel: string;
  host: string | null;
  score: number | null;
  /** FINDING rows of the diff on this side (per control and item). */
  findings: number;
}

export interface ChangeRowView {
  control: string | null;
  title: string;
  /** `5.10 → 5.11` when the numbering moved, else the one id; `—` when absent on both (never). */
  idText: string;
  item: string | null;
  before: Verdict | null;
  after: Verdict | null;
  beforeLabel: string;
  afterLabel: string;
  /** Class-name tokens (`finding`, `not-assessed`, `absent`). */
  beforeToken: string;
  afterToken: string;
  severity: string;
  stride: string;
  note: string | null;
  noteRule: string | null;
}

export interface ChangeSectionView {
  kind: ChangeKind;
  heading: string;
  description: string;
  anchor: { id: string; md: string };
  count: number;
  rows: ChangeRowView[];
  /** Long or uneventful lists are folded (`<details>`). */
  folded: boolean;
}

export interface StrideDeltaView {
  category: StrideCategory;
  letter: string;
  label: string;
  before: number;
  after: number;
  deltaText: string;
}

export interface DiffView {
  title: string;
  generatedAt: string;
  generator: DiffReport['generator'];
  /** `3 fixed, 1 regressed, 12 still open` (+ waived when any). */
  headline: string;
  counts: { fixed: number; regressed: number; stillOpen: number; waived: number; newFindings: number };
  score: { before: number | null; after: number | null; text: string; meaning: string };
  before: DiffSideView;
  after: DiffSideView;
  warnings: { code: string; message: string }[];
  stride: StrideDeltaView[];
  /** Why the STRIDE counts moved without fixes or regressions (findings on one side only); null when they did not. */
  strideNote: string | null;
  sections: ChangeSectionView[];
  /** Rows per kind, every kind (for the summary table). */
  kinds: { kind: ChangeKind; heading: string; count: number; anchor: { id: string; md: string } }[];
}

const HEADINGS: Readonly<Record<ChangeKind, string>> = {
  regressed: 'Regressed',
  fixed: 'Fixed',
  'still-failing': 'Still failing',
  'newly-assessed': 'Newly assessed',
  'no-longer-assessed': 'No longer assessed',
  'only-before': 'Only before',
  'only-after': 'Only after',
  unchanged: 'Unchanged',
};

const DESCRIPTIONS: Readonly<Record<ChangeKind, string>> = {
  regressed: 'Satisfied before, failing now.',
  fixed: 'Failing before, satisfied now.',
  'still-failing': 'Failing in both runs (a waived finding is still failing, accepted).',
  'newly-assessed': 'Without a usable verdict before (not assessed, manual review, unverified, not applicable), judged now.',
  'no-longer-assessed': 'Judged before, without a usable verdict now.',
  'only-before':
    'In the BEFORE run only: the scanner release removed or renumbered the check, the run skipped it, or the container or image is gone. Not counted as fixed.',
  'only-after': 'In the AFTER run only: a check the older release did not have, a section the BEFORE run skipped, or a new container or image. Not counted as new findings unless failing.',
  unchanged: 'The same judgement in both runs.',
};

/** Tables longer than this are folded in Markdown and HTML. */
const FOLD_ROWS = 25;

const ARROW = ' → ';

export function buildDiffView(diff: DiffReport): DiffView {
  const counts = {
    fixed: diff.summary.changes.fixed,
    regressed: diff.summary.changes.regressed,
    stillOpen: diff.changes.filter((c) => c.change === 'still-failing' && c.after === 'FINDING').length,
    waived: diff.changes.filter((c) => c.after === 'WAIVED').length,
    newFindings: diff.changes.filter((c) => c.after === 'FINDING' && c.before !== 'FINDING' && c.before !== 'WAIVED').length,
  };
  const headline =
    `${counts.fixed} fixed, ${counts.regressed} regressed, ${counts.stillOpen} still open` + (counts.waived > 0 ? ` (${counts.waived} waived)` : '');
  const sections: ChangeSectionView[] = [];
  const kinds: DiffView['kinds'] = [];
  for (const kind of CHANGE_KINDS) {
    const rows = diff.changes.filter((c) => c.change === kind).map(rowView);
    const a = sectionAnchor(kind);
    kinds.push({ kind, heading: HEADINGS[kind], count: rows.length, anchor: a });
    if (rows.length === 0) continue;
    sections.push({
      kind,
      heading: HEADINGS[kind],
      description: DESCRIPTIONS[kind],
      anchor: a,
      count: rows.length,
      rows,
      folded: kind === 'unchanged' || rows.length > FOLD_ROWS,
    });
  }
  return {
    title: `Hardening diff: ${baseName(diff.before.input.name)}${ARROW}${baseName(diff.after.input.name)}`,
    generatedAt: diff.generatedAt,
    generator: diff.generator,
    headline,
    counts,
    score: scoreView(diff),
    before: sideView('BEFORE', diff.before, diff.summary.score.before, diff.changes, 'before'),
    after: sideView('AFTER', diff.after, diff.summary.score.after, diff.changes, 'after'),
    warnings: diff.warnings.map((w) => ({ code: w.code, message: w.message })),
    stride: STRIDE_CATEGORIES.map((c) => {
      const before = diff.summary.stride.before[c];
      const after = diff.summary.stride.after[c];
      return { category: c, letter: STRIDE_LETTERS[c], label: STRIDE_LABELS[c], before, after, deltaText: signed(after - before) };
    }),
    strideNote: strideNote(diff.changes),
    sections,
    kinds,
  };
}

function rowsText(n: number): string {
  return `${n} row${n === 1 ? '' : 's'}`;
}

/**
 * The STRIDE table counts each run's own findings, so a finding whose check the other run
 * did not judge (absent, skipped, not assessed) moves a count without any hardening. Say
 * how many, so a smaller AFTER column is not read as progress it is not.
 */
function strideNote(changes: readonly Change[]): string | null {
  const leftUnjudged = changes.filter((c) => c.before === 'FINDING' && !isJudged(c.after)).length;
  const enteredUnjudged = changes.filter((c) => c.after === 'FINDING' && !isJudged(c.before)).length;
  const parts: string[] = [];
  if (leftUnjudged > 0) parts.push(`${leftUnjudged} BEFORE finding${leftUnjudged === 1 ? ' is' : 's are'} in checks AFTER did not judge (absent or not assessed): they leave the AFTER column without being fixed`);
  if (enteredUnjudged > 0) parts.push(`${enteredUnjudged} AFTER finding${enteredUnjudged === 1 ? ' is' : 's are'} in checks BEFORE did not judge: they enter the AFTER column without being a regression`);
  return parts.length === 0 ? null : `Each column counts its own run's findings. ${parts.join('; ')}.`;
}

function sectionAnchor(kind: ChangeKind): { id: string; md: string } {
  return { id: `changes-${htmlIdFragment(kind)}`, md: githubHeadingAnchor(HEADINGS[kind]) };
}

function rowView(c: Change): ChangeRowView {
  const { before, after } = c.ids;
  const idText = before !== null && after !== null && before !== after ? `${before}${ARROW}${after}` : (after ?? before ?? '—');
  const severity =
    c.severity.before !== null && c.severity.after !== null && c.severity.before !== c.severity.after
      ? `${c.severity.before}${ARROW}${c.severity.after}`
      : (c.severity.after ?? c.severity.before ?? '');
  return {
    control: c.control,
    title: c.title,
    idText,
    item: c.item,
    before: c.before,
    after: c.after,
    beforeLabel: verdictLabel(c.before),
    afterLabel: verdictLabel(c.after),
    beforeToken: verdictToken(c.before),
    afterToken: verdictToken(c.after),
    severity,
    // STRIDE order with separators, as the report's tables print it ("S, T, I", not "IST").
    stride: STRIDE_CATEGORIES.filter((s) => c.stride.includes(s))
      .map((s) => STRIDE_LETTERS[s])
      .join(', '),
    note: c.note?.message ?? null,
    noteRule: c.note?.rule ?? null,
  };
}

export function verdictLabel(v: Verdict | null): string {
  return v === null ? 'absent' : VERDICT_LABELS[v];
}

export function verdictToken(v: Verdict | null): string {
  return v === null ? 'absent' : v.toLowerCase().replace(/_/g, '-');
}

function sideView(role: string, p: RunProvenance, score: number | null, changes: readonly Change[], side: 'before' | 'after'): DiffSideView {
  const selection = p.input.runCount > 1 ? `run ${p.run} of ${p.input.runCount}` : 'the only run';
  return {
    role,
    name: p.input.name,
    sizeText: formatSize(p.input.size),
    sha256: p.input.sha256,
    format: p.input.format,
    runText: selection,
    scanner: p.toolVersion === null ? p.tool : `${p.tool} ${p.toolVersion}`,
    benchmark: p.benchmark,
    benchmarkLabel: benchmarkLabel(p.benchmark),
    host: p.host,
    score,
    findings: changes.filter((c) => c[side] === 'FINDING').length,
  };
}

/**
 * The score is satisfied ÷ (satisfied + finding): it moves when findings get fixed or
 * appear, but also when checks enter or leave the judged set (a section skipped, a caveat
 * that turned a verdict into "manual review"). Say which, so a higher score is not taken
 * for hardening it was not.
 */
function scoreView(diff: DiffReport): DiffView['score'] {
  const { before, after } = diff.summary.score;
  const c = diff.summary.changes;
  const shifted = diff.changes.filter((x) => isJudged(x.before) !== isJudged(x.after)).length;
  const coverage =
    shifted > 0
      ? ` ${rowsText(shifted)} gained or lost a usable verdict (newly or no longer assessed, or present on one side only), so part of the change reflects what was judged, not hardening.`
      : '';
  if (before === null && after === null) {
    return { before, after, text: 'Score: not computed for either run', meaning: 'Neither run has a check with a usable verdict (satisfied or finding).' };
  }
  if (before === null || after === null) {
    const which = before === null ? 'BEFORE' : 'AFTER';
    return {
      before,
      after,
      text: `Score: ${before ?? 'none'}${ARROW}${after ?? 'none'}`,
      meaning: `${which} has no check with a usable verdict, so the scores cannot be compared.`,
    };
  }
  const delta = after - before;
  const text = `Score: ${before}${ARROW}${after} (${signed(delta)} point${Math.abs(delta) === 1 ? '' : 's'})`;
  if (delta !== 0 && c.fixed + c.regressed === 0 && shifted > 0) {
    return {
      before,
      after,
      text,
      meaning: `No check was fixed or regressed: the score moved only because ${rowsText(shifted)} gained or lost a usable verdict (newly or no longer assessed, or present on one side only).`,
    };
  }
  let meaning: string;
  if (delta > 0) meaning = `A larger share of the judged checks passes now (${c.fixed} fixed, ${c.regressed} regressed).`;
  else if (delta < 0) meaning = `A smaller share of the judged checks passes now (${c.fixed} fixed, ${c.regressed} regressed).`;
  else meaning = `The share of judged checks that pass did not change (${c.fixed} fixed, ${c.regressed} regressed).`;
  return { before, after, text, meaning: meaning + coverage };
}

export function signed(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '±0';
}

export function baseName(name: string): string {
  const cut = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
  return cut >= 0 ? name.slice(cut + 1) : name;
}
