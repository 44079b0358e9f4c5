/**
 * Markdown text from the knowledge base (a control's rationale, a fix's action, impact and
 * verification) into the two report formats.
 *
 * Knowledge can be replaced by a user's `--mapping` file, so it is untrusted: raw HTML in
 * it is shown as text, links keep only http(s), mailto and in-page targets, images become
 * their alt text, headings become bold paragraphs (a heading inside a finding would break
 * the report's outline). For HTML, `marked` does the parsing with those rules in its
 * renderer; for Markdown the same token tree is written back out through our own escapers,
 * so only the constructs we know survive and nothing else can leak into a PR comment.
 */
import { Lexer, Marked, type Token, type Tokens } from 'marked';
import {
  escapeHtml,
  escapeMarkdownContinuation,
  escapeMarkdownInline,
  escapeMarkdownTableCell,
  markdownCodeSpan,
  markdownCodeSpanInCell,
  markdownFencedCode,
  splitCodeSpans,
} from './escape.js';
import { cachedConversion } from './knowledge-text-cache.js';

/** A link target we are willing to write out; anything else renders as its text only. */
export function isSafeHref(href: string): boolean {
  const h = href.trim().toLowerCase();
  return h.startsWith('https://') || h.startsWith('http://') || h.startsWith('mailto:') || h.startsWith('#');
}

const htmlMarked = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: {
    html({ text, block }: Tokens.HTML | Tokens.Tag): string {
      const escaped = escapeHtml(text);
      return block ? `<p>${escaped}</p>\n` : escaped;
    },
    heading({ tokens }: Tokens.Heading): string {
      return `<p><strong>${this.parser.parseInline(tokens)}</strong></p>\n`;
    },
    link({ href, tokens }: Tokens.Link): string {
      const inner = this.parser.parseInline(tokens);
      if (!isSafeHref(href)) return inner;
      return `<a href="${escapeHtml(href.trim())}" rel="noopener noreferrer">${inner}</a>`;
    },
    image({ text }: Tokens.Image): string {
      return escapeHtml(text);
    },
  },
});

/** Knowledge Markdown → HTML fragment with raw HTML escaped (never passed through). */
export function knowledgeMarkdownToHtml(markdown: string): string {
  if (markdown.trim().length === 0) return '';
  const cached = cachedConversion('html', markdown);
  if (cached !== undefined) return cached;
  return (htmlMarked.parse(markdown, { async: false }) as string).trimEnd();
}

/** Knowledge Markdown → one line of HTML without a wrapping paragraph (for table cells). */
export function knowledgeMarkdownToInlineHtml(markdown: string): string {
  if (markdown.trim().length === 0) return '';
  return (htmlMarked.parseInline(markdown.replace(/\r?\n/g, ' '), { async: false }) as string).trim();
}

/**
 * Knowledge Markdown → GitHub Markdown holding only paragraphs, lists, quotes, code, emphasis
 * and safe links, every text run re-escaped. The result is block content meant to start at
 * column 0; it ends with a newline.
 */
export function knowledgeMarkdownToMarkdown(markdown: string): string {
  if (markdown.trim().length === 0) return '';
  const cached = cachedConversion('md', markdown);
  if (cached !== undefined) return cached;
  const blocks = writeBlocks(new Lexer({ gfm: true }).lex(markdown));
  return blocks.length === 0 ? '' : blocks.join('\n\n') + '\n';
}

/** Knowledge Markdown → one table-cell-safe line (paragraph breaks become `<br>`). */
export function knowledgeMarkdownToMarkdownCell(markdown: string): string {
  if (markdown.trim().length === 0) return '';
  const tokens = new Lexer({ gfm: true }).lex(markdown);
  const parts: string[] = [];
  for (const token of tokens) {
    const line = cellLine(token);
    if (line.length > 0) parts.push(line);
  }
  return parts.join('<br>');
}

function cellLine(token: Token): string {
  switch (token.type) {
    case 'space':
    case 'hr':
    case 'def':
      return '';
    case 'code':
      return markdownCodeSpanInCell((token as Tokens.Code).text);
    case 'list':
      return (token as Tokens.List).items.map((item) => item.tokens.map(cellLine).filter((s) => s !== '').join(' ')).join('<br>');
    case 'paragraph':
    case 'heading':
    case 'text':
      return 'tokens' in token && token.tokens ? writeInline(token.tokens, true) : escapeMarkdownTableCell((token as Tokens.Text).text);
    default:
      return escapeMarkdownTableCell(token.raw);
  }
}

function writeBlocks(tokens: Token[]): string[] {
  const out: string[] = [];
  for (const token of tokens) {
    const block = writeBlock(token);
    if (block.length > 0) out.push(block);
  }
  return out;
}

function writeBlock(token: Token): string {
  switch (token.type) {
    case 'space':
    case 'hr':
    case 'def':
      return '';
    case 'paragraph':
      return writeInline((token as Tokens.Paragraph).tokens, false);
    case 'text': {
      const t = token as Tokens.Text;
      return t.tokens ? writeInline(t.tokens, false) : escapeMarkdownInline(t.text);
    }
    case 'heading':
      return `**${writeInline((token as Tokens.Heading).tokens, false)}**`;
    case 'code': {
      const code = token as Tokens.Code;
      return markdownFencedCode(code.text, code.lang ?? '').trimEnd();
    }
    case 'blockquote':
      return writeBlocks((token as Tokens.Blockquote).tokens)
        .join('\n\n')
        .split('\n')
        .map((line) => (line.length > 0 ? `> ${line}` : '>'))
        .join('\n');
    case 'list':
      return writeList(token as Tokens.List);
    case 'table':
      return writeTable(token as Tokens.Table);
    default:
      // Raw HTML blocks and anything unknown: shown as text.
      return escapeMarkdownInline(token.raw.trim());
  }
}

function writeList(list: Tokens.List): string {
  const start = typeof list.start === 'number' ? list.start : 1;
  const lines: string[] = [];
  list.items.forEach((item, i) => {
    const marker = list.ordered ? `${start + i}. ` : '- ';
    const indent = ' '.repeat(marker.length);
    const body = writeBlocks(item.tokens.filter((t) => t.type !== 'checkbox')).join(item.loose ? '\n\n' : '\n');
    const bodyLines = (body.length > 0 ? body : '').split('\n');
    lines.push(marker + bodyLines[0]);
    for (const rest of bodyLines.slice(1)) lines.push(rest.length > 0 ? indent + rest : '');
  });
  return lines.join('\n');
}

function writeTable(table: Tokens.Table): string {
  const row = (cells: Tokens.TableCell[]) => `| ${cells.map((c) => writeInline(c.tokens, true)).join(' | ')} |`;
  return [row(table.header), `|${table.header.map(() => ' --- |').join('')}`, ...table.rows.map(row)].join('\n');
}

/**
 * Inline tokens → Markdown; `inCell` writes table-safe code spans and `<br>` line breaks.
 * Only the first text of a block starts a line (block markers there are escaped).
 */
function writeInline(tokens: Token[], inCell: boolean, startsLine = true): string {
  let out = '';
  const text = (value: string) =>
    out.length === 0 && startsLine ? (inCell ? escapeMarkdownTableCell : escapeMarkdownInline)(value) : escapeMarkdownContinuation(value, inCell);
  for (const token of tokens) {
    switch (token.type) {
      case 'text': {
        const t = token as Tokens.Text;
        out += t.tokens ? writeInline(t.tokens, inCell, out.length === 0 && startsLine) : text(t.text);
        break;
      }
      case 'escape':
        out += text((token as Tokens.Escape).text);
        break;
      case 'codespan':
        out += (inCell ? markdownCodeSpanInCell : markdownCodeSpan)((token as Tokens.Codespan).text);
        break;
      case 'strong': {
        const inner = writeInline((token as Tokens.Strong).tokens, inCell, false);
        out += inner.length > 0 ? `**${inner}**` : '';
        break;
      }
      case 'em': {
        const inner = writeInline((token as Tokens.Em).tokens, inCell, false);
        out += inner.length > 0 ? `*${inner}*` : '';
        break;
      }
      case 'del': {
        const inner = writeInline((token as Tokens.Del).tokens, inCell, false);
        out += inner.length > 0 ? `~~${inner}~~` : '';
        break;
      }
      case 'link': {
        const link = token as Tokens.Link;
        const inner = writeInline(link.tokens, inCell, false);
        out += isSafeHref(link.href) ? `[${inner}](${markdownLinkDestination(link.href.trim())})` : inner;
        break;
      }
      case 'image':
        out += text((token as Tokens.Image).text);
        break;
      case 'br':
        out += '<br>';
        break;
      default:
        // Inline HTML and anything unknown: shown as text.
        out += text(token.raw);
    }
  }
  return out;
}

/** A link destination in angle brackets, with the characters that could end it percent-encoded. */
function markdownLinkDestination(href: string): string {
  let out = '';
  for (const ch of href) {
    if (ch === '<' || ch === '>' || ch === ' ' || ch === '|' || ch === '\\' || ch.charCodeAt(0) < 0x20) {
      out += encodeURIComponent(ch);
    } else out += ch;
  }
  return `<${out}>`;
}

/** Text whose backtick spans are code and everything else plain (analysis messages) → Markdown. */
export function codeTextToMarkdown(value: string, inCell: boolean): string {
  let out = '';
  for (const part of splitCodeSpans(value)) {
    if (part.code) out += (inCell ? markdownCodeSpanInCell : markdownCodeSpan)(part.text);
    else if (out.length === 0) out += (inCell ? escapeMarkdownTableCell : escapeMarkdownInline)(part.text);
    else out += escapeMarkdownContinuation(part.text, inCell);
  }
  return out;
}

/** Text whose backtick spans are code and everything else plain (analysis messages) → HTML. */
export function codeTextToHtml(value: string): string {
  return splitCodeSpans(value)
    .map((part) => (part.code ? `<code>${escapeHtml(part.text)}</code>` : escapeHtml(part.text)))
    .join('');
}
