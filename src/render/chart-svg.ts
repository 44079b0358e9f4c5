/**
 * What every inline SVG chart shares (the reports' charts in ./charts.ts, the diff and
 * history pages' in ./diff-charts.ts): plain strings with every label escaped, no scripts,
 * no external references, no `style` attributes (the pages' CSP allows only their hashed
 * stylesheet), so colours come from classes the stylesheet defines for light and dark mode,
 * with presentation-attribute fallbacks. Deterministic: integer and one-decimal coordinates
 * only. Accessible: `role="img"` with a `<title>` and a `<desc>` that states the numbers.
 */
import type { Verdict } from '../model/report.js';
import { escapeHtml } from './escape.js';
import { VERDICT_LABELS } from './view-common.js';

/** Width of every chart, and of the label column and the bar area of the bar charts. */
export const WIDTH = 640;
export const LABEL_WIDTH = 215;
const COUNT_WIDTH = 48;
export const BAR_AREA = WIDTH - LABEL_WIDTH - COUNT_WIDTH;

/** Fallback fills (the stylesheet overrides them per colour scheme). */
export const VERDICT_FILLS: Readonly<Record<Verdict, string>> = {
  FINDING: '#c62828',
  UNVERIFIED: '#ef6c00',
  MANUAL_REVIEW: '#8e6c00',
  NOT_ASSESSED: '#6d4c9f',
  NOT_APPLICABLE: '#78909c',
  WAIVED: '#00838f',
  SATISFIED: '#2e7d32',
};

/** Fallback fill of the findings-per-STRIDE bars (class `chart-stride`). */
export const STRIDE_FILL = '#b71c1c';

/** A coordinate: an integer as is, anything else with one decimal. */
export const n1 = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));

/** Shorten a label for the label column; the full text stays in the mark's tooltip. */
export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max - 1).join('') + '…';
}

/** The stylesheet class of a verdict's marks: `chart-not-assessed`. */
export function verdictClass(v: Verdict): string {
  return `chart-${v.toLowerCase().replace(/_/g, '-')}`;
}

/** The `<svg>` start tag with its `<title>` and `<desc>` (ids given, so several charts can share a page). */
export function openChart(titleId: string, descId: string, height: number, title: string, desc: string): string {
  return (
    `<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${titleId} ${descId}" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}">\n` +
    `<title id="${titleId}">${escapeHtml(title)}</title>\n<desc id="${descId}">${escapeHtml(desc)}</desc>`
  );
}

const LEGEND_PER_ROW = 4;
const LEGEND_COLUMN = 160;
const LEGEND_ROW = 22;

/** Height of a verdict legend of `count` entries. */
export function verdictLegendHeight(count: number): number {
  return Math.ceil(count / LEGEND_PER_ROW) * LEGEND_ROW;
}

/** A swatch and a label per verdict, four to a row, from `top` down. */
export function verdictLegend(verdicts: readonly Verdict[], top: number): string[] {
  return verdicts.flatMap((v, i) => {
    const x = (i % LEGEND_PER_ROW) * LEGEND_COLUMN;
    const y = top + Math.floor(i / LEGEND_PER_ROW) * LEGEND_ROW;
    return [
      `<rect class="${verdictClass(v)}" x="${x}" y="${y}" width="12" height="12" fill="${VERDICT_FILLS[v]}"/>`,
      `<text class="chart-legend" x="${x + 18}" y="${y + 11}" fill="currentColor">${escapeHtml(VERDICT_LABELS[v])}</text>`,
    ];
  });
}
