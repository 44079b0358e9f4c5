/**
 * `stridebench history -f html`: a self-contained page (inline CSS allowed by its hash,
 * no script) with a trend chart (findings per run, in total and per STRIDE category) and
 * the controls × runs matrix as inline SVG, then the same tables as the Markdown.
 */
import type { HistoryReport } from '../model/diff.js';
import { trendChart, verdictMatrixChart } from './diff-charts.js';
import { renderHtmlPage } from './diff-engine.js';
import { buildHistoryView } from './history-view.js';

export function renderHistoryHtml(history: HistoryReport): string {
  const view = buildHistoryView(history);
  const changed = history.rows.filter((r) => r.changes > 0);
  return renderHtmlPage('history', {
    ...view,
    charts: { trend: trendChart(history.runs), matrix: verdictMatrixChart(changed, history.runs) },
  });
}
