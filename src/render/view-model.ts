/**
 * The view both report templates render: the analysed report rearranged into the order and
 * shape a reader needs (summary, STRIDE threat model, harden-first, merged daemon.json,
 * findings by section, caveats, waivers, provenance). Pure data, no markup: the Markdown
 * and HTML templates escape every string for their own context. Everything is sorted with
 * explicit comparators so the same report always gives the same view.
 *
 * This object is what `--template` users see; docs/templates.md documents it field by field.
 * Its types and its assembly are here; each part is built by its own module
 * (view-summary.ts, view-threats.ts, view-harden.ts, view-findings.ts, view-provenance.ts)
 * with the labels and helpers of view-common.ts.
 */
import { UsageError } from '../model/errors.js';
import { compareIds, compareText } from '../model/ids.js';
import type { AnalysedReport, AnalysedRun, AppliedWaiver, CaveatNote, Severity, Verdict } from '../model/report.js';
import type { InputInfo, ToolName } from '../model/types.js';
import type { StrideCategory } from '../knowledge/types.js';
import { githubHeadingAnchor } from './escape.js';
import { benchmarkLabel, TOOL_LABELS } from './view-common.js';
import { buildCaveats, buildSections } from './view-findings.js';
import { buildDaemonJson, findingsInPriorityOrder, groupFixes, hardenItem } from './view-harden.js';
import { buildProvenance } from './view-provenance.js';
import { buildSummary } from './view-summary.js';
import { buildThreats } from './view-threats.js';

/** How many findings "harden first" lists when the caller does not say. */
export const DEFAULT_TOP = 3;

// ---------------------------------------------------------------------------------------
// The view's types (documented in docs/templates.md; keep the two in step).

export interface Anchor {
  /** `id` of the element in the HTML report. */
  id: string;
  /** The anchor GitHub gives the Markdown heading. */
  md: string;
  /** Heading text. */
  heading: string;
}

export interface TocEntry {
  title: string;
  id: string;
  md: string;
  children: TocEntry[];
}

export interface VerdictCount {
  verdict: Verdict;
  label: string;
  description: string;
  count: number;
}

export interface SeverityCount {
  severity: Severity;
  label: string;
  count: number;
}

export interface StrideCount {
  category: StrideCategory;
  label: string;
  letter: string;
  count: number;
}

export interface SectionVerdicts {
  section: string;
  title: string;
  total: number;
  counts: VerdictCount[];
}

export interface SummaryView {
  /** One sentence on the host's posture. */
  posture: string;
  results: number;
  findings: number;
  score: number | null;
  verdicts: VerdictCount[];
  severities: SeverityCount[];
  stride: StrideCount[];
  /** What was not assessed and why (analysis notes, partial-run reasons, NOT_ASSESSED controls). */
  notAssessed: string[];
  verdictsBySection: SectionVerdicts[];
}

export interface FindingRef {
  id: string;
  title: string;
  severity: Severity;
  verdict: Verdict;
  items: string[];
  /** The first few items, for a one-line mention. */
  itemsPreview: string[];
  /** How many items `itemsPreview` leaves out. */
  moreItems: number;
  /** HTML id of the finding's row in "All findings". */
  anchor: string;
  /** True when this category is the control's primary STRIDE threat. */
  primary: boolean;
  priority: number | null;
}

export interface ThreatView {
  component: string;
  componentLabel: string;
  /** The threat in one sentence, e.g. "A foothold in the container runtime can be turned into more privilege". */
  statement: string;
  /** Highest severity among the grounding findings. */
  severity: Severity;
  findings: FindingRef[];
  /** Every container, image or path the grounding findings name, de-duplicated. */
  items: string[];
}

export interface ThreatCategoryView {
  category: StrideCategory;
  label: string;
  letter: string;
  /** What the category means, one line. */
  description: string;
  anchor: Anchor;
  /** FINDINGs in this category (as counted by the analysis). */
  count: number;
  exposed: boolean;
  threats: ThreatView[];
}

export interface FileFixView {
  path: string;
  mode: string | null;
  owner: string | null;
  /** Shell commands that apply the mode and owner. */
  commands: string[];
}

export interface FixView {
  /** Markdown. */
  action: string;
  daemonJson: { key: string; value: string; snippet: string } | null;
  dockerdFlag: string | null;
  runFlag: string | null;
  file: FileFixView | null;
  k8sFlag: { component: string; flag: string } | null;
  /** Markdown. */
  impact: string;
  /** Markdown, or null. */
  verify: string | null;
  exclusiveSources: boolean;
}

export interface HardenItemView {
  rank: number;
  /** Printed ids of every FINDING this item fixes (an aqua a/b pair gives two). */
  ids: string[];
  /** The same FINDINGs with the HTML id of their row in "All findings" (one per printed result). */
  checks: { id: string; anchor: string }[];
  title: string;
  controlKey: string | null;
  severity: Severity;
  severityLabel: string;
  stride: StrideCount[];
  componentLabel: string | null;
  cisReference: string | null;
  /** Markdown: why it matters (the control's rationale). */
  why: string | null;
  fix: FixView | null;
  /** The scanner's own remediation text when we know no fix. */
  remediation: string | null;
  items: string[];
  /** Check ids that should pass when the scanner is re-run after the fix. */
  recheck: string[];
  /** Caveats that can keep a variant failing after the fix (a/b pairs, unreliable checks). */
  caveats: CaveatNote[];
}

export interface DaemonJsonEntry {
  key: string;
  /** The value as JSON text. */
  value: string;
  ids: string[];
  dockerdFlag: string | null;
  exclusiveSources: boolean;
}

export interface DaemonJsonView {
  empty: boolean;
  /** The merged daemon.json fragment, pretty-printed, keys sorted. */
  snippet: string;
  entries: DaemonJsonEntry[];
  /** One per option that must then not also be given as a dockerd flag. */
  flagWarnings: { key: string; flag: string; message: string }[];
  /** Keys two controls want set to different values (the first by priority wins). */
  conflicts: string[];
  /** True when a value holds a `<…>` placeholder the reader must fill in. */
  placeholders: boolean;
}

/** A waiver as the analysis applied it (src/model/report.ts), and where. */
export interface WaiverView extends AppliedWaiver {
  /** Printed ids of the results the waiver applied to (applied waivers only). */
  ids: string[];
}

export interface ResultView {
  id: string;
  title: string;
  status: string;
  verdict: Verdict;
  verdictLabel: string;
  severity: Severity;
  severityLabel: string;
  stride: StrideCount[];
  /** `E, T` — the STRIDE letters. */
  strideLetters: string;
  controlKey: string | null;
  caveats: CaveatNote[];
  items: string[];
  /** More items than fit inline (templates fold them). */
  manyItems: boolean;
  itemsPreview: string[];
  details: string[];
  waiver: WaiverView | null;
  priority: number | null;
  anchor: string;
}

export interface SectionView {
  section: string;
  title: string;
  anchor: Anchor;
  results: ResultView[];
  findings: number;
}

export interface CaveatGroupView {
  rule: string;
  message: string;
  /** Printed ids the caveat applies to; empty for a caveat about the whole run. */
  ids: string[];
}

export interface RunView {
  index: number;
  /** `Run 2 of 3` when the report holds several runs, else null. */
  label: string | null;
  tool: ToolName;
  /** `kubernetes` for kube-bench runs (no daemon.json there), else `docker`. */
  platform: 'docker' | 'kubernetes';
  toolLabel: string;
  toolVersion: string | null;
  benchmark: string | null;
  benchmarkLabel: string;
  benchmarkEvidence: string | null;
  host: string | null;
  startedAt: string | null;
  startedAtRaw: string | null;
  endedAt: string | null;
  partial: boolean;
  partialReasons: string[];
  anchors: {
    summary: Anchor;
    threats: Anchor;
    hardenFirst: Anchor;
    daemonJson: Anchor;
    findings: Anchor;
    caveats: Anchor;
  };
  summary: SummaryView;
  threats: ThreatCategoryView[];
  /** Categories with at least one finding. */
  exposedCategories: number;
  hardenFirst: HardenItemView[];
  /** How many more fixes exist beyond the listed ones. */
  hardenFirstMore: number;
  daemonJson: DaemonJsonView;
  sections: SectionView[];
  caveats: CaveatGroupView[];
}

export interface ProvenanceView {
  input: InputInfo & { sizeText: string; selectionText: string };
  runs: {
    index: number;
    toolLabel: string;
    toolVersion: string | null;
    benchmark: string | null;
    benchmarkLabel: string;
    benchmarkEvidence: string | null;
    lines: string | null;
    startedAtRaw: string | null;
  }[];
  generator: { name: string; version: string; knowledgeVersion: string };
  schemaVersion: string;
  generatedAt: string;
  warnings: { line: number | null; code: string; message: string }[];
}

export interface ReportView {
  title: string;
  /** Host name when any run names it, else the input file's base name. */
  subject: string;
  generatedAt: string;
  top: number;
  multiRun: boolean;
  runs: RunView[];
  waivers: {
    applied: WaiverView[];
    expired: WaiverView[];
    unused: WaiverView[];
    any: boolean;
    anchor: Anchor;
  };
  provenance: ProvenanceView & { anchor: Anchor };
  toc: TocEntry[];
}

// ---------------------------------------------------------------------------------------
// Building the view.

export interface ViewOptions {
  top?: number;
}

/** Validate `--top`: a whole number ≥ 0 (the CLI gives 3 by default). */
export function resolveTop(top: unknown): number {
  if (top === undefined || top === null) return DEFAULT_TOP;
  if (typeof top !== 'number' || !Number.isInteger(top) || top < 0) {
    throw new UsageError(`--top takes a whole number of findings, 0 or more (got ${String(top)})`);
  }
  return top;
}

export function buildView(report: AnalysedReport, options: ViewOptions = {}): ReportView {
  const top = resolveTop(options.top);
  const multiRun = report.runs.length > 1;
  const appliedIds = waiverIdIndex(report.runs);
  const runs = report.runs.map((run) => buildRun(run, report, top, multiRun));
  const subject = firstHost(report.runs) ?? baseName(report.input.name);
  const waiverAnchor = anchor('waivers', 'Waivers');
  const provenanceAnchor = anchor('provenance', 'Provenance');
  const toc: TocEntry[] = [];
  for (const run of runs) {
    const a = run.anchors;
    toc.push(
      tocEntry(a.summary),
      tocEntry(a.threats),
      tocEntry(a.hardenFirst),
      tocEntry(a.daemonJson),
      { ...tocEntry(a.findings), children: run.sections.map((s) => tocEntry(s.anchor)) },
      tocEntry(a.caveats),
    );
  }
  toc.push(tocEntry(waiverAnchor), tocEntry(provenanceAnchor));
  const waiverView = (w: AppliedWaiver, withIds: boolean): WaiverView => ({
    target: w.target,
    item: w.item,
    reason: w.reason,
    owner: w.owner,
    expires: w.expires,
    line: w.line,
    ids: withIds ? appliedIds.get(waiverKey(w)) ?? [] : [],
  });
  const byLine = (a: AppliedWaiver, b: AppliedWaiver) => a.line - b.line || compareText(a.target, b.target);
  return {
    title: `Hardening report: ${subject}`,
    subject,
    generatedAt: report.generatedAt,
    top,
    multiRun,
    runs,
    waivers: {
      applied: [...report.waivers.applied].sort(byLine).map((w) => waiverView(w, true)),
      expired: [...report.waivers.expired].sort(byLine).map((w) => waiverView(w, false)),
      unused: [...report.waivers.unused].sort(byLine).map((w) => waiverView(w, false)),
      any: report.waivers.applied.length + report.waivers.expired.length + report.waivers.unused.length > 0,
      anchor: waiverAnchor,
    },
    provenance: { ...buildProvenance(report), anchor: provenanceAnchor },
    toc,
  };
}

function anchor(id: string, heading: string): Anchor {
  return { id, md: githubHeadingAnchor(heading), heading };
}

function tocEntry(a: Anchor): TocEntry {
  return { title: a.heading, id: a.id, md: a.md, children: [] };
}

function firstHost(runs: AnalysedRun[]): string | null {
  for (const run of runs) if (run.host) return run.host;
  return null;
}

function baseName(name: string): string {
  const cut = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
  return cut >= 0 ? name.slice(cut + 1) : name;
}

function waiverKey(w: AppliedWaiver): string {
  return `${w.line}\u0000${w.target}\u0000${w.item ?? ''}`;
}

function waiverIdIndex(runs: AnalysedRun[]): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const run of runs) {
    for (const r of run.results) {
      if (!r.waiver) continue;
      const key = waiverKey(r.waiver);
      const ids = index.get(key) ?? [];
      if (!ids.includes(r.id)) ids.push(r.id);
      index.set(key, ids);
    }
  }
  for (const ids of index.values()) ids.sort(compareIds);
  return index;
}

function buildRun(run: AnalysedRun, report: AnalysedReport, top: number, multiRun: boolean): RunView {
  const prefix = multiRun ? `r${run.index}-` : '';
  const headingPrefix = multiRun ? `Run ${run.index}: ` : '';
  const a = (id: string, heading: string) => anchor(prefix + id, headingPrefix + heading);
  const controls = report.controls;
  const rowAnchor = (i: number) => `${prefix}finding-${i + 1}`;
  const ordered = findingsInPriorityOrder(run);
  const summary = buildSummary(run);
  const threats = buildThreats(run, controls, ordered, rowAnchor, a);
  const groups = groupFixes(run, controls, ordered);
  return {
    index: run.index,
    label: multiRun ? `Run ${run.index} of ${report.runs.length}` : null,
    tool: run.tool,
    platform: run.tool === 'kube-bench' ? 'kubernetes' : 'docker',
    toolLabel: TOOL_LABELS[run.tool] ?? run.tool,
    toolVersion: run.toolVersion,
    benchmark: run.benchmark,
    benchmarkLabel: benchmarkLabel(run.benchmark),
    benchmarkEvidence: run.benchmarkEvidence,
    host: run.host,
    startedAt: run.startedAt,
    startedAtRaw: run.startedAtRaw,
    endedAt: run.endedAt,
    partial: run.partial,
    partialReasons: [...run.partialReasons],
    anchors: {
      summary: a('summary', 'Summary'),
      threats: a('threats', 'Threat model (STRIDE)'),
      hardenFirst: a('harden-first', 'Harden first'),
      daemonJson: a('daemon-json', 'Proposed daemon.json'),
      findings: a('findings', 'All findings'),
      caveats: a('caveats', 'Caveats applied'),
    },
    summary,
    threats,
    exposedCategories: threats.filter((t) => t.exposed).length,
    hardenFirst: groups.slice(0, top).map((g, i) => hardenItem(g, i + 1, run, rowAnchor)),
    hardenFirstMore: Math.max(0, groups.length - top),
    daemonJson: buildDaemonJson(groups, run),
    sections: buildSections(run, rowAnchor, a),
    caveats: buildCaveats(run),
  };
}
