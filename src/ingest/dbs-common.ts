/**
 * What the docker-bench-security readers (text and JSON) share: splitting a printed check
 * title into its parts, telling the benchmark numbering from the checks a run printed,
 * resolving the one check that is printed without an id, and reading the run's timestamp.
 *
 * All functions are pure and never throw. See docs/formats/docker-bench-security-text.md.
 */
import { DBS_NUMBERINGS } from '../model/benchmarks.js';
import { DBS_TITLE_FINGERPRINTS } from './dbs-catalogue.js';

/** Suffixes docker-bench appends to the text line at run time (never to the JSON `desc`). */
const RUNTIME_SUFFIXES = ['Deprecated', 'Swarm mode not enabled', 'Incompatible with swarm mode'] as const;
/** CIS assessment suffixes (T3 builds only). Longest first so `Not Scored` wins over `Scored`. */
const ASSESSMENTS = ['Not Scored', 'Automated', 'Manual', 'Scored'] as const;

export interface DbsTitleParts {
  title: string;
  assessment: string | null;
  runtimeSuffixes: string[];
}

/**
 * Split a printed check title: strip run-time suffixes ` (Deprecated)`, ` (Swarm mode not
 * enabled)`, ` (Incompatible with swarm mode)` from the end (any order, repeated), then the
 * CIS assessment suffix `(Automated)|(Manual)|(Scored)|(Not Scored)`; trim.
 * Run-time suffixes are returned in the order they were printed.
 */
export function splitDbsTitle(text: string): DbsTitleParts {
  let rest = text.trimEnd();
  const runtimeSuffixes: string[] = [];
  for (;;) {
    const found = RUNTIME_SUFFIXES.find((s) => rest.endsWith(`(${s})`));
    if (found === undefined) break;
    runtimeSuffixes.unshift(found);
    rest = rest.slice(0, rest.length - found.length - 2).trimEnd();
  }
  let assessment: string | null = null;
  const cis = ASSESSMENTS.find((s) => rest.endsWith(`(${s})`) && !(s === 'Scored' && rest.endsWith('(Not Scored)')));
  if (cis !== undefined) {
    assessment = cis;
    rest = rest.slice(0, rest.length - cis.length - 2);
  }
  return { title: rest.trim(), assessment, runtimeSuffixes };
}

/**
 * The form titles are compared in: suffixes removed, lower case, every run of characters
 * other than a-z and 0-9 replaced by one space (spacing, punctuation and the odd capital
 * letter differ between releases of the same check).
 */
export function normalizeDbsTitle(text: string): string {
  const lower = splitDbsTitle(text).title.toLowerCase();
  let out = '';
  let pendingSpace = false;
  for (const ch of lower) {
    if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
      if (pendingSpace && out.length > 0) out += ' ';
      pendingSpace = false;
      out += ch;
    } else pendingSpace = true;
  }
  return out;
}

/** FNV-1a (32 bit) in base 36: the fingerprint `dbs-catalogue.ts` stores per (id, title). */
export function dbsTitleFingerprint(normalizedTitle: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < normalizedTitle.length; i++) {
    hash ^= normalizedTitle.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}

/** numbering id → set of `id:fingerprint`, parsed once on first use. */
let catalogue: Map<string, Set<string>> | null = null;
function fingerprints(): Map<string, Set<string>> {
  if (catalogue === null) {
    catalogue = new Map();
    for (const n of DBS_NUMBERINGS) {
      const text = DBS_TITLE_FINGERPRINTS[n.id] ?? '';
      catalogue.set(n.id, new Set(text.split(' ').filter((s) => s.length > 0)));
    }
  }
  return catalogue;
}

/**
 * Which assessment suffixes each numbering prints: none before the Section A/B/C frame,
 * only `(Scored)`/`(Not Scored)` in the 2021 dev builds, mostly `(Automated)`/`(Manual)`
 * from v1.3.6 on. The suffix style tells v1.3.5 from the 2021 dev builds, whose titles
 * are otherwise the same.
 */
type SuffixStyle = 'none' | 'scored' | 'automated';
const SUFFIX_STYLE: Readonly<Record<string, SuffixStyle>> = {
  'dbs-v1.1.0': 'none',
  'dbs-v1.2.0': 'none',
  'dbs-v1.3.0': 'none',
  'dbs-v1.3.3': 'none',
  'dbs-v1.3.5': 'none',
  'dbs-dev-2021': 'scored',
  'dbs-v1.3.6': 'automated',
  'dbs-v1.5.0': 'automated',
  'dbs-v1.6.1': 'automated',
};

/** Does a run whose titles show `observed` fit a numbering that prints `style`? */
function styleFits(style: SuffixStyle, observed: SuffixStyle | null): boolean {
  if (observed === null) return true;
  if (observed === 'none') return style === 'none';
  if (observed === 'scored') return style !== 'none'; // v1.3.6+ print (Scored) on 2.2–2.18 too
  return style === 'automated';
}

/**
 * The numberings a printed version string may stand for, most likely first. Version
 * strings lie (FORMATS.md §1): this only breaks ties the titles leave open.
 */
function numberingsForVersion(printed: string): string[] {
  const v = printed.trim().replace(/^v/i, '');
  const m = /^(\d{1,4})\.(\d{1,4})(?:\.(\d{1,4}))?/.exec(v);
  if (m === null) return [];
  const [maj, min, patch] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  const key = maj * 1_000_000 + min * 1000 + patch;
  const at = (a: number, b: number, c: number) => a * 1_000_000 + b * 1000 + c;
  if (key < at(1, 2, 0)) return ['dbs-v1.1.0']; // v1.0.0 printed the same (pre-1.2) layout
  if (key < at(1, 3, 0)) return ['dbs-v1.2.0'];
  if (key < at(1, 3, 3)) return ['dbs-v1.3.0'];
  if (key < at(1, 3, 5)) return ['dbs-v1.3.3'];
  if (key < at(1, 3, 6)) return ['dbs-v1.3.5', 'dbs-dev-2021'];
  if (key < at(1, 5, 0)) return ['dbs-v1.3.6', 'dbs-dev-2021'];
  // v1.6.1 and master still print 1.6.0; the titles of sections 5 and 7 tell them apart.
  if (key < at(1, 6, 0)) return ['dbs-v1.5.0'];
  if (key === at(1, 6, 0)) return ['dbs-v1.6.1', 'dbs-v1.5.0'];
  return ['dbs-v1.6.1'];
}

/** What numbering detection needs of one printed (id, title): its suffix, its key, the numberings that know it. */
interface CheckFacts {
  assessment: string | null;
  key: string;
  numberings: string[];
}

/**
 * Appended logs print the same ~120 (id, title) pairs run after run: splitting, normalising
 * and looking each one up once instead of per run makes numbering detection most of 2×
 * faster on a 100 MB log. Bounded: short titles only, cleared when full, so hostile input
 * cannot grow it.
 */
const checkFactsMemo = new Map<string, CheckFacts>();
const CHECK_FACTS_MEMO_SIZE = 4096;
const CHECK_FACTS_MEMO_TITLE = 512;

function checkFacts(id: string, title: string, catalogueById: Map<string, Set<string>>): CheckFacts {
  const memoKey = `${id}\u0000${title}`;
  const known = checkFactsMemo.get(memoKey);
  if (known !== undefined) return known;
  const parts = splitDbsTitle(title);
  const key = `${id}:${dbsTitleFingerprint(normalizeDbsTitle(parts.title))}`;
  const numberings: string[] = [];
  for (const [numbering, set] of catalogueById) if (set.has(key)) numberings.push(numbering);
  const facts = { assessment: parts.assessment, key, numberings };
  if (title.length <= CHECK_FACTS_MEMO_TITLE && id.length <= 64) {
    if (checkFactsMemo.size >= CHECK_FACTS_MEMO_SIZE) checkFactsMemo.clear();
    checkFactsMemo.set(memoKey, facts);
  }
  return facts;
}

export interface DbsNumberingDecision {
  benchmark: string | null;
  evidence: string;
}

/**
 * Decide the numbering (one of the `dbs-…` ids in src/model/benchmarks.ts) from the run's
 * (id, title) pairs and the printed version, following FORMATS.md §4.3 and §1 (version
 * strings lie; titles decide; the printed version only picks between numberings the
 * titles cannot tell apart, e.g. dbs-v1.3.6 vs dbs-v1.5.0 differ only in 3.20–3.22 titles).
 *
 * Titles may be given as printed (with suffixes) or already split; as printed is better,
 * because the assessment suffix style tells v1.3.5 from the 2021 dev builds.
 *
 * Every (id, title) pair is looked up in each numbering's catalogue; the numberings that
 * hold the most pairs win. Pairs a numbering does not know (forks' extra checks, cut-off
 * titles) simply do not count, so partial runs and modified forks still decide on what
 * they share with a release. Numberings tied on the titles agree on every pair the run
 * printed, so the tie is broken by the printed version, else the newest of them is taken.
 */
export function detectDbsNumbering(
  checks: readonly { id: string; title: string }[],
  printedVersion: string | null,
): DbsNumberingDecision {
  const catalogueById = fingerprints();
  let sawAutomated = false;
  let sawScored = false;
  let sawTitle = false;
  let sawUnsuffixed = false;
  const scores = new Map<string, number>(DBS_NUMBERINGS.map((n) => [n.id, 0]));
  const seen = new Set<string>();
  for (const check of checks) {
    if (check.id.length === 0 || check.title.length === 0) continue;
    const facts = checkFacts(check.id, check.title, catalogueById);
    sawTitle = true;
    if (facts.assessment === 'Automated' || facts.assessment === 'Manual') sawAutomated = true;
    else if (facts.assessment === 'Scored' || facts.assessment === 'Not Scored') sawScored = true;
    else if (!check.id.startsWith('C.')) sawUnsuffixed = true;
    if (seen.has(facts.key)) continue; // per-container repeats must not outweigh other checks
    seen.add(facts.key);
    for (const id of facts.numberings) scores.set(id, (scores.get(id) ?? 0) + 1);
  }
  // Suffix style: any (Automated)/(Manual) → v1.3.6+; only (Scored)/(Not Scored) → 2021 dev
  // builds (or a v1.3.6+ run showing only section 2); no suffix on any titled check → before
  // the Section A/B/C frame. It only narrows a tie: titles split before they reached us
  // carry no suffix and must not overrule the titles themselves.
  const observed: SuffixStyle | null = sawAutomated ? 'automated' : sawScored ? 'scored' : sawTitle && sawUnsuffixed ? 'none' : null;

  const byVersion = printedVersion === null ? [] : numberingsForVersion(printedVersion);
  const versionText = printedVersion === null ? 'no printed version' : `printed version ${printedVersion}`;
  const all = DBS_NUMBERINGS.map((n) => n.id);
  const best = Math.max(0, ...all.map((id) => scores.get(id) ?? 0));
  const total = seen.size;

  if (best === 0) {
    const fitting = byVersion.filter((id) => styleFits(SUFFIX_STYLE[id] ?? 'none', observed));
    const fallback = fitting[0] ?? byVersion[0] ?? null;
    if (fallback !== null) {
      return { benchmark: fallback, evidence: `no printed title matches a known numbering; chosen from the ${versionText}` };
    }
    return {
      benchmark: null,
      evidence: printedVersion === null
        ? 'no printed title matches a known numbering and no version was printed'
        : `no printed title matches a known numbering and the ${versionText} names none`,
    };
  }
  const byTitles = all.filter((id) => scores.get(id) === best);
  const byStyle = byTitles.filter((id) => styleFits(SUFFIX_STYLE[id] ?? 'none', observed));
  const tied = byStyle.length > 0 ? byStyle : byTitles;
  const matched = `${best} of ${total} printed (id, title) pairs`;
  if (tied.length === 1) {
    const how = byTitles.length === 1 ? 'titles decide' : `titles tie with ${byTitles.filter((id) => id !== tied[0]).join(', ')}; the assessment suffixes decide`;
    return { benchmark: tied[0]!, evidence: `${matched} match ${tied[0]} (${how}; ${versionText})` };
  }
  const byVersionInTie = byVersion.find((id) => tied.includes(id));
  if (byVersionInTie !== undefined) {
    return {
      benchmark: byVersionInTie,
      evidence: `${matched} match each of ${tied.join(', ')}; the ${versionText} picks ${byVersionInTie}`,
    };
  }
  const newest = tied[tied.length - 1]!;
  return {
    benchmark: newest,
    evidence: `${matched} match each of ${tied.join(', ')} (they agree on every printed check); ${versionText} does not decide, the newest is taken`,
  };
}

/** Titles docker-bench prints without an id (FORMATS.md §0.5). */
const IDLESS_TITLES: ReadonlySet<string> = new Set(['ensure that experimental features are not implemented in production']);

/**
 * The id of an id-less deprecated line (`[INFO] Ensure that experimental features are not
 * implemented in production (Scored) (Deprecated)` → `2.18` in v1.3.6+ numberings, `2.16`
 * in dbs-dev-2021). Null when the title is not a known id-less check. With an unknown
 * numbering the releases that print the line (v1.3.6 and later) decide.
 */
export function inferIdlessId(title: string, benchmark: string | null): string | null {
  const normalized = normalizeDbsTitle(title);
  if (!IDLESS_TITLES.has(normalized)) return null;
  const fingerprint = dbsTitleFingerprint(normalized);
  const lookIn = benchmark !== null && fingerprints().has(benchmark) ? benchmark : 'dbs-v1.6.1';
  for (const entry of fingerprints().get(lookIn) ?? []) {
    const colon = entry.lastIndexOf(':');
    if (entry.slice(colon + 1) === fingerprint) return entry.slice(0, colon);
  }
  return null;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Parse docker-bench's `Initializing …` / JSON epoch timestamps: ISO 8601 (UTC, `Z`) when
 * unambiguous (GNU date with offset, epoch seconds, C-locale `date` in UTC/GMT), else null
 * (other locales, zone abbreviations such as CET/EDT, offset-less busybox times) — callers
 * keep the raw text too.
 */
export function parseDbsTimestamp(raw: string): string | null {
  const text = raw.trim();
  if (text.length === 0 || text.length > 64) return null;
  // Epoch seconds (JSON `start`/`end`).
  if (/^\d{1,12}$/.test(text)) {
    const seconds = Number(text);
    return seconds > 0 ? iso(new Date(seconds * 1000)) : null;
  }
  // GNU `date +%Y-%m-%dT%H:%M:%S%:z`; without the offset (busybox) the zone is unknown.
  const gnu = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(Z|[+-]\d{2}:?\d{2})$/.exec(text);
  if (gnu !== null) {
    const [, y, mo, d, h, mi, s, zone] = gnu;
    if (!validFields(+y!, +mo!, +d!, +h!, +mi!, +s!)) return null;
    const offset = zone === 'Z' ? 'Z' : `${zone!.slice(0, 3)}:${zone!.slice(-2)}`;
    const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`);
    return Number.isNaN(date.getTime()) ? null : iso(date);
  }
  // C-locale `date`: `Wed Nov  6 10:00:00 UTC 2019`. Only UTC/GMT is unambiguous.
  const c = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (UTC|GMT) (\d{4})$/.exec(text);
  if (c !== null) {
    const [, mon, d, h, mi, s, , y] = c;
    const month = MONTHS.indexOf(mon!) + 1;
    if (month === 0 || !validFields(+y!, month, +d!, +h!, +mi!, +s!)) return null;
    return iso(new Date(Date.UTC(+y!, month - 1, +d!, +h!, +mi!, +s!)));
  }
  return null;
}

function validFields(y: number, mo: number, d: number, h: number, mi: number, s: number): boolean {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 60) return false;
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= daysInMonth;
}

function iso(date: Date): string {
  return date.toISOString().replace('.000Z', 'Z');
}

/**
 * Sections every docker-bench-security release prints in a full run, each with its header
 * even when it has nothing to check (section 5 without running containers says so under
 * its header). A run that prints some section headers but not all of these was told to run
 * only some checks (`-c container_images`, `-e`), so it assesses only part of the benchmark.
 */
const ALWAYS_PRINTED_SECTIONS = ['1', '2', '3', '4', '5', '6'];

/** Why a run with these section headers is a check selection; null when it is not one. */
export function selectionReason(sectionIds: readonly string[]): string | null {
  if (sectionIds.length === 0) return null;
  const printed = new Set(sectionIds);
  const missing = ALWAYS_PRINTED_SECTIONS.filter((id) => !printed.has(id));
  if (missing.length === 0) return null;
  const which = missing.length === 1 ? `section ${missing[0]} was` : `sections ${missing.join(', ')} were`;
  return `${which} not run (a -c or -e selection of checks): this run assesses only part of the benchmark`;
}
