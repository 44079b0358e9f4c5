/**
 * The streaming text parser both aquasecurity text readers use (aqua-docker-bench-text.ts,
 * kube-bench-text.ts): status lines into results, tab-indented audit output, remediation
 * and summary blocks, banners and targets into runs, then each run's numbering and
 * completeness.
 */
import { emptyResult, emptyRun, type Result, type Run, type Section, type ToolTotals } from '../../model/types.js';
import { stripAnsi } from '../decode.js';
import type { LineParser, ReaderContext } from '../reader.js';
import { recordBenchmarkAndCompleteness } from './completeness.js';
import {
  attachRemediationEntry,
  clip,
  isDockerBanner,
  looksLikeCheckId,
  parseBlockHeader,
  parseCommandLine,
  parseCountLine,
  parseLoggedBenchmark,
  parseStatusLine,
  splitAssessment,
  sumTotals,
  trimTrailingEmpty,
  type AquaStatus,
  type AquaTool,
  type CommandLineFacts,
  type StatusLine,
} from './grammar.js';
import { identifyDockerBenchmark, identifyKubeBenchmark, type ObservedSection } from './numbering.js';

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
  /** First line where the output was elided (`...` in place of lines, `[FAIL] 3.2.x ...`). */
  elidedAt: { line: number; text: string } | null = null;
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

/** A line (or a status line's text) that only says "more here": `...`, `…`, `[...]`, `<snip>`. */
const ELLIPSIS = /^\s{0,40}(?:\.{3,6}|…|\[(?:\.{3}|…)\]|<snip(?:ped)?>)\s{0,40}$/;

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
  /** Command lines printed after results, waiting for the output they belong to. */
  private heldCommands: CommandLineFacts[] = [];

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

  /** A quoted block closed (Markdown): the remediation or summary block it held ends with it. */
  boundary(): void {
    if (this.mode === 'remediations') this.endRemediations();
    else if (this.mode === 'summary') this.endSummary();
  }

  private runFor(lineNo: number): TextRun {
    if (!this.current) {
      this.current = new TextRun(this.tool, lineNo);
      this.takeHeldCommands(this.current);
    }
    return this.current;
  }

  /** Command lines held after a summary go to the run that comes after them (see otherLine). */
  private takeHeldCommands(run: TextRun): void {
    if (this.heldCommands.length === 0) return;
    run.commands.push(...this.heldCommands);
    this.heldCommands = [];
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
    if (ELLIPSIS.test(s.text)) {
      // A write-up's placeholder (`[FAIL] 3.2.x ...`): lines were left out here, no check was printed.
      this.noteElision(`[${s.status}] ${s.id} ${s.text}`, lineNo);
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
  private resolvePendingInfo(nextId: string | null, atEndOfRun = false): void {
    const p = this.pendingInfo;
    if (!p) return;
    this.pendingInfo = null;
    const isParent = nextId !== null && (nextId === p.id || nextId.startsWith(`${p.id}.`));
    // kube-bench eks-stig: numeric group ids over STIG ids (`2.1 DISA Category Code I`, then `V-242386 …`).
    const headsOtherScheme = nextId !== null && /^\d/.test(p.id) && !/^\d/.test(nextId);
    // READMEs and write-ups show the first two lines of a run and `...`: a section header and
    // `[INFO] 1.1 API Server`. A line that ends a run without a single result is a header too.
    const headersOnly = atEndOfRun && nextId === null && (this.current?.run.results.length ?? 0) === 0;
    if (isParent || headsOtherScheme || headersOnly) this.header(p.id, p.text, p.line);
    else this.addResult('INFO', p.id, p.text, null, p.line);
  }

  private header(id: string, title: string, lineNo: number): void {
    const run = this.runFor(lineNo);
    run.headers++;
    this.lastResult = null;
    const single = !id.includes('.');
    // Every kube-bench target id is one number: an excerpt that starts at a group
    // (`[INFO] 1.1 API Server`, its section line cut or printed without a tag) has no section.
    const startsSection = this.tool === 'kube-bench' ? single && (run.section === null || this.sectionOpen) : single;
    if (!startsSection) {
      this.takeHeldCommands(run);
      run.group = id;
      const observed = run.observedSection();
      if (observed) (observed.groupTitles ??= new Map()).set(id, title);
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
    this.takeHeldCommands(run);
    const section: Section = { id, title };
    run.run.sections.push(section);
    run.section = section;
    run.group = null;
    run.observed.push({ id, title, groups: new Map(), results: 0 });
    this.sectionOpen = false;
  }

  private addResult(status: AquaStatus, id: string, title: string, assessment: string | null, lineNo: number): void {
    // A pasted command line, then an id the run already holds: another invocation (a write-up
    // quoting the run, then `kubectl logs … | grep 1.2.12` after the fix).
    // Only after a pasted command line: the same id in two targets of one run is real (rke-cis-1.6-hardened).
    if (this.tool === 'kube-bench' && this.heldCommands.length > 0 && this.current !== null && this.current.byId.has(id)) this.finishRun();
    const run = this.runFor(lineNo);
    this.takeHeldCommands(run);
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
    if (ELLIPSIS.test(text)) {
      // `...` for left-out entries: ends the entry before it, belongs to none.
      this.closeEntry();
      this.noteElision(text, lineNo);
      return true;
    }
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
    // A header without a single count line (a write-up's `== Summary total ==` over
    // `xx checks PASS / x checks FAIL`) summarises nothing.
    if (Object.keys(s.counts).length === 0) {
      if (this.tool === 'kube-bench') this.sectionOpen = true;
      return;
    }
    this.current.summaries.push(s);
    if (s.label === 'total') this.current.sawTotal = true;
    if (this.tool === 'kube-bench') this.sectionOpen = true;
  }

  private noteElision(text: string, lineNo: number): void {
    const run = this.runFor(lineNo);
    run.elidedAt ??= { line: lineNo, text: text.trim() };
  }

  private otherLine(text: string, lineNo: number): void {
    // `...` between results; once the total is printed the run is over (a write-up's next
    // code block showing an edited manifest with `...` is not part of it).
    if (ELLIPSIS.test(text) && this.current !== null && this.current.run.results.length > 0 && !this.current.sawTotal) {
      this.noteElision(text, lineNo);
      return;
    }
    const logged = this.tool === 'kube-bench' ? parseLoggedBenchmark(text, lineNo) : null;
    if (logged) {
      // Still a line that is not part of the results: counted as skipped like the rest of the log.
      this.runFor(lineNo).commands.push(logged);
      this.skipped(lineNo);
      return;
    }
    const command = parseCommandLine(text, lineNo);
    if (command) {
      // A command line after results belongs to what follows it: more of the same run, the
      // next invocation, or nothing (the shell's `exit`). Its `--check`, `--benchmark` or
      // `| grep` say nothing about the results already printed.
      const t = this.current;
      if (t !== null && t.run.results.length > 0 && this.mode === 'results') {
        this.heldCommands.push(command);
        return;
      }
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
    this.resolvePendingInfo(null, true);
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
        : identifyKubeBenchmark({ version: null, sections: t.observed, commands: t.commands, assessments: run.results.map((r) => r.assessment) });
    recordBenchmarkAndCompleteness(run, choice, { tool: this.tool, hasSummary: t.summaries.length > 0, headerless, commands: t.commands, sections: t.observed });
    if (t.elidedAt !== null) {
      run.partialReasons.push(`lines of the output were left out at line ${t.elidedAt.line} ("${clip(t.elidedAt.text, 60)}"): an excerpt`);
      run.partial = true;
    }
    if (t.skippedLines > 0) {
      this.ctx.warn(t.firstSkipped, 'lines-skipped', `${t.skippedLines} line(s) that are not part of the ${this.tool} output were skipped (the first is line ${t.firstSkipped})`);
    }
    this.ctx.emitRun(run);
  }
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
