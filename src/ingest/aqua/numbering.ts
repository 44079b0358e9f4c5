/**
 * Which benchmark numbering (cfg folder) a run of aquasecurity/docker-bench or kube-bench
 * follows, told from its banner or JSON version, its printed ids, assessment words and
 * section layout, compared with the folder layouts in ../aqua-layouts.ts; and how many
 * checks each folder defines, for the completeness rules.
 */
import { AQUA_NUMBERINGS, kubeBenchNumbering } from '../../model/benchmarks.js';
import { DOCKER_LAYOUT_SOURCES, KUBE_LAYOUT_SOURCES } from '../aqua-layouts.js';
import { clip, type CommandLineFacts } from './grammar.js';

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
  /** Printed group titles by group id (`1.1` → `API Server`), where the output names them. */
  groupTitles?: Map<string, string>;
}

/**
 * Folders of the CIS Kubernetes 1.0–1.4 era, whose master group 1.1 is the API server. From
 * cfg/cis-1.5 on, 1.1 is "Master Node Configuration Files" and the API server moved to 1.2,
 * so the same id names another check: an excerpt too short for the group counts to tell
 * the folders apart still tells the era by that title.
 */
const API_SERVER_FIRST = new Set(['1.6', '1.7', '1.8', '1.11', '1.13', 'cis-1.3', 'cis-1.4']);

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
  /** The assessment words the run's titles end in (`(Scored)` … or `(Automated)` …), when read. */
  assessments?: readonly (string | null)[];
}): BenchmarkChoice {
  // What kube-bench logged it loaded beats what a pasted command line asked for.
  const logged = input.commands.find((c) => c.origin === 'log' && c.benchmark !== null);
  if (logged) {
    return { benchmark: kubeBenchNumbering(logged.benchmark!).id, evidence: `kube-bench's own log (line ${logged.line}) says it ran benchmark ${logged.benchmark}` };
  }
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
  const family = assessmentFamily(input.assessments ?? []);
  const ranked = rankKubeLayouts(layouts, input.sections, family);
  const best = ranked[0]!;
  if (best.score <= 0) {
    return { benchmark: null, evidence: `the printed sections (${describeSections(input.sections)}) fit no kube-bench folder known to stridebench` };
  }
  const tied = ranked.filter((r) => r !== best && r.score === best.score);
  let evidence = `sections and checks per group (${describeSections(input.sections)}) fit cfg/${best.layout.folder}`;
  const sameEra = tied.filter((r) => r.clash === best.clash).map((r) => r.layout.folder);
  const otherEra = tied.filter((r) => r.clash !== best.clash).map((r) => r.layout.folder);
  if (sameEra.length > 0) {
    const shown = sameEra.slice(0, 4).map((t) => `cfg/${t}`).join(', ');
    evidence += ` and equally ${shown}${sameEra.length > 4 ? ` and ${sameEra.length - 4} more` : ''}`;
  }
  if (otherEra.length > 0 && family !== null) {
    const words = family === 'scored' ? '(Scored)/(Not Scored)' : '(Automated)/(Manual)';
    evidence += `; the ${words} titles rule out ${otherEra.slice(0, 3).map((t) => `cfg/${t}`).join(', ')}${otherEra.length > 3 ? ` and ${otherEra.length - 3} more` : ''}`;
  }
  if (sameEra.length > 0) evidence += `; cfg/${best.layout.folder} assumed`;
  return { benchmark: kubeBenchNumbering(best.layout.folder).id, evidence };
}

function describeSections(sections: readonly ObservedSection[]): string {
  return sections.map((s) => `${s.id} ${s.title} [${s.results}]`).join(', ');
}

/**
 * Folders whose titles end in `(Scored)` / `(Not Scored)`: the CIS Kubernetes 1.0–1.5 era and
 * the first EKS and GKE benchmarks. CIS 1.6 and every later folder say `(Automated)` /
 * `(Manual)`; the OpenShift 3.x and TKGI folders print no assessment word at all.
 */
const SCORED_FAMILY = new Set(['1.6', '1.7', '1.8', '1.11', '1.13', '1.11-json', '1.13-json', 'cis-1.3', 'cis-1.4', 'cis-1.5', 'eks-1.0', 'gke-1.0']);
const NO_ASSESSMENT_WORDS = new Set(['rh-0.7', 'ocp-3.10', 'ocp-3.11', 'tkgi-1.2.53', 'eks-stig-kubernetes-v1r6']);

type AssessmentFamily = 'scored' | 'automated';

function kubeFolderFamily(folder: string): AssessmentFamily | null {
  if (NO_ASSESSMENT_WORDS.has(folder)) return null;
  return SCORED_FAMILY.has(folder) ? 'scored' : 'automated';
}

/**
 * The assessment-word family a run's titles use, when clear: at least 3 titles with a word
 * and 80 % of them of one family (cfg/cis-1.5 has a stray `(Manual)` among its `(Scored)`).
 */
function assessmentFamily(words: readonly (string | null)[]): AssessmentFamily | null {
  let scored = 0;
  let automated = 0;
  for (const w of words) {
    if (w === 'Scored' || w === 'Not Scored') scored++;
    else if (w === 'Automated' || w === 'Manual') automated++;
  }
  const n = scored + automated;
  if (n < 3) return null;
  if (scored >= n * 0.8) return 'scored';
  if (automated >= n * 0.8) return 'automated';
  return null;
}

function rankKubeLayouts(
  layouts: readonly KubeLayout[],
  sections: readonly ObservedSection[],
  family: AssessmentFamily | null = null,
): { layout: KubeLayout; score: number; clash: boolean }[] {
  const ranked = layouts.map((layout) => {
    const folderFamily = kubeFolderFamily(layout.folder);
    return { layout, score: scoreKubeLayout(layout, sections), clash: family !== null && folderFamily !== null && folderFamily !== family };
  });
  // Same sections and group sizes across eras (cis-1.5 and cis-1.20, eks-1.0 and eks-1.0.1):
  // among equally fitting folders the assessment words tell the era.
  ranked.sort((a, b) => b.score - a.score || Number(a.clash) - Number(b.clash) || preferKubeFolder(a.layout, b.layout));
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
    const firstGroup = s.groupTitles?.get(`${s.id}.1`);
    if (s.id === '1' && firstGroup !== undefined && ls.nodeType === 'master') {
      const apiServerFirst = normalizeTitle(firstGroup) === 'api server';
      score += apiServerFirst === API_SERVER_FIRST.has(layout.folder) ? 4 : -4;
    }
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
export function kubeSectionCheckCounts(benchmark: string): Map<string, number> | null {
  const l = kubeLayouts().find((x) => kubeBenchNumbering(x.folder).id === benchmark);
  if (!l) return null;
  return new Map(l.sections.map((s) => [s.id, s.checks]));
}
