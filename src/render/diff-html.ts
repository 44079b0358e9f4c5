/**
 * `stridebench diff -f html`: one self-contained page (inline CSS allowed by its hash in a
 * strict CSP, inline SVG, no script), light and dark like the reports. `{{x}}` is
 * Handlebars' HTML escaping; the chart is built escaped (./diff-charts.ts).
 */
import type { DiffReport } from '../model/diff.js';
import { strideBeforeAfterChart } from './diff-charts.js';
import { renderHtmlPage } from './diff-engine.js';
import { buildDiffView } from './diff-view.js';

export function renderDiffHtml(diff: DiffReport): string {
  const view = buildDiffView(diff);
  return renderHtmlPage('diff', { ...view, strideChart: strideBeforeAfterChart(view.stride) });
}
