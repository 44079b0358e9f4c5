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

/** Width of the plots over runs (history trend and matrix), which need the room. */
export const WIDTH = 640;
/**
 * Width of the bar charts, and of the label column and the bar area of those with labels
 * beside the bars (STRIDE categories, whose names are short and known). Narrower than the
 * plots so that a phone, which scales the whole drawing to its width, shrinks their 12 px
 * text less (380 px of screen: to 9.5 px, not 7 px).
 */
export const BAR_WIDTH = 480;
export const LABEL_WIDTH = 175;
export const COUNT_WIDTH = 40;
export const BAR_AREA = BAR_WIDTH - LABEL_WIDTH - COUNT_WIDTH;

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

/**
 * The `<svg>` start tag with its `<title>` and `<desc>` (ids given, so several charts can share a page).
 * A chart of `WIDTH` is a plot over runs: class `chart-wide`, which a phone scrolls rather than shrinks.
 */
export function openChart(titleId: string, descId: string, height: number, title: string, desc: string, width: number = WIDTH): string {
  const cls = width === WIDTH ? 'chart chart-wide' : 'chart';
  return (
    `<svg class="${cls}" xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${titleId} ${descId}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">\n` +
    `<title id="${titleId}">${escapeHtml(title)}</title>\n<desc id="${descId}">${escapeHtml(desc)}</desc>`
  );
}

const LEGEND_COLUMN = 160;
const LEGEND_ROW = 22;

/** Legend entries per row in a chart `width` wide (the longest label, "Manual review", fits a column). */
function legendPerRow(width: number): number {
  return Math.max(1, Math.floor(width / LEGEND_COLUMN));
}

/** Height of a verdict legend of `count` entries. */
export function verdictLegendHeight(count: number, width: number = WIDTH): number {
  return Math.ceil(count / legendPerRow(width)) * LEGEND_ROW;
}

/** A swatch and a label per verdict, as many to a row as fit `width`, from `top` down. */
export function verdictLegend(verdicts: readonly Verdict[], top: number, width: number = WIDTH): string[] {
  const perRow = legendPerRow(width);
  return verdicts.flatMap((v, i) => {
    const x = (i % perRow) * LEGEND_COLUMN;
    const y = top + Math.floor(i / perRow) * LEGEND_ROW;
    return [
      `<rect class="${verdictClass(v)}" x="${x}" y="${y}" width="12" height="12" fill="${VERDICT_FILLS[v]}"/>`,
      `<text class="chart-legend" x="${x + 18}" y="${y + 11}" fill="currentColor">${escapeHtml(VERDICT_LABELS[v])}</text>`,
    ];
  });
}
