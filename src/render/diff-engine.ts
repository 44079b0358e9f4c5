/**
 * Template engines for the diff and history pages (Markdown and HTML), built on the
 * reports' TemplateEngine so they get the same isolation and the same Markdown escaping:
 * `{{x}}` in a Markdown template escapes for Markdown. Our page templates
 * (templates/diff.*.hbs, templates/history.*.hbs) are handed to the engine as its template;
 * their partials are templates/partials/diff-*.hbs, which the engine registers with the
 * report's own.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEMPLATES_DIR, type TemplateEngine } from './engine.js';
import { createHtmlEngine, createMarkdownEngine } from './helpers.js';
import { reportStylesheet } from './html.js';
import { tidyMarkdown } from './markdown.js';

export type PageTemplate = 'diff' | 'history';

const engines: { md?: TemplateEngine; html?: TemplateEngine } = {};
const sources = new Map<string, string>();

function markdownEngine(): TemplateEngine {
  engines.md ??= createMarkdownEngine();
  return engines.md;
}

function htmlEngine(): TemplateEngine {
  // No `token` helper here: view fields named like a helper would be shadowed by it.
  engines.html ??= createHtmlEngine();
  return engines.html;
}

function pageSource(name: PageTemplate, format: 'md' | 'html'): string {
  const file = `${name}.${format}.hbs`;
  let source = sources.get(file);
  if (source === undefined) {
    source = readFileSync(join(TEMPLATES_DIR, file), 'utf8');
    sources.set(file, source);
  }
  return source;
}

/** Render a page view as GitHub-flavoured Markdown (tidied: no runs of blank lines). */
export function renderMarkdownPage(name: PageTemplate, view: unknown): string {
  return tidyMarkdown(markdownEngine().render(view, { top: 0, template: pageSource(name, 'md'), templateName: `${name}.md.hbs` }));
}

/**
 * Render a page view as self-contained HTML; the view gets `css` and `csp` added (templates
 * must write `<style>{{{css}}}</style>` exactly: the CSP allows that text by its hash).
 */
export function renderHtmlPage(name: PageTemplate, view: object): string {
  // The reports' stylesheet and CSP: the pages look like the reports, light and dark.
  const { css, csp } = reportStylesheet();
  return htmlEngine().render({ ...withoutControls(view), css, csp }, { top: 0, template: pageSource(name, 'html'), templateName: `${name}.html.hbs` });
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
