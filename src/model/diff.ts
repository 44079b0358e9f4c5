/**
 * Comparing runs: the diff of two runs (`stridebench diff BEFORE AFTER`) and the history
 * of many (`stridebench history FILE...`). Produced by src/analysis/diff.ts and
 * src/analysis/history.ts from analysed runs, rendered by src/render/diff-*.ts and
 * history-*.ts. `DiffReport` is exactly what `stridebench diff -f json` prints
 * (schemas/diff.schema.json, plus the optional `note` on a change); docs/diff.md explains
 * how results are matched and how each change is classified.
 */
import type { StrideCategory } from '../knowledge/types.js';
import type { Severity, Verdict } from './report.js';
import type { InputInfo, ParseWarning, ToolName } from './types.js';

/** How one (control, item) changed between BEFORE and AFTER. */
export type ChangeKind =
  | 'fixed'
  | 'regressed'
  | 'still-failing'
  | 'newly-assessed'
  | 'no-longer-assessed'
  | 'unchanged'
  | 'only-before'
  | 'only-after';

/** In the order a reader wants them: what got worse, what got better, what is still open, the rest. */
export const CHANGE_KINDS: readonly ChangeKind[] = [
  'regressed',
  'fixed',
  'still-failing',
  'newly-assessed',
  'no-longer-assessed',
  'only-before',
  'only-after',
  'unchanged',
];

/** Which run of which file one side of a comparison is. */
export interface RunProvenance {
  input: InputInfo;
  /** 1-based index of the run in its file. */
  run: number;
  benchmark: string | null;
  tool: ToolName;
  toolVersion: string | null;
  host: string | null;
}

/**
 * Why a verdict is not what the raw status says (a caveat rule or a waiver changed it), on
 * a change where that matters: the a/b variant that keeps failing after the fix (expected,
 * not a regression), a finding that became WAIVED.
 */
export interface ChangeNote {
  source: 'caveat' | 'waiver';
  /** Caveat rule id (`ab-pair`) or `waiver`. */
  rule: string;
  message: string;
}

export interface Change {
  /** Stable control key both sides were matched on; null for results that match no known control (matched by printed id and title). */
  control: string | null;
  /** The id(s) as printed on each side (`2.13.a/2.13.b` when an a/b pair was collapsed); null where the (control, item) is absent. */
  ids: { before: string | null; after: string | null };
  /** Container, image or path the row is about; null for host-wide results. */
  item: string | null;
  before: Verdict | null;
  after: Verdict | null;
  change: ChangeKind;
  /** Control title (ours), or the scanner's title for unknown controls. */
  title: string;
  severity: { before: Severity | null; after: Severity | null };
  stride: StrideCategory[];
  /** Present when a caveat or waiver decided a verdict on a side and the row changed. */
  note?: ChangeNote;
}

export interface DiffSummary {
  changes: Record<ChangeKind, number>;
  /** FINDINGs per STRIDE category in each run (as in the runs' own summaries). */
  stride: { before: Record<StrideCategory, number>; after: Record<StrideCategory, number> };
  score: { before: number | null; after: number | null };
}

export interface DiffReport {
  schemaVersion: string;
  generator: { name: 'stridebench'; version: string; knowledgeVersion: string };
  /** ISO 8601; fixed by --date / SOURCE_DATE_EPOCH for reproducible output. */
  generatedAt: string;
  before: RunProvenance;
  after: RunProvenance;
  /** Sorted by kind (CHANGE_KINDS order), then printed id, then item. */
  changes: Change[];
  summary: DiffSummary;
  /** About the comparison itself (different hosts, AFTER older than BEFORE, partial runs); `line` is always null. */
  warnings: ParseWarning[];
}

export const DIFF_SCHEMA_VERSION = '1.0';

// ---------------------------------------------------------------------------------------
// History.

/** One run in a history, in the order given (files in order, runs in file order). */
export interface HistoryRun {
  /** 1-based position in the history. */
  position: number;
  /** Index into `HistoryReport.inputs` of the file the run came from. */
  file: number;
  /** 1-based index of the run in its file. */
  run: number;
  startedAt: string | null;
  startedAtRaw: string | null;
  /** How the run is named in tables: its date (startedAt's date and time, else the raw text), else `run N`. */
  label: string;
  tool: ToolName;
  toolVersion: string | null;
  benchmark: string | null;
  host: string | null;
  partial: boolean;
  findings: number;
  /** FINDINGs per STRIDE category. */
  stride: Record<StrideCategory, number>;
  score: number | null;
}

/** A run named in a history row: its position and label. */
export interface HistoryRunRef {
  position: number;
  label: string;
}

/**
 * One control across the runs, as a whole: FINDING in a run when it fails there for any
 * container (docs/diff.md: per-container rows over runs whose containers change names would
 * be hundreds of mostly empty rows).
 */
export interface HistoryRow {
  /** Stable control key; null for results that match no known control (matched by printed id and title). */
  control: string | null;
  /** Every id this row was printed with, in reading order. */
  ids: string[];
  title: string;
  stride: StrideCategory[];
  /** One verdict per run (null: absent from that run). */
  verdicts: (Verdict | null)[];
  /** First run where it is a FINDING (WAIVED counts: the condition is there, accepted). */
  firstFinding: HistoryRunRef | null;
  /** First SATISFIED run after the last FINDING, when no FINDING follows it. */
  fixed: HistoryRunRef | null;
  /** Verdict in the last run where the row is present. */
  latest: Verdict | null;
  /** How many times the verdict changed between consecutive runs where the row is present. */
  changes: number;
}

export interface HistoryReport {
  schemaVersion: string;
  generator: { name: 'stridebench'; version: string; knowledgeVersion: string };
  generatedAt: string;
  inputs: InputInfo[];
  runs: HistoryRun[];
  /** In reading order of printed ids. */
  rows: HistoryRow[];
  warnings: ParseWarning[];
}

export const HISTORY_SCHEMA_VERSION = '1.0';
