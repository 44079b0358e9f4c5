/**
 * Template engines for the diff and history pages (Markdown and HTML), built on the
 * reports' TemplateEngine so they get the same isolation and the same Markdown escaping:
 * `{{x}}` in a Markdown template escapes for Markdown. Our page templates
 * (templates/diff.*.hbs, templates/history.*.hbs) are built-in templates of the engine,
 * precompiled at build time like the report's; their partials are
 * templates/partials/diff-*.hbs, which the engine registers with the report's own.
 */
import type { TemplateEngine } from './engine.js';
import { withoutControls } from './escape.js';
import { createHtmlEngine, createMarkdownEngine } from './helpers.js';
import { reportStylesheet } from './html.js';
import { tidyMarkdown } from './markdown.js';

export type PageTemplate = 'diff' | 'history';

const engines: { md?: TemplateEngine; html?: TemplateEngine } = {};

function markdownEngine(): TemplateEngine {
  engines.md ??= createMarkdownEngine();
  return engines.md;
}

function htmlEngine(): TemplateEngine {
  // No `token` helper here: view fields named like a helper would be shadowed by it.
  engines.html ??= createHtmlEngine();
  return engines.html;
}

/** Render a page view as GitHub-flavoured Markdown (tidied: no runs of blank lines). */
export function renderMarkdownPage(name: PageTemplate, view: unknown): string {
  return tidyMarkdown(markdownEngine().render(view, { top: 0 }, name));
}

/**
 * Render a page view as self-contained HTML; the view gets `css` and `csp` added (templates
 * must write `<style>{{{css}}}</style>` exactly: the CSP allows that text by its hash).
 */
export function renderHtmlPage(name: PageTemplate, view: object): string {
  // The reports' stylesheet and CSP: the pages look like the reports, light and dark.
  const { css, csp } = reportStylesheet();
  return htmlEngine().render({ ...withoutControls(view), css, csp }, { top: 0 }, name);
}

