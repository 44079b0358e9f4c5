/**
 * The Markdown hardening report: GitHub-flavoured, fit for a pull-request comment or
 * `$GITHUB_STEP_SUMMARY`. Tables, `<details>`/`<summary>` for long lists, `<br>` in table
 * cells, and no other HTML. Every input-derived string goes through a Markdown escaper for
 * its exact context (inline text, table cell, code span, fenced block, raw-HTML summary);
 * `{{x}}` in these templates already means "escaped for Markdown" (see engine.ts).
 */
import { markdownFencedCode, toText } from './escape.js';
import type { TemplateEngine } from './engine.js';
import { createMarkdownEngine } from './helpers.js';
import { codeTextToMarkdown, knowledgeMarkdownToMarkdown, knowledgeMarkdownToMarkdownCell } from './markdown-text.js';
import type { Renderer } from './types.js';
import { buildView } from './view-model.js';

let engine: TemplateEngine | null = null;

function markdownEngine(): TemplateEngine {
  engine ??= createMarkdownEngine((safe) => ({
    /** Fenced code block: `{{fence text "json"}}`. */
    fence: (value, lang) => safe(markdownFencedCode(value, typeof lang === 'string' ? lang : '').trimEnd()),
    /** Knowledge Markdown (rationale, fix text) as safe block Markdown starting at column 0. */
    markdown: (value) => safe(knowledgeMarkdownToMarkdown(toText(value)).trimEnd()),
    /** Knowledge Markdown squeezed into one table cell. */
    markdownCell: (value) => safe(knowledgeMarkdownToMarkdownCell(toText(value))),
    /** Analysis text (caveat messages, notes): backtick spans as code, all else escaped text. */
    codeText: (value) => safe(codeTextToMarkdown(toText(value), false)),
    /** The same inside a table cell. */
    codeTextCell: (value) => safe(codeTextToMarkdown(toText(value), true)),
  }));
  return engine;
}

export const render: Renderer = (report, options) => {
  const view = buildView(report, { top: options.top });
  const text = markdownEngine().render(view, options);
  // A user's own template gets its output verbatim; ours is tidied (Handlebars leaves runs of
  // blank lines where optional blocks were empty).
  return options.template === undefined ? tidyMarkdown(text) : text;
};

/**
 * Collapse runs of blank lines to one and end with exactly one newline, leaving fenced code
 * blocks untouched (their blank lines are content).
 */
export function tidyMarkdown(text: string): string {
  const out: string[] = [];
  let fence: string | null = null;
  let blank = 0;
  for (const line of text.split('\n')) {
    const trimmed = line.trimEnd();
    if (fence === null) {
      const open = /^(`{3,}|~{3,})/.exec(trimmed);
      if (open) fence = open[1]!;
      if (trimmed.length === 0) {
        blank++;
        if (blank > 1 || out.length === 0) continue;
      } else blank = 0;
      out.push(fence === null ? trimmed : line);
    } else {
      out.push(line);
      if (trimmed.startsWith(fence[0]!.repeat(fence.length)) && /^(`+|~+)$/.test(trimmed)) fence = null;
      blank = 0;
    }
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out.join('\n') + '\n';
}
