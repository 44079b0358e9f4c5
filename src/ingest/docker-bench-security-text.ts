/**
 * docker/docker-bench-security text output: the `-l` log file and console captures, in all
 * three generations (T1 padded ids, T2 `id  - `, T3 `Section A/B/C`), with or without the
 * banner, ANSI colours and foreign stderr lines, and logs appended run after run.
 *
 * The parser is a small state machine over lines. It holds one run at a time and hands it
 * to the driver as soon as it ends (Score line, next run start, end of input), so memory
 * does not grow with the number of runs in a log. Layouts and quirks are described in
 * docs/formats/docker-bench-security-text.md.
 */
import { emptyResult, emptyRun, type RawStatus, type Result, type Run } from '../model/types.js';
import { stripAnsi } from './decode.js';
import { detectDbsNumbering, inferIdlessId, parseDbsTimestamp, selectionReason, splitDbsTitle } from './dbs-common.js';
import type { LineParser, Reader, ReaderContext } from './reader.js';

// Every pattern is anchored and has no nested or overlapping unbounded quantifiers, so each
// runs in linear time on hostile megabyte-long lines.
const TAGGED = /^\[(INFO|PASS|WARN|NOTE|info)\] ?/;
const CHECK = /^((?:\d{1,3}|C)(?:\.\d{1,3}){1,5})[ \t]+-(?:[ \t]|$)/;
const SECTION = /^(\d{1,3})[ \t]+-[ \t]/;
const DETAIL = /^[ \t]*\* ?/;
const TOTAL = /^(Checks|Score): (-?\d{1,9})[ \t]*$/;
const PHASE = /^Section ([ABC]) - /;
const INITIALIZING = /^Initializing(?: |$)/;
const BANNER = /^# Docker Bench for Security v?([^\s]{1,40})/;

/** Sub-group headers printed as `[INFO] 1.1 - <title>`; they carry no result. */
const GROUP_TITLES: ReadonlySet<string> = new Set([
  'Linux Hosts Specific Configuration',
  'General Configuration',
  'Universal Control Plane Configuration',
  'Docker Trusted Registry Configuration',
]);

/** Detail labels whose value is a list or a description, not one object (`* Users: a,b`). */
const NOT_AN_OBJECT = new Set(['users', 'doubtful users', 'there are currently', 'host listening on', 'using']);

const ROOT_WARNING = 'Some tests might require root to run';
const NO_CONTAINERS = 'No containers running, skipping Section 5';

export const dockerBenchSecurityText: Reader = {
  format: 'docker-bench-security-text',
  tool: 'docker-bench-security',
  description: 'a docker-bench-security text log or console capture',
  detect: detectDockerBenchSecurityText,
  start: (ctx) => new DbsTextParser(ctx),
};

/**
 * Content-only detection. docker-bench prints `id - title` after the tag, `[NOTE]`, an
 * `Initializing` line and (on the console) its banner; the aqua tools print `[FAIL]` and
 * no ` - ` after the id, so they score low here.
 */
export function detectDockerBenchSecurityText(head: string): number {
  let checkLines = 0;
  let strong = 0;
  let fail = 0;
  let scanned = 0;
  let start = 0;
  while (start < head.length && scanned < 2000) {
    let end = head.indexOf('\n', start);
    if (end < 0) end = head.length;
    const line = stripAnsi(head.slice(start, Math.min(end, start + 4096))).replace(/\r$/, '').trimStart();
    start = end + 1;
    scanned++;
    if (line.length === 0) continue;
    if (INITIALIZING.test(line) || BANNER.test(line) || PHASE.test(line)) strong++;
    else if (line.startsWith('[FAIL]')) fail++;
    else {
      const tag = TAGGED.exec(line);
      if (tag === null) continue;
      const body = line.slice(tag[0].length);
      if (CHECK.test(body) || SECTION.test(body)) checkLines++;
      else if (tag[1] === 'NOTE' || body.startsWith(ROOT_WARNING) || TOTAL.test(body)) strong++;
    }
  }
  if (checkLines === 0) return strong > 0 && fail === 0 ? 0.5 : 0;
  if (fail > checkLines) return 0.2;
  const score = 0.6 + Math.min(0.2, checkLines * 0.02) + Math.min(0.15, strong * 0.05);
  return Math.min(0.95, score);
}

/** What the parser knows about the run it is reading. */
interface RunState {
  run: Run;
  /** T3 phase: results in A, remediations in B, totals in C; null before T3 headings (T1/T2). */
  phase: 'A' | 'B' | 'C' | null;
  sawPhase: boolean;
  /** True from the banner until the Initializing line: both start the same run. */
  bannerOnly: boolean;
  section: { id: string; title: string } | null;
  group: string | null;
  last: Result | null;
  /** The INFO `x.y - title` line just read, which is a sub-group header if the next check is `x.y.z`. */
  maybeGroup: Result | null;
  /** Titles as printed (with suffixes), parallel to `run.results`, for numbering detection. */
  printedTitles: string[];
  /** Results printed without an id, resolved once the numbering is known. */
  idless: Result[];
  /** Section B lines by id, attached when the run ends (the id-less result is resolved then). */
  remediations: Map<string, { remediation: string; impact: string | null; line: number }>;
  lastLine: number;
  /** A shell error of a non-bash shell was already reported for this run. */
  shellErrorSeen: boolean;
}

/** What dash prints for each `[[ … ]]` test of docker-bench-security. */
const DASH_ERROR = '[[: not found';

class DbsTextParser implements LineParser {
  private state: RunState | null = null;
  /** Whether an earlier run of this input printed `Checks:` (so one that does not was cut off). */
  private earlierRunHadTotals = false;
  /** Line of the last `# ---…` rule, the first line of a banner. */
  private bannerRuleLine = 0;
  /** Items already listed per result, so a repeated detail line does not list its object twice. */
  private readonly itemsSeen = new WeakMap<Result, Set<string>>();

  constructor(private readonly ctx: ReaderContext) {}

  line(raw: string, lineNo: number): void {
    const text = stripAnsi(raw).trimStart();
    if (text.length === 0) return;
    if (text.includes(DASH_ERROR)) {
      // `docker-bench-security.sh: 212: [[: not found`: run with `sh`, which is dash on
      // Debian/Ubuntu; the checks that test with `[[ ]]` then report what they did not see.
      // Not a result; the analysis (caveat C-09) needs to know, once per run.
      if (this.state !== null && !this.state.shellErrorSeen) {
        this.state.shellErrorSeen = true;
        this.ctx.warn(lineNo, 'shell-not-bash', `the scanner ran under a shell without [[ ]] (it printed "${DASH_ERROR}"): the checks that use it may be wrong`);
      }
      return;
    }

    if (text.startsWith('# ---')) {
      this.bannerRuleLine = lineNo;
      return;
    }
    const banner = BANNER.exec(text);
    if (banner !== null) {
      this.finish();
      // The run starts at the dashed rule printed just above the version line.
      this.state = this.newRun(this.bannerRuleLine === lineNo - 1 ? this.bannerRuleLine : lineNo);
      this.state.bannerOnly = true;
      this.state.run.toolVersion = banner[1]!;
      return;
    }
    if (INITIALIZING.test(text)) {
      if (this.state === null || !this.state.bannerOnly) {
        this.finish();
        this.state = this.newRun(lineNo);
      }
      const s = this.state;
      s.bannerOnly = false;
      const when = text.slice('Initializing'.length).trim();
      s.run.startedAtRaw = when.length > 0 ? when : null;
      s.run.startedAt = when.length > 0 ? parseDbsTimestamp(when) : null;
      s.lastLine = lineNo;
      return;
    }
    const phase = PHASE.exec(text);
    if (phase !== null) {
      const letter = phase[1] as 'A' | 'B' | 'C';
      // A second Section A without an Initializing line in between is a new run.
      if (this.state === null || (letter === 'A' && this.state.sawPhase)) {
        this.finish();
        this.state = this.newRun(lineNo);
      }
      this.closeMaybeGroup();
      this.state.phase = letter;
      this.state.sawPhase = true;
      this.state.section = null;
      this.state.group = null;
      this.state.last = null;
      this.state.lastLine = lineNo;
      return;
    }

    const tag = TAGGED.exec(text);
    if (tag === null) return; // banner text, shell prompts, Docker CLI warnings, prose: not ours
    const status = tag[1]!.toUpperCase() as RawStatus;
    const body = text.slice(tag[0].length);
    this.tagged(status, body, lineNo);
  }

  end(): void {
    this.finish();
  }

  private tagged(status: RawStatus, body: string, lineNo: number): void {
    if (DETAIL.test(body)) {
      this.detail(body.replace(DETAIL, '').trim(), lineNo);
      return;
    }
    const check = CHECK.exec(body);
    if (check !== null) {
      this.checkLine(status, check[1]!, body.slice(check[0].length).trim(), lineNo);
      return;
    }
    const section = SECTION.exec(body);
    if (section !== null) {
      this.sectionHeader(section[1]!, body.slice(section[0].length).trim(), lineNo);
      return;
    }
    const total = TOTAL.exec(body);
    if (total !== null) {
      this.total(total[1] as 'Checks' | 'Score', Number(total[2]), lineNo);
      return;
    }
    const trimmed = body.trim();
    if (trimmed.startsWith(ROOT_WARNING)) {
      // Not a result, but the analysis needs it: without root, file and audit checks see less.
      this.ctx.warn(lineNo, 'requires-root', 'the scanner ran without root ("Some tests might require root to run"): file, audit and process checks may have seen less than they report');
      return;
    }
    if (trimmed.length === 0) return;
    this.idlessLine(status, trimmed, lineNo);
  }

  private checkLine(status: RawStatus, id: string, printed: string, lineNo: number): void {
    const s = this.state;
    if (s !== null && s.phase === 'B') {
      this.remediationLine(s, id, printed, lineNo);
      return;
    }
    if (s !== null && s.phase === 'C') return;
    const state = this.current(lineNo);
    const previous = state.maybeGroup;
    state.maybeGroup = null;
    if (previous !== null && id.startsWith(`${previous.id}.`)) this.demoteToGroup(state, previous);

    const parts = splitDbsTitle(printed);
    const isGroupHeader = GROUP_TITLES.has(parts.title) && /^\d{1,3}\.\d{1,3}$/.test(id);
    if (isGroupHeader) {
      state.group = id;
      state.last = null;
      state.lastLine = lineNo;
      return;
    }
    // v1.3.6+ 1.1.12 repeats its id at the start of the title.
    const title = parts.title.startsWith(`${id} `) ? parts.title.slice(id.length + 1).trim() : parts.title;
    const result = emptyResult(id, status, title, { line: lineNo });
    result.assessment = parts.assessment;
    result.runtimeSuffixes = parts.runtimeSuffixes;
    result.section = state.section !== null && id.startsWith(`${state.section.id}.`) ? state.section.id : sectionOf(id);
    result.group = state.group !== null && id.startsWith(`${state.group}.`) ? state.group : null;
    this.push(state, result, printed, lineNo);
    if (status === 'INFO' && /^\d{1,3}\.\d{1,3}$/.test(id)) state.maybeGroup = result;
  }

  private idlessLine(status: RawStatus, body: string, lineNo: number): void {
    const s = this.state;
    if (s !== null && s.phase !== null && s.phase !== 'A') return;
    const parts = splitDbsTitle(body);
    const known = inferIdlessId(body, null) !== null;
    const looksLikeCheck = parts.assessment !== null || parts.runtimeSuffixes.length > 0;
    if (!known && !looksLikeCheck) {
      this.ctx.warn(lineNo, 'dbs-line-without-id', `a ${status} line without a check id is not a result and was skipped: "${clip(body)}"`);
      return;
    }
    const state = this.current(lineNo);
    this.closeMaybeGroup();
    const result = emptyResult('', status, parts.title, { line: lineNo });
    result.assessment = parts.assessment;
    result.runtimeSuffixes = parts.runtimeSuffixes;
    result.section = state.section?.id ?? null;
    result.group = null;
    this.push(state, result, body, lineNo);
    if (known) state.idless.push(result);
    else this.ctx.warn(lineNo, 'dbs-idless-unresolved', `a check printed without an id could not be identified from its title: "${clip(parts.title)}"`);
  }

  private push(state: RunState, result: Result, printed: string, lineNo: number): void {
    state.run.results.push(result);
    state.printedTitles.push(printed);
    state.last = result;
    state.lastLine = lineNo;
  }

  /** The INFO `x.y` line before an `x.y.z` check was a sub-group header printed with an unknown title. */
  private demoteToGroup(state: RunState, header: Result): void {
    if (state.run.results[state.run.results.length - 1] !== header || header.details.length > 0) return;
    state.run.results.pop();
    state.printedTitles.pop();
    state.group = header.id;
  }

  private closeMaybeGroup(): void {
    if (this.state !== null) this.state.maybeGroup = null;
  }

  private sectionHeader(id: string, title: string, lineNo: number): void {
    const s = this.state;
    if (s !== null && s.phase === 'B') return; // Section B repeats the headers of Section A
    if (s !== null && s.phase === 'C') return;
    // A section that is not after the current one (`1` again after `7`) starts a new run:
    // two write-ups quoted back to back, or an appended log missing its Initializing line.
    if (s !== null && s.run.results.length > 0 && s.section !== null && Number(id) <= Number(s.section.id)) {
      this.finish();
    }
    const state = this.current(lineNo);
    this.closeMaybeGroup();
    state.section = { id, title };
    state.group = null;
    state.last = null;
    state.lastLine = lineNo;
    if (!state.run.sections.some((x) => x.id === id)) state.run.sections.push({ id, title });
  }

  private detail(text: string, lineNo: number): void {
    const s = this.state;
    if (s === null) return;
    if (text.startsWith(NO_CONTAINERS)) {
      if (!s.run.sections.some((x) => x.id === '5')) s.run.sections.push({ id: '5', title: 'Container Runtime' });
      this.ctx.warn(lineNo, 'no-running-containers', 'no containers were running, so section 5 (container runtime) was skipped');
      s.last = null;
      s.lastLine = lineNo;
      return;
    }
    if (s.last === null || s.phase === 'B' || s.phase === 'C') return; // e.g. "Community Engine license, skipping section 8"
    s.maybeGroup = null;
    s.last.details.push(text);
    const item = objectNamed(text);
    if (item.length > 0) {
      // An object printed twice (two image ids with the same tags, a container publishing
      // several ports on 0.0.0.0) is one item, as the JSON reader keeps it: the details keep
      // every line. A set per result keeps this linear on a result with thousands of lines.
      let seen = this.itemsSeen.get(s.last);
      if (seen === undefined) {
        seen = new Set(s.last.items);
        this.itemsSeen.set(s.last, seen);
      }
      for (const x of item) {
        if (seen.has(x)) continue;
        seen.add(x);
        s.last.items.push(x);
      }
    }
    s.lastLine = lineNo;
  }

  private remediationLine(state: RunState, id: string, text: string, lineNo: number): void {
    let remediation = text;
    let impact: string | null = null;
    const marker = text.includes(' Remediation Impact: ') ? ' Remediation Impact: ' : text.includes(' Impact: ') ? ' Impact: ' : null;
    if (marker !== null) {
      const at = text.indexOf(marker);
      remediation = text.slice(0, at).trim();
      impact = text.slice(at + marker.length).trim();
    }
    state.remediations.set(id, { remediation, impact, line: lineNo });
    state.lastLine = lineNo;
  }

  private total(kind: 'Checks' | 'Score', value: number, lineNo: number): void {
    const s = this.state;
    if (s === null) return;
    s.run.totals = { ...(s.run.totals ?? {}), [kind === 'Checks' ? 'checks' : 'score']: value };
    s.last = null;
    s.lastLine = lineNo;
    if (kind === 'Score') this.finish(); // nothing of this run follows its score
  }

  /** The run being read, starting one when a result appears outside any run. */
  private current(lineNo: number): RunState {
    if (this.state === null) this.state = this.newRun(lineNo);
    this.state.bannerOnly = false;
    return this.state;
  }

  private newRun(lineNo: number): RunState {
    const run = emptyRun('docker-bench-security');
    run.lines = { first: lineNo, last: lineNo };
    return {
      run,
      phase: null,
      sawPhase: false,
      bannerOnly: false,
      section: null,
      group: null,
      last: null,
      maybeGroup: null,
      printedTitles: [],
      idless: [],
      remediations: new Map(),
      lastLine: lineNo,
      shellErrorSeen: false,
    };
  }

  /** Complete the current run and hand it to the driver. */
  private finish(): void {
    const s = this.state;
    this.state = null;
    if (s === null) return;
    const run = s.run;
    run.lines = { first: run.lines?.first ?? s.lastLine, last: s.lastLine };

    const printed = run.results.map((r, i) => ({ id: r.id, title: s.printedTitles[i] ?? r.title }));
    const decision = detectDbsNumbering(printed, run.toolVersion);
    run.benchmark = decision.benchmark;
    run.benchmarkEvidence = decision.evidence;
    for (const r of s.idless) {
      const id = inferIdlessId(r.title, run.benchmark);
      if (id !== null) {
        r.id = id;
        r.idInferred = true;
        r.section = sectionOf(id);
      }
    }

    // Results by id, built once: filtering the results per remediation line was quadratic
    // (a 2.7 MB run with 60,000 checks and their Section B lines took 17 s).
    const byId = new Map<string, Result[]>();
    for (const r of run.results) {
      const same = byId.get(r.id);
      if (same) same.push(r);
      else byId.set(r.id, [r]);
    }
    for (const [id, rem] of s.remediations) {
      const targets = byId.get(id) ?? [];
      if (targets.length === 0) {
        this.ctx.warn(rem.line, 'dbs-remediation-without-result', `Section B gives a remediation for ${id}, but no result ${id} was printed in Section A`);
      }
      for (const r of targets) {
        r.remediation = rem.remediation;
        r.remediationImpact = rem.impact;
      }
    }

    if (run.results.length > 0) {
      const reasons = partialReasons(s, this.earlierRunHadTotals);
      run.partial = reasons.length > 0;
      run.partialReasons = reasons;
    }
    if (run.totals?.checks !== undefined) this.earlierRunHadTotals = true;
    this.ctx.emitRun(run);
  }
}

/** Why a run is known to be incomplete. Conservative: complete real runs give none. */
function partialReasons(s: RunState, earlierRunHadTotals: boolean): string[] {
  const run = s.run;
  const reasons: string[] = [];
  if (run.sections.length === 0) {
    reasons.push('no section headers were printed: only selected checks are present (a `-c` selection or an excerpt)');
  }
  // The tool prints every section's header before its results, so results of a section whose
  // header is missing (while other headers are there) mean lines were cut: a write-up that
  // quotes the start of a run and then `<snip>`s to a few lines of later sections.
  if (run.sections.length > 0) {
    const headed = new Set(run.sections.map((x) => x.id));
    const headless = [...new Set(run.results.map((r) => r.section).filter((x): x is string => x !== null && !headed.has(x)))];
    if (headless.length > 0) {
      const list = headless.join(', ');
      reasons.push(`results of section${headless.length > 1 ? 's' : ''} ${list} are present without the section header the tool prints before them: lines were cut (an excerpt)`);
    }
  }
  const checks = run.totals?.checks;
  if (s.sawPhase && checks === undefined) {
    reasons.push('the run stops before Section C (Checks/Score): it was cut off');
  } else if (!s.sawPhase && checks === undefined && earlierRunHadTotals) {
    reasons.push('the run has no Checks/Score lines although earlier runs in this log do: it was cut off');
  }
  // Every release prints sections 1 to 6 (7 and 8 from v1.3), even with no running
  // containers; only the Checks/Score lines (from 2018) would tell a cut run otherwise. So a
  // run without them whose last section is before 6 was cut off, or only some sections ran.
  if (checks === undefined && !s.sawPhase && run.sections.length > 0) {
    const last = Math.max(...run.sections.map((x) => Number(x.id)));
    if (last < 6) {
      reasons.push(`the run ends in section ${last} and prints no Checks/Score line, although the tool prints sections 1 to 6 in every release: it was cut off, or only some sections were selected`);
    }
  }
  // A run that was not cut off but left whole sections out ran a selection of checks.
  if (reasons.length === 0) {
    const selection = selectionReason(run.sections.map((x) => x.id));
    if (selection !== null) reasons.push(selection);
  }
  if (checks !== undefined && run.results.length * 2 < checks) {
    reasons.push(`only ${run.results.length} results are present for the ${checks} checks the tool counted`);
  }
  return reasons;
}

/** Top-level section of a check id: `5.10` → `5`, community `C.2` → `99`. */
function sectionOf(id: string): string | null {
  if (id.length === 0) return null;
  const first = id.split('.', 1)[0]!;
  return first === 'C' ? '99' : first;
}

/**
 * The object a detail line names, when it names exactly one: `Running as root: web` →
 * `web`, `No Healthcheck found: [nginx:latest]` → `nginx:latest`, `Unencrypted overlay
 * network: net1 (swarm)` → `net1`. Lists and descriptions (`Users: a,b`, `Using 24.0.7`,
 * `There are currently: 4 images`) name no single object.
 */
export function objectNamed(detail: string): string[] {
  const colon = detail.lastIndexOf(': ');
  if (colon <= 0) return [];
  const label = detail.slice(0, colon).trim().toLowerCase();
  if (NOT_AN_OBJECT.has(label)) return [];
  let value = detail.slice(colon + 2).trim();
  if (value.length === 0 || value.length > 512) return [];
  if (value.startsWith('[') && value.endsWith(']')) {
    // One image, printed as its list of tags: `[app:1.0 app:latest]`.
    return value.slice(1, -1).split(/\s+/).filter((t) => t.length > 0);
  }
  const scoped = /^(\S+) \(\w{1,20}\)$/.exec(value);
  if (scoped !== null) value = scoped[1]!;
  // `Privileged Port in use: 104 in web`, `Port being bound to wildcard IP: 0.0.0.0 in web`:
  // the JSON output names these `<container>:<value>`.
  const inContainer = /^(\S+) in (\S+)$/.exec(value);
  if (inContainer !== null) value = `${inContainer[2]}:${inContainer[1]}`;
  // `Capabilities added: CapAdd=[NET_ADMIN SYS_ADMIN] to web`: the JSON output lists the container.
  const capabilitiesTo = label === 'capabilities added' ? /^CapAdd=.* to (\S+)$/.exec(value) : null;
  if (capabilitiesTo !== null) value = capabilitiesTo[1]!;
  if (/\s/.test(value)) return [];
  return [value];
}

function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
