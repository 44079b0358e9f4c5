/**
 * What aquasecurity/docker-bench and kube-bench have in common: both print through the same
 * grammar (bench-common's `PrettyPrint` and kube-bench's copy of it) and serialise the same
 * `Controls` structure to JSON. This module holds that grammar (status lines, remediation
 * and summary blocks), the streaming text parser both text readers use, the conversion of
 * JSON checks to results, benchmark identification and the "is this run complete?" rules.
 *
 * docs/formats/aqua-docker-bench.md and docs/formats/kube-bench.md describe every layout
 * and quirk handled here.
 */
import { AQUA_NUMBERINGS, kubeBenchNumbering } from '../model/benchmarks.js';
import { InputError } from '../model/errors.js';
import {
  emptyResult,
  emptyRun,
  RAW_STATUSES,
  type RawStatus,
  type Result,
  type Run,
  type Section,
  type ToolTotals,
} from '../model/types.js';
import { DOCKER_LAYOUT_SOURCES, KUBE_LAYOUT_SOURCES } from './aqua-layouts.js';
import { stripAnsi } from './decode.js';
import type { LineParser, ReaderContext } from './reader.js';

export type AquaTool = 'aqua-docker-bench' | 'kube-bench';
export type AquaStatus = 'PASS' | 'FAIL' | 'WARN' | 'INFO';

// ---------------------------------------------------------------------------------------
// Line grammar
// ---------------------------------------------------------------------------------------

export interface StatusLine {
  status: AquaStatus;
  /** Text up to the first space; empty for the legacy banner `[INFO]   CIS Docker…`. */
  id: string;
  /** The rest of the line, trimmed (assessment suffix still on). */
  text: string;
}

const AQUA_STATUSES = new Set<string>(['PASS', 'FAIL', 'WARN', 'INFO']);

/** `[STATUS] <id> <text>`, with ANSI codes already removed; null for any other line. */
export function parseStatusLine(line: string): StatusLine | null {
  let s = line;
  // Write-ups sometimes indent quoted output with spaces (never with tabs: a tab starts an audit line).
  if (s.charCodeAt(0) === 32) s = s.replace(/^ +/, '');
  if (s.length < 6 || s.charCodeAt(0) !== 91 /* [ */ || s.charCodeAt(5) !== 93 /* ] */) return null;
  const status = s.slice(1, 5);
  if (!AQUA_STATUSES.has(status)) return null;
  const rest = s.slice(6);
  if (rest.length === 0) return { status: status as AquaStatus, id: '', text: '' };
  if (rest.charCodeAt(0) !== 32) return null;
  const body = rest.slice(1);
  if (body.charCodeAt(0) === 32) return { status: status as AquaStatus, id: '', text: body.trim() };
  const space = body.indexOf(' ');
  if (space < 0) return { status: status as AquaStatus, id: body.trimEnd(), text: '' };
  return { status: status as AquaStatus, id: body.slice(0, space), text: body.slice(space + 1).trim() };
}

// Bounded, separator-delimited repetitions: linear on any input.
const CHECK_ID = /^(?:\d{1,4}(?:\.[0-9A-Za-z]{1,10}){0,8}|[A-Z]{1,8}-\d{1,10}(?:\.\d{1,4}){0,4})$/;

/** Check ids as the tools print them: `2.13.a`, `1.1.1`, `V-242386`. */
export function looksLikeCheckId(token: string): boolean {
  return token.length > 0 && token.length <= 40 && CHECK_ID.test(token);
}

const ASSESSMENT_WORDS: ReadonlyMap<string, string> = new Map([
  ['scored', 'Scored'],
  ['not scored', 'Not Scored'],
  ['automated', 'Automated'],
  ['manual', 'Manual'],
]);

/**
 * Split the CIS assessment suffix off a title. Copes with the printed defects: no space
 * before the bracket (`…are set(Automated)`) and a doubled closing bracket (`(Manual))`,
 * cis-1.3.1 at v0.5.0).
 */
export function splitAssessment(text: string): { title: string; assessment: string | null } {
  const t = text.trimEnd();
  let end = t.length;
  let closers = 0;
  while (end > 0 && t.charCodeAt(end - 1) === 41 /* ) */ && closers < 3) {
    end--;
    closers++;
  }
  if (closers === 0) return { title: t, assessment: null };
  const open = t.lastIndexOf('(', end);
  if (open < 0 || end - open > 16) return { title: t, assessment: null };
  const word = ASSESSMENT_WORDS.get(t.slice(open + 1, end).trim().toLowerCase());
  if (word === undefined) return { title: t, assessment: null };
  return { title: t.slice(0, open).trimEnd(), assessment: word };
}

const BANNER_ID = /^(?:\d{1,2}\.\d{1,2}(?:\.\d{1,2})?|ocp-\d{1,2}\.\d{1,2})$/;

/** docker-bench's first line: `[INFO] 18.09 CIS Docker Community Edition Benchmark` (or the legacy empty id). */
export function isDockerBanner(line: StatusLine): boolean {
  if (line.status !== 'INFO') return false;
  if (line.id !== '' && !BANNER_ID.test(line.id)) return false;
  return line.text.includes('CIS') && line.text.includes('Benchmark') && line.text.includes('Docker');
}

const BLOCK_HEADER = /^== (Remediations|Summary)(?: ([A-Za-z0-9_-]{1,40}))? ==\s*$/;

/** `== Remediations[ <node type>] ==` / `== Summary[ <node type>|total] ==`. */
export function parseBlockHeader(line: string): { kind: 'remediations' | 'summary'; label: string | null } | null {
  if (!line.startsWith('== ')) return null;
  const m = BLOCK_HEADER.exec(line);
  if (!m) return null;
  return { kind: m[1] === 'Remediations' ? 'remediations' : 'summary', label: m[2] ?? null };
}

const COUNT_LINE = /^(\d{1,9}) checks (PASS|FAIL|WARN|INFO)\s*$/;

/** `<n> checks PASS|FAIL|WARN|INFO`. */
export function parseCountLine(line: string): { status: AquaStatus; count: number } | null {
  const m = COUNT_LINE.exec(line);
  return m ? { status: m[2] as AquaStatus, count: Number(m[1]) } : null;
}

/** Fixed texts the tools print in place of a remediation (bench-common and kube-bench `reason` values). */
const KNOWN_REASONS = [
  'Test marked as skip',
  'Test marked as a manual test',
  'There are no test items',
  'There are no tests',
  'No tests defined',
  'Failed to find a valid sub check, check your constraints',
  'Test output contains a nil value',
];

const SHELL_PREFIX = /^(?:\/(?:usr\/)?bin\/)?(?:sh|bash|dash|ash|zsh|busybox): (?:line )?\d{1,6}: /;
const COMMAND_PREFIX = /^[a-z/][A-Za-z0-9_./+-]{0,63}: /;
const COMMAND_ERRORS = [
  'No such file or directory',
  'not found',
  'Permission denied',
  'illegal option',
  'invalid option',
  'unrecognized option',
  'cannot ',
  'Operation not permitted',
  'Is a directory',
  'missing operand',
  'No such process',
];

/**
 * Whether a remediation-block entry is a reason rather than a remediation: a fixed reason,
 * kube-bench's `audit test did not run: …`, or the raw error output of an audit command
 * (docker-bench prints it instead of the remediation when the audit exited non-zero).
 */
export function isReasonText(text: string, auditOutput: readonly string[]): boolean {
  const first = (text.split('\n', 1)[0] ?? '').trim();
  if (KNOWN_REASONS.some((r) => first === r)) return true;
  if (first.startsWith('audit test did not run:')) return true;
  if (auditOutput.length > 0 && text.trim() === auditOutput.join('\n').trim()) return true;
  if (first.length > 2000) return false;
  if (SHELL_PREFIX.test(first)) return true;
  if (/^Command \S{1,64}: not found/.test(first)) return true;
  if (/^usage: /i.test(first)) return true;
  if (first.startsWith('Error response from daemon') || first.startsWith('Cannot connect to the Docker daemon')) return true;
  if (/^exit status \d{1,4}$/.test(first)) return true;
  if (COMMAND_PREFIX.test(first) && COMMAND_ERRORS.some((e) => first.includes(e))) return true;
  return false;
}

/** Put a remediation-block entry where it belongs on its result. */
export function attachRemediationEntry(result: Result, text: string): void {
  if (text.length === 0) return;
  if (isReasonText(text, result.auditOutput)) {
    if (result.reason === null) result.reason = text;
  } else if (result.remediation === null) {
    result.remediation = text;
  }
}

const GREP_STATUS = /\|\s{0,8}grep\s{1,8}(?:-[A-Za-z]{1,8}\s{1,8}){0,4}["']?(PASS|FAIL|WARN|INFO)\b/;
const BENCHMARK_FLAG = /--benchmark[= ]{1,4}([A-Za-z0-9._-]{1,64})/;
const CHECK_FLAG = /(?:^|\s)(?:--check|-c)[= ]{1,4}[0-9]/;

/** What a pasted command line (shell prompt, `kubectl logs` header) tells us about the output after it. */
export interface CommandLineFacts {
  line: number;
  text: string;
  /** `grep FAIL` and friends: only lines with that status survive. */
  grepStatus: string | null;
  /** `--benchmark X`. */
  benchmark: string | null;
  /** `--check …` / `-c …`: a selection of checks. */
  selectsChecks: boolean;
}

/** A shell command line naming one of the tools (or a grep over their output), else null. */
export function parseCommandLine(line: string, lineNo: number): CommandLineFacts | null {
  if (line.length > 2000) return null;
  if (!line.includes('docker-bench') && !line.includes('kube-bench')) return null;
  const grep = GREP_STATUS.exec(line);
  const bench = BENCHMARK_FLAG.exec(line);
  return {
    line: lineNo,
    text: line.trim(),
    grepStatus: grep ? grep[1]! : null,
    benchmark: bench ? bench[1]! : null,
    selectsChecks: CHECK_FLAG.test(line),
  };
}

// ---------------------------------------------------------------------------------------
// Benchmark numbering identification
// ---------------------------------------------------------------------------------------

interface DockerLayout {
  folder: string;
  banner: string;
  ids: readonly string[];
  idSet: ReadonlySet<string>;
  weak: ReadonlySet<string>;
  duplicates: ReadonlySet<string>;
  /** Which pair of assessment words the folder's titles use. */
  family: 'scored' | 'automated';
}

interface KubeSectionLayout {
  id: string;
  nodeType: string;
  title: string;
  groups: ReadonlyMap<string, number>;
  checks: number;
}

interface KubeLayout {
  folder: string;
  version: string;
  removed: boolean;
  sections: readonly KubeSectionLayout[];
}

let dockerLayoutCache: DockerLayout[] | null = null;
let kubeLayoutCache: KubeLayout[] | null = null;

function dockerLayouts(): DockerLayout[] {
  if (dockerLayoutCache) return dockerLayoutCache;
  dockerLayoutCache = DOCKER_LAYOUT_SOURCES.map((src) => {
    const ids = src.ids.split(' ');
    const seen = new Set<string>();
    const duplicates = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) duplicates.add(id);
      seen.add(id);
    }
    const weak = new Set(src.weakAssessment.split(' ').filter((s) => s.length > 0));
    return {
      folder: src.folder,
      banner: src.banner,
      ids,
      idSet: seen,
      weak,
      duplicates,
      family: src.folder === 'cis-1.3.1' || src.folder === 'cis-1.6.0' ? 'automated' : 'scored',
    };
  });
  return dockerLayoutCache;
}

function kubeLayouts(): KubeLayout[] {
  if (kubeLayoutCache) return kubeLayoutCache;
  kubeLayoutCache = KUBE_LAYOUT_SOURCES.map((src) => ({
    folder: src.folder,
    version: src.version,
    removed: src.removed,
    sections: src.sections.split(';').map((s) => {
      const [id = '', nodeType = '', title = '', groupList = ''] = s.split('|');
      const groups = new Map<string, number>();
      let checks = 0;
      for (const g of groupList.split(',').filter((x) => x.length > 0)) {
        const colon = g.lastIndexOf(':');
        const n = Number(g.slice(colon + 1));
        const gid = g.slice(0, colon);
        groups.set(gid, (groups.get(gid) ?? 0) + n);
        checks += n;
      }
      return { id, nodeType, title, groups, checks };
    }),
  }));
  return kubeLayoutCache;
}

/** Section titles kube-bench prints (`Worker Node Security Configuration`, …), for detection. */
let kubeTitleCache: Set<string> | null = null;

export function kubeSectionTitles(): ReadonlySet<string> {
  if (kubeTitleCache) return kubeTitleCache;
  kubeTitleCache = new Set<string>();
  for (const l of kubeLayouts()) for (const s of l.sections) kubeTitleCache.add(s.title.toLowerCase());
  return kubeTitleCache;
}

/** Number of checks a docker-bench numbering defines, or null for an unknown one. */
export function dockerCheckCount(benchmark: string): number | null {
  const l = dockerLayouts().find((x) => `aqua-${x.folder}` === benchmark);
  return l ? l.ids.length : null;
}

export interface BenchmarkChoice {
  benchmark: string | null;
  evidence: string | null;
}

export interface ObservedResult {
  id: string;
  assessment: string | null;
}

const AQUA_IDS = new Set(AQUA_NUMBERINGS.map((n) => n.id));

/**
 * Which aquasecurity/docker-bench cfg folder a run follows. The banner id narrows the
 * candidates (it is a static label of the folder, not the Docker version); the printed ids
 * and assessment words decide between folders that share a banner (20.10: cis-1.6.0 or a
 * late cis-1.3.1) and for banner-less excerpts.
 */
export function identifyDockerBenchmark(input: {
  bannerId: string | null;
  bannerText: string | null;
  results: readonly ObservedResult[];
  commands: readonly CommandLineFacts[];
  /** Where the banner came from, for the evidence text. */
  source?: 'text' | 'json';
}): BenchmarkChoice {
  const named = input.commands.map((c) => c.benchmark).find((b) => b !== null && AQUA_IDS.has(`aqua-${b}`));
  if (named) {
    return { benchmark: `aqua-${named}`, evidence: `the pasted command line runs --benchmark ${named}` };
  }
  const withIds = input.results.filter((r) => r.id.length > 0);
  if (input.bannerId === null && withIds.length === 0) return { benchmark: null, evidence: null };
  const counts = new Map<string, number>();
  for (const r of withIds) counts.set(r.id, (counts.get(r.id) ?? 0) + 1);
  const scored = dockerLayouts()
    .map((layout) => ({ layout, ...scoreDockerLayout(layout, input.bannerId, withIds, counts) }))
    .filter((s) => Number.isFinite(s.score));
  if (scored.length === 0) {
    return {
      benchmark: null,
      evidence: `banner id "${input.bannerId ?? ''}" belongs to no docker-bench definitions folder known to stridebench`,
    };
  }
  scored.sort((a, b) => b.score - a.score || dockerPreference(a.layout.folder) - dockerPreference(b.layout.folder));
  const best = scored[0]!;
  if (best.score <= 0 && input.bannerId === null) {
    return { benchmark: null, evidence: 'the check ids match no docker-bench definitions folder' };
  }
  const parts: string[] = [];
  if (input.bannerId !== null && input.source === 'json') {
    parts.push(`JSON "id": "${input.bannerId}"${input.bannerId === '' ? ' (legacy, no id)' : ''}`);
  } else if (input.bannerId !== null) {
    parts.push(input.bannerId === '' ? `legacy banner "[INFO]   ${input.bannerText ?? ''}" (no id)` : `banner "${input.bannerId} ${input.bannerText ?? ''}"`);
  } else {
    parts.push('no banner');
  }
  if (withIds.length > 0) {
    let part = `${best.known} of ${withIds.length} printed ids exist in cfg/${best.layout.folder}`;
    if (best.assessed > 0) part += `, ${best.agree} of ${best.assessed} assessment words agree`;
    const ab = withIds.find((r) => /\.[ab]$/.test(r.id));
    if (ab) part += `, a/b sub-check ids (${ab.id})`;
    if (best.duplicateHits > 0) part += `, ids printed twice as in cis-1.6.0`;
    parts.push(part);
  }
  const ties = scored.filter((s) => s !== best && s.score === best.score).map((s) => s.layout.folder);
  if (ties.length > 0) parts.push(`cfg/${ties.join(', cfg/')} fit equally well; cfg/${best.layout.folder} assumed`);
  else {
    const runnerUp = scored[1];
    if (runnerUp && input.bannerId !== null && runnerUp.score > 0 && best.score - runnerUp.score < 50) {
      parts.push(`preferred over cfg/${runnerUp.layout.folder}`);
    }
  }
  return { benchmark: `aqua-${best.layout.folder}`, evidence: `${parts.join('; ')} → cfg/${best.layout.folder}` };
}

/**
 * Tie-break between folders that fit equally: what docker-bench picks by itself, newest
 * first, then the legacy folders in the order v0.2.2 used them (17.06 was its default).
 */
const DOCKER_PREFERENCE = ['cis-1.6.0', 'cis-1.3.1', 'cis-1.2', 'cis-1.1', 'cis-1.0', '17.06', '1.13.0', '18.09', 'ocp-3.9'];

function dockerPreference(folder: string): number {
  const i = DOCKER_PREFERENCE.indexOf(folder);
  return i < 0 ? DOCKER_PREFERENCE.length : i;
}

function scoreDockerLayout(
  layout: DockerLayout,
  bannerId: string | null,
  results: readonly ObservedResult[],
  counts: ReadonlyMap<string, number>,
): { score: number; known: number; agree: number; assessed: number; duplicateHits: number } {
  let score = 0;
  if (bannerId !== null) {
    const b = bannerId.trim();
    // cis-1.3.1 builds between 2024-03-22 and 2024-04-07 print the 20.10 banner; legacy
    // ocp-3.9 (v0.2.2) printed the empty banner id.
    const fits =
      layout.banner === b || (b === '20.10' && layout.folder === 'cis-1.3.1') || (b === '' && layout.folder === 'ocp-3.9');
    if (!fits) return { score: -Infinity, known: 0, agree: 0, assessed: 0, duplicateHits: 0 };
    score += 50;
  }
  let known = 0;
  let agree = 0;
  let assessed = 0;
  for (const r of results) {
    if (layout.idSet.has(r.id)) {
      known++;
      score += 1;
    } else {
      score -= 2;
    }
    if (r.assessment !== null) {
      const family = r.assessment === 'Scored' || r.assessment === 'Not Scored' ? 'scored' : 'automated';
      if (family !== layout.family) {
        score -= 3;
        continue;
      }
      if (!layout.idSet.has(r.id)) continue;
      assessed++;
      const weak = r.assessment === 'Not Scored' || r.assessment === 'Manual';
      if (weak === layout.weak.has(r.id)) {
        agree++;
        score += 1;
      } else {
        score -= 1;
      }
    }
  }
  let duplicateHits = 0;
  for (const [id, n] of counts) if (n > 1 && layout.duplicates.has(id)) duplicateHits++;
  score += 5 * duplicateHits;
  return { score, known, agree, assessed, duplicateHits };
}

export interface ObservedSection {
  id: string;
  title: string;
  /** Results per printed group id. */
  groups: Map<string, number>;
  results: number;
}

/**
 * Which kube-bench cfg folder a run follows: the JSON `version` when there is one (old YAMLs
 * say `1.6` for cfg/cis-1.6, so candidates are checked against the layout), else the section
 * titles and the number of checks per group, compared with every known folder.
 */
export function identifyKubeBenchmark(input: {
  version: string | null;
  detectedVersion?: string | null;
  sections: readonly ObservedSection[];
  commands: readonly CommandLineFacts[];
}): BenchmarkChoice {
  const named = input.commands.map((c) => c.benchmark).find((b) => b !== null);
  if (named) return { benchmark: kubeBenchNumbering(named).id, evidence: `the pasted command line runs --benchmark ${named}` };
  const layouts = kubeLayouts();
  const detected = input.detectedVersion && input.detectedVersion !== 'none' ? `; detected Kubernetes version ${input.detectedVersion}` : '';
  const v = input.version?.trim() ?? '';
  if (v.length > 0) {
    const candidates = layouts.filter((l) => l.folder === v || l.folder === `cis-${v}` || l.version === v);
    if (candidates.length === 0) {
      if (/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(v)) {
        return { benchmark: kubeBenchNumbering(v).id, evidence: `JSON "version": "${v}" (a folder stridebench has no layout for)${detected}` };
      }
      return { benchmark: null, evidence: `JSON "version": "${clip(v)}" names no kube-bench folder` };
    }
    const ranked = rankKubeLayouts(candidates, input.sections);
    const best = ranked[0]!;
    const why =
      candidates.length > 1
        ? `; its section layout fits cfg/${best.layout.folder} best of ${candidates.map((c) => `cfg/${c.folder}`).join(', ')}`
        : '';
    return { benchmark: kubeBenchNumbering(best.layout.folder).id, evidence: `JSON "version": "${v}"${why}${detected}` };
  }
  if (input.sections.length === 0) {
    return { benchmark: null, evidence: 'no section headers were printed, so the kube-bench folder cannot be told' };
  }
  const ranked = rankKubeLayouts(layouts, input.sections);
  const best = ranked[0]!;
  if (best.score <= 0) {
    return { benchmark: null, evidence: `the printed sections (${describeSections(input.sections)}) fit no kube-bench folder known to stridebench` };
  }
  const ties = ranked.filter((r) => r !== best && r.score === best.score).map((r) => r.layout.folder);
  let evidence = `sections and checks per group (${describeSections(input.sections)}) fit cfg/${best.layout.folder}`;
  if (ties.length > 0) {
    const shown = ties.slice(0, 4).map((t) => `cfg/${t}`).join(', ');
    evidence += ` and equally ${shown}${ties.length > 4 ? ` and ${ties.length - 4} more` : ''}; cfg/${best.layout.folder} assumed`;
  }
  return { benchmark: kubeBenchNumbering(best.layout.folder).id, evidence };
}

function describeSections(sections: readonly ObservedSection[]): string {
  return sections.map((s) => `${s.id} ${s.title} [${s.results}]`).join(', ');
}

function rankKubeLayouts(layouts: readonly KubeLayout[], sections: readonly ObservedSection[]): { layout: KubeLayout; score: number }[] {
  const ranked = layouts.map((layout) => ({ layout, score: scoreKubeLayout(layout, sections) }));
  ranked.sort((a, b) => b.score - a.score || preferKubeFolder(a.layout, b.layout));
  return ranked;
}

/** Among equally fitting folders prefer current ones, plain CIS ones, then the newest. */
function preferKubeFolder(a: KubeLayout, b: KubeLayout): number {
  if (a.removed !== b.removed) return a.removed ? 1 : -1;
  const aPlain = /^cis-\d/.test(a.folder) && !a.folder.includes('-k3s') && !a.folder.includes('microk8s');
  const bPlain = /^cis-\d/.test(b.folder) && !b.folder.includes('-k3s') && !b.folder.includes('microk8s');
  if (aPlain !== bPlain) return aPlain ? -1 : 1;
  return compareVersionsDesc(a.folder, b.folder);
}

function compareVersionsDesc(a: string, b: string): number {
  const na = (a.match(/\d+/g) ?? []).map(Number);
  const nb = (b.match(/\d+/g) ?? []).map(Number);
  for (let i = 0; i < Math.max(na.length, nb.length); i++) {
    const d = (nb[i] ?? -1) - (na[i] ?? -1);
    if (d !== 0) return d;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

function scoreKubeLayout(layout: KubeLayout, sections: readonly ObservedSection[]): number {
  let score = 0;
  for (const s of sections) {
    const ls = layout.sections.find((x) => x.id === s.id);
    if (!ls) {
      score -= 5;
      continue;
    }
    score += normalizeTitle(ls.title) === normalizeTitle(s.title) ? 3 : -3;
    for (const [gid, n] of s.groups) {
      const expected = ls.groups.get(gid);
      if (expected === undefined) score -= 3;
      else if (n === expected) score += 2;
      else if (n < expected) score += 0.5;
      else score -= 3;
    }
    // kube-bench prints every group that has a selected check: a group the folder defines but
    // the run lacks counts against it (mildly: --check/--group selections drop groups too).
    for (const [gid, expected] of ls.groups) if (expected > 0 && !s.groups.has(gid)) score -= 1;
  }
  return score;
}

function normalizeTitle(t: string): string {
  return t.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Checks per section the folder defines, when the folder is known. */
function kubeSectionCheckCounts(benchmark: string): Map<string, number> | null {
  const l = kubeLayouts().find((x) => kubeBenchNumbering(x.folder).id === benchmark);
  if (!l) return null;
  return new Map(l.sections.map((s) => [s.id, s.checks]));
}

// ---------------------------------------------------------------------------------------
// Completeness
// ---------------------------------------------------------------------------------------

/** Below this share of the numbering's checks a run is a selection, not a full run. */
const SELECTION_SHARE = 0.75;

export interface CompletenessInput {
  tool: AquaTool;
  results: readonly Result[];
  totals: ToolTotals | null;
  /** The tool's own summary (`== Summary ==` block or JSON totals) was present. */
  hasSummary: boolean;
  /** No banner, no section or group header: an excerpt. */
  headerless: boolean;
  commands: readonly CommandLineFacts[];
  benchmark: string | null;
  sections: readonly ObservedSection[];
}

/** Why a run cannot be taken as complete; empty when nothing is missing as far as we can tell. */
export function incompletenessReasons(input: CompletenessInput): string[] {
  const reasons: string[] = [];
  const grep = input.commands.find((c) => c.grepStatus !== null);
  if (grep) reasons.push(`the pasted command line (line ${grep.line}) filters the output with \`grep ${grep.grepStatus}\``);
  const statuses = new Set(input.results.map((r) => r.status));
  if (input.headerless) {
    if (statuses.size === 1 && statuses.has('FAIL')) {
      reasons.push('only FAIL lines and no banner, group headers or remediations: looks like a `grep FAIL` excerpt');
    } else if (statuses.size === 1) {
      reasons.push(`only ${[...statuses][0]} lines and no banner or group headers: looks like a filtered excerpt`);
    } else {
      reasons.push('no banner or group headers: looks like an excerpt of the output');
    }
  }
  if (input.totals) {
    const read = countStatuses(input.results);
    const differs = (['pass', 'fail', 'warn', 'info'] as const).filter((k) => input.totals![k] !== undefined && input.totals![k] !== read[k]);
    if (differs.length > 0) {
      const said = differs.map((k) => `${k.toUpperCase()}=${input.totals![k]}`).join(' ');
      const got = differs.map((k) => `${k.toUpperCase()}=${read[k]}`).join(' ');
      reasons.push(`the tool's summary counts ${said} but the results read give ${got} (filtered or cut-off output)`);
    }
  } else if (!input.headerless && !input.hasSummary) {
    reasons.push(input.tool === 'aqua-docker-bench' ? 'no `== Summary ==` block: the output looks cut off' : 'no summary block: the output may be cut off or printed with --nosummary');
  }
  if (input.commands.some((c) => c.selectsChecks)) reasons.push('the pasted command line selects checks with --check');
  if (input.benchmark !== null && !input.headerless) {
    if (input.tool === 'aqua-docker-bench') {
      const expected = dockerCheckCount(input.benchmark);
      if (expected !== null && input.results.length < expected * SELECTION_SHARE) {
        reasons.push(`only ${input.results.length} of the ${expected} checks of ${input.benchmark} are present (a --check selection?)`);
      }
    } else {
      const expected = kubeSectionCheckCounts(input.benchmark);
      if (expected !== null) {
        for (const s of input.sections) {
          const n = expected.get(s.id);
          if (n !== undefined && n > 0 && s.results < n * SELECTION_SHARE) {
            reasons.push(`section ${s.id} holds ${s.results} of the ${n} checks ${input.benchmark} defines for it (a --check/--group/--skip selection?)`);
          }
        }
      }
    }
  }
  return reasons;
}

function countStatuses(results: readonly Result[]): Required<Pick<ToolTotals, 'pass' | 'fail' | 'warn' | 'info'>> {
  const c = { pass: 0, fail: 0, warn: 0, info: 0 };
  for (const r of results) {
    if (r.status === 'PASS') c.pass++;
    else if (r.status === 'FAIL') c.fail++;
    else if (r.status === 'WARN') c.warn++;
    else if (r.status === 'INFO') c.info++;
  }
  return c;
}

// ---------------------------------------------------------------------------------------
// Text parser (both tools)
// ---------------------------------------------------------------------------------------

interface Summary {
  label: string | null;
  counts: ToolTotals;
  line: number;
}

interface PendingInfo {
  id: string;
  text: string;
  line: number;
}

/** One run being read from text. */
class TextRun {
  readonly run: Run;
  bannerId: string | null = null;
  bannerText: string | null = null;
  firstLine: number;
  lastLine: number;
  headers = 0;
  /** Non-PASS results that have not had their remediation-block entry yet, in print order. */
  awaitingEntry: Result[] = [];
  summaries: Summary[] = [];
  orphanCounts: { status: AquaStatus; count: number; line: number }[] = [];
  commands: CommandLineFacts[] = [];
  section: Section | null = null;
  group: string | null = null;
  observed: ObservedSection[] = [];
  /** Results by id, for placing remediation entries of excerpts without a linear search. */
  byId = new Map<string, Result[]>();
  sawTotal = false;
  skippedLines = 0;
  firstSkipped: number | null = null;

  constructor(tool: AquaTool, line: number) {
    this.run = emptyRun(tool);
    this.firstLine = line;
    this.lastLine = line;
  }

  get hasContent(): boolean {
    return this.run.results.length > 0 || this.summaries.length > 0;
  }

  observedSection(): ObservedSection | null {
    return this.observed[this.observed.length - 1] ?? null;
  }
}

type Mode = 'results' | 'remediations' | 'summary';

/** How far the remediation walk may look past the next expected entry (INFO checks have none in kube-bench). */
const MAX_PASSED_OVER_INFO = 256;

/**
 * The streaming text parser for both tools. docker-bench and kube-bench differ only in how
 * sections work (docker: top-level headers, one run per banner; kube: one section per
 * target, one run per invocation) and in the numbering tables.
 */
export class AquaTextParser implements LineParser {
  private current: TextRun | null = null;
  private mode: Mode = 'results';
  private pendingInfo: PendingInfo | null = null;
  private lastResult: Result | null = null;
  private entry: { result: Result; lines: string[] } | null = null;
  private entryCursor = 0;
  private unplacedWarned = false;
  private summary: Summary | null = null;
  /** kube-bench: the next header starts a section (start of output, after a block, after a blank line). */
  private sectionOpen = true;

  constructor(
    private readonly tool: AquaTool,
    private readonly ctx: ReaderContext,
  ) {}

  line(raw: string, lineNo: number): void {
    let text = stripAnsi(raw);
    // Stray CRs (`script` can write \r\r\n); a loop, since /\r+$/ is quadratic on long CR runs.
    let end = text.length;
    while (end > 0 && text.charCodeAt(end - 1) === 13) end--;
    if (end < text.length) text = text.slice(0, end);
    this.handle(text, lineNo);
    // After handling: a banner closes the previous run before it is counted.
    if (this.current) this.current.lastLine = lineNo;
  }

  private handle(text: string, lineNo: number): void {
    if (this.mode === 'summary' && this.summaryLine(text, lineNo)) return;
    if (this.mode === 'remediations' && this.remediationLine(text, lineNo)) return;

    // Results mode (or a line that ended a block).
    if (text.charCodeAt(0) === 9 /* tab */) {
      this.auditOutputLine(text, lineNo);
      return;
    }
    const status = parseStatusLine(text);
    if (status) {
      this.statusLine(status, lineNo);
      return;
    }
    const block = parseBlockHeader(text.trim());
    if (block) {
      this.blockHeader(block.kind, block.label, lineNo);
      return;
    }
    const count = parseCountLine(text.trim());
    if (count) {
      this.resolvePendingInfo(null);
      this.runFor(lineNo).orphanCounts.push({ ...count, line: lineNo });
      return;
    }
    if (text.trim().length === 0) {
      if (this.tool === 'kube-bench' && this.current && this.current.run.results.length > 0 && this.lastResult) this.sectionOpen = true;
      return;
    }
    this.otherLine(text, lineNo);
  }

  end(): void {
    this.finishRun();
  }

  private runFor(lineNo: number): TextRun {
    if (!this.current) this.current = new TextRun(this.tool, lineNo);
    return this.current;
  }

  private statusLine(s: StatusLine, lineNo: number): void {
    if (this.tool === 'aqua-docker-bench' && isDockerBanner(s)) {
      this.resolvePendingInfo(null);
      if (this.current && (this.current.hasContent || this.current.bannerId !== null)) this.finishRun();
      const run = this.runFor(lineNo);
      run.bannerId = s.id;
      run.bannerText = s.text;
      this.lastResult = null;
      return;
    }
    this.resolvePendingInfo(s.id);
    if (!looksLikeCheckId(s.id)) {
      this.ctx.warn(lineNo, 'idless-status-line', `[${s.status}] line without a check id is not a result: "${clip(`${s.id} ${s.text}`.trim())}"`);
      this.lastResult = null;
      return;
    }
    const { title, assessment } = splitAssessment(s.text);
    if (s.status === 'INFO' && assessment === null) {
      // A group header or an INFO check whose title has no assessment word: headers are
      // the parents of what follows, so single-component ids are headers now and the rest
      // wait for the next status line.
      if (/^\d+$/.test(s.id)) this.header(s.id, title, lineNo);
      else this.pendingInfo = { id: s.id, text: s.text, line: lineNo };
      return;
    }
    this.addResult(s.status, s.id, title, assessment, lineNo);
  }

  /** Decide what a held `[INFO] <id> <title>` line was, now that the next status id (or none) is known. */
  private resolvePendingInfo(nextId: string | null): void {
    const p = this.pendingInfo;
    if (!p) return;
    this.pendingInfo = null;
    const isParent = nextId !== null && (nextId === p.id || nextId.startsWith(`${p.id}.`));
    // kube-bench eks-stig: numeric group ids over STIG ids (`2.1 DISA Category Code I`, then `V-242386 …`).
    const headsOtherScheme = nextId !== null && /^\d/.test(p.id) && !/^\d/.test(nextId);
    if (isParent || headsOtherScheme) this.header(p.id, p.text, p.line);
    else this.addResult('INFO', p.id, p.text, null, p.line);
  }

  private header(id: string, title: string, lineNo: number): void {
    const run = this.runFor(lineNo);
    run.headers++;
    this.lastResult = null;
    const single = !id.includes('.');
    const startsSection = this.tool === 'kube-bench' ? run.section === null || (this.sectionOpen && single) : single;
    if (!startsSection) {
      run.group = id;
      return;
    }
    if (this.tool === 'kube-bench' && run.observed.some((o) => o.id === id) && run.run.results.length > 0) {
      // The same target again: a second invocation appended to the file.
      this.finishRun();
      return this.header(id, title, lineNo);
    }
    if (this.tool === 'kube-bench' && run.sawTotal) {
      this.finishRun();
      return this.header(id, title, lineNo);
    }
    const section: Section = { id, title };
    run.run.sections.push(section);
    run.section = section;
    run.group = null;
    run.observed.push({ id, title, groups: new Map(), results: 0 });
    this.sectionOpen = false;
  }

  private addResult(status: AquaStatus, id: string, title: string, assessment: string | null, lineNo: number): void {
    const run = this.runFor(lineNo);
    const result = emptyResult(id, status, title, { line: lineNo });
    result.assessment = assessment;
    const top = id.split('.', 1)[0]!;
    if (this.tool === 'kube-bench') {
      result.section = run.section?.id ?? (id.includes('.') ? top : null);
      result.group = run.group;
    } else {
      const sec = run.section;
      result.section = sec && (id === sec.id || id.startsWith(`${sec.id}.`)) ? sec.id : id.includes('.') ? top : null;
      result.group = run.group !== null && id.startsWith(`${run.group}.`) ? run.group : null;
    }
    run.run.results.push(result);
    const same = run.byId.get(id);
    if (same) same.push(result);
    else run.byId.set(id, [result]);
    const observed = run.observedSection();
    if (observed) {
      observed.results++;
      const gid = run.group ?? observed.id;
      observed.groups.set(gid, (observed.groups.get(gid) ?? 0) + 1);
    }
    if (status !== 'PASS') run.awaitingEntry.push(result);
    this.lastResult = result;
  }

  private auditOutputLine(text: string, lineNo: number): void {
    this.resolvePendingInfo(null);
    const r = this.lastResult;
    if (!r) {
      this.skipped(lineNo);
      return;
    }
    // `\t <line>`: a tab, one space, then the raw output line.
    const body = text.charCodeAt(1) === 32 ? text.slice(2) : text.slice(1);
    r.auditOutput.push(body);
  }

  private blockHeader(kind: 'remediations' | 'summary', label: string | null, lineNo: number): void {
    this.resolvePendingInfo(null);
    const run = this.runFor(lineNo);
    this.lastResult = null;
    if (this.tool === 'kube-bench' && label !== null && label !== 'total' && run.section && run.section.nodeType === undefined) {
      run.section.nodeType = label;
    }
    if (kind === 'remediations') {
      this.mode = 'remediations';
      this.entry = null;
      this.entryCursor = 0;
      this.unplacedWarned = false;
    } else {
      this.mode = 'summary';
      this.summary = { label, counts: {}, line: lineNo };
    }
  }

  /** A line inside `== Remediations ==`. Returns false when the line ends the block (and must be read as results). */
  private remediationLine(text: string, lineNo: number): boolean {
    const trimmed = text.trim();
    if (parseStatusLine(text) || parseBlockHeader(trimmed)) {
      this.endRemediations();
      return false;
    }
    const run = this.current!;
    const space = text.indexOf(' ');
    const token = space < 0 ? text : text.slice(0, space);
    const target = token.length > 0 && looksLikeCheckId(token) ? this.findEntryTarget(run, token) : null;
    if (target) {
      this.closeEntry();
      this.entry = { result: target, lines: [space < 0 ? '' : text.slice(space + 1)] };
      return true;
    }
    if (this.entry) {
      this.entry.lines.push(text);
      return true;
    }
    if (trimmed.length > 0 && !this.unplacedWarned) {
      this.unplacedWarned = true;
      this.ctx.warn(lineNo, 'remediation-unplaced', `remediation text that belongs to no printed non-PASS check was skipped: "${clip(trimmed)}"`);
    }
    return true;
  }

  /**
   * Entries follow the non-PASS results in print order, so the next entry must start with
   * the next expected id. kube-bench lists no INFO checks, so those may be passed over; a few
   * others may be missing from an edited file.
   */
  private findEntryTarget(run: TextRun, token: string): Result | null {
    const list = run.awaitingEntry;
    let passedOver = 0;
    // Bounded, so a hostile block cannot make every line scan every result.
    const end = Math.min(list.length, this.entryCursor + MAX_PASSED_OVER_INFO);
    for (let j = this.entryCursor; j < end; j++) {
      const r = list[j]!;
      if (r.id === token) {
        this.entryCursor = j + 1;
        return r;
      }
      if (r.status !== 'INFO' && ++passedOver > 3) break;
    }
    if (this.entry === null) {
      // Nothing placed yet (excerpts, write-ups): any non-PASS result of that id still without an entry.
      const r = run.byId.get(token)?.find((x) => x.status !== 'PASS' && x.remediation === null && x.reason === null);
      if (r) return r;
    }
    return null;
  }

  private closeEntry(): void {
    const e = this.entry;
    if (!e) return;
    this.entry = null;
    const lines = e.lines.map((l) => l.trimEnd());
    while (lines.length > 0 && lines[lines.length - 1]!.length === 0) lines.pop();
    attachRemediationEntry(e.result, lines.join('\n'));
  }

  private endRemediations(): void {
    this.closeEntry();
    this.mode = 'results';
    if (this.current) this.current.awaitingEntry = [];
    if (this.tool === 'kube-bench') this.sectionOpen = true;
  }

  /** A line inside `== Summary ==`. Returns false when the line ends the block. */
  private summaryLine(text: string, lineNo: number): boolean {
    const count = parseCountLine(text.trim());
    if (count && this.summary) {
      this.summary.counts[count.status.toLowerCase() as 'pass' | 'fail' | 'warn' | 'info'] = count.count;
      this.summary.line = lineNo;
      return true;
    }
    this.endSummary();
    return false;
  }

  private endSummary(): void {
    const s = this.summary;
    this.summary = null;
    this.mode = 'results';
    if (!s || !this.current) return;
    this.current.summaries.push(s);
    if (s.label === 'total') this.current.sawTotal = true;
    if (this.tool === 'kube-bench') this.sectionOpen = true;
  }

  private otherLine(text: string, lineNo: number): void {
    const command = parseCommandLine(text, lineNo);
    if (command) {
      this.runFor(lineNo).commands.push(command);
      return;
    }
    if (text.startsWith('AuditEnv not explicit for check')) {
      this.ctx.warn(lineNo, 'stray-line', `skipped kube-bench's stray stdout line "${clip(text)}"`);
      return;
    }
    this.skipped(lineNo);
  }

  private skipped(lineNo: number): void {
    if (!this.current) return;
    this.current.skippedLines++;
    this.current.firstSkipped ??= lineNo;
  }

  private finishRun(): void {
    if (this.mode === 'remediations') this.endRemediations();
    if (this.mode === 'summary') this.endSummary();
    this.resolvePendingInfo(null);
    const t = this.current;
    this.current = null;
    this.lastResult = null;
    this.sectionOpen = true;
    if (!t) return;
    const run = t.run;
    for (const r of run.results) trimTrailingEmpty(r.auditOutput);
    run.lines = { first: t.firstLine, last: t.lastLine };
    run.totals = textTotals(t.summaries, t.orphanCounts);
    const headerless = t.bannerId === null && t.headers === 0;
    const choice =
      this.tool === 'aqua-docker-bench'
        ? identifyDockerBenchmark({ bannerId: t.bannerId, bannerText: t.bannerText, results: run.results, commands: t.commands })
        : identifyKubeBenchmark({ version: null, sections: t.observed, commands: t.commands });
    run.benchmark = choice.benchmark;
    run.benchmarkEvidence = choice.evidence;
    run.partialReasons = incompletenessReasons({
      tool: this.tool,
      results: run.results,
      totals: run.totals,
      hasSummary: t.summaries.length > 0,
      headerless,
      commands: t.commands,
      benchmark: run.benchmark,
      sections: t.observed,
    });
    run.partial = run.partialReasons.length > 0;
    if (t.skippedLines > 0) {
      this.ctx.warn(t.firstSkipped, 'lines-skipped', `${t.skippedLines} line(s) that are not part of the ${this.tool} output were skipped (the first is line ${t.firstSkipped})`);
    }
    this.ctx.emitRun(run);
  }
}

function trimTrailingEmpty(lines: string[]): void {
  while (lines.length > 0 && lines[lines.length - 1]!.trim().length === 0) lines.pop();
}

/** The run's totals from its summary blocks (kube: the `total` block, else the sum of the sections), or from loose count lines. */
function textTotals(summaries: readonly Summary[], orphans: readonly { status: AquaStatus; count: number }[]): ToolTotals | null {
  const total = summaries.find((s) => s.label === 'total');
  if (total) return { ...total.counts };
  const parts = summaries.filter((s) => s.label !== 'total');
  if (parts.length > 0) return sumTotals(parts.map((p) => p.counts));
  if (orphans.length === 0) return null;
  // Loose `N checks FAIL` lines (grep excerpts): per-section counts, maybe followed by their total.
  const out: ToolTotals = {};
  for (const key of ['pass', 'fail', 'warn', 'info'] as const) {
    const values = orphans.filter((o) => o.status.toLowerCase() === key).map((o) => o.count);
    if (values.length === 0) continue;
    const last = values[values.length - 1]!;
    const before = values.slice(0, -1).reduce((a, b) => a + b, 0);
    out[key] = values.length >= 2 && last === before ? last : before + last;
  }
  return out;
}

export function sumTotals(parts: readonly ToolTotals[]): ToolTotals {
  const out: ToolTotals = {};
  for (const p of parts) {
    for (const key of ['pass', 'fail', 'warn', 'info'] as const) {
      const v = p[key];
      if (v !== undefined) out[key] = (out[key] ?? 0) + v;
    }
  }
  return out;
}

export function clip(s: string, max = 80): string {
  const printable = s.replace(/[\x00-\x1f\x7f-\x9f]/g, '?');
  return printable.length > max ? `${printable.slice(0, max - 3)}...` : printable;
}

// ---------------------------------------------------------------------------------------
// JSON: a small parser that keeps line numbers, and the Controls → model conversion
// ---------------------------------------------------------------------------------------

export type JsonObject = { [key: string]: JsonValue };
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;

/** Documents read from a JSON (or JSON-lines) input, with where every object and array starts. */
export interface JsonInput {
  documents: { value: JsonValue; line: number }[];
  /** 1-based line where an object or array starts. */
  lineOf(value: object): number | null;
  /** 1-based line where an object or array ends. */
  endLineOf(value: object): number | null;
}

const MAX_DEPTH = 200;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Collects the lines of a JSON input (JSON readers need the whole document). */
export class JsonLineCollector {
  private readonly lines: string[] = [];
  private firstLineNo = 1;

  add(text: string, lineNo: number): void {
    if (this.lines.length === 0) this.firstLineNo = lineNo;
    this.lines.push(text);
  }

  /** Parse what was collected; stray non-JSON lines around the documents are skipped with a warning. */
  parse(file: string, warn: ReaderContext['warn']): JsonInput {
    const lineStarts: number[] = [];
    let at = 0;
    for (const l of this.lines) {
      lineStarts.push(at);
      at += l.length + 1;
    }
    const text = this.lines.join('\n');
    const base = this.firstLineNo;
    const lineAt = (offset: number): number => {
      let lo = 0;
      let hi = lineStarts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (lineStarts[mid]! <= offset) lo = mid;
        else hi = mid - 1;
      }
      return base + lo;
    };
    return new JsonScanner(text, file, lineAt, warn).documents();
  }
}

class JsonScanner {
  private pos = 0;
  private readonly starts = new WeakMap<object, number>();
  private readonly ends = new WeakMap<object, number>();
  private duplicateWarnings = 0;

  constructor(
    private readonly text: string,
    private readonly file: string,
    private readonly lineAt: (offset: number) => number,
    private readonly warn: ReaderContext['warn'],
  ) {}

  documents(): JsonInput {
    const docs: { value: JsonValue; line: number }[] = [];
    const t = this.text;
    for (;;) {
      this.skipWhitespace();
      if (this.pos >= t.length) break;
      if (startsJson(t, this.pos)) {
        const start = this.pos;
        docs.push({ value: this.value(0), line: this.lineAt(start) });
        continue;
      }
      // Not JSON: a stray line (`Using config file: …`, `AuditEnv not explicit …`, a prompt).
      let lineEnd = t.indexOf('\n', this.pos);
      if (lineEnd < 0) lineEnd = t.length;
      this.warn(this.lineAt(this.pos), 'stray-line', `skipped a line that is not JSON: "${clip(t.slice(this.pos, Math.min(lineEnd, this.pos + 200)))}"`);
      this.pos = lineEnd + 1;
    }
    const { starts, ends, lineAt } = this;
    return {
      documents: docs,
      lineOf: (value: object) => {
        const s = starts.get(value);
        return s === undefined ? null : lineAt(s);
      },
      endLineOf: (value: object) => {
        const e = ends.get(value);
        return e === undefined ? null : lineAt(e);
      },
    };
  }

  private skipWhitespace(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.pos++;
      else break;
    }
  }

  private fail(message: string, offset = this.pos): never {
    throw new InputError(`invalid JSON: ${message}`, { file: this.file, line: this.lineAt(Math.min(offset, Math.max(0, this.text.length - 1))) });
  }

  private truncated(what: string, openedAt: number): never {
    throw new InputError(
      `the JSON ends before the ${what} that starts on line ${this.lineAt(openedAt)} is closed: the file looks truncated`,
      { file: this.file, line: this.lineAt(Math.max(0, this.text.length - 1)) },
    );
  }

  private value(depth: number): JsonValue {
    if (depth > MAX_DEPTH) this.fail(`nested more than ${MAX_DEPTH} levels deep`);
    this.skipWhitespace();
    const t = this.text;
    if (this.pos >= t.length) this.truncated('value', Math.max(0, this.pos - 1));
    const c = t.charCodeAt(this.pos);
    if (c === 123) return this.object(depth);
    if (c === 91) return this.array(depth);
    if (c === 34) return this.string();
    if (c === 116 /* t */) return this.literal('true', true);
    if (c === 102 /* f */) return this.literal('false', false);
    if (c === 110 /* n */) return this.literal('null', null);
    if (c === 45 || (c >= 48 && c <= 57)) return this.number();
    return this.fail(`unexpected character "${clip(t[this.pos]!)}"`);
  }

  private object(depth: number): JsonObject {
    const t = this.text;
    const start = this.pos++;
    const obj = Object.create(null) as JsonObject;
    this.starts.set(obj, start);
    this.skipWhitespace();
    if (t.charCodeAt(this.pos) === 125 /* } */) {
      this.ends.set(obj, this.pos++);
      return obj;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.pos >= t.length) this.truncated('object', start);
      if (t.charCodeAt(this.pos) !== 34) this.fail('expected a property name in double quotes');
      const keyAt = this.pos;
      const key = this.string();
      this.skipWhitespace();
      if (this.pos >= t.length) this.truncated('object', start);
      if (t.charCodeAt(this.pos) !== 58 /* : */) this.fail(`expected ":" after property name "${clip(key)}"`);
      this.pos++;
      const v = this.value(depth + 1);
      if (Object.prototype.hasOwnProperty.call(obj, key) && this.duplicateWarnings++ < 20) {
        this.warn(this.lineAt(keyAt), 'json-duplicate-key', `duplicate key "${clip(key)}": the last value is used`);
      }
      obj[key] = v;
      this.skipWhitespace();
      if (this.pos >= t.length) this.truncated('object', start);
      const c = t.charCodeAt(this.pos);
      this.pos++;
      if (c === 44 /* , */) continue;
      if (c === 125) {
        this.ends.set(obj, this.pos - 1);
        return obj;
      }
      this.fail(`expected "," or "}" but found "${clip(t[this.pos - 1]!)}"`, this.pos - 1);
    }
  }

  private array(depth: number): JsonValue[] {
    const t = this.text;
    const start = this.pos++;
    const arr: JsonValue[] = [];
    this.starts.set(arr, start);
    this.skipWhitespace();
    if (t.charCodeAt(this.pos) === 93 /* ] */) {
      this.ends.set(arr, this.pos++);
      return arr;
    }
    for (;;) {
      arr.push(this.value(depth + 1));
      this.skipWhitespace();
      if (this.pos >= t.length) this.truncated('array', start);
      const c = t.charCodeAt(this.pos);
      this.pos++;
      if (c === 44) continue;
      if (c === 93) {
        this.ends.set(arr, this.pos - 1);
        return arr;
      }
      this.fail(`expected "," or "]" but found "${clip(t[this.pos - 1]!)}"`, this.pos - 1);
    }
  }

  private string(): string {
    const t = this.text;
    const start = this.pos;
    let i = start + 1;
    let escaped = false;
    while (i < t.length) {
      const c = t.charCodeAt(i);
      if (c === 92 /* \ */) {
        escaped = true;
        i += 2;
        continue;
      }
      if (c === 34) break;
      if (c === 10) this.fail('line break inside a string', i);
      i++;
    }
    if (i >= t.length) this.truncated('string', start);
    this.pos = i + 1;
    if (!escaped) return t.slice(start + 1, i);
    try {
      return JSON.parse(t.slice(start, i + 1)) as string;
    } catch {
      return this.fail('invalid escape sequence in a string', start);
    }
  }

  private number(): number {
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (!m) return this.fail('malformed number');
    this.pos = NUMBER.lastIndex;
    return Number(m[0]);
  }

  private literal<T extends JsonValue>(word: string, value: T): T {
    const t = this.text;
    if (t.startsWith(word, this.pos)) {
      this.pos += word.length;
      return value;
    }
    if (word.startsWith(t.slice(this.pos))) this.truncated('value', this.pos);
    return this.fail(`unexpected text "${clip(t.slice(this.pos, this.pos + 10))}"`);
  }
}

/**
 * Whether a JSON document starts at `at`: `{`, or `[` followed by what can open an array
 * element (so a stray `[INFO] …` line is not taken for an array).
 */
export function startsJson(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  if (c === 123 /* { */) return true;
  if (c !== 91 /* [ */) return false;
  let i = at + 1;
  while (i < text.length && i < at + 4096) {
    const d = text.charCodeAt(i);
    if (d === 32 || d === 9 || d === 10 || d === 13) {
      i++;
      continue;
    }
    return d === 123 || d === 91 || d === 93 || d === 34 || d === 45 || (d >= 48 && d <= 57) || d === 116 || d === 102 || d === 110;
  }
  return i >= text.length;
}

export function isObject(v: JsonValue | undefined): v is JsonObject {
  return v !== null && v !== undefined && typeof v === 'object' && !Array.isArray(v);
}

/** The first of several key spellings present (current keys, then the old Go default names). */
export function pick(obj: JsonObject, keys: readonly string[]): JsonValue | undefined {
  for (const k of keys) if (Object.prototype.hasOwnProperty.call(obj, k)) return obj[k];
  return undefined;
}

export function pickString(obj: JsonObject, keys: readonly string[]): string | null {
  const v = pick(obj, keys);
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return null;
}

function pickNumber(obj: JsonObject, keys: readonly string[]): number | undefined {
  const v = pick(obj, keys);
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** Key spellings: JSON tags since 2017-12, then Go default field names of the first releases. */
export const KEYS = {
  controlsId: ['id', 'ID'],
  controlsText: ['text', 'Text', 'Description', 'description'],
  nodeType: ['node_type', 'Type', 'type'],
  version: ['version', 'Version'],
  detectedVersion: ['detected_version'],
  groups: ['tests', 'Groups', 'groups'],
  groupId: ['section', 'ID', 'id'],
  groupText: ['desc', 'Text', 'Description', 'description', 'text'],
  checks: ['results', 'Checks', 'checks'],
  checkId: ['test_number', 'id', 'ID'],
  checkText: ['test_desc', 'Text', 'Description', 'description', 'text'],
  status: ['status', 'State', 'state'],
  remediation: ['remediation', 'Remediation'],
  testInfo: ['test_info', 'TestInfo'],
  actual: ['actual_value'],
  expected: ['expected_result'],
  reason: ['reason'],
  scored: ['scored', 'Scored'],
  checkType: ['type', 'Type'],
} as const;

export function jsonTotals(obj: JsonObject): ToolTotals | null {
  const out: ToolTotals = {};
  const pass = pickNumber(obj, ['total_pass', 'Pass', 'pass']);
  const fail = pickNumber(obj, ['total_fail', 'Fail', 'fail']);
  const warn = pickNumber(obj, ['total_warn', 'Warn', 'warn']);
  const info = pickNumber(obj, ['total_info', 'Info', 'info']);
  if (pass !== undefined) out.pass = pass;
  if (fail !== undefined) out.fail = fail;
  if (warn !== undefined) out.warn = warn;
  if (info !== undefined) out.info = info;
  return Object.keys(out).length > 0 ? out : null;
}

/** One JSON check object → a Result (null when it has no id, with a warning). */
export function checkToResult(
  check: JsonObject,
  where: { path: string; line: number | null; section: string | null; group: string | null },
  warn: ReaderContext['warn'],
): Result | null {
  const id = pickString(check, KEYS.checkId)?.trim() ?? '';
  if (id.length === 0) {
    warn(where.line, 'check-without-id', `a check at ${where.path} has no id; it is not a result`);
    return null;
  }
  const rawStatus = (pickString(check, KEYS.status) ?? '').trim().toUpperCase();
  let status: RawStatus;
  if ((RAW_STATUSES as readonly string[]).includes(rawStatus)) status = rawStatus as RawStatus;
  else {
    warn(where.line, 'unknown-status', `check ${id} at ${where.path} has status "${clip(rawStatus)}", read as INFO`);
    status = 'INFO';
  }
  const { title, assessment } = splitAssessment(pickString(check, KEYS.checkText) ?? '');
  const result = emptyResult(id, status, title, { line: where.line, jsonPath: where.path });
  result.assessment = assessment;
  result.section = where.section;
  result.group = where.group;
  let remediation = pickString(check, KEYS.remediation);
  if (remediation === null) {
    const info = pick(check, KEYS.testInfo);
    if (Array.isArray(info) && typeof info[0] === 'string') remediation = info[0];
  }
  result.remediation = emptyToNull(remediation?.trimEnd() ?? null);
  const actual = pickString(check, KEYS.actual);
  if (actual !== null && actual.length > 0) {
    result.auditOutput = actual.split('\n');
    trimTrailingEmpty(result.auditOutput);
  }
  result.expected = emptyToNull(pickString(check, KEYS.expected));
  result.reason = emptyToNull(pickString(check, KEYS.reason)?.trimEnd() ?? null);
  const scored = pick(check, KEYS.scored);
  result.scored = typeof scored === 'boolean' ? scored : null;
  result.checkType = emptyToNull(pickString(check, KEYS.checkType));
  return result;
}

function emptyToNull(s: string | null): string | null {
  return s === null || s.length === 0 ? null : s;
}

// ---------------------------------------------------------------------------------------
// Detection
// ---------------------------------------------------------------------------------------

export interface AquaDetection {
  dockerText: number;
  kubeText: number;
  dockerJson: number;
  kubeJson: number;
}

const DOCKER_WORDS = ['docker', 'container', 'swarm', 'daemon', 'image', 'registry', 'seccomp', 'apparmor', 'selinux', 'ulimit', 'cgroup'];
const KUBE_WORDS = ['kube', 'api server', 'apiserver', 'etcd', 'scheduler', 'controller manager', 'rbac', 'cluster-admin', 'service account', 'pod', 'admission', 'cni', 'worker node', 'master node', 'control plane', 'node configuration', 'tls-cert', 'anonymous-auth'];
// Words that appear in both tools' titles ("containers" in pod security policies): weight docker ones only when unambiguous.
const STRONG_DOCKER = ['docker', 'swarm', 'dockerfile', 'containerd', 'userland proxy', 'live restore'];

let lastHead: string | null = null;
let lastDetection: AquaDetection | null = null;

/** How sure we are that `head` is each of the four aqua formats (memoised: every reader asks). */
export function detectAqua(head: string): AquaDetection {
  if (head === lastHead && lastDetection) return lastDetection;
  const result = detectUncached(head);
  lastHead = head;
  lastDetection = result;
  return result;
}

function detectUncached(head: string): AquaDetection {
  const none: AquaDetection = { dockerText: 0, kubeText: 0, dockerJson: 0, kubeJson: 0 };
  const lines = head.split('\n', 4000);
  // JSON: the first line that starts with { or [ (stray lines before it are tolerated).
  let jsonStart = -1;
  let strayBefore = 0;
  for (let i = 0; i < lines.length && i < 50; i++) {
    const t = lines[i]!.trim();
    if (t.length === 0) continue;
    if (startsJson(t, 0)) {
      jsonStart = i;
      break;
    }
    strayBefore++;
    if (strayBefore > 5) break;
  }
  if (jsonStart >= 0) return { ...none, ...detectJson(lines.slice(jsonStart).join('\n'), strayBefore) };
  return { ...none, ...detectText(lines) };
}

function detectJson(text: string, strayBefore: number): Pick<AquaDetection, 'dockerJson' | 'kubeJson'> {
  if (text.includes('"dockerbenchsecurity"')) return { dockerJson: 0, kubeJson: 0 };
  const has = (s: string) => text.includes(s);
  const modern = has('"test_number"') || has('"test_desc"');
  const goNames = has('"Groups"') && has('"Checks"') && (has('"State"') || has('"Remediation"'));
  if (!modern && !goNames && !has('"Controls"')) return { dockerJson: 0, kubeJson: 0 };
  const lower = text.slice(0, 200_000).toLowerCase();
  const dockerHits = countWords(lower, STRONG_DOCKER);
  const kubeHits = countWords(lower, ['kubelet', 'apiserver', 'api server', 'etcd', 'kubernetes', 'kubeconfig', 'node_type']);
  const penalty = strayBefore > 0 ? 0.05 : 0;
  let docker = 0;
  let kube = 0;
  if (has('"Controls"') && (has('"Totals"') || has('"node_type"'))) kube = 0.97;
  else if (has('"node_type"')) kube = 0.95;
  if (has('CIS Docker') || has('"DefinedConstraints"')) docker = 0.95;
  if (docker === 0 && kube === 0) {
    const base = modern ? 0.8 : 0.75;
    if (kubeHits > dockerHits) kube = base;
    else docker = base;
  }
  return { dockerJson: Math.max(0, docker - penalty), kubeJson: Math.max(0, kube - penalty) };
}

function countWords(lower: string, words: readonly string[]): number {
  let n = 0;
  for (const w of words) {
    let at = lower.indexOf(w);
    while (at >= 0 && n < 10_000) {
      n++;
      at = lower.indexOf(w, at + w.length);
    }
  }
  return n;
}

const DBS_ITEM = /^\[(?:INFO|WARN|PASS|NOTE)\] \S{1,20}\s{1,8}- /;

function detectText(lines: readonly string[]): Pick<AquaDetection, 'dockerText' | 'kubeText'> {
  const kubeTitles = kubeSectionTitles();
  let aquaLines = 0;
  let dbsLines = 0;
  let dockerBanner = false;
  let kubeMarkers = 0;
  let blocks = 0;
  let failLines = 0;
  let dockerWords = 0;
  let kubeWords = 0;
  let markdown = false;
  for (const raw of lines) {
    const line = stripAnsi(raw).replace(/\r$/, '');
    if (line.length > 4000) continue;
    if (line.startsWith('```') || line.startsWith('~~~') || /^#{1,6} \S/.test(line)) markdown = true;
    if (line.startsWith('# Docker Bench for Security') || line.startsWith('Initializing ') || line.startsWith('[NOTE]') || /^\[INFO\] Checks: \d/.test(line)) {
      dbsLines += 3;
      continue;
    }
    if (DBS_ITEM.test(line)) {
      dbsLines++;
      continue;
    }
    const block = parseBlockHeader(line.trim());
    if (block) {
      blocks++;
      if (block.label !== null) kubeMarkers++;
      continue;
    }
    const s = parseStatusLine(line);
    if (!s) continue;
    if (isDockerBanner(s)) {
      dockerBanner = true;
      continue;
    }
    if (!looksLikeCheckId(s.id)) continue;
    aquaLines++;
    if (s.status === 'FAIL') failLines++;
    const title = s.text.toLowerCase();
    if (!s.id.includes('.') && kubeTitles.has(title)) kubeMarkers++;
    const docker = STRONG_DOCKER.some((w) => title.includes(w)) || DOCKER_WORDS.some((w) => title.includes(w));
    const kube = KUBE_WORDS.some((w) => title.includes(w));
    if (kube) kubeWords++;
    else if (docker) dockerWords++;
  }
  if (aquaLines === 0 && !dockerBanner && blocks === 0) return { dockerText: 0, kubeText: 0 };
  const verdict = textVerdict(aquaLines, dbsLines, failLines, dockerBanner, kubeMarkers, blocks, dockerWords, kubeWords);
  // Fences and headings: a Markdown write-up quoting the output. We can read its lines, but
  // the Markdown reader (which unwraps fences and quotes first) should get it.
  if (markdown) return { dockerText: Math.min(verdict.dockerText, 0.6), kubeText: Math.min(verdict.kubeText, 0.6) };
  return verdict;
}

function textVerdict(
  aquaLines: number,
  dbsLines: number,
  failLines: number,
  dockerBanner: boolean,
  kubeMarkers: number,
  blocks: number,
  dockerWords: number,
  kubeWords: number,
): Pick<AquaDetection, 'dockerText' | 'kubeText'> {
  // docker-bench-security prints `[INFO] 1.1  - Title`, never [FAIL]; a log of it is not ours.
  if (dbsLines > aquaLines + failLines) return { dockerText: 0.1, kubeText: 0.05 };
  if (dockerBanner) return { dockerText: 0.95, kubeText: 0.2 };
  if (kubeMarkers > 0) return { dockerText: 0.2, kubeText: 0.95 };
  const base = Math.min(0.9, 0.6 + 0.02 * aquaLines + (blocks > 0 ? 0.1 : 0));
  if (kubeWords > dockerWords) return { dockerText: 0.3, kubeText: base };
  if (dockerWords > kubeWords) return { dockerText: base, kubeText: 0.3 };
  return { dockerText: base, kubeText: Math.max(0, base - 0.1) };
}
