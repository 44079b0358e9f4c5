/**
 * The HTML hardening report: one self-contained file an auditor can attach. Inline CSS
 * (templates/report.css, allowed by its SHA-256 in a strict Content-Security-Policy), inline
 * SVG charts, no scripts, no external fonts or images; readable without JavaScript, printable
 * (print stylesheet), light and dark. `{{x}}` is Handlebars' HTML escaping; knowledge Markdown
 * goes through `marked` with raw HTML escaped (markdown-text.ts).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findingsByStrideChart, verdictsBySectionChart } from './charts.js';
import { TEMPLATES_DIR, type TemplateEngine } from './engine.js';
import { htmlIdFragment, toText, withoutControls } from './escape.js';
import { createHtmlEngine } from './helpers.js';
import { codeTextToHtml, knowledgeMarkdownToHtml, knowledgeMarkdownToInlineHtml } from './markdown-text.js';
import type { Renderer } from './types.js';
import { buildView, type ReportView, type RunView } from './view-model.js';

let engine: TemplateEngine | null = null;
let stylesheet: { css: string; csp: string } | null = null;

function htmlEngine(): TemplateEngine {
  engine ??= createHtmlEngine((safe) => ({
    /** Knowledge Markdown (rationale, fix text) → HTML block, raw HTML in it escaped. */
    markdown: (value) => safe(knowledgeMarkdownToHtml(toText(value))),
    /** Knowledge Markdown → inline HTML (no paragraph), for table cells. */
    markdownInline: (value) => safe(knowledgeMarkdownToInlineHtml(toText(value))),
    /** Analysis text (caveat messages, notes): backtick spans as code, all else escaped text. */
    codeText: (value) => safe(codeTextToHtml(toText(value))),
    /** A class-name-safe token from a value: `{{token verdict}}` → `not-assessed`. */
    token: (value) => htmlIdFragment(toText(value)),
  }));
  return engine;
}

/**
 * The stylesheet and the policy that allows exactly it. The hash covers the exact text
 * between `<style>` and `</style>`, so templates must write `<style>{{{css}}}</style>`.
 */
export function reportStylesheet(): { css: string; csp: string } {
  if (stylesheet) return stylesheet;
  const css = readFileSync(join(TEMPLATES_DIR, 'report.css'), 'utf8');
  const hash = createHash('sha256').update(css, 'utf8').digest('base64');
  const csp = `default-src 'none'; style-src 'sha256-${hash}'; img-src data:; base-uri 'none'; form-action 'none'`;
  stylesheet = { css, csp };
  return stylesheet;
}

export interface HtmlRunView extends RunView {
  charts: { verdictsBySection: string; findingsByStride: string };
}

export interface HtmlReportView extends Omit<ReportView, 'runs'> {
  runs: HtmlRunView[];
  css: string;
  csp: string;
}

export function htmlView(view: ReportView): HtmlReportView {
  const { css, csp } = reportStylesheet();
  return {
    ...view,
    runs: view.runs.map((run) => {
      const prefix = view.multiRun ? `r${run.index}-` : '';
      return {
        ...run,
        charts: {
          verdictsBySection: verdictsBySectionChart(run.summary.verdictsBySection, prefix),
          findingsByStride: findingsByStrideChart(run.summary.stride, prefix),
        },
      };
    }),
    css,
    csp,
  };
}

export const render: Renderer = (report, options) => {
  // Handlebars' HTML escaping leaves control characters alone (the diff pages do the same).
  const view = htmlView(withoutControls(buildView(report, { top: options.top })));
  return htmlEngine().render(view, options);
};
