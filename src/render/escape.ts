/**
 * Context-aware escaping for the Markdown and HTML reports.
 *
 * Every string that came from a scanner output (titles, container names, details) can hold
 * anything a hostile or broken host put there: markup, Markdown syntax, `|` that would
 * split a table row, backticks that would close a code span, newlines that would end a
 * table row or start a heading, terminal escape codes. Each helper here makes such a
 * string inert for exactly one output context. All of them are linear scans (no regex
 * backtracking), so a 1 MB line costs one pass.
 */

/**
 * Characters that are never meaningful in a report: C0 controls other than tab and line
 * breaks, DEL, and the C1 block (a terminal escape sequence `ESC [ 31 m` starts with one).
 * They are replaced with U+FFFD so the reader still sees that something was there.
 */
function isUnwantedControl(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || (code >= 0x7f && code <= 0x9f);
}

/**
 * U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR: not line endings in CommonMark, but
 * JavaScript renderers (marked, and the editors built on it) end a line there, so a heading
 * or a table row holding one falls apart. They are treated as line breaks.
 */
function isUnicodeLineSeparator(code: number): boolean {
  return code === 0x2028 || code === 0x2029;
}

/** Anything → string: null and undefined become empty, everything else `String()`. */
export function toText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : String(value);
}

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
  '=': '&#61;',
};

/**
 * Escape for HTML text and for quoted attribute values (the same set serves both:
 * `& < > " '` plus `` ` `` and `=` like Handlebars does). Control characters become U+FFFD.
 */
export function escapeHtml(value: unknown): string {
  const text = toText(value);
  let out = '';
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const entity = HTML_ENTITIES[ch];
    const replacement = entity ?? (isUnwantedControl(text.charCodeAt(i)) ? '\uFFFD' : undefined);
    if (replacement !== undefined) {
      out += text.slice(last, i) + replacement;
      last = i + 1;
    }
  }
  return last === 0 ? text : out + text.slice(last);
}

/** Attribute values get the same escaping as text: every value we write is double-quoted. */
export const escapeHtmlAttribute = escapeHtml;

/**
 * ASCII punctuation that can start or end Markdown syntax anywhere in a line (emphasis,
 * code, links, tables, strikethrough, GitHub mentions and issue references, math, HTML,
 * entities). CommonMark lets any ASCII punctuation be backslash-escaped; `<`, `>` and `&`
 * become entities instead so that renderers that do not honour backslash escapes for them
 * still show text rather than markup.
 */
const MD_BACKSLASH = new Set(['\\', '`', '*', '_', '[', ']', '{', '}', '|', '~', '#', '@', '$', '!', '^']);
const MD_ENTITY: Readonly<Record<string, string>> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };

/**
 * Markers that only mean something at the start of a line: `-`/`+` (list items, rules) when
 * followed by a space, a tab, the end or another marker; `=` (setext underline); digits
 * followed by `.`/`)` and a space or the end (ordered lists). `>` is always an entity.
 */
const MD_LIST_MARKERS = new Set(['-', '+']);

/**
 * Markdown inline text (a paragraph, a list item, a heading): every syntax character is
 * neutralised, line breaks become spaces (a newline could start a heading or end a table
 * row), control characters become U+FFFD. The result renders as the original text.
 */
export function escapeMarkdownInline(value: unknown): string {
  return escapeMarkdown(toText(value), ' ', true);
}

/**
 * A GitHub table cell: as inline text, plus line breaks become `<br>` so the row stays on
 * one line. `|` is escaped (`\|`), which GitHub honours even inside code spans in tables.
 */
export function escapeMarkdownTableCell(value: unknown): string {
  return escapeMarkdown(toText(value), '<br>', true);
}

/**
 * A piece of inline text that continues a line already started (the text after a code span
 * in the same paragraph): as escapeMarkdownInline or escapeMarkdownTableCell, but its first
 * character is not at the start of a line, so leading blanks and `-`, `1.` stay as they are.
 */
export function escapeMarkdownContinuation(value: unknown, inCell: boolean): string {
  return escapeMarkdown(toText(value), inCell ? '<br>' : ' ', false);
}

const endsMarker = (next: string | undefined) => next === undefined || next === ' ' || next === '\t' || next === '\n' || next === '\r';

function escapeMarkdown(text: string, lineBreak: string, startsLine: boolean): string {
  let out = '';
  // A value may be written at the start of a line (a list item, a heading): treat its own
  // start like one. After a `<br>` inside a table cell no block syntax applies.
  let atLineStart = startsLine;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const code = text.charCodeAt(i);
    if (ch === '\r' || ch === '\n' || isUnicodeLineSeparator(code)) {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      out += lineBreak;
      atLineStart = lineBreak !== '<br>';
      continue;
    }
    if (isUnwantedControl(code)) {
      out += '\uFFFD';
      atLineStart = false;
      continue;
    }
    // Leading blanks are invisible once rendered, but four of them start a code block.
    if (atLineStart && (ch === ' ' || ch === '\t')) continue;
    const entity = MD_ENTITY[ch];
    if (entity !== undefined) out += entity;
    else if (MD_BACKSLASH.has(ch)) out += '\\' + ch;
    else if (atLineStart && (ch === '=' || (MD_LIST_MARKERS.has(ch) && (endsMarker(text[i + 1]) || text[i + 1] === ch)))) {
      out += '\\' + ch;
    } else if (atLineStart && code >= 0x30 && code <= 0x39) {
      // `1.` or `1)` followed by a space opens an ordered list: escape the delimiter.
      let j = i;
      while (j < text.length && j - i < 10 && text.charCodeAt(j) >= 0x30 && text.charCodeAt(j) <= 0x39) j++;
      const delimiter = text[j];
      out += text.slice(i, j);
      if ((delimiter === '.' || delimiter === ')') && endsMarker(text[j + 1])) {
        out += '\\' + delimiter;
        j++;
      }
      i = j - 1;
    } else out += ch;
    atLineStart = false;
  }
  return out;
}

/** Length of the longest run of backticks in `text`. */
function longestBacktickRun(text: string): number {
  let longest = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 0x60) {
      run++;
      if (run > longest) longest = run;
    } else run = 0;
  }
  return longest;
}

/** Line breaks → spaces and controls → U+FFFD: a code span is one line. */
function oneLine(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\r' || ch === '\n' || isUnicodeLineSeparator(text.charCodeAt(i))) {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      out += ' ';
    } else out += isUnwantedControl(text.charCodeAt(i)) ? '\uFFFD' : ch;
  }
  return out;
}

/**
 * A Markdown code span holding `value` verbatim, whatever backticks it contains: the fence
 * is one backtick longer than the longest run inside, padded with spaces when the content
 * starts or ends with a backtick or a space (CommonMark strips one space each side).
 * Inside a code span nothing else is interpreted, so `<`, `*` and `_` need no escaping.
 * Empty input gives an empty string (an empty code span cannot be written).
 */
export function markdownCodeSpan(value: unknown): string {
  const text = oneLine(toText(value));
  if (text.length === 0) return '';
  const fence = '`'.repeat(longestBacktickRun(text) + 1);
  // CommonMark strips one space each side unless the content is all spaces.
  const pad = text.trim().length > 0 && /^[` ]|[` ]$/.test(text) ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * A code span inside a GitHub table cell: `|` must be written `\|` even there (GitHub
 * splits the row on unescaped pipes before it looks for code spans, and removes the
 * backslash afterwards). A backslash right before a pipe cannot be written inside a code
 * span in a cell at all (`\\|` splits the row), so such values fall back to escaped text.
 */
export function markdownCodeSpanInCell(value: unknown): string {
  const text = toText(value);
  if (text.includes('\\|')) return escapeMarkdownTableCell(text);
  const span = markdownCodeSpan(text);
  return span.includes('|') ? span.split('|').join('\\|') : span;
}

/**
 * A fenced code block holding `value` verbatim: the fence is longer than any backtick run
 * inside, the info string is reduced to a safe language name. Ends with a newline.
 */
export function markdownFencedCode(value: unknown, language = ''): string {
  let text = '';
  const raw = toText(value);
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]!;
    if (ch === '\r') {
      if (raw[i + 1] !== '\n') text += '\n';
    } else text += isUnwantedControl(raw.charCodeAt(i)) ? '\uFFFD' : ch;
  }
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(text) + 1));
  let lang = '';
  for (const ch of language.toLowerCase()) {
    if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch === '-' || ch === '+') lang += ch;
  }
  const body = text.endsWith('\n') || text.length === 0 ? text : text + '\n';
  return `${fence}${lang}\n${body}${fence}\n`;
}

/**
 * The anchor GitHub gives a Markdown heading: lower-cased, punctuation other than `-` and
 * `_` removed, spaces turned into `-`. (Duplicates get `-1`, `-2`…; callers keep headings
 * unique instead.)
 */
export function githubHeadingAnchor(heading: string): string {
  let out = '';
  for (const ch of heading.toLowerCase()) {
    if (ch === ' ') out += '-';
    else if (ch === '-' || ch === '_' || /[\p{L}\p{N}]/u.test(ch)) out += ch;
  }
  return out;
}

/** An id attribute value made only of `[a-z0-9-]` from arbitrary text (for HTML anchors). */
export function htmlIdFragment(text: string): string {
  let out = '';
  let dash = false;
  for (const ch of text.toLowerCase()) {
    const ok = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
    if (ok) {
      out += ch;
      dash = false;
    } else if (!dash && out.length > 0) {
      out += '-';
      dash = true;
    }
  }
  return dash ? out.slice(0, -1) : out;
}

/** A run of plain text or of code, as written between backticks in analysis messages. */
export interface TextPart {
  code: boolean;
  text: string;
}

/**
 * Split text at CommonMark code spans (a run of N backticks up to the next run of exactly N),
 * and nothing else: messages that quote a command in backticks show it as code, while every
 * other character stays plain text (no emphasis, links or HTML, whatever the message quotes
 * from the input). Linear: each backtick run is visited once per length bucket.
 */
export function splitCodeSpans(value: unknown): TextPart[] {
  const text = toText(value);
  const runs: { start: number; length: number }[] = [];
  for (let i = 0; i < text.length; ) {
    if (text.charCodeAt(i) !== 0x60) {
      i++;
      continue;
    }
    let j = i;
    while (j < text.length && text.charCodeAt(j) === 0x60) j++;
    runs.push({ start: i, length: j - i });
    i = j;
  }
  // For each run length, the run indexes in order; a cursor per length skips used runs.
  const byLength = new Map<number, number[]>();
  runs.forEach((r, index) => {
    const list = byLength.get(r.length) ?? [];
    list.push(index);
    byLength.set(r.length, list);
  });
  const cursor = new Map<number, number>();
  const parts: TextPart[] = [];
  let textFrom = 0;
  let r = 0;
  while (r < runs.length) {
    const open = runs[r]!;
    const list = byLength.get(open.length)!;
    let c = cursor.get(open.length) ?? 0;
    while (c < list.length && list[c]! <= r) c++;
    cursor.set(open.length, c);
    if (c >= list.length) {
      r++;
      continue;
    }
    const closeIndex = list[c]!;
    const close = runs[closeIndex]!;
    if (open.start > textFrom) parts.push({ code: false, text: text.slice(textFrom, open.start) });
    let code = text.slice(open.start + open.length, close.start).replace(/\r\n|\r|\n/g, ' ');
    if (code.length >= 2 && code.startsWith(' ') && code.endsWith(' ') && code.trim() !== '') code = code.slice(1, -1);
    parts.push({ code: true, text: code });
    textFrom = close.start + close.length;
    r = closeIndex + 1;
  }
  if (textFrom < text.length) parts.push({ code: false, text: text.slice(textFrom) });
  return parts;
}

/**
 * C0 controls other than tab and line breaks, DEL and C1 (a terminal escape `ESC [ 31 m`
 * starts with one) as U+FFFD in every string of a view. Handlebars' HTML escaping leaves
 * them alone, and a NUL or an escape sequence in a page is never text a reader wants; the
 * Markdown helpers already replace them.
 */
export function withoutControls<T>(value: T): T {
  if (typeof value === 'string') return value.replace(UNWANTED_CONTROLS, '\uFFFD') as T;
  if (Array.isArray(value)) return value.map(withoutControls) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutControls(v)])) as T;
  }
  return value;
}

// One character class, no quantifier: linear on any input.
// eslint-disable-next-line no-control-regex
const UNWANTED_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
