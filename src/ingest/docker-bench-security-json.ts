/**
 * Reader for the JSON file docker/docker-bench-security writes next to its text log
 * (`docker-bench-security.sh.log.json`, `log/docker-bench-security.log.json`).
 *
 * Three layouts exist (docs/formats/docker-bench-security-json.md):
 * - J1, flat (untagged "1.3.4" builds, 2017-10 … 2018-10): `"<id>": "<STATUS>[: detail]"`
 *   members, the same key repeated once per object the check looked at;
 * - J2, compact, and J3, pretty (2018-10 on): `tests[]` sections holding `results[]`.
 *
 * The file is hand-built with printf and never escaped, so it is read with the lenient
 * parser in `lenient-json.ts`, which keeps duplicate keys and line numbers and repairs the
 * known damage; every repair becomes a warning with its line. What cannot be read is an
 * InputError naming the file, the line and what was expected.
 */
import { InputError } from '../model/errors.js';
import {
  emptyResult,
  emptyRun,
  RAW_STATUSES,
  type RawStatus,
  type Result,
  type Run,
  type ToolTotals,
} from '../model/types.js';
import { detectDbsNumbering, parseDbsTimestamp, selectionReason, splitDbsTitle } from './dbs-common.js';
import {
  describeKind,
  memberOf,
  parseLenientJson,
  stringMember,
  type JsonArray,
  type JsonObject,
  type JsonValue,
} from './lenient-json.js';
import type { LineParser, Reader, ReaderContext } from './reader.js';

const DESCRIPTION = 'a docker-bench-security JSON file (docker-bench-security.log.json)';
const EXPECTED_SHAPE =
  'expected docker-bench-security JSON: an object with "dockerbenchsecurity" and "tests" (sections holding "results"), or the flat 2017-18 layout with check ids as keys';

/** A check id as docker-bench prints it: `1.1`, `2.13`, `1.1.12`, `C.1`, `C.5.3.1`. */
const CHECK_ID = /^(?:\d{1,3}|C)(?:\.\d{1,3}){1,4}$/;
/** Keys of the run object that are not checks. */
const TOTAL_KEYS = ['checks', 'score', 'pass', 'fail', 'warn', 'info'] as const;
/** Non-blank lines before the first `{` we accept (a stray shell message); more means it is not our file. */
const MAX_STRAY_LINES_FOR_DETECTION = 5;
/** How many stray lines are reported one by one before the rest are only counted. */
const STRAY_LINES_REPORTED = 3;

export const dockerBenchSecurityJson: Reader = {
  format: 'docker-bench-security-json',
  tool: 'docker-bench-security',
  description: DESCRIPTION,
  detect: detectDockerBenchSecurityJson,
  start(ctx: ReaderContext): LineParser {
    // JSON needs the whole document; the file is overwritten per run, so it stays small.
    const lines: string[] = [];
    return {
      line(text: string) {
        lines.push(text);
      },
      end() {
        readDocument(lines, ctx);
      },
    };
  },
};

/**
 * Content-based detection. `"dockerbenchsecurity"` near the start of a JSON document is
 * certain; `tests` + `desc` + `result` keys are likely. The aqua docker-bench and kube-bench
 * JSON carry `test_number`/`test_desc`/`status`/`Controls` instead, so they score 0 here.
 */
export function detectDockerBenchSecurityJson(head: string): number {
  const start = firstJsonLineOffset(head);
  if (start === null) return 0;
  const stray = start.strayLines > 0;
  if (/"(?:test_number|test_desc|Controls|node_type)"/.test(head)) return 0;
  if (head.slice(start.offset, start.offset + 4096).includes('"dockerbenchsecurity"')) return stray ? 0.8 : 1;
  if (/"tests"\s{0,16}:/.test(head) && /"desc"\s{0,16}:/.test(head) && /"result"\s{0,16}:/.test(head)) return stray ? 0.5 : 0.6;
  return 0;
}

/**
 * Where the JSON starts: the first line whose first non-blank character is `{` or `[`,
 * allowing a few stray lines before it (never Markdown, which has its own reader).
 */
function firstJsonLineOffset(head: string): { offset: number; strayLines: number } | null {
  let pos = 0;
  let strayLines = 0;
  while (pos < head.length) {
    const nl = head.indexOf('\n', pos);
    const end = nl < 0 ? head.length : nl;
    const text = head.slice(pos, Math.min(end, pos + 256)).trimStart();
    if (text.startsWith('{') || text.startsWith('[')) return { offset: pos, strayLines };
    if (text.length > 0) {
      if (text.startsWith('```') || text.startsWith('~~~') || text.startsWith('#')) return null;
      strayLines++;
      if (strayLines > MAX_STRAY_LINES_FOR_DETECTION) return null;
    }
    if (nl < 0) break;
    pos = nl + 1;
  }
  return null;
}

/** Parse the collected lines and emit one run per docker-bench run object. */
function readDocument(lines: readonly string[], ctx: ReaderContext): void {
  const first = lines.findIndex((l) => {
    const t = l.trimStart();
    return t.startsWith('{') || t.startsWith('[');
  });
  if (first < 0) {
    const nonBlank = lines.findIndex((l) => l.trim().length > 0);
    throw new InputError(`no JSON object or array in the input; ${EXPECTED_SHAPE}`, {
      file: ctx.file,
      line: nonBlank < 0 ? null : nonBlank + 1,
    });
  }
  reportStrayLines(lines, first, ctx);

  const parsed = parseLenientJson(lines.slice(first).join('\n'), { file: ctx.file, firstLine: first + 1 });
  for (const r of parsed.repairs) ctx.warn(r.line, r.code, r.message);
  if (parsed.droppedRepairs > 0) {
    ctx.warn(null, 'json-repairs-truncated', `${parsed.droppedRepairs} more JSON repairs were made but not listed`);
  }
  if (parsed.trailing !== null) {
    ctx.warn(parsed.trailing.line, 'json-trailing-text', `text after the end of the JSON is ignored: "${parsed.trailing.text}"`);
  }

  // Run objects in file order: the document itself, the elements of a top-level array of
  // runs (2021-03 dev builds), and any run appended after the first.
  const candidates: { obj: JsonObject; path: string }[] = [];
  parsed.values.forEach((value, valueIndex) => {
    if (value.kind === 'object') candidates.push({ obj: value, path: '$' });
    else if (value.kind === 'array') {
      value.items.forEach((item, i) => {
        if (item.kind === 'object') candidates.push({ obj: item, path: `$[${i}]` });
        else ctx.warn(item.line, 'json-not-a-run', `element ${i} of the top-level array is ${describeKind(item)}, not a run object; it is ignored`);
      });
    }
    if (valueIndex > 0) ctx.warn(value.line, 'json-concatenated', 'another JSON value follows the first one (an appended run?); it is read as well');
  });

  let runs = 0;
  for (const { obj, path } of candidates) {
    if (!looksLikeRun(obj)) {
      if (runs === 0 && obj === candidates[0]!.obj) {
        const keys = obj.members.slice(0, 6).map((m) => m.key);
        const found = keys.length === 0 ? 'an empty object' : `an object with keys ${keys.join(', ')}`;
        if (parsed.truncated) {
          throw new InputError(`invalid JSON: the input ends inside an unfinished value, and what was read (${found}) is not docker-bench-security output; ${EXPECTED_SHAPE}`, {
            file: ctx.file,
            line: obj.endLine,
          });
        }
        throw new InputError(`this is JSON but not docker-bench-security output (${found}); ${EXPECTED_SHAPE}`, { file: ctx.file, line: obj.line });
      }
      ctx.warn(obj.line, 'json-not-a-run', `the object at ${path} is not a docker-bench-security run; it is ignored`);
      continue;
    }
    ctx.emitRun(new RunBuilder(obj, path, ctx).build());
    runs++;
  }
}

function reportStrayLines(lines: readonly string[], first: number, ctx: ReaderContext): void {
  let stray = 0;
  for (let i = 0; i < first; i++) {
    const text = lines[i]!.trim();
    if (text.length === 0) continue;
    stray++;
    if (stray <= STRAY_LINES_REPORTED) ctx.warn(i + 1, 'json-stray-line', `a line that is not JSON, before the JSON starts, is skipped: "${clip(text)}"`);
  }
  if (stray > STRAY_LINES_REPORTED) {
    ctx.warn(null, 'json-stray-line', `${stray - STRAY_LINES_REPORTED} more non-JSON lines before the JSON were skipped`);
  }
}

function looksLikeRun(obj: JsonObject): boolean {
  return obj.members.some((m) => m.key === 'dockerbenchsecurity' || (m.key === 'tests' && m.value.kind === 'array') || CHECK_ID.test(m.key));
}

/** Builds one `Run` from a run object (J1, J2 or J3). */
class RunBuilder {
  private readonly run: Run = emptyRun('docker-bench-security');
  private readonly totals: ToolTotals = {};
  private hasTotals = false;
  /** Titles as printed (with the CIS suffix), for numbering detection. */
  private readonly printedTitles: { id: string; title: string }[] = [];
  /** J1: results by id, so repeated keys join their first result. */
  private readonly flatById = new Map<string, { result: Result; count: number }>();
  private flatStatusConflicts = 0;
  private firstFlatDuplicateLine: number | null = null;
  private readonly unknownKeys = new Map<string, { line: number; count: number }>();
  private itemsTruncated: { line: number; count: number } | null = null;
  private readonly itemSets = new Map<Result, Set<string>>();

  constructor(
    private readonly obj: JsonObject,
    private readonly path: string,
    private readonly ctx: ReaderContext,
  ) {}

  build(): Run {
    const run = this.run;
    run.lines = { first: this.obj.line, last: this.obj.endLine };
    for (const m of this.obj.members) this.topLevelMember(m.key, m.line, m.value);
    this.finishFlat();
    this.reportUnknownKeys();
    if (this.itemsTruncated !== null) {
      const { line, count } = this.itemsTruncated;
      this.ctx.warn(
        line,
        'json-items-truncated',
        `the item lists of ${count === 1 ? 'a result were' : `${count} results were`} cut by docker-bench's -n option (a "(truncated)" item, added even when nothing was cut); the lists may be incomplete`,
      );
    }
    if (!this.obj.closed) {
      this.markPartial(
        `the JSON ends before the run is complete (line ${this.obj.endLine}): an interrupted run, a truncated copy, or -c without a section's closing check; what was read is kept`,
      );
    }
    if (!run.partial) {
      const selection = selectionReason(run.sections.map((x) => x.id));
      if (selection !== null) this.markPartial(selection);
    }
    run.totals = this.hasTotals ? this.totals : null;
    const decision = detectDbsNumbering(this.printedTitles, run.toolVersion);
    run.benchmark = decision.benchmark;
    run.benchmarkEvidence = decision.evidence;
    return run;
  }

  private topLevelMember(key: string, line: number, value: JsonValue): void {
    const run = this.run;
    switch (key) {
      case 'dockerbenchsecurity':
        run.toolVersion = scalarText(value);
        return;
      case 'start':
        run.startedAtRaw = scalarText(value);
        run.startedAt = run.startedAtRaw === null ? null : parseDbsTimestamp(run.startedAtRaw);
        return;
      case 'end':
        run.endedAtRaw = scalarText(value);
        run.endedAt = run.endedAtRaw === null ? null : parseDbsTimestamp(run.endedAtRaw);
        return;
      case 'tests':
        if (value.kind === 'array') this.tests(value);
        else this.ctx.warn(line, 'json-unexpected-shape', `"tests" is ${describeKind(value)}, not an array; it is ignored`);
        return;
      case 'note':
        // Counted in the 2021-03 dev builds' totals; the model has no NOTE total.
        return;
      default:
        if ((TOTAL_KEYS as readonly string[]).includes(key)) {
          this.total(key as (typeof TOTAL_KEYS)[number], line, value);
          return;
        }
        if (CHECK_ID.test(key)) {
          this.flatEntry(key, line, value);
          return;
        }
        this.unknownKey(key, line);
    }
  }

  private total(key: (typeof TOTAL_KEYS)[number], line: number, value: JsonValue): void {
    if (value.kind !== 'number' || !Number.isInteger(value.value)) {
      this.ctx.warn(line, 'json-unexpected-shape', `"${key}" is ${describeKind(value)}, not a whole number; it is ignored`);
      return;
    }
    const field = key === 'checks' ? 'checks' : key;
    this.totals[field] = value.value;
    this.hasTotals = true;
  }

  private unknownKey(key: string, line: number): void {
    const seen = this.unknownKeys.get(key);
    if (seen) seen.count++;
    else this.unknownKeys.set(key, { line, count: 1 });
  }

  private reportUnknownKeys(): void {
    if (this.unknownKeys.size === 0) return;
    const list = [...this.unknownKeys].slice(0, 8).map(([k, v]) => (v.count > 1 ? `${clip(k)} (${v.count} times)` : clip(k)));
    const more = this.unknownKeys.size > 8 ? ` and ${this.unknownKeys.size - 8} more` : '';
    const line = Math.min(...[...this.unknownKeys.values()].map((v) => v.line));
    this.ctx.warn(line, 'json-unknown-key', `keys that are neither check ids nor docker-bench header keys are ignored: ${list.join(', ')}${more}`);
  }

  private markPartial(reason: string): void {
    this.run.partial = true;
    if (!this.run.partialReasons.includes(reason)) this.run.partialReasons.push(reason);
  }

  // ---- J1: flat layout ------------------------------------------------------------------

  /**
   * One `"<id>": "<value>"` member of the flat layout. The script wrote the key once for
   * the check and once more per object it found (`"5.1": "WARN: web", "5.1": "WARN: db"`),
   * the JSON twin of a text check line followed by its `* …` detail lines; modified forks
   * also repeat whole blocks per container. So an id is ONE result: its status is that of
   * the first value, and every later value is kept as a detail (and, in sections 4 and 5,
   * an item). This is also how the independent corpus count (EXPECTED.tsv) counts these
   * files: 72 results for thogie-dbs-1.3.4-Outputfile.json, whose 76 id keys repeat 4.6 and
   * 4.9; `Checks: 73` there is the script's own counter, which counts some checks twice.
   */
  private flatEntry(id: string, line: number, value: JsonValue): void {
    const text = scalarText(value);
    if (text === null) {
      this.ctx.warn(line, 'json-unexpected-shape', `the value of check ${id} is ${describeKind(value)}, not a string; it is ignored`);
      return;
    }
    const { status, detail } = splitFlatValue(text);
    const isItemSection = id.startsWith('4.') || id.startsWith('5.');
    const seen = this.flatById.get(id);
    if (seen === undefined) {
      const result = emptyResult(id, status, '', { line, jsonPath: `${this.path}['${id}']` });
      result.section = sectionOf(id);
      result.group = groupOf(id);
      if (detail !== null) {
        result.details.push(detail);
        if (isItemSection) result.items.push(...flatItems(detail));
      }
      this.run.results.push(result);
      this.flatById.set(id, { result, count: 1 });
      return;
    }
    seen.count++;
    this.firstFlatDuplicateLine ??= line;
    const result = seen.result;
    if (status !== result.status) {
      // A later value with another status (per-container blocks of a fork): keep it visible.
      this.flatStatusConflicts++;
      result.details.push(detail === null ? status : `${status}: ${detail}`);
    } else if (detail !== null) {
      result.details.push(detail);
    }
    if (detail !== null && isItemSection) {
      this.addItems(result, flatItems(detail));
    }
  }

  private finishFlat(): void {
    const repeated = [...this.flatById.values()].filter((e) => e.count > 1);
    if (repeated.length === 0) return;
    const examples = repeated.slice(0, 5).map((e) => `${e.result.id} ×${e.count}`).join(', ');
    this.ctx.warn(
      this.firstFlatDuplicateLine,
      'json-duplicate-key',
      `${repeated.length} check ${repeated.length === 1 ? 'id appears' : 'ids appear'} more than once (${examples}${repeated.length > 5 ? ', …' : ''}): each id is one result with the status of its first value; later values are kept as its details and items`,
    );
    if (this.flatStatusConflicts > 0) {
      this.ctx.warn(
        this.firstFlatDuplicateLine,
        'json-duplicate-key-status',
        `${this.flatStatusConflicts} repeated ${this.flatStatusConflicts === 1 ? 'value has' : 'values have'} another status than the first value of the same id (per-container checks of a modified script?); they are kept as details prefixed with their status`,
      );
    }
  }

  // ---- J2 / J3: sections and results ----------------------------------------------------

  private tests(arr: JsonArray): void {
    let bare = false;
    arr.items.forEach((item, k) => {
      const path = `${this.path}.tests[${k}]`;
      if (item.kind !== 'object') {
        this.ctx.warn(item.line, 'json-unexpected-shape', `${path} is ${describeKind(item)}, not a section; it is ignored`);
        return;
      }
      const results = memberOf(item, 'results');
      if (results !== undefined) {
        this.section(item, results.value, path);
        return;
      }
      if (memberOf(item, 'result') !== undefined || memberOf(item, 'id') !== undefined) {
        // `-c check_2_15` alone: the result sits in tests[] without its section (Q-J4).
        bare = true;
        const result = this.result(item, null, path, null);
        if (result !== null) this.run.results.push(result);
        return;
      }
      this.ctx.warn(item.line, 'json-unexpected-shape', `${path} is neither a section (no "results") nor a result (no "result"); it is ignored`);
    });
    if (bare) {
      this.markPartial('a -c selection of single checks: results sit directly in "tests" without their sections, so only the selected checks ran');
    }
  }

  private section(obj: JsonObject, resultsValue: JsonValue, path: string): void {
    const id = stringMember(obj, 'id') ?? scalarOrNull(memberOf(obj, 'id')?.value);
    const title = stringMember(obj, 'desc');
    if (id !== null) this.run.sections.push({ id, title: oneLine(title ?? '') });
    // `-c check_2,check_2_1` without `check_2_end` leaves `results` unclosed, and the run's
    // closing `], "checks": …` then lands inside the section object (Q-J6).
    for (const m of obj.members) {
      if (m.key === 'checks' || m.key === 'score' || m.key === 'end' || m.key === 'start') {
        this.ctx.warn(m.line, 'json-misplaced-key', `"${m.key}" sits inside the section at ${path} (an unclosed "results" array); it is read as the run's`);
        this.topLevelMember(m.key, m.line, m.value);
      }
    }
    if (resultsValue.kind !== 'array') {
      this.ctx.warn(resultsValue.line, 'json-unexpected-shape', `${path}.results is ${describeKind(resultsValue)}, not an array; the section is ignored`);
      return;
    }
    let previous: Result | null = null;
    resultsValue.items.forEach((item, j) => {
      const result = this.result(item, id, `${path}.results[${j}]`, previous);
      if (result !== null) {
        this.run.results.push(result);
        previous = result;
      }
    });
  }

  /**
   * One result object. Returns null when it was merged into `previous` (a 7.4 fragment) or
   * could not be used.
   */
  private result(value: JsonValue, sectionId: string | null, path: string, previous: Result | null): Result | null {
    if (value.kind !== 'object') {
      this.ctx.warn(value.line, 'json-unexpected-shape', `${path} is ${describeKind(value)}, not a result object; it is ignored`);
      return null;
    }
    const obj = value;
    let id = stringMember(obj, 'id') ?? scalarOrNull(memberOf(obj, 'id')?.value);
    let idInferred = false;
    const statusText = stringMember(obj, 'result');
    if (id === null || id.length === 0) {
      if (statusText === null) {
        this.ctx.warn(obj.line, 'json-result-without-id', `${path} has neither an id nor a result; it is ignored`);
        return null;
      }
      if (previous !== null) {
        // Builds before 2018-11-15 wrote one `"result": …}` fragment per unencrypted overlay
        // network after check 7.4's object (Q-J2): they belong to the result before them.
        this.mergeFragment(obj, previous, path);
        return null;
      }
      if (sectionId === '99') {
        // v1.3.5 community check C.1 writes its result without opening the object (Q-J5).
        id = 'C.1';
        idInferred = true;
        this.ctx.warn(obj.line, 'json-id-inferred', `a result without an id opens the community section (v1.3.5 check C.1 run through -e or -c); it is read as C.1`);
      } else {
        this.ctx.warn(obj.line, 'json-result-without-id', `${path} has a result but no id and follows no other result; it is ignored`);
        return null;
      }
    }
    if (statusText === null) {
      this.ctx.warn(obj.line, 'json-result-without-status', `result ${clip(id)} at ${path} has no "result" (cut off?); it is ignored`);
      return null;
    }
    const status = this.status(statusText, obj.line, id);
    const desc = stringMember(obj, 'desc');
    const printedTitle = desc === null ? '' : oneLine(desc);
    const parts = splitDbsTitle(withoutIdPrefix(printedTitle, id));
    const result = emptyResult(id, status, parts.title, { line: obj.line, jsonPath: path });
    result.idInferred = idInferred;
    result.assessment = parts.assessment;
    result.runtimeSuffixes = parts.runtimeSuffixes;
    result.section = sectionId ?? sectionOf(id);
    result.group = groupOf(id);
    result.details = detailLines(stringMember(obj, 'details'));
    result.items = this.items(obj, path);
    result.remediation = nonEmpty(stringMember(obj, 'remediation'));
    result.remediationImpact = nonEmpty(stringMember(obj, 'remediation-impact'));
    if (!idInferred) this.printedTitles.push({ id, title: printedTitle });
    return result;
  }

  private mergeFragment(fragment: JsonObject, previous: Result, path: string): void {
    this.ctx.warn(
      fragment.line,
      'json-fragment-merged',
      `a result fragment without an id at ${path} (old builds wrote one per overlay network for check 7.4) is merged into result ${previous.id}`,
    );
    previous.details.push(...detailLines(stringMember(fragment, 'details')));
    this.addItems(previous, this.items(fragment, path));
  }

  /** Append items a result does not hold yet (a set per result keeps this linear). */
  private addItems(result: Result, items: readonly string[]): void {
    let seen = this.itemSets.get(result);
    if (seen === undefined) {
      seen = new Set(result.items);
      this.itemSets.set(result, seen);
    }
    for (const item of items) {
      if (!seen.has(item)) {
        seen.add(item);
        result.items.push(item);
      }
    }
  }

  private status(text: string, line: number, id: string): RawStatus {
    const upper = text.trim().toUpperCase();
    if ((RAW_STATUSES as readonly string[]).includes(upper)) return upper as RawStatus;
    this.ctx.warn(line, 'json-unknown-status', `result ${clip(id)} has the status "${clip(text)}", which docker-bench does not print; it is read as INFO`);
    return 'INFO';
  }

  private items(obj: JsonObject, path: string): string[] {
    const member = memberOf(obj, 'items');
    if (member === undefined) return [];
    if (member.value.kind !== 'array') {
      this.ctx.warn(member.line, 'json-unexpected-shape', `${path}.items is ${describeKind(member.value)}, not an array; it is ignored`);
      return [];
    }
    const raw: string[] = [];
    for (const item of member.value.items) {
      const text = scalarText(item);
      if (text !== null) raw.push(text);
    }
    const { items, truncated } = normalizeItems(raw);
    if (truncated) {
      if (this.itemsTruncated === null) this.itemsTruncated = { line: member.line, count: 1 };
      else this.itemsTruncated.count++;
    }
    return items;
  }
}

/**
 * A J1 value: `"WARN"`, `"WARN: web"`, `"info"` (lower case on Docker ≥ 17.12), or a bare
 * detail such as `"docker:x:999:"` (the status word is missing: INFO, as the corpus counts it).
 */
export function splitFlatValue(value: string): { status: RawStatus; detail: string | null } {
  const text = value.trim();
  let end = 0;
  while (end < text.length && end < 8 && /[A-Za-z]/.test(text[end]!)) end++;
  const word = text.slice(0, end).toUpperCase();
  const next = text[end];
  if ((RAW_STATUSES as readonly string[]).includes(word) && (next === undefined || next === ':' || next === ' ')) {
    const rest = text.slice(end).replace(/^[:\s]+/, '');
    return { status: word as RawStatus, detail: rest.length > 0 ? rest : null };
  }
  return { status: 'INFO', detail: text.length > 0 ? text : null };
}

/** Items named by a J1 detail: `[alpine:3.7]` → `alpine:3.7`, `web` → `web`; prose is not an item. */
function flatItems(detail: string): string[] {
  if (/^\[[^[\]]*\]$/.test(detail)) return normalizeItems(detail.slice(1, -1).split(/\s+/)).items;
  if (/\s/.test(detail)) return [];
  return normalizeItems([detail]).items;
}

/**
 * Clean a docker-bench `items` list, which the script builds by splitting a string on
 * whitespace: image tags come as `[nginx:latest]` or split as `[app:1.0`, `app:latest]`;
 * overlay networks as `net1`, `(swarm)` (the scope is dropped); `-n N` appends a literal `(truncated)`. Repeats
 * are dropped (the details keep the list as printed).
 */
export function normalizeItems(raw: readonly string[]): { items: string[]; truncated: boolean } {
  const items: string[] = [];
  const seen = new Set<string>();
  let truncated = false;
  for (const entry of raw) {
    let text = entry.trim();
    if (text === '(truncated)') {
      truncated = true;
      continue;
    }
    if (/^\([A-Za-z0-9_.-]{1,32}\)$/.test(text) && items.length > 0) {
      // The scope of the overlay network before it (`net1`, `(swarm)`): the network is the
      // object, its scope stays in the details (the text reader does the same).
      continue;
    }
    // Strip the brackets of a split `[repo:tag …]` list, but only when they are fragments of
    // that list, not part of the value (`[::]:80`).
    if (text.startsWith('[') && !text.slice(1, -1).includes(']') && !text.slice(1).includes('[')) text = text.slice(1);
    if (text.endsWith(']') && !text.slice(0, -1).includes('[') && !text.slice(0, -1).includes(']')) text = text.slice(0, -1);
    text = text.trim();
    // An image with several tags is listed once per tag: keep each object once.
    if (text.length > 0 && !seen.has(text)) {
      seen.add(text);
      items.push(text);
    }
  }
  return { items, truncated };
}

/** Top-level section of an id: `5.1` → `5`, `1.1.2` → `1`, `C.1` → `99` (the community section). */
function sectionOf(id: string): string | null {
  const head = id.split('.')[0] ?? '';
  if (head === 'C') return '99';
  return /^\d+$/.test(head) ? head : null;
}

/** Sub-group of a three-part id (`1.1.2` → `1.1`); JSON prints no sub-group headers, the id implies it. */
function groupOf(id: string): string | null {
  const parts = id.split('.');
  if (parts.length < 3 || parts[0] === 'C') return null;
  return `${parts[0]}.${parts[1]}`;
}

function detailLines(details: string | null): string[] {
  if (details === null) return [];
  // A raw line break (Q-J9: `grep docker /etc/group` returning several lines) splits details.
  return details
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l.trim().length > 0);
}

/** v1.3.6+ 1.1.12 repeats its id at the start of its title (`1.1.12 Ensure auditing …`). */
function withoutIdPrefix(title: string, id: string): string {
  return title.startsWith(`${id} `) ? title.slice(id.length + 1) : title;
}

/** Titles are one line; a raw line break inside `desc` (hand-edited forks) becomes a space. */
function oneLine(text: string): string {
  return text.includes('\n') ? text.split('\n').map((l) => l.trim()).join(' ') : text;
}

function nonEmpty(text: string | null): string | null {
  return text === null || text.trim().length === 0 ? null : text;
}

/** A string or number value as text (numbers as written); null for anything else. */
function scalarText(value: JsonValue): string | null {
  if (value.kind === 'string') return value.value;
  if (value.kind === 'number') return value.raw;
  return null;
}

function scalarOrNull(value: JsonValue | undefined): string | null {
  return value === undefined ? null : scalarText(value);
}

function clip(s: string): string {
  const printable = s.replace(/[\x00-\x1f\x7f-\x9f]/g, '?');
  return printable.length > 80 ? `${printable.slice(0, 77)}...` : printable;
}
