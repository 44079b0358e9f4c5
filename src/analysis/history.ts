/**
 * The history of one host: many analysed runs (an appended log, or several files in time
 * order) lined up control by control. Pure: analysed runs in, a HistoryReport out. Rows are
 * matched exactly as the diff matches them (./diff.ts): by control key and item, a/b
 * variants kept apart only when every run prints the same numbering.
 */
import { STRIDE_CATEGORIES, type StrideCategory } from '../knowledge/types.js';
import { compareIds } from '../model/ids.js';
import { HISTORY_SCHEMA_VERSION, type HistoryReport, type HistoryRow, type HistoryRun, type HistoryRunRef } from '../model/diff.js';
import type { AnalysedReport, Verdict } from '../model/report.js';
import type { InputInfo, ParseWarning } from '../model/types.js';
import { VERSION } from '../version.js';
import { alignRuns, indexRuns, isFailing, sameNumbering, type AlignedRow, type ComparedRun } from './diff.js';

export interface HistoryOptions {
  /** ISO 8601: the history's own generation time (`--date`, SOURCE_DATE_EPOCH). */
  generatedAt: string;
}

export function historyOf(compared: readonly ComparedRun[], options: HistoryOptions): HistoryReport {
  const reports: AnalysedReport[] = [];
  for (const c of compared) if (!reports.includes(c.report)) reports.push(c.report);
  const runs = compared.map((c, i) => historyRun(c, i + 1, reports.indexOf(c.report)));
  const variants = sameNumbering(compared.map((c) => c.run));
  // One row per control: per-container rows over dozens of runs of a host whose containers
  // get fresh names every deployment would be hundreds of mostly empty rows.
  const aligned = alignRuns(indexRuns(compared, { variants, items: false }), { perItem: false });
  const rows = aligned.map((row) => historyRow(row, runs));
  const last = reports[reports.length - 1];
  return {
    schemaVersion: HISTORY_SCHEMA_VERSION,
    generator: { name: 'stridebench', version: VERSION, knowledgeVersion: last?.generator.knowledgeVersion ?? '' },
    generatedAt: options.generatedAt,
    inputs: reports.map((r): InputInfo => r.input),
    runs,
    rows,
    warnings: historyWarnings(runs, variants),
  };
}

function historyRun({ run }: ComparedRun, position: number, file: number): HistoryRun {
  const stride = Object.fromEntries(STRIDE_CATEGORIES.map((c) => [c, run.summary.stride[c] ?? 0])) as Record<StrideCategory, number>;
  return {
    position,
    file,
    run: run.index,
    startedAt: run.startedAt,
    startedAtRaw: run.startedAtRaw,
    label: runLabel(run.startedAt, run.startedAtRaw, position),
    tool: run.tool,
    toolVersion: run.toolVersion,
    benchmark: run.benchmark,
    host: run.host,
    partial: run.partial,
    findings: run.summary.verdicts.FINDING,
    stride,
    score: run.summary.score,
  };
}

/** Longest raw date text used as a label; a hostile "date" must not blow up every table header. */
const MAX_LABEL = 40;

/** `2021-06-21 14:26` (UTC) from ISO; else the raw text as printed; else `run N`. */
export function runLabel(startedAt: string | null, startedAtRaw: string | null, position: number): string {
  if (startedAt !== null) {
    const ms = Date.parse(startedAt);
    if (!Number.isNaN(ms)) return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
  }
  const raw = startedAtRaw?.trim() ?? '';
  if (raw !== '') return raw.length > MAX_LABEL ? `${raw.slice(0, MAX_LABEL - 1)}…` : raw;
  return `run ${position}`;
}

function historyRow(row: AlignedRow, runs: readonly HistoryRun[]): HistoryRow {
  const verdicts: (Verdict | null)[] = row.cells.map((c) => c?.verdict ?? null);
  const ids = new Set<string>();
  for (const c of row.cells) for (const id of c?.ids ?? []) ids.add(id);
  const ref = (i: number): HistoryRunRef => ({ position: runs[i]!.position, label: runs[i]!.label });
  const first = verdicts.findIndex(isFailing);
  const lastFailing = lastIndex(verdicts, isFailing);
  let fixed: HistoryRunRef | null = null;
  if (lastFailing >= 0) {
    const j = verdicts.findIndex((v, i) => i > lastFailing && v === 'SATISFIED');
    if (j >= 0) fixed = ref(j);
  }
  let latest: Verdict | null = null;
  let previous: Verdict | null = null;
  let changes = 0;
  for (const v of verdicts) {
    if (v === null) continue;
    if (previous !== null && v !== previous) changes++;
    previous = v;
    latest = v;
  }
  return {
    control: row.control,
    ids: [...ids].sort(compareIds),
    title: row.title,
    stride: row.stride,
    verdicts,
    firstFinding: first >= 0 ? ref(first) : null,
    fixed,
    latest,
    changes,
  };
}

function lastIndex<T>(list: readonly T[], test: (x: T) => boolean): number {
  for (let i = list.length - 1; i >= 0; i--) if (test(list[i]!)) return i;
  return -1;
}

const warning = (code: string, message: string): ParseWarning => ({ line: null, code, message });

function historyWarnings(runs: readonly HistoryRun[], variants: boolean): ParseWarning[] {
  const out: ParseWarning[] = [];
  const backwards: string[] = [];
  for (let i = 1; i < runs.length; i++) {
    const prev = runs[i - 1]!.startedAt;
    const cur = runs[i]!.startedAt;
    if (prev === null || cur === null) continue;
    if (Date.parse(cur) < Date.parse(prev)) backwards.push(`run ${runs[i]!.position} (${runs[i]!.label}) is older than run ${runs[i - 1]!.position} (${runs[i - 1]!.label})`);
  }
  if (backwards.length > 0) {
    const shown = backwards.slice(0, 5).join('; ') + (backwards.length > 5 ? `; and ${backwards.length - 5} more` : '');
    out.push(warning('not-in-time-order', `The runs are not in time order: ${shown}. Give the files oldest first.`));
  }
  const hosts = [...new Set(runs.map((r) => r.host).filter((h): h is string => h !== null))];
  if (hosts.length > 1) out.push(warning('different-hosts', `The runs name ${hosts.length} different hosts (${hosts.slice(0, 5).join(', ')}): a history is of one host.`));
  const tools = [...new Set(runs.map((r) => r.tool))];
  if (tools.length > 1) out.push(warning('different-scanners', `The runs come from ${tools.join(' and ')}: rows are matched by control; checks only one scanner has are absent from the other's runs.`));
  else if (!variants && new Set(runs.map((r) => r.benchmark)).size > 1) {
    out.push(warning('different-numbering', 'The runs use different numberings: rows are matched by control, and a/b variants collapse to the pair\'s best verdict.'));
  }
  const partial = runs.filter((r) => r.partial).map((r) => r.position);
  if (partial.length > 0) {
    const which = partial.length === 1 ? `Run ${partial[0]} is` : `Runs ${numberRanges(partial)} are`;
    out.push(warning('partial-run', `${which} partial: checks missing from ${partial.length === 1 ? 'it' : 'them'} show as absent, not fixed.`));
  }
  return out;
}

/** `1, 2, 3, 5, 7, 8` → `1–3, 5, 7, 8` (three or more in a row): a long appended log can have dozens of such runs. */
function numberRanges(numbers: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < numbers.length; ) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j]! + 1) j++;
    if (j - i >= 2) {
      parts.push(`${numbers[i]}–${numbers[j]}`);
      i = j + 1;
    } else {
      parts.push(String(numbers[i]));
      i++;
    }
  }
  return parts.join(', ');
}
