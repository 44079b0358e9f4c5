/**
 * `stridebench diff -f md`: GitHub-flavoured Markdown for a pull-request comment or
 * `$GITHUB_STEP_SUMMARY`: the answer first, then one table per kind of change. Every
 * input-derived string is escaped for its exact context by the templates' helpers.
 */
import type { DiffReport } from '../model/diff.js';
import { renderMarkdownPage } from './diff-engine.js';
import { buildDiffView } from './diff-view.js';

export function renderDiffMarkdown(diff: DiffReport): string {
  return renderMarkdownPage('diff', buildDiffView(diff));
}
