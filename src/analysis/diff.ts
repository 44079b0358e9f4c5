/**
 * Comparing two analysed runs: which (control, item) got fixed, regressed, stayed open…
 * Pure: analysed runs in, a DiffReport out; no I/O, no clock (`generatedAt` is given).
 * The matching below is shared with the history (./history.ts). docs/diff.md states the
 * rules for users; the comments here say why they are what they are.
 *
 * Matching. Printed ids move between scanner releases (docker-bench-security v1.3.5's 5.10
 * is v1.6.1's 5.11), so results are matched on the stable control key the knowledge base
 * gave them, plus the item (container, image) for results that name items. Results with no
 * known control match on printed id and normalized title. An a/b pair of aqua docker-bench
 * (2.13.a reads the dockerd command line, 2.13.b reads daemon.json) maps to one control:
 * when every compared run uses the same numbering each variant is its own row (variant =
 * printed id); otherwise the pair collapses to its best verdict — either variant passing
 * satisfies the control, which is what the ab-pair caveat says too.
 */
import { normalizeTitle } from '../knowledge/normalize.js';
import { STRIDE_CATEGORIES, type Scope, type StrideCategory } from '../knowledge/types.js';
import { CHANGE_KINDS, DIFF_SCHEMA_VERSION, type Change, type ChangeKind, type ChangeNote, type DiffReport, type RunProvenance } from '../model/diff.js';
import { UsageError } from '../model/errors.js';
import { compareIds, compareText } from '../model/ids.js';
import { VERDICTS, type AnalysedReport, type AnalysedResult, type AnalysedRun, type Verdict } from '../model/report.js';
import type { ParseWarning } from '../model/types.js';
import { VERSION } from '../version.js';
import { containerOfItem, isScannerName } from './caveats/scanner-container.js';
import { verdictFromStatus } from './verdict.js';

/** One run to compare, with the report it came from (its input, controls and knowledge version). */
export interface ComparedRun {
  report: AnalysedReport;
  run: AnalysedRun;
}

// ---------------------------------------------------------------------------------------
// Verdict classes.

/** FINDING and WAIVED: the host fails the control (WAIVED = accepted, still there). */
export function isFailing(v: Verdict | null): boolean {
  return v === 'FINDING' || v === 'WAIVED';
}

/**
 * A usable verdict: the scanner judged the control and we trust it. UNVERIFIED, MANUAL_REVIEW,
 * NOT_APPLICABLE and NOT_ASSESSED say nothing about pass or fail, and the score ignores them
 * too, so moving into or out of them is "newly / no longer assessed", never fixed or regressed.
 */
export function isJudged(v: Verdict | null): boolean {
  return v === 'FINDING' || v === 'WAIVED' || v === 'SATISFIED';
}

/** VERDICTS is worst first. */
const rank = (v: Verdict) => VERDICTS.indexOf(v);

/** The change from one verdict to another (null: the (control, item) is absent on that side). */
export function classifyChange(before: Verdict | null, after: Verdict | null): ChangeKind {
  if (before === null) return 'only-after';
  if (after === null) return 'only-before';
  if (isFailing(before) && isFailing(after)) return 'still-failing';
  if (before === after) return 'unchanged';
  if (isFailing(before) && after === 'SATISFIED') return 'fixed';
  if (before === 'SATISFIED' && isFailing(after)) return 'regressed';
  if (isJudged(before) && !isJudged(after)) return 'no-longer-assessed';
  if (!isJudged(before) && isJudged(after)) return 'newly-assessed';
  return 'unchanged';
}

// ---------------------------------------------------------------------------------------
// Indexing one run.

/** A verdict for one row on one side, with the result that decided it. */
export interface Cell {
  verdict: Verdict;
  /** Printed ids behind the verdict, in reading order. */
  ids: string[];
  /** The result whose verdict this is; null when the verdict is implied (an item the result does not list). */
  result: AnalysedResult | null;
}

/** The results of one run that share a match key (one control, or one variant of it). */
export interface Group {
  key: string;
  control: string | null;
  title: string;
  scope: Scope | null;
  stride: StrideCategory[];
  /** Reading-order sort key: the first printed id. */
  firstId: string;
  /** The collapsed verdict of every result in the group. */
  whole: Cell;
  /** Per item the results list. */
  items: ReadonlyMap<string, Cell>;
}

export interface RunIndex {
  groups: Map<string, Group>;
  /** Every item any result names. */
  items: Set<string>;
  /** The containers those items name (`web:/etc` → `web`). */
  containers: Set<string>;
}

/**
 * The keys results are matched on: the control key (plus the printed id when a/b variants
 * are kept apart), else printed id and normalized title. One instance serves every run of a
 * comparison, so the same control gets the very same key string in every run (a history
 * of a hundred runs builds and hashes each key once).
 */
class MatchKeys {
  private readonly byControl = new Map<string, Map<string, string>>();
  private readonly unknown = new Map<string, Map<string, string>>();

  constructor(private readonly variants: boolean) {}

  of(r: AnalysedResult): string {
    if (r.control !== null) {
      // Control keys are dotted names (`docker.daemon.icc`); they never start with the NUL that prefixes the others.
      if (!this.variants) return r.control;
      return memo(this.byControl, r.control, r.id, () => `\u0000c\u0000${r.control}\u0000${r.id}`);
    }
    return memo(this.unknown, r.id, r.title, () => `\u0000u\u0000${r.id}\u0000${normalizeTitle(r.title)}`);
  }
}

function memo(cache: Map<string, Map<string, string>>, a: string, b: string, make: () => string): string {
  let inner = cache.get(a);
  if (!inner) cache.set(a, (inner = new Map()));
  let key = inner.get(b);
  if (key === undefined) inner.set(b, (key = make()));
  return key;
}

/**
 * Several results for one row on one side: the same id printed twice (a fork's duplicate,
 * a pasted excerpt) counts with its worst verdict — any failing print fails; different ids
 * (the a/b variants) are alternatives — either one satisfying satisfies.
 */
export function collapse(results: readonly AnalysedResult[]): Cell {
  const only = results[0]!;
  if (results.length === 1) return { verdict: only.verdict, ids: [only.id], result: only };
  const byId = new Map<string, AnalysedResult>();
  for (const r of results) {
    const seen = byId.get(r.id);
    if (!seen || rank(r.verdict) < rank(seen.verdict)) byId.set(r.id, r);
  }
  let best: AnalysedResult | null = null;
  for (const r of byId.values()) if (best === null || rank(r.verdict) > rank(best.verdict)) best = r;
  return { verdict: best!.verdict, ids: [...byId.keys()].sort(compareIds), result: best! };
}

export interface IndexOptions {
  /** Keep a/b variants apart (every compared run prints the same numbering). */
  variants: boolean;
  /** Index items too (the diff compares per item; the history per control only). */
  items: boolean;
}

/** Shared by every group that names no item (most of them): never written to. */
const NO_ITEMS: ReadonlyMap<string, Cell> = new Map();

interface Slot {
  group: Omit<Group, 'whole' | 'items'>;
  all: AnalysedResult[];
  byItem: Map<string, AnalysedResult[]> | null;
}

/** Index each run's results by match key. */
export function indexRuns(compared: readonly ComparedRun[], options: IndexOptions): RunIndex[] {
  const keys = new MatchKeys(options.variants);
  return compared.map((c) => indexRun(c, keys, options.items));
}

function indexRun({ report, run }: ComparedRun, keys: MatchKeys, withItems: boolean): RunIndex {
  const slots = new Map<string, Slot>();
  const items = new Set<string>();
  const containers = new Set<string>();
  for (const r of run.results) {
    const key = keys.of(r);
    let slot = slots.get(key);
    if (!slot) {
      const control = r.control === null ? undefined : report.controls[r.control];
      const group = { key, control: r.control, title: control?.title ?? r.title, scope: control?.scope ?? null, stride: r.stride, firstId: r.id };
      slot = { group, all: [r], byItem: null };
      slots.set(key, slot);
    } else {
      slot.all.push(r);
      if (r.id !== slot.group.firstId && compareIds(r.id, slot.group.firstId) < 0) slot.group.firstId = r.id;
    }
    if (!withItems || r.items.length === 0) continue;
    slot.byItem ??= new Map();
    for (const item of r.items) {
      items.add(item);
      containers.add(containerOfItem(item));
      const list = slot.byItem.get(item);
      if (!list) slot.byItem.set(item, [r]);
      else if (!list.includes(r)) list.push(r);
    }
  }
  const groups = new Map<string, Group>();
  for (const [key, slot] of slots) {
    let byItem = NO_ITEMS;
    if (slot.byItem) {
      const cells = new Map<string, Cell>();
      for (const [item, list] of slot.byItem) cells.set(item, collapse(list));
      byItem = cells;
    }
    const g = slot.group;
    groups.set(key, { key, control: g.control, title: g.title, scope: g.scope, stride: g.stride, firstId: g.firstId, whole: collapse(slot.all), items: byItem });
  }
  return { groups, items, containers };
}

/**
 * Does the run know the item at all? A scanner lists the containers that fail a check, not
 * those that pass, so an item one run names and the other does not is SATISFIED there only
 * if that run names it somewhere else (the container exists); otherwise it is absent
 * (removed, or new). Containers are compared by name (`web:/etc` and `web:80` are `web`);
 * images by their full reference (`postgres:13` is not `postgres:14`).
 */
function knowsItem(index: RunIndex, item: string, scope: Scope | null): boolean {
  if (index.items.has(item)) return true;
  return scope !== 'image' && index.containers.has(containerOfItem(item));
}

/** The cell of a row on one side: listed, implied, or absent (null). */
function cellFor(group: Group | undefined, item: string | null, index: RunIndex): Cell | null {
  if (!group) return null;
  if (item === null) return group.whole;
  const listed = group.items.get(item);
  if (listed) return listed;
  const implied = (verdict: Verdict): Cell => ({ verdict, ids: group.whole.ids, result: null });
  // The run could not see containers at all: whether the item exists is unknown too.
  if (group.whole.verdict === 'NOT_ASSESSED') return implied('NOT_ASSESSED');
  if (!knowsItem(index, item, group.scope)) return null;
  // A check that judged nothing (manual review, unverified) says the same of every item.
  return implied(isJudged(group.whole.verdict) ? 'SATISFIED' : group.whole.verdict);
}

/** One row across the compared runs. */
export interface AlignedRow {
  key: string;
  control: string | null;
  title: string;
  stride: StrideCategory[];
  firstId: string;
  item: string | null;
  cells: (Cell | null)[];
}

/**
 * Line the runs up row by row. A control compares per item when runs list items for it and
 * some item exists in two of them; as a whole (item null, every run) when no run lists
 * items, when a run reports it failing without naming any item (the items cannot be told
 * apart there), or when no item is shared (see sharesAnItem). `perItem: false` compares
 * every control as a whole (the history: one row per control).
 */
export function alignRuns(indexes: readonly RunIndex[], options: { perItem: boolean } = { perItem: true }): AlignedRow[] {
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const index of indexes) {
    for (const key of index.groups.keys()) {
      if (!seen.has(key)) {
        seen.add(key);
        keys.push(key);
      }
    }
  }
  const rows: AlignedRow[] = [];
  for (const key of keys) {
    const groups = indexes.map((ix) => ix.groups.get(key));
    const present = groups.filter((g): g is Group => g !== undefined);
    const first = present[0]!;
    let firstId = first.firstId;
    for (const g of present) if (g.firstId !== firstId && compareIds(g.firstId, firstId) < 0) firstId = g.firstId;
    const stride = [...(present.find((g) => g.stride.length > 0)?.stride ?? [])];
    const items = new Set<string>();
    for (const g of present) for (const item of g.items.keys()) items.add(item);
    const blind = present.some((g) => g.items.size === 0 && isFailing(g.whole.verdict));
    const row = { key, control: first.control, title: first.title, stride, firstId };
    if (!options.perItem || items.size === 0 || blind || !sharesAnItem(items, groups, indexes)) {
      rows.push({ ...row, item: null, cells: groups.map((g) => g?.whole ?? null) });
      continue;
    }
    for (const item of [...items].sort(compareText)) {
      rows.push({ ...row, item, cells: groups.map((g, i) => cellFor(g, item, indexes[i]!)) });
    }
  }
  return rows.sort((a, b) => compareIds(a.firstId, b.firstId) || compareText(a.key, b.key) || compareItems(a.item, b.item));
}

/**
 * Per-item rows only make sense when at least one item exists in two of the runs that have
 * the control. When the workload was redeployed under new names (`docker run` without
 * `--name` gives every run fresh ones), per-item rows would all be only-before/only-after
 * and hide the answer; the control as a whole (5.25 failing for the old containers,
 * passing for the new ones) is what the reader needs.
 */
function sharesAnItem(items: ReadonlySet<string>, groups: readonly (Group | undefined)[], indexes: readonly RunIndex[]): boolean {
  for (const item of items) {
    let runs = 0;
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i];
      if (g !== undefined && knowsItem(indexes[i]!, item, g.scope) && ++runs >= 2) return true;
    }
  }
  return false;
}

function compareItems(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return compareText(a, b);
}

/** Every compared run prints the same numbering, so a/b variants can be matched one to one. */
export function sameNumbering(runs: readonly AnalysedRun[]): boolean {
  const first = runs[0]?.benchmark ?? null;
  return first !== null && runs.every((r) => r.benchmark === first && r.tool === runs[0]!.tool);
}

// ---------------------------------------------------------------------------------------
// The diff.

export interface DiffOptions {
  /** ISO 8601: the diff's own generation time (`--date`, SOURCE_DATE_EPOCH). */
  generatedAt: string;
}

export function diffRuns(before: ComparedRun, after: ComparedRun, options: DiffOptions): DiffReport {
  const variants = sameNumbering([before.run, after.run]);
  const rows = alignRuns(indexRuns([before, after], { variants, items: true }));
  const changes = rows.map(toChange).sort(compareChanges);
  const counts = Object.fromEntries(CHANGE_KINDS.map((k) => [k, 0])) as Record<ChangeKind, number>;
  for (const c of changes) counts[c.change]++;
  return {
    schemaVersion: DIFF_SCHEMA_VERSION,
    generator: { name: 'stridebench', version: VERSION, knowledgeVersion: after.report.generator.knowledgeVersion },
    generatedAt: options.generatedAt,
    before: provenance(before),
    after: provenance(after),
    changes,
    summary: {
      changes: counts,
      stride: { before: strideCounts(before.run), after: strideCounts(after.run) },
      score: { before: before.run.summary.score, after: after.run.summary.score },
    },
    warnings: diffWarnings(before, after, variants),
  };
}

function provenance({ report, run }: ComparedRun): RunProvenance {
  return { input: report.input, run: run.index, benchmark: run.benchmark, tool: run.tool, toolVersion: run.toolVersion, host: run.host };
}

function strideCounts(run: AnalysedRun): Record<StrideCategory, number> {
  return Object.fromEntries(STRIDE_CATEGORIES.map((c) => [c, run.summary.stride[c] ?? 0])) as Record<StrideCategory, number>;
}

function toChange(row: AlignedRow): Change {
  const [b, a] = row.cells as [Cell | null, Cell | null];
  const kind = classifyChange(b?.verdict ?? null, a?.verdict ?? null);
  const change: Change = {
    control: row.control,
    ids: { before: b ? b.ids.join('/') : null, after: a ? a.ids.join('/') : null },
    item: row.item,
    before: b?.verdict ?? null,
    after: a?.verdict ?? null,
    change: kind,
    title: row.title,
    severity: { before: b?.result?.severity ?? null, after: a?.result?.severity ?? null },
    stride: row.stride,
  };
  const note = noteFor(b, a, kind);
  if (note) change.note = note;
  return change;
}

/**
 * Why a verdict differs from the raw status, when it matters to the change: the row
 * changed (kind, or the raw status moved under an unchanged verdict — the a/b variant that
 * turned FAIL after the option moved to daemon.json) and a caveat or waiver decided a
 * side. AFTER's reason first: it explains where the host is now.
 */
function noteFor(b: Cell | null, a: Cell | null, kind: ChangeKind): ChangeNote | null {
  const rawMoved = b?.result != null && a?.result != null && b.result.status !== a.result.status;
  if (kind === 'unchanged' && !rawMoved) return null;
  if (kind === 'only-before' || kind === 'only-after') return null;
  return overrideOf(a) ?? overrideOf(b);
}

function overrideOf(cell: Cell | null): ChangeNote | null {
  const r = cell?.result;
  if (!r || r.verdict === verdictFromStatus(r.status)) return null;
  if (r.verdict === 'WAIVED' || r.waiver !== null) {
    const said = r.caveats.find((c) => c.rule === 'waiver');
    return { source: 'waiver', rule: 'waiver', message: said?.message ?? `Waived: ${r.waiver?.reason ?? ''}` };
  }
  const caveat = r.caveats.find((c) => c.rule !== 'waiver');
  return caveat ? { source: 'caveat', rule: caveat.rule, message: caveat.message } : null;
}

function compareChanges(x: Change, y: Change): number {
  return (
    CHANGE_KINDS.indexOf(x.change) - CHANGE_KINDS.indexOf(y.change) ||
    compareIds(firstId(x), firstId(y)) ||
    compareText(x.control ?? '', y.control ?? '') ||
    compareItems(x.item, y.item)
  );
}

function firstId(c: Change): string {
  return (c.ids.after ?? c.ids.before ?? '').split('/')[0]!;
}

// ---------------------------------------------------------------------------------------
// Warnings about the comparison itself.

/** Below this Jaccard similarity of their container sets, two runs look like different hosts. */
export const CONTAINER_SIMILARITY_THRESHOLD = 0.3;
/** Only judge container sets when both runs name at least this many containers. */
export const MIN_CONTAINERS_TO_COMPARE = 3;

/** The workload containers a run names in its container checks (the scanner's own left out). */
export function containersOf(run: AnalysedRun): Set<string> {
  const names = new Set<string>();
  for (const r of run.results) {
    const containerCheck = r.control !== null ? r.control.startsWith('docker.container.') : r.section === '5';
    if (!containerCheck) continue;
    for (const item of r.items) {
      const name = containerOfItem(item);
      if (name !== '' && !isScannerName(name)) names.add(name);
    }
  }
  return names;
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let both = 0;
  for (const x of a) if (b.has(x)) both++;
  return both / (a.size + b.size - both);
}

const warning = (code: string, message: string): ParseWarning => ({ line: null, code, message });

function describeRun(c: ComparedRun): string {
  return `${c.report.input.name} run ${c.run.index}`;
}

function diffWarnings(before: ComparedRun, after: ComparedRun, variants: boolean): ParseWarning[] {
  const out: ParseWarning[] = [];
  const b = before.run;
  const a = after.run;
  if (before.report.input.sha256 === after.report.input.sha256 && b.index === a.index) {
    out.push(warning('same-run', `BEFORE and AFTER are the same run (${describeRun(after)}): nothing can have changed.`));
  }
  if (b.host !== null && a.host !== null && b.host !== a.host) {
    out.push(warning('different-hosts', `The runs name different hosts (BEFORE ${b.host}, AFTER ${a.host}): this compares two machines, not one before and after.`));
  }
  const cb = containersOf(b);
  const ca = containersOf(a);
  if (cb.size >= MIN_CONTAINERS_TO_COMPARE && ca.size >= MIN_CONTAINERS_TO_COMPARE) {
    const similarity = jaccard(cb, ca);
    if (similarity < CONTAINER_SIMILARITY_THRESHOLD) {
      out.push(
        warning(
          'different-containers',
          `The runs see very different containers (${cb.size} before, ${ca.size} after, ${Math.round(similarity * 100)}% in common): ` +
            `they may be different hosts, or the workload was redeployed under new names; per-container rows will show up as only-before/only-after.`,
        ),
      );
    }
  }
  const tb = b.startedAt === null ? NaN : Date.parse(b.startedAt);
  const ta = a.startedAt === null ? NaN : Date.parse(a.startedAt);
  if (!Number.isNaN(tb) && !Number.isNaN(ta) && ta < tb) {
    out.push(warning('after-older', `AFTER (${a.startedAt}) started before BEFORE (${b.startedAt}): are the two files swapped?`));
  }
  if (b.tool !== a.tool) {
    out.push(warning('different-scanners', `BEFORE is ${b.tool} output, AFTER is ${a.tool}: results are matched by control; checks only one scanner has are only-before/only-after.`));
  } else if (!variants && b.benchmark !== a.benchmark) {
    out.push(
      warning(
        'different-numbering',
        `The runs use different numberings (${b.benchmark ?? 'unknown'} and ${a.benchmark ?? 'unknown'}): results are matched by control, a/b variants collapse to the pair's best verdict, ` +
          `and controls only one numbering has are only-before/only-after.`,
      ),
    );
  }
  for (const [side, run] of [['BEFORE', b], ['AFTER', a]] as const) {
    if (run.partial) {
      out.push(
        warning('partial-run', `${side} is a partial run (${run.partialReasons.join('; ') || 'incomplete output'}): checks missing from it are only-before/only-after, not fixed or new.`),
      );
    }
    for (const what of run.summary.notAssessed) out.push(warning('not-assessed', `${side} did not assess: ${what}`));
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Gates.

export type DiffGate = 'regressed' | 'new-finding';
export const DIFF_GATES: readonly DiffGate[] = ['regressed', 'new-finding'];

/** `--fail-on regressed,new-finding` → the gates; UsageError for anything else. */
export function parseDiffGates(text: string): DiffGate[] {
  const out: DiffGate[] = [];
  for (const part of text.split(',')) {
    const name = part.trim().toLowerCase();
    if (name === '') continue;
    const gate = DIFF_GATES.find((g) => g === name);
    if (!gate) throw new UsageError(`--fail-on: unknown condition "${part.trim()}"; conditions: ${DIFF_GATES.join(', ')}`);
    if (!out.includes(gate)) out.push(gate);
  }
  if (out.length === 0) throw new UsageError(`--fail-on needs a condition: ${DIFF_GATES.join(', ')}`);
  return out;
}

/**
 * The changes that trip a gate. `regressed`: a SATISFIED row is now a FINDING.
 * `new-finding`: a FINDING now that was not a finding before (regressed, newly assessed
 * as failing, a new container or a control the old run did not have). A WAIVED row after
 * never trips a gate; a row that was WAIVED before and is a FINDING now (its waiver lapsed)
 * is a known finding, not a new one.
 */
export function trippedBy(diff: DiffReport, gates: readonly DiffGate[]): Change[] {
  return diff.changes.filter((c) => {
    if (c.after !== 'FINDING') return false;
    if (gates.includes('regressed') && c.change === 'regressed') return true;
    return gates.includes('new-finding') && !isFailing(c.before);
  });
}
