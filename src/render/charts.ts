/**
 * Inline SVG charts for the HTML report: verdicts per section (stacked bars) and findings
 * per STRIDE category (bars). Plain strings with every label escaped; no scripts, no
 * external references, no `style` attributes (the report's CSP allows only its own hashed
 * stylesheet), so the colours come from classes the stylesheet defines for light and dark
 * mode, with presentation-attribute fallbacks. Deterministic: integer and fixed-decimal
 * coordinates only. Accessible: `role="img"` with a `<title>` and a `<desc>` that states
 * the numbers, and a `<title>` on every bar for pointer users.
 */
import { VERDICTS, type Verdict } from '../model/report.js';
import { escapeHtml } from './escape.js';
import type { SectionVerdicts, StrideCount } from './view-model.js';
import { VERDICT_LABELS } from './view-model.js';

const WIDTH = 640;
const LABEL_WIDTH = 215;
const COUNT_WIDTH = 48;
const BAR_AREA = WIDTH - LABEL_WIDTH - COUNT_WIDTH;
const ROW = 24;
const BAR = 16;
const LEGEND_ROW = 22;

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

const n1 = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));

/** Shorten a label for the label column; the full text stays in the bar's tooltip. */
function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max - 1).join('') + '…';
}

function verdictClass(v: Verdict): string {
  return `chart-${v.toLowerCase().replace(/_/g, '-')}`;
}

/** Stacked horizontal bars: one row per section, one segment per verdict. */
export function verdictsBySectionChart(sections: SectionVerdicts[], idPrefix: string): string {
  const titleId = `${idPrefix}verdicts-chart-title`;
  const descId = `${idPrefix}verdicts-chart-desc`;
  const max = Math.max(1, ...sections.map((s) => s.total));
  const used = VERDICTS.filter((v) => sections.some((s) => s.counts.some((c) => c.verdict === v && c.count > 0)));
  const legendPerRow = 4;
  const legendRows = Math.ceil(used.length / legendPerRow);
  const height = Math.max(1, sections.length) * ROW + 12 + legendRows * LEGEND_ROW;
  const out: string[] = [];
  out.push(
    `<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${titleId} ${descId}" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}">`,
    `<title id="${titleId}">Verdicts per section</title>`,
    `<desc id="${descId}">${escapeHtml(
      sections.length === 0
        ? 'No results.'
        : sections
            .map((s) => `${sectionName(s)}: ${s.counts.filter((c) => c.count > 0).map((c) => `${c.count} ${c.label.toLowerCase()}`).join(', ') || 'no results'}`)
            .join('; ') + '.',
    )}</desc>`,
  );
  sections.forEach((s, row) => {
    const y = row * ROW;
    out.push(`<text class="chart-label" x="0" y="${y + 13}" fill="currentColor">${escapeHtml(clip(sectionName(s), 28))}</text>`);
    let x = LABEL_WIDTH;
    for (const c of s.counts) {
      if (c.count === 0) continue;
      const w = (c.count / max) * BAR_AREA;
      out.push(
        `<rect class="${verdictClass(c.verdict)}" x="${n1(x)}" y="${y + 2}" width="${n1(w)}" height="${BAR}" fill="${VERDICT_FILLS[c.verdict]}"><title>${escapeHtml(`${sectionName(s)}: ${c.count} ${c.label.toLowerCase()}`)}</title></rect>`,
      );
      x += w;
    }
    out.push(`<text class="chart-count" x="${n1(x + 6)}" y="${y + 14}" fill="currentColor">${s.total}</text>`);
  });
  const legendTop = Math.max(1, sections.length) * ROW + 12;
  used.forEach((v, i) => {
    const x = (i % legendPerRow) * 160;
    const y = legendTop + Math.floor(i / legendPerRow) * LEGEND_ROW;
    out.push(
      `<rect class="${verdictClass(v)}" x="${x}" y="${y}" width="12" height="12" fill="${VERDICT_FILLS[v]}"/>`,
      `<text class="chart-legend" x="${x + 18}" y="${y + 11}" fill="currentColor">${escapeHtml(VERDICT_LABELS[v])}</text>`,
    );
  });
  out.push('</svg>');
  return out.join('\n');
}

function sectionName(s: SectionVerdicts): string {
  return s.section === '' ? s.title : `${s.section} ${s.title}`;
}

/** Horizontal bars: FINDINGs per STRIDE category. */
export function findingsByStrideChart(stride: StrideCount[], idPrefix: string): string {
  const titleId = `${idPrefix}stride-chart-title`;
  const descId = `${idPrefix}stride-chart-desc`;
  const max = Math.max(1, ...stride.map((s) => s.count));
  const height = stride.length * ROW + 4;
  const out: string[] = [];
  out.push(
    `<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${titleId} ${descId}" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}">`,
    `<title id="${titleId}">Findings per STRIDE category</title>`,
    `<desc id="${descId}">${escapeHtml(stride.map((s) => `${s.label}: ${s.count}`).join('; ') + '.')}</desc>`,
  );
  stride.forEach((s, row) => {
    const y = row * ROW;
    const w = (s.count / max) * BAR_AREA;
    out.push(`<text class="chart-label" x="0" y="${y + 13}" fill="currentColor">${escapeHtml(`${s.letter} · ${s.label}`)}</text>`);
    if (s.count > 0) {
      out.push(
        `<rect class="chart-stride" x="${LABEL_WIDTH}" y="${y + 2}" width="${n1(w)}" height="${BAR}" fill="#b71c1c"><title>${escapeHtml(`${s.label}: ${s.count} findings`)}</title></rect>`,
      );
    }
    out.push(`<text class="chart-count" x="${n1(LABEL_WIDTH + w + 6)}" y="${y + 14}" fill="currentColor">${s.count}</text>`);
  });
  out.push('</svg>');
  return out.join('\n');
}
