/**
 * Small readers for the rendered reports, so tests assert on structure (headings, tables,
 * code blocks, elements) rather than on exact strings.
 */
import { Lexer, Marked, type Token, type Tokens } from 'marked';

// ---- Markdown ----------------------------------------------------------------------------

export function mdTokens(md: string): Token[] {
  return new Lexer({ gfm: true }).lex(md);
}

/** `[depth, text]` of every heading, in order (fenced code is not searched). */
export function mdHeadings(md: string, depth?: number): string[] {
  return mdTokens(md)
    .filter((t): t is Tokens.Heading => t.type === 'heading' && (depth === undefined || (t as Tokens.Heading).depth === depth))
    .map((t) => t.text);
}

/** The Markdown between the `## heading` and the next `## `. */
export function mdSection(md: string, heading: string): string {
  const lines = md.split('\n');
  const start = lines.findIndex((l) => l === `## ${heading}`);
  if (start < 0) throw new Error(`no "## ${heading}" in the report`);
  let end = lines.findIndex((l, i) => i > start && l.startsWith('## '));
  if (end < 0) end = lines.length;
  return lines.slice(start + 1, end).join('\n');
}

/** What a reader sees of escaped inline Markdown: backslash escapes and entities resolved. */
export function mdVisible(text: string): string {
  return text
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** Fenced code blocks of a piece of Markdown, with their language. */
export function mdCodeBlocks(md: string): { lang: string; text: string }[] {
  return mdTokens(md)
    .filter((t): t is Tokens.Code => t.type === 'code')
    .map((t) => ({ lang: t.lang ?? '', text: t.text }));
}

/** Row splitting as GitHub does it: a pipe ends a cell unless an odd number of backslashes precede it. */
export function splitRow(line: string): string[] {
  const body = line.trim().replace(/^\|/, '');
  const cells: string[] = [];
  let cell = '';
  let backslashes = 0;
  for (const ch of body) {
    if (ch === '|' && backslashes % 2 === 0) {
      cells.push(cell);
      cell = '';
    } else cell += ch;
    backslashes = ch === '\\' ? backslashes + 1 : 0;
  }
  if (cell.trim() !== '') cells.push(cell);
  return cells;
}

/** Every table in the document (outside fenced code) as lists of raw row lines. */
export function mdTableBlocks(md: string): string[][] {
  const tables: string[][] = [];
  let current: string[] | null = null;
  let fence: string | null = null;
  for (const line of md.split('\n')) {
    const f = /^(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (f && line.trim() === line.trim()[0]!.repeat(line.trim().length) && line.trim().length >= fence.length) fence = null;
      continue;
    }
    if (f) {
      fence = f[1]!;
      current = null;
      continue;
    }
    if (line.startsWith('|')) {
      if (!current) {
        current = [];
        tables.push(current);
      }
      current.push(line);
    } else current = null;
  }
  return tables;
}

/** Tag names of every raw HTML token (block or inline) the Markdown holds. */
export function mdHtmlTagNames(md: string): string[] {
  const names: string[] = [];
  const visit = (tokens: Token[] | undefined) => {
    for (const t of tokens ?? []) {
      if (t.type === 'html') {
        for (const m of t.raw.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)/g)) names.push(m[1]!.toLowerCase());
      }
      if (t.type === 'table') {
        const table = t as Tokens.Table;
        for (const cell of [...table.header, ...table.rows.flat()]) visit(cell.tokens);
      }
      if (t.type === 'list') for (const item of (t as Tokens.List).items) visit(item.tokens);
      if ('tokens' in t && Array.isArray(t.tokens)) visit(t.tokens);
    }
  };
  visit(mdTokens(md));
  return names;
}

const gfm = new Marked({ gfm: true });

/** The Markdown as a GFM renderer (marked, raw HTML passed through like GitHub before sanitising) would show it. */
export function mdToHtml(md: string): string {
  return gfm.parse(md, { async: false }) as string;
}

// ---- HTML --------------------------------------------------------------------------------

export function decodeHtml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#96;/g, '`')
    .replace(/&#61;/g, '=')
    .replace(/&#x27;/g, "'")
    .replace(/&#x3D;/g, '=')
    .replace(/&#x60;/g, '`')
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');
}

/** Start tags: name and raw attribute text. */
export function htmlTags(html: string): { name: string; attrs: string }[] {
  return [...html.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)((?:\s[^<>]*)?)\/?>/g)].map((m) => ({ name: m[1]!.toLowerCase(), attrs: m[2] ?? '' }));
}

export function htmlAttr(attrs: string, name: string): string | null {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(attrs);
  return m ? decodeHtml(m[1]!) : null;
}

/** Text of the element with this id up to the matching close of its tag (no nesting of the same tag inside). */
export function htmlSectionById(html: string, id: string): string {
  const start = html.indexOf(`<section class="major" id="${id}"`);
  if (start < 0) throw new Error(`no major section #${id}`);
  const next = html.indexOf('<section class="major"', start + 1);
  return html.slice(start, next < 0 ? html.indexOf('</main>') : next);
}

/** Text content with tags removed and entities decoded. */
export function htmlText(html: string): string {
  return decodeHtml(html.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
}
