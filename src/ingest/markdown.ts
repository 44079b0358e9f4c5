/**
 * Scanner output quoted in a Markdown write-up (README, report.md, course notes): inside
 * code fences, indented blocks, blockquotes, list items or table cells, sometimes with
 * GitHub LaTeX colour markup around the status tag.
 *
 * Each line is unwrapped to the text the scanner printed and handed, with its original line
 * number, to the reader of the inner format (found by running the other readers' `detect` on
 * the unwrapped text). Prose passes through and the inner reader ignores it. See
 * docs/formats/markdown.md.
 */
import { InputError } from '../model/errors.js';
import type { Run } from '../model/types.js';
import { stripAnsi } from './decode.js';
import type { LineParser, Reader, ReaderContext } from './reader.js';

/**
 * The other readers, from registry.ts. registry.ts imports this module, so a static import
 * would be a cycle that breaks whichever module loads first; the registry is loaded
 * asynchronously instead, and is there long before the driver reads its first bytes.
 */
let registryReaders: readonly Reader[] | null = null;
export const markdownReady: Promise<void> = import('./registry.js').then((m) => {
  registryReaders = m.READERS;
});

/** How much unwrapped text is collected before the inner format is decided (as the driver does). */
const HEAD_CHARS = 64 * 1024;
/** When the first 64 KiB quote nothing readable (a long preamble), look further, up to this much. */
const MAX_HEAD_CHARS = 4 * 1024 * 1024;
/** Below this many results a quote without any section header is an excerpt, not a run. */
const EXCERPT_RESULTS = 20;

const TAG_WORDS = ['PASS', 'FAIL', 'WARN', 'INFO', 'NOTE'];
const FENCE = /^[ \t]*(`{3,}|~{3,})(.*)$/;
const QUOTE = /^[ \t]{0,3}>[ \t]?/;
const LIST_ITEM = /^(?:[*+-]|\d{1,9}[.)])[ \t]+(?=\[)/;

export const markdownEmbedded: Reader = {
  format: 'markdown-embedded',
  tool: null,
  description: 'a Markdown document quoting scanner output',
  detect: detectMarkdownEmbedded,
  start: (ctx) => new MarkdownParser(ctx),
};

/** What decides whether a line is inside a code fence. */
interface FenceState {
  open: { char: string; length: number; indent: number; quoted: boolean } | null;
}

/**
 * The text the scanner printed, from one line of Markdown. Fence lines become empty lines
 * (so line numbers stay those of the document); prose comes back mostly unchanged.
 */
export function unwrapMarkdownLine(raw: string, fence: FenceState): string {
  const plain = stripAnsi(raw);
  let line = plain;
  let quoted = false;
  // Bounded: a hostile line of a million `>` must not cost a million passes.
  for (let depth = 0; depth < 16 && QUOTE.test(line); depth++) {
    line = line.replace(QUOTE, '');
    quoted = true;
  }
  if (fence.open !== null && !fence.open.quoted) line = plain; // `>` inside plain code is content
  const marker = FENCE.exec(line);
  if (fence.open !== null) {
    const open = fence.open;
    if (marker !== null && marker[1]![0] === open.char && marker[1]!.length >= open.length && marker[2]!.trim().length === 0) {
      fence.open = null;
      return '';
    }
    // Content of a fence opened inside an indented list item keeps only its own indentation.
    return stripCallouts(removeIndent(line, open.indent));
  }
  if (marker !== null && !(marker[1]![0] === '`' && marker[2]!.includes('`'))) {
    fence.open = { char: marker[1]![0]!, length: marker[1]!.length, indent: line.length - line.trimStart().length, quoted };
    return '';
  }
  return unwrapProse(line.trimStart());
}

const CALLOUT = /^!\[\d{1,3}\]\([^()\s]{1,200}\)$/;

/**
 * Books converted to Markdown mark lines of a listing with numbered callout images at the
 * end (`[INFO] 1 Control Plane Security Configuration ![1](img/1.png)`, `== Summary total ==
 * ![6](img/6.png)`): not part of what the scanner printed. A loop over `lastIndexOf`, not a
 * regex over the line: linear on any input.
 */
export function stripCallouts(line: string): string {
  let s = line;
  for (let i = 0; i < 8; i++) {
    const t = s.trimEnd();
    if (!t.endsWith(')')) break;
    const at = t.lastIndexOf('![');
    if (at <= 0 || !/\s/.test(t[at - 1]!) || !CALLOUT.test(t.slice(at))) break;
    s = t.slice(0, at);
  }
  return s === line ? line : s.trimEnd();
}

const WRAPPED_STATUS = /^\s{0,8}\[(?:PASS|FAIL|WARN|INFO|NOTE)\] /;

/** A status line a book wrapped with a shell-style ` \` continuation (the title goes on below). */
function isWrappedStatusLine(line: string): boolean {
  return line.endsWith(' \\') && WRAPPED_STATUS.test(line);
}

/** Unwrap one line outside code: tables, list markers, LaTeX colour, inline code, escapes. */
function unwrapProse(text: string): string {
  let line = text;
  if (line.startsWith('|')) {
    const cell = line
      .split('|')
      .map((c) => c.trim())
      .find((c) => c.includes('[') && startsWithTag(unwrapInline(c)));
    if (cell !== undefined) line = cell;
  }
  line = unwrapInline(line);
  const item = LIST_ITEM.exec(line);
  if (item !== null) line = line.slice(item[0].length);
  return line;
}

function unwrapInline(text: string): string {
  let line = text;
  if (line.includes('$')) line = unwrapLatex(line);
  if (line.includes('`')) line = line.replaceAll('`', '');
  for (const tag of TAG_WORDS) {
    for (const emphasis of ['**', '__', '*', '_']) line = line.replaceAll(`${emphasis}[${tag}]${emphasis}`, `[${tag}]`);
  }
  if (line.includes('\\')) line = line.replace(/\\([!-/:-@[-`{-~])/g, '$1');
  if (line.includes('&')) line = line.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
  line = line.replace(/<br ?\/?>$/i, '');
  return line;
}

/**
 * `$\color{red}{\textsf{[WARN]}}$` and `${\color{green}\text{[PASS]}}$` → the plain tag;
 * any other `$…\text{x}…$` span → `x`. Scans with indexOf: no backtracking on long lines.
 */
export function unwrapLatex(text: string): string {
  let out = '';
  let at = 0;
  for (;;) {
    const open = text.indexOf('$', at);
    if (open < 0) break;
    const close = text.indexOf('$', open + 1);
    if (close < 0 || close - open > 400) {
      out += text.slice(at, open + 1);
      at = open + 1;
      continue;
    }
    const span = text.slice(open + 1, close);
    if (!span.includes('\\')) {
      out += text.slice(at, close);
      at = close;
      continue;
    }
    out += text.slice(at, open) + latexText(span);
    at = close + 1;
  }
  return out + text.slice(at);
}

function latexText(span: string): string {
  for (const tag of TAG_WORDS) if (span.includes(`[${tag}]`)) return `[${tag}]`;
  // The innermost braced group holds the text: \textsf{x}, \text{x}, \mathrm{x}.
  const close = span.indexOf('}');
  const open = close < 0 ? -1 : span.lastIndexOf('{', close);
  const inner = open < 0 ? span.replace(/\\[a-zA-Z]{1,20}/g, '') : span.slice(open + 1, close);
  return inner.replace(/\\([{}_ ])/g, '$1').trim();
}

function startsWithTag(text: string): boolean {
  return TAG_WORDS.some((t) => text.startsWith(`[${t}]`));
}

function removeIndent(line: string, indent: number): string {
  let i = 0;
  while (i < indent && i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  return line.slice(i);
}

/**
 * How much the text looks like Markdown, not counting what scanners and shells print
 * themselves: the docker-bench banner is made of `# ` lines, and console captures hold
 * `# comment` lines, so a `# ` heading counts only outside the banner and when a blank
 * line follows it (as headings are written); `##` and deeper headings always count.
 */
export function markdownSignals(head: string): number {
  const lines = head.split('\n', 4000).map((l) => stripAnsi(l.length > 4096 ? l.slice(0, 4096) : l).replace(/\r$/, ''));
  let signals = 0;
  let inBanner = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const trimmed = line.trim();
    if (trimmed.startsWith('# ---')) {
      inBanner = !inBanner;
      continue;
    }
    if (inBanner && trimmed.startsWith('#')) continue;
    inBanner = false;
    const next = (lines[i + 1] ?? '').trim();
    const previous = i > 0 ? lines[i - 1]!.trim() : '';
    if (FENCE.test(line)) signals++;
    else if (/^#{2,6}[ \t]+\S/.test(trimmed)) signals++;
    else if (/^#[ \t]+\S/.test(trimmed) && next.length === 0) signals++;
    else if (QUOTE.test(line) && /\[(?:PASS|FAIL|WARN|INFO|NOTE)\]/.test(line)) signals++;
    else if (trimmed.includes('\\color{') || trimmed.includes('\\textsf{')) signals++;
    else if (previous.length > 0 && /^={3,}$/.test(trimmed)) signals++;
    else if (trimmed.includes('](http') || trimmed.startsWith('<pre') || trimmed.startsWith('<details')) signals++;
  }
  return signals;
}

/** The unwrapped text of a head, for the inner readers' detection. */
function unwrapHead(head: string): string {
  const fence: FenceState = { open: null };
  const out: string[] = [];
  let start = 0;
  while (start < head.length) {
    let end = head.indexOf('\n', start);
    if (end < 0) end = head.length;
    out.push(unwrapMarkdownLine(head.slice(start, end).replace(/\r$/, ''), fence));
    start = end + 1;
  }
  return out.join('\n');
}

function innerReaders(): Reader[] {
  return (registryReaders ?? []).filter((r) => r.format !== 'markdown-embedded');
}

/** The most confident inner reader for unwrapped text, or null when none claims it. */
function detectInner(unwrapped: string): { reader: Reader; confidence: number } | null {
  let best: { reader: Reader; confidence: number } | null = null;
  for (const reader of innerReaders()) {
    let confidence = 0;
    try {
      confidence = reader.detect(unwrapped);
    } catch {
      confidence = 0;
    }
    if (confidence > (best?.confidence ?? 0)) best = { reader, confidence };
  }
  return best;
}

/**
 * A Markdown document (headings, fences, `> ` quotes, LaTeX markup) that quotes scanner
 * output: a little more confident than the inner reader, so it wins on write-ups; zero on
 * plain logs, which carry no Markdown.
 */
export function detectMarkdownEmbedded(head: string): number {
  if (markdownSignals(head) === 0) return 0;
  const inner = detectInner(unwrapHead(head));
  if (inner === null || inner.confidence <= 0) return 0;
  return Math.min(0.99, inner.confidence + 0.05);
}

class MarkdownParser implements LineParser {
  private readonly fence: FenceState = { open: null };
  private buffered: { text: string; lineNo: number; boundary?: true }[] = [];
  private bufferedChars = 0;
  private nextAttempt = HEAD_CHARS;
  private inner: LineParser | null = null;
  /** A status line ending in ` \`, waiting for the line that continues it. */
  private wrapped: { text: string; lineNo: number } | null = null;

  constructor(private readonly ctx: ReaderContext) {}

  line(text: string, lineNo: number): void {
    const wasInFence = this.fence.open !== null;
    const unwrapped = unwrapMarkdownLine(text, this.fence);
    const inFence = this.fence.open !== null;
    if (wasInFence && !inFence) {
      this.flushWrapped();
      this.pass(unwrapped, lineNo);
      this.passBoundary(lineNo);
      return;
    }
    if (this.wrapped !== null) {
      // The continuation of a wrapped status line: joined to it, at the status line's number.
      const head = this.wrapped;
      this.wrapped = null;
      if (inFence && unwrapped.trim().length > 0 && !WRAPPED_STATUS.test(unwrapped)) {
        this.pass(`${head.text.slice(0, -2)} ${unwrapped.trim()}`, head.lineNo);
        return;
      }
      this.pass(head.text, head.lineNo);
    }
    if (inFence && isWrappedStatusLine(unwrapped)) {
      this.wrapped = { text: unwrapped, lineNo };
      return;
    }
    this.pass(unwrapped, lineNo);
  }

  private flushWrapped(): void {
    if (this.wrapped !== null) this.pass(this.wrapped.text, this.wrapped.lineNo);
    this.wrapped = null;
  }

  private passBoundary(lineNo: number): void {
    if (this.inner !== null) this.inner.boundary?.(lineNo);
    else this.buffered.push({ text: '', lineNo, boundary: true });
  }

  private pass(unwrapped: string, lineNo: number): void {
    if (this.inner !== null) {
      this.inner.line(unwrapped, lineNo);
      return;
    }
    this.buffered.push({ text: unwrapped, lineNo });
    this.bufferedChars += unwrapped.length + 1;
    if (this.bufferedChars >= this.nextAttempt) this.startInner(this.bufferedChars >= MAX_HEAD_CHARS);
  }

  end(): void {
    this.flushWrapped();
    if (this.inner === null) this.startInner(true);
    this.inner!.end();
  }

  /** Pick the inner reader from what is buffered; when nothing claims it yet, wait for more unless `final`. */
  private startInner(final: boolean): void {
    // Detection looks at the start of each line only, as the readers' own detection does.
    const head = this.buffered.map((b) => (b.text.length > 4096 ? b.text.slice(0, 4096) : b.text)).join('\n');
    const found = detectInner(head);
    if (found === null || found.confidence <= 0) {
      if (!final) {
        this.nextAttempt = this.bufferedChars * 2;
        return;
      }
      throw new InputError('this is a Markdown document that quotes no scanner output this tool can read', { file: this.ctx.file });
    }
    const ctx = this.ctx;
    this.inner = found.reader.start({
      file: ctx.file,
      warn: (line, code, message) => ctx.warn(line, code, message),
      emitRun: (run) => ctx.emitRun(markExcerpt(run)),
    });
    const replay = this.buffered;
    this.buffered = [];
    this.bufferedChars = 0;
    for (const b of replay) {
      if (b.boundary) this.inner.boundary?.(b.lineNo);
      else this.inner.line(b.text, b.lineNo);
    }
  }
}

/**
 * A write-up that quotes only some results (a list of findings, a trimmed console paste)
 * is partial: it says nothing about the checks it leaves out.
 */
function markExcerpt(run: Run): Run {
  if (run.partial || run.results.length === 0) return run;
  const t = run.totals;
  const counted = t === null ? undefined : t.checks ?? sumDefined([t.pass, t.fail, t.warn, t.info]);
  if (counted !== undefined && run.results.length * 2 < counted) {
    run.partial = true;
    run.partialReasons.push(`the write-up quotes ${run.results.length} results of the ${counted} the tool counted`);
  } else if (run.results.length < EXCERPT_RESULTS && run.sections.length === 0) {
    run.partial = true;
    run.partialReasons.push(`the write-up quotes only ${run.results.length} results and no section headers`);
  }
  return run;
}

function sumDefined(values: (number | undefined)[]): number | undefined {
  const present = values.filter((v): v is number => v !== undefined);
  return present.length === 0 ? undefined : present.reduce((a, b) => a + b, 0);
}
