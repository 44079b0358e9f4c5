/**
 * The escapers, checked against a real Markdown parser (marked, GFM) rather than against
 * expected strings: whatever a hostile value holds, the escaped form must parse back to
 * exactly that text and to nothing else (no emphasis, links, HTML, code, extra cells).
 */
import fc from 'fast-check';
import { Lexer, type Token, type Tokens } from 'marked';
import {
  escapeHtml,
  escapeMarkdownInline,
  escapeMarkdownTableCell,
  githubHeadingAnchor,
  htmlIdFragment,
  markdownCodeSpan,
  markdownCodeSpanInCell,
  markdownFencedCode,
} from '../../src/render/escape.js';
import { HOSTILE_STRINGS } from './hostile.js';
import { splitRow } from './inspect.js';

/** Characters that mean something to Markdown, HTML or GitHub, plus letters and blanks. */
const SYNTAX = 'ab1 *_[]()#<>|`\\!~@$&-+=.:\n\r\t{}^"\'/;';
const hostileText = fc.string({ unit: fc.constantFrom(...SYNTAX.split('')), maxLength: 40 });

function decodeEntities(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|#39|#96|#61);/g, (_, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', '#39': "'", '#96': '`', '#61': '=' })[e]!);
}

/** Inline tokens of a one-paragraph document, flattened. */
function inlineTokens(markdown: string): Token[] {
  const blocks = new Lexer({ gfm: true }).lex(markdown).filter((t) => t.type !== 'space');
  if (blocks.length === 0) return [];
  expect(blocks).toHaveLength(1);
  expect(blocks[0]!.type).toBe('paragraph');
  return (blocks[0] as Tokens.Paragraph).tokens;
}

/** What a reader sees: the text of text/escape tokens, entities decoded, whitespace collapsed. */
function visibleText(tokens: Token[]): string {
  return squash(tokens.map((t) => decodeEntities((t as Tokens.Text).text)).join(''));
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('escapeMarkdownInline', () => {
  test('any text parses back to itself and only to text', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const tokens = inlineTokens(`x ${escapeMarkdownInline(text)}`);
        for (const t of tokens) expect(['text', 'escape']).toContain(t.type);
        expect(visibleText(tokens)).toBe(squash(`x ${text}`));
      }),
      { numRuns: 400 },
    );
  });

  test('at the start of a line it opens no block (list, heading, quote, code, rule)', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const escaped = escapeMarkdownInline(text);
        const tokens = inlineTokens(escaped);
        for (const t of tokens) expect(['text', 'escape']).toContain(t.type);
        expect(visibleText(tokens)).toBe(squash(text));
      }),
      { numRuns: 400 },
    );
  });

  test.each([
    ['1. ordered', '1\\. ordered'],
    ['- item', '\\- item'],
    ['# heading', '\\# heading'],
    ['    indented', 'indented'],
    ['<b>x</b>', '&lt;b&gt;x&lt;/b&gt;'],
    ['a|b', 'a\\|b'],
    ['line\nbreak', 'line break'],
    ['1.5 KiB', '1.5 KiB'],
    ['docker-bench', 'docker-bench'],
  ])('%j → %j', (input, expected) => {
    expect(escapeMarkdownInline(input)).toBe(expected);
  });

  test('terminal escape codes and NUL become U+FFFD', () => {
    expect(escapeMarkdownInline('\u001b[31mred\u0000')).toBe('\uFFFD\\[31mred\uFFFD');
  });
});

describe('table cells', () => {
  const table = (cell: string) => `| a | b |\n| --- | --- |\n| x | ${cell} |\n`;

  test('escaped text keeps the row at two cells and reads back as the text', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const md = table(escapeMarkdownTableCell(text));
        const rows = md.trim().split('\n');
        expect(rows).toHaveLength(3);
        for (const row of rows) expect(splitRow(row)).toHaveLength(2);
        const tokens = new Lexer({ gfm: true }).lex(md);
        expect(tokens[0]!.type).toBe('table');
        const cell = (tokens[0] as Tokens.Table).rows[0]![1]!;
        for (const t of cell.tokens) {
          if (t.type === 'html') expect(t.raw).toBe('<br>');
          else expect(['text', 'escape']).toContain(t.type);
        }
        const seen = cell.tokens.map((t) => (t.type === 'html' ? ' ' : decodeEntities((t as Tokens.Text).text))).join('');
        expect(squash(seen)).toBe(squash(text));
      }),
      { numRuns: 400 },
    );
  });

  test('a code span in a cell keeps the row and the exact text, backticks and pipes included', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const md = table(markdownCodeSpanInCell(text) || 'empty');
        for (const row of md.trim().split('\n')) expect(splitRow(row)).toHaveLength(2);
        const cell = (new Lexer({ gfm: true }).lex(md)[0] as Tokens.Table).rows[0]![1]!;
        const oneLine = text.replace(/\r\n|\r|\n/g, ' ');
        if (oneLine.length === 0) return;
        if (text.includes('\\|')) {
          // Falls back to escaped text (see markdownCodeSpanInCell).
          expect(squash(cell.tokens.map((t) => (t.type === 'html' ? ' ' : decodeEntities((t as Tokens.Text).text))).join(''))).toBe(squash(text));
          return;
        }
        expect(cell.tokens).toHaveLength(1);
        expect(cell.tokens[0]!.type).toBe('codespan');
        expect(stripCodeSpanPadding((cell.tokens[0] as Tokens.Codespan).text)).toBe(stripCodeSpanPadding(oneLine));
      }),
      { numRuns: 400 },
    );
  });
});

/** CommonMark strips one space each side of a code span when both are there; compare modulo that. */
function stripCodeSpanPadding(s: string): string {
  return s.length >= 2 && s.startsWith(' ') && s.endsWith(' ') && s.trim() !== '' ? s.slice(1, -1) : s;
}

describe('markdownCodeSpan', () => {
  test('holds any text verbatim, whatever backticks it contains', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const oneLine = text.replace(/\r\n|\r|\n/g, ' ');
        fc.pre(oneLine.trim().length > 0);
        const tokens = inlineTokens(`x ${markdownCodeSpan(text)} y`);
        const spans = tokens.filter((t) => t.type === 'codespan') as Tokens.Codespan[];
        expect(spans).toHaveLength(1);
        expect(stripCodeSpanPadding(spans[0]!.text)).toBe(stripCodeSpanPadding(oneLine));
      }),
      { numRuns: 400 },
    );
  });

  test.each([
    ['a`b', '``a`b``'],
    ['``x``', '``` ``x`` ```'],
    ['`', '`` ` ``'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(markdownCodeSpan(input)).toBe(expected);
  });
});

describe('markdownFencedCode', () => {
  test('holds any multi-line text verbatim', () => {
    fc.assert(
      fc.property(hostileText, fc.constantFrom('json', 'sh', '', 'js`on x'), (text, lang) => {
        const tokens = new Lexer({ gfm: true }).lex(`before\n\n${markdownFencedCode(text, lang)}\nafter\n`).filter((t) => t.type !== 'space');
        expect(tokens.map((t) => t.type)).toEqual(['paragraph', 'code', 'paragraph']);
        // Compared without trailing line breaks: marked drops the last one of the block.
        const expected = text.replace(/\r\n?/g, '\n').replace(/\n+$/, '');
        expect((tokens[1] as Tokens.Code).text.replace(/\n+$/, '')).toBe(expected);
        expect((tokens[1] as Tokens.Code).lang ?? '').toMatch(/^[a-z0-9+-]*$/);
      }),
      { numRuns: 300 },
    );
  });
});

describe('escapeHtml', () => {
  test('leaves no markup characters and decodes back to the input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), hostileText, (a, b) => {
        const text = a + b;
        const escaped = escapeHtml(text);
        expect(escaped).not.toMatch(/[<>"'`]/);
        expect(escaped.replace(/&(lt|gt|amp|quot|#39|#96|#61);/g, '')).not.toContain('&');
        // eslint-disable-next-line no-control-regex
        expect(decodeEntities(escaped)).toBe(text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '\uFFFD'));
      }),
      { numRuns: 400 },
    );
  });

  test.each(HOSTILE_STRINGS)('%j has no raw angle brackets or quotes once escaped', (hostile) => {
    expect(escapeHtml(hostile)).not.toMatch(/[<>"']/);
  });
});

describe('anchors', () => {
  test.each([
    ['Threat model (STRIDE)', 'threat-model-stride'],
    ['Proposed daemon.json', 'proposed-daemonjson'],
    ['Run 2: Summary', 'run-2-summary'],
  ])('GitHub anchor of %j is %j', (heading, anchor) => {
    expect(githubHeadingAnchor(heading)).toBe(anchor);
  });

  test('HTML id fragments hold only [a-z0-9-]', () => {
    fc.assert(fc.property(fc.string(), (s) => expect(htmlIdFragment(s)).toMatch(/^(?:[a-z0-9]+(?:-[a-z0-9]+)*)?$/)));
  });
});

describe('linear time on hostile input', () => {
  test('a 1 MB line of syntax characters is escaped in one pass for every context', () => {
    const line = '`|*_[<'.repeat(180_000);
    for (const escape of [escapeMarkdownInline, escapeMarkdownTableCell, markdownCodeSpan, markdownCodeSpanInCell, escapeHtml]) {
      const out = escape(line);
      expect(out.length).toBeGreaterThanOrEqual(line.length);
    }
  });
});
