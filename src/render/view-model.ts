/**
 * The view both report templates render: the analysed report rearranged into the order and
 * shape a reader needs (summary, STRIDE threat model, harden-first, merged daemon.json,
 * findings by section, caveats, waivers, provenance). Pure data, no markup: the Markdown
 * and HTML templates escape every string for their own context. Everything is sorted with
 * explicit comparators so the same report always gives the same view.
 *
 * This object is what `--template` users see; docs/templates.md documents it field by field.
 */
import { UsageError } from '../model/errors.js';
import { AQUA_NUMBERINGS, DBS_NUMBERINGS, kubeBenchNumbering } from '../model/benchmarks.js';
import { compareIds, compareText } from '../model/ids.js';
import {
  SEVERITIES,
  VERDICTS,
  type AnalysedReport,
  type AnalysedResult,
  type AnalysedRun,
  type AppliedWaiver,
  type CaveatNote,
  type Severity,
  type Verdict,
} from '../model/report.js';
import type { InputInfo, ToolName } from '../model/types.js';
import { STRIDE_CATEGORIES, STRIDE_LABELS, STRIDE_LETTERS, type Component, type Control, type StrideCategory } from '../knowledge/types.js';
import { githubHeadingAnchor } from './escape.js';

/** How many findings "harden first" lists when the caller does not say. */
export const DEFAULT_TOP = 3;
/** Item lists longer than this are folded (`<details>`) rather than shown inline. */
export const INLINE_ITEMS = 3;

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
// Labels.

export const VERDICT_LABELS: Readonly<Record<Verdict, string>> = {
  FINDING: 'Finding',
  UNVERIFIED: 'Unverified',
  MANUAL_REVIEW: 'Manual review',
  NOT_ASSESSED: 'Not assessed',
  NOT_APPLICABLE: 'Not applicable',
  WAIVED: 'Waived',
  SATISFIED: 'Satisfied',
};

const VERDICT_DESCRIPTIONS: Readonly<Record<Verdict, string>> = {
  FINDING: 'failed: needs a fix',
  UNVERIFIED: 'the scanner’s verdict is known to be unreliable here',
  MANUAL_REVIEW: 'the scanner cannot judge it; a person must',
  NOT_ASSESSED: 'the scanner could not see it',
  NOT_APPLICABLE: 'does not apply to this host',
  WAIVED: 'a finding accepted by a waiver',
  SATISFIED: 'passes',
};

export const SEVERITY_LABELS: Readonly<Record<Severity, string>> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
};

const STRIDE_DESCRIPTIONS: Readonly<Record<StrideCategory, string>> = {
  Spoofing: 'Posing as a trusted user, registry, daemon or client.',
  Tampering: 'Changing code, configuration, images or data without authorisation.',
  Repudiation: 'Acting without leaving evidence of who did what.',
  InformationDisclosure: 'Exposing data, secrets or traffic to those who should not see them.',
  DenialOfService: 'Exhausting or stopping the host, the daemon or the containers.',
  ElevationOfPrivilege: 'Turning a foothold into more privilege, up to root on the host.',
};

/** The threat sentence per category; `%` is replaced by the component's label. */
const THREAT_STATEMENTS: Readonly<Record<StrideCategory, string>> = {
  Spoofing: 'An attacker can pose as a trusted party to the %',
  Tampering: 'The % can be changed without authorisation',
  Repudiation: 'Actions on the % may go unrecorded',
  InformationDisclosure: 'Data held by or passing through the % can be exposed',
  DenialOfService: 'The % can be exhausted or stopped',
  ElevationOfPrivilege: 'A foothold in the % can be turned into more privilege',
};

export const COMPONENT_LABELS: Readonly<Record<Component, string>> = {
  host: 'host',
  daemon: 'Docker daemon',
  'daemon-files': 'daemon configuration files',
  socket: 'Docker API socket',
  registry: 'registry connection',
  image: 'container images',
  'container-runtime': 'container runtime',
  'host-kernel': 'host kernel',
  swarm: 'swarm cluster',
  operations: 'operations',
  enterprise: 'enterprise features',
  'api-server': 'Kubernetes API server',
  etcd: 'etcd',
  'controller-manager': 'controller manager',
  scheduler: 'scheduler',
  kubelet: 'kubelet',
  'kube-proxy': 'kube-proxy',
  'control-plane-files': 'control-plane configuration files',
  'worker-files': 'worker node configuration files',
  policies: 'cluster policies',
  'managed-service': 'managed service',
};

const TOOL_LABELS: Readonly<Record<ToolName, string>> = {
  'docker-bench-security': 'docker-bench-security',
  'aqua-docker-bench': 'aquasecurity docker-bench',
  'kube-bench': 'kube-bench',
};

/** Label of a component key we may not know (a user's mapping file can name others). */
function componentLabel(component: string): string {
  return (COMPONENT_LABELS as Record<string, string>)[component] ?? component;
}

export function benchmarkLabel(id: string | null): string {
  if (id === null) return 'unknown numbering';
  const known = [...DBS_NUMBERINGS, ...AQUA_NUMBERINGS].find((n) => n.id === id);
  if (known) return known.label;
  if (id.startsWith('kube-')) return kubeBenchNumbering(id.slice('kube-'.length)).label;
  return id;
}

// ---------------------------------------------------------------------------------------
// Comparators (explicit, locale-free: the same input must sort the same everywhere; ids
// and text by src/model/ids.ts).

const severityRank = (s: Severity) => SEVERITIES.indexOf(s);

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

/** Indexes of the run's FINDINGs, fix-first: the analysis's priority list, then any it left out by severity and id. */
function findingsInPriorityOrder(run: AnalysedRun): number[] {
  const seen = new Set<number>();
  const out: number[] = [];
  for (const i of run.priorities) {
    if (run.results[i]?.verdict === 'FINDING' && !seen.has(i)) {
      seen.add(i);
      out.push(i);
    }
  }
  const rest: number[] = [];
  run.results.forEach((r, i) => {
    if (r.verdict === 'FINDING' && !seen.has(i)) rest.push(i);
  });
  rest.sort((x, y) => {
    const rx = run.results[x]!;
    const ry = run.results[y]!;
    return severityRank(rx.severity) - severityRank(ry.severity) || compareIds(rx.id, ry.id) || x - y;
  });
  return out.concat(rest);
}

function strideCounts(categories: readonly StrideCategory[], count: (c: StrideCategory) => number): StrideCount[] {
  return categories.map((category) => ({
    category,
    label: STRIDE_LABELS[category],
    letter: STRIDE_LETTERS[category],
    count: count(category),
  }));
}

/** The result's categories in STRIDE order (the analysis may list them primary-first). */
function resultStride(r: AnalysedResult): StrideCategory[] {
  return STRIDE_CATEGORIES.filter((c) => r.stride.includes(c));
}

function buildSummary(run: AnalysedRun): SummaryView {
  const s = run.summary;
  const verdicts = VERDICTS.map((verdict) => ({
    verdict,
    label: VERDICT_LABELS[verdict],
    description: VERDICT_DESCRIPTIONS[verdict],
    count: s.verdicts[verdict] ?? 0,
  }));
  const severities = SEVERITIES.map((severity) => ({ severity, label: SEVERITY_LABELS[severity], count: s.severities[severity] ?? 0 }));
  const stride = strideCounts(STRIDE_CATEGORIES, (c) => s.stride[c] ?? 0);
  const findings = s.verdicts.FINDING ?? 0;

  const notAssessed: string[] = [];
  const addNote = (text: string) => {
    if (text.length > 0 && !notAssessed.includes(text)) notAssessed.push(text);
  };
  for (const reason of run.partialReasons) addNote(`Partial run: ${reason}`);
  for (const note of s.notAssessed) addNote(note);
  const unseen = run.results.filter((r) => r.verdict === 'NOT_ASSESSED');
  if (unseen.length > 0) {
    const ids = unseen.map((r) => r.id).sort(compareIds);
    const uniqueIds = ids.filter((id, i) => ids.indexOf(id) === i);
    addNote(`${plural(unseen.length, 'check')} the scanner could not see: ${uniqueIds.join(', ')}`);
  }

  return {
    posture: posture(run, findings, severities, stride),
    results: run.results.length,
    findings,
    score: s.score,
    verdicts,
    severities,
    stride,
    notAssessed,
    verdictsBySection: verdictsBySection(run),
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function posture(run: AnalysedRun, findings: number, severities: SeverityCount[], stride: StrideCount[]): string {
  const s = run.summary;
  const review = (s.verdicts.MANUAL_REVIEW ?? 0) + (s.verdicts.UNVERIFIED ?? 0);
  const parts: string[] = [];
  if (findings === 0) {
    const satisfied = s.verdicts.SATISFIED ?? 0;
    parts.push(satisfied > 0 ? `No findings: ${plural(satisfied, 'check')} satisfied` : 'No findings and nothing satisfied: the run assessed nothing');
  } else {
    const bySeverity = severities.filter((x) => x.count > 0).map((x) => `${x.count} ${x.severity}`);
    const exposed = stride.filter((x) => x.count > 0).length;
    parts.push(`${plural(findings, 'finding')} to fix (${bySeverity.join(', ')}), exposed in ${exposed} of ${stride.length} STRIDE categories`);
  }
  if (review > 0) parts.push(`${plural(review, 'check')} need${review === 1 ? 's' : ''} a person to judge ${review === 1 ? 'it' : 'them'}`);
  if (s.score !== null) parts.push(`score ${s.score}/100`);
  const unassessed = s.verdicts.NOT_ASSESSED ?? 0;
  if (run.partial || unassessed > 0 || s.notAssessed.length > 0) parts.push('not everything was assessed (see below)');
  return parts.join('; ') + '.';
}

function verdictsBySection(run: AnalysedRun): SectionVerdicts[] {
  return sectionOrder(run).map(({ id, title }) => {
    const inSection = run.results.filter((r) => (r.section ?? '') === id);
    return {
      section: id,
      title,
      total: inSection.length,
      counts: VERDICTS.map((verdict) => ({
        verdict,
        label: VERDICT_LABELS[verdict],
        description: VERDICT_DESCRIPTIONS[verdict],
        count: inSection.filter((r) => r.verdict === verdict).length,
      })),
    };
  });
}

/** Sections in printed order, then sections only results name (by id), then results with none (`''`). */
function sectionOrder(run: AnalysedRun): { id: string; title: string }[] {
  const out: { id: string; title: string }[] = [];
  const seen = new Set<string>();
  const present = new Set(run.results.map((r) => r.section ?? ''));
  for (const s of run.sections) {
    if (seen.has(s.id) || !present.has(s.id)) continue;
    seen.add(s.id);
    out.push({ id: s.id, title: s.title });
  }
  const extra = [...present].filter((id) => !seen.has(id) && id !== '').sort(compareIds);
  for (const id of extra) out.push({ id, title: `Section ${id}` });
  if (present.has('') && !seen.has('')) out.push({ id: '', title: 'Results without a section' });
  return out;
}

function buildThreats(
  run: AnalysedRun,
  controls: Record<string, Control>,
  ordered: number[],
  rowAnchor: (i: number) => string,
  a: (id: string, heading: string) => Anchor,
): ThreatCategoryView[] {
  return STRIDE_CATEGORIES.map((category) => {
    const byComponent = new Map<string, FindingRef[]>();
    for (const i of ordered) {
      const r = run.results[i]!;
      if (!r.stride.includes(category)) continue;
      const control = r.control ? controls[r.control] : undefined;
      const component = control?.component ?? 'unmapped';
      const refs = byComponent.get(component) ?? [];
      refs.push({
        id: r.id,
        title: r.title,
        severity: r.severity,
        verdict: r.verdict,
        items: [...r.items],
        itemsPreview: r.items.slice(0, INLINE_ITEMS),
        moreItems: Math.max(0, r.items.length - INLINE_ITEMS),
        anchor: rowAnchor(i),
        primary: control ? control.stride.primary === category : false,
        priority: r.priority,
      });
      byComponent.set(component, refs);
    }
    const threats: ThreatView[] = [...byComponent.entries()].map(([component, findings]) => {
      const label = component === 'unmapped' ? 'controls stridebench does not know' : componentLabel(component);
      const severity = findings.map((f) => f.severity).sort((x, y) => severityRank(x) - severityRank(y))[0]!;
      return {
        component,
        componentLabel: label,
        statement: THREAT_STATEMENTS[category].replace('%', label),
        severity,
        findings,
        items: unique(findings.flatMap((f) => f.items)),
      };
    });
    threats.sort(
      (x, y) =>
        severityRank(x.severity) - severityRank(y.severity) ||
        y.findings.length - x.findings.length ||
        compareText(x.component, y.component),
    );
    const count = run.summary.stride[category] ?? threats.reduce((n, t) => n + t.findings.length, 0);
    return {
      category,
      label: STRIDE_LABELS[category],
      letter: STRIDE_LETTERS[category],
      description: STRIDE_DESCRIPTIONS[category],
      anchor: a(`threat-${STRIDE_LETTERS[category].toLowerCase()}`, STRIDE_LABELS[category]),
      count,
      exposed: threats.length > 0,
      threats,
    };
  });
}

function unique(values: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const v of values) {
    if (!seen.has(v)) {
      seen.add(v);
      out.push(v);
    }
  }
  return out;
}

/** FINDINGs that share a control share one fix (an aqua a/b pair is one change, not two). */
interface FixGroup {
  key: string;
  control: Control | null;
  indexes: number[];
}

function groupFixes(run: AnalysedRun, controls: Record<string, Control>, ordered: number[]): FixGroup[] {
  const groups: FixGroup[] = [];
  const byKey = new Map<string, FixGroup>();
  for (const i of ordered) {
    const r = run.results[i]!;
    const key = r.control ?? `id:${r.id}`;
    let g = byKey.get(key);
    if (!g) {
      g = { key, control: r.control ? controls[r.control] ?? null : null, indexes: [] };
      byKey.set(key, g);
      groups.push(g);
    }
    g.indexes.push(i);
  }
  return groups;
}

function hardenItem(g: FixGroup, rank: number, run: AnalysedRun, rowAnchor: (i: number) => string): HardenItemView {
  const results = g.indexes.map((i) => run.results[i]!);
  const first = results[0]!;
  const severity = results.map((r) => r.severity).sort((x, y) => severityRank(x) - severityRank(y))[0]!;
  const categories = STRIDE_CATEGORIES.filter((c) => results.some((r) => r.stride.includes(c)));
  const control = g.control;
  // Every printed variant of the control in this run should pass after the fix: include
  // the sibling that already passed (2.2.a) so the reader re-checks the pair.
  const recheck = unique(
    run.results.filter((r) => g.control !== null && r.control === g.control.key).map((r) => r.id).concat(results.map((r) => r.id)),
  ).sort(compareIds);
  const caveats = uniqueCaveats(
    run.results.filter((r) => recheck.includes(r.id) && (g.control === null || r.control === g.control.key)).flatMap((r) => r.caveats),
  );
  return {
    rank,
    ids: unique(results.map((r) => r.id)),
    checks: g.indexes.map((i) => ({ id: run.results[i]!.id, anchor: rowAnchor(i) })),
    title: control?.title ?? first.title,
    controlKey: control?.key ?? null,
    severity,
    severityLabel: SEVERITY_LABELS[severity],
    stride: strideCounts(categories, (c) => results.filter((r) => r.stride.includes(c)).length),
    componentLabel: control ? componentLabel(control.component) : null,
    cisReference: control?.cisReference ?? null,
    why: control?.rationale ?? null,
    fix: control?.fix ? fixView(control.fix) : null,
    remediation: first.remediation,
    items: unique(results.flatMap((r) => r.items)),
    recheck,
    caveats,
  };
}

function uniqueCaveats(caveats: CaveatNote[]): CaveatNote[] {
  const seen = new Set<string>();
  const out: CaveatNote[] = [];
  for (const c of caveats) {
    const k = `${c.rule}\u0000${c.message}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push({ rule: c.rule, message: c.message });
    }
  }
  return out;
}

function fixView(fix: NonNullable<Control['fix']>): FixView {
  let daemonJson: FixView['daemonJson'] = null;
  if (fix.daemonJson) {
    const parsed = parseJsonValue(fix.daemonJson.value);
    const value = parsed.ok ? parsed.value : fix.daemonJson.value;
    daemonJson = {
      key: fix.daemonJson.key,
      value: fix.daemonJson.value,
      snippet: JSON.stringify({ [fix.daemonJson.key]: value }, null, 2),
    };
  }
  let file: FileFixView | null = null;
  if (fix.file) {
    const commands: string[] = [];
    if (fix.file.owner) commands.push(`chown ${fix.file.owner} ${shellWord(fix.file.path)}`);
    if (fix.file.mode) commands.push(`chmod ${fix.file.mode} ${shellWord(fix.file.path)}`);
    file = { path: fix.file.path, mode: fix.file.mode, owner: fix.file.owner, commands };
  }
  return {
    action: fix.action,
    daemonJson,
    dockerdFlag: fix.dockerdFlag,
    runFlag: fix.runFlag,
    file,
    k8sFlag: fix.k8sFlag ? { component: fix.k8sFlag.component, flag: fix.k8sFlag.flag } : null,
    impact: fix.impact,
    verify: fix.verify,
    exclusiveSources: fix.exclusiveSources,
  };
}

/** Quote a path for a shell command when it holds anything but plainly safe characters. */
function shellWord(path: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(path) ? path : `'${path.split("'").join("'\\''")}'`;
}

function parseJsonValue(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** Sorts object keys recursively so the snippet does not depend on knowledge-file order. */
function sortedJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedJson);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value as Record<string, unknown>).sort(compareText)) {
      out[k] = sortedJson((value as Record<string, unknown>)[k]);
    }
    return out;
  }
  return value;
}

function buildDaemonJson(groups: FixGroup[], run: AnalysedRun): DaemonJsonView {
  const entries = new Map<string, DaemonJsonEntry & { parsed: unknown }>();
  const conflicts: string[] = [];
  for (const g of groups) {
    const fix = g.control?.fix;
    if (!fix?.daemonJson) continue;
    const ids = unique(g.indexes.map((i) => run.results[i]!.id));
    const { key, value } = fix.daemonJson;
    const parsed = parseJsonValue(value);
    const normalized = parsed.ok ? JSON.stringify(sortedJson(parsed.value)) : JSON.stringify(value);
    const existing = entries.get(key);
    if (existing) {
      if (existing.value !== normalized) {
        conflicts.push(
          `"${key}": ${ids.join(', ')} want ${normalized}, but ${existing.ids.join(', ')} (fixed first) want ${existing.value}; the snippet keeps ${existing.value}.`,
        );
      } else existing.ids.push(...ids.filter((id) => !existing.ids.includes(id)));
      existing.exclusiveSources ||= fix.exclusiveSources;
      existing.dockerdFlag ??= fix.dockerdFlag;
      continue;
    }
    entries.set(key, {
      key,
      value: normalized,
      parsed: parsed.ok ? sortedJson(parsed.value) : value,
      ids,
      dockerdFlag: fix.dockerdFlag,
      exclusiveSources: fix.exclusiveSources,
    });
  }
  const sorted = [...entries.values()].sort((x, y) => compareText(x.key, y.key));
  const merged: Record<string, unknown> = {};
  for (const e of sorted) merged[e.key] = e.parsed;
  const flagWarnings = sorted
    .filter((e) => e.exclusiveSources)
    .map((e) => {
      const flag = e.dockerdFlag ?? `--${e.key}`;
      const message = `"${e.key}" is now set in daemon.json: remove ${flag} from dockerd's command line (systemd unit, drop-ins, /etc/default/docker, /etc/sysconfig/docker), or dockerd refuses to start with "the following directives are specified both as a flag and in the configuration file".`;
      return { key: e.key, flag, message };
    });
  return {
    empty: sorted.length === 0,
    snippet: sorted.length === 0 ? '{}' : JSON.stringify(merged, null, 2),
    entries: sorted.map(({ parsed: _parsed, ...e }) => ({ ...e, ids: [...e.ids].sort(compareIds) })),
    flagWarnings,
    conflicts,
    placeholders: /<[^<>\n]{1,80}>/.test(sorted.length === 0 ? '' : JSON.stringify(merged)),
  };
}

function buildSections(run: AnalysedRun, rowAnchor: (i: number) => string, a: (id: string, heading: string) => Anchor): SectionView[] {
  return sectionOrder(run).map(({ id, title }, n) => {
    const results: ResultView[] = [];
    run.results.forEach((r, i) => {
      if ((r.section ?? '') === id) results.push(resultView(r, rowAnchor(i)));
    });
    const heading = id === '' ? title : `${id} ${title}`;
    return {
      section: id,
      title,
      anchor: a(`section-${n + 1}`, heading),
      results,
      findings: results.filter((r) => r.verdict === 'FINDING').length,
    };
  });
}

function resultView(r: AnalysedResult, rowId: string): ResultView {
  const stride = strideCounts(resultStride(r), () => 1);
  return {
    id: r.id,
    title: r.title,
    status: r.status,
    verdict: r.verdict,
    verdictLabel: VERDICT_LABELS[r.verdict] ?? r.verdict,
    severity: r.severity,
    severityLabel: SEVERITY_LABELS[r.severity] ?? r.severity,
    stride,
    strideLetters: stride.map((s) => s.letter).join(', '),
    controlKey: r.control,
    caveats: uniqueCaveats(r.caveats),
    items: [...r.items],
    manyItems: r.items.length > INLINE_ITEMS,
    itemsPreview: r.items.slice(0, INLINE_ITEMS),
    details: [...r.details],
    waiver: r.waiver
      ? { target: r.waiver.target, item: r.waiver.item, reason: r.waiver.reason, owner: r.waiver.owner, expires: r.waiver.expires, line: r.waiver.line, ids: [r.id] }
      : null,
    priority: r.priority,
    anchor: rowId,
  };
}

function buildCaveats(run: AnalysedRun): CaveatGroupView[] {
  const groups = new Map<string, CaveatGroupView>();
  for (const c of run.caveats) {
    const k = `${c.rule}\u0000${c.message}`;
    if (!groups.has(k)) groups.set(k, { rule: c.rule, message: c.message, ids: [] });
  }
  for (const r of run.results) {
    for (const c of r.caveats) {
      const k = `${c.rule}\u0000${c.message}`;
      const g = groups.get(k) ?? { rule: c.rule, message: c.message, ids: [] };
      if (!g.ids.includes(r.id)) g.ids.push(r.id);
      groups.set(k, g);
    }
  }
  return [...groups.values()]
    .map((g) => ({ ...g, ids: [...g.ids].sort(compareIds) }))
    .sort((x, y) => compareText(x.rule, y.rule) || compareText(x.message, y.message));
}

export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB (${bytes} bytes)`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB (${bytes} bytes)`;
  return `${bytes} bytes`;
}

function buildProvenance(report: AnalysedReport): ProvenanceView {
  const input = report.input;
  return {
    input: {
      ...input,
      sizeText: formatSize(input.size),
      selectionText:
        input.selection === 'all'
          ? `all ${plural(input.runCount, 'run')}`
          : `run ${input.selection.join(', ')} of ${input.runCount}`,
    },
    runs: report.runs.map((run) => ({
      index: run.index,
      toolLabel: TOOL_LABELS[run.tool] ?? run.tool,
      toolVersion: run.toolVersion,
      benchmark: run.benchmark,
      benchmarkLabel: benchmarkLabel(run.benchmark),
      benchmarkEvidence: run.benchmarkEvidence,
      lines: run.lines ? `${run.lines.first}–${run.lines.last}` : null,
      startedAtRaw: run.startedAtRaw,
    })),
    generator: { ...report.generator },
    schemaVersion: report.schemaVersion,
    generatedAt: report.generatedAt,
    warnings: report.warnings.map((w) => ({ line: w.line, code: w.code, message: w.message })),
  };
}
