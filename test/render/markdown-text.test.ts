/**
 * Knowledge Markdown (untrusted: a --mapping file can replace it) into both formats, and
 * analysis messages whose backtick spans are code and nothing else.
 */
import fc from 'fast-check';
import { splitCodeSpans } from '../../src/render/escape.js';
import {
  codeTextToHtml,
  codeTextToMarkdown,
  knowledgeMarkdownToHtml,
  knowledgeMarkdownToMarkdown,
  knowledgeMarkdownToMarkdownCell,
} from '../../src/render/markdown-text.js';
import { mdHtmlTagNames, mdToHtml, splitRow } from './inspect.js';

const HOSTILE_KB = [
  'Set `"icc": false` <b>now</b> <script>alert(1)</script>',
  '<div onclick="x()">block html</div>\n\nAfter.',
  '[click](javascript:alert(1)) [ok](https://docs.docker.com/) ![pic](http://evil.example/x.png)',
  '# A heading\n\n> a quote with <img src=x onerror=alert(1)>',
  '- one `a|b`\n- two *em*\n\n1. first\n2. second',
  '```sh\necho "</code></pre><script>"\n```',
  '| a | b |\n| - | - |\n| <i>x</i> | y\\|z |',
];

describe('knowledge Markdown → HTML', () => {
  test.each(HOSTILE_KB)('%j keeps its formatting and loses its HTML and unsafe links', (md) => {
    const html = knowledgeMarkdownToHtml(md);
    expect(html).not.toMatch(/<(script|img|div|b|i)\b/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).not.toMatch(/href="(?!https:\/\/|#|mailto:)/);
  });

  test('code, emphasis, lists and safe links survive; raw HTML shows as text', () => {
    expect(knowledgeMarkdownToHtml(HOSTILE_KB[0]!)).toBe(
      '<p>Set <code>&quot;icc&quot;: false</code> &lt;b&gt;now&lt;/b&gt; &lt;script&gt;alert(1)&lt;/script&gt;</p>',
    );
    const links = knowledgeMarkdownToHtml(HOSTILE_KB[2]!);
    expect(links).toContain('click ');
    expect(links).toContain('<a href="https://docs.docker.com/" rel="noopener noreferrer">ok</a>');
    expect(links).toContain('pic');
    expect(knowledgeMarkdownToHtml(HOSTILE_KB[3]!)).toMatch(/^<p><strong>A heading<\/strong><\/p>/);
  });
});

describe('knowledge Markdown → GitHub Markdown', () => {
  test.each(HOSTILE_KB)('%j re-serialises with no HTML but the allowed tags and no unsafe link', (md) => {
    const out = knowledgeMarkdownToMarkdown(md);
    expect(mdHtmlTagNames(out).filter((t) => !['br'].includes(t))).toEqual([]);
    const html = mdToHtml(out);
    expect(html).not.toMatch(/<(script|img|div|b|i)\b/i);
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).not.toMatch(/<h[1-6]/);
  });

  test('keeps spaces around code spans, lists, code blocks and emphasis', () => {
    expect(knowledgeMarkdownToMarkdown('Run `a` then `b`, and *then* c.')).toBe('Run `a` then `b`, and *then* c.\n');
    expect(knowledgeMarkdownToMarkdown('- one `a|b`\n- two *em*\n\n1. first\n2. second')).toBe('- one `a|b`\n- two *em*\n\n1. first\n2. second\n');
    expect(knowledgeMarkdownToMarkdown('```sh\necho "</code>"\n```')).toBe('```sh\necho "</code>"\n```\n');
    expect(knowledgeMarkdownToMarkdown('[ok](<https://x.example/a b>) [bad](javascript:x)')).toBe('[ok](<https://x.example/a%20b>) bad\n');
  });

  test('in a table cell it stays one cell', () => {
    for (const md of HOSTILE_KB) {
      const row = `| x | ${knowledgeMarkdownToMarkdownCell(md)} |`;
      expect(row).not.toContain('\n');
      expect(splitRow(row)).toHaveLength(2);
    }
  });
});

describe('analysis messages: backtick spans are code, nothing else is markup', () => {
  test('splits at matching backtick runs only', () => {
    expect(splitCodeSpans('check with `auditctl -l` on the host')).toEqual([
      { code: false, text: 'check with ' },
      { code: true, text: 'auditctl -l' },
      { code: false, text: ' on the host' },
    ]);
    expect(splitCodeSpans('``a`b`` and `unclosed')).toEqual([
      { code: true, text: 'a`b' },
      { code: false, text: ' and `unclosed' },
    ]);
  });

  test('the parts always join back to the text (less the code fences)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('`', 'a', ' ', '*', '|'), maxLength: 30 }), (text) => {
        const parts = splitCodeSpans(text);
        const plain = parts.filter((p) => !p.code).map((p) => p.text).join('');
        for (const p of parts) if (!p.code) expect(text).toContain(p.text);
        expect(plain.length + parts.filter((p) => p.code).reduce((n, p) => n + p.text.length, 0)).toBeLessThanOrEqual(text.length);
      }),
    );
  });

  test('HTML: code element for the span, everything else escaped', () => {
    expect(codeTextToHtml('run `docker info` <b>*now*</b>')).toBe('run <code>docker info</code> &lt;b&gt;*now*&lt;/b&gt;');
  });

  test('Markdown: code span for the span, everything else escaped, spacing kept', () => {
    expect(codeTextToMarkdown('check with `auditctl -l` on the *host*', false)).toBe('check with `auditctl -l` on the \\*host\\*');
    expect(codeTextToMarkdown('a | `b|c` - d', true)).toBe('a \\| `b\\|c` - d');
  });

  test('a long line of unmatched backticks is split in one pass', () => {
    const text = '`a``b```c'.repeat(100_000);
    expect(splitCodeSpans(text).length).toBeGreaterThan(0);
  });
});
