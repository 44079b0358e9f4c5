/**
 * Handlebars helpers and the engines that register them: the helpers every page registers,
 * the Markdown context escapers every Markdown page registers, and one factory per format
 * that the report (markdown.ts, html.ts) and the diff and history pages (diff-engine.ts)
 * build their engines with, adding their own helpers. Helpers receive Handlebars' `options`
 * object as their last argument, so optional parameters are checked by type, never by
 * count. Every helper is documented in docs/templates.md.
 */
import { TemplateEngine } from './engine.js';
import { escapeHtml, escapeMarkdownInline, escapeMarkdownTableCell, markdownCodeSpan, markdownCodeSpanInCell, toText } from './escape.js';

type Helper = (...args: unknown[]) => unknown;

/** Drop the trailing Handlebars options object from a helper's arguments. */
function valuesOf(args: unknown[]): unknown[] {
  return args.slice(0, -1);
}

export function commonHelpers(): Record<string, Helper> {
  return {
    eq: (a, b) => a === b,
    ne: (a, b) => a !== b,
    gt: (a, b) => Number(a) > Number(b),
    and: (...args) => valuesOf(args).every(Boolean),
    or: (...args) => valuesOf(args).some(Boolean),
    not: (a) => !a,
    add: (a, b) => Number(a) + Number(b),
    len: (x) => (Array.isArray(x) ? x.length : typeof x === 'string' ? x.length : 0),
    /** `{{plural 3 "finding"}}` → `3 findings`; an irregular plural as the third argument. */
    plural: (n, word, pluralWord) => {
      const count = Number(n);
      const many = typeof pluralWord === 'string' ? pluralWord : `${toText(word)}s`;
      return `${count} ${count === 1 ? toText(word) : many}`;
    },
    /** `{{join list ", "}}`: the list's items as text (escaped by the mustache like any value). */
    join: (list, sep) => (Array.isArray(list) ? list.map(toText).join(typeof sep === 'string' ? sep : ', ') : ''),
    /** Lines of text joined with newlines (for code blocks). */
    joinLines: (list) => (Array.isArray(list) ? list.map(toText).join('\n') : toText(list)),
    lower: (s) => toText(s).toLowerCase(),
    json: (value) => JSON.stringify(value ?? null, null, 2),
  };
}

/** Marks a helper's output as already escaped for the format (the engine's SafeString). */
export type Safe = (text: string) => unknown;

/** Helpers a page adds to its format's shared set (given `safe` for output it escaped itself). */
export type PageHelpers = (safe: Safe) => Record<string, Helper>;

/**
 * Helpers every Markdown page registers (report, diff, history): the common ones and one
 * escaper per Markdown context that `{{x}}` (inline text) does not cover.
 */
function markdownHelpers(safe: Safe): Record<string, Helper> {
  return {
    ...commonHelpers(),
    /** Table cell text: `|` escaped, line breaks as `<br>`. */
    cell: (value) => safe(escapeMarkdownTableCell(value)),
    /** Inline code span holding the value verbatim (any number of backticks inside). */
    code: (value) => safe(markdownCodeSpan(value)),
    /** Code span inside a table cell (`|` escaped). */
    codeCell: (value) => safe(markdownCodeSpanInCell(value)),
    /** Text inside raw HTML (`<summary>`), where Markdown escapes would show: HTML-escaped instead. */
    html: (value) => safe(escapeHtml(toText(value).replace(/[\r\n]+/g, ' '))),
  };
}

/** A Markdown engine (`{{x}}` escapes for inline Markdown) with the Markdown helpers and the page's own. */
export function createMarkdownEngine(pageHelpers: PageHelpers = () => ({})): TemplateEngine {
  const safe: Safe = (text) => engine.safe(text);
  const engine: TemplateEngine = new TemplateEngine({
    format: 'md',
    markdownEscape: escapeMarkdownInline,
    helpers: { ...markdownHelpers(safe), ...pageHelpers(safe) },
  });
  return engine;
}

/** An HTML engine (Handlebars' own escaping) with the common helpers and the page's own. */
export function createHtmlEngine(pageHelpers: PageHelpers = () => ({})): TemplateEngine {
  const safe: Safe = (text) => engine.safe(text);
  const engine: TemplateEngine = new TemplateEngine({ format: 'html', helpers: { ...commonHelpers(), ...pageHelpers(safe) } });
  return engine;
}
