/**
 * Inline SVG charts for the HTML report: verdicts per section (stacked bars) and findings
 * per STRIDE category (bars), drawn with the primitives and under the rules of
 * ./chart-svg.ts (escaped labels, no scripts or `style`, stylesheet classes with fallback
 * fills, deterministic coordinates, `<title>` and `<desc>`), with a `<title>` on every bar
 * for pointer users.
 */
import { VERDICTS } from '../model/report.js';
import { BAR_AREA, BAR_WIDTH, clip, COUNT_WIDTH, LABEL_WIDTH, n1, openChart, STRIDE_FILL, VERDICT_FILLS, verdictClass, verdictLegend, verdictLegendHeight } from './chart-svg.js';
import { escapeHtml } from './escape.js';
import type { SectionVerdicts, StrideCount } from './view-model.js';

const ROW = 24;
const BAR = 16;
/** A section's row: its name on a line of its own, then the bar. */
const SECTION_ROW = 38;
const SECTION_BAR_AREA = BAR_WIDTH - COUNT_WIDTH;

/**
 * Stacked horizontal bars: one row per section, one segment per verdict. Each section's
 * name goes above its bar, across the whole width: names such as "2 Docker daemon
 * configuration" and "3 Docker daemon configuration files" stay whole and distinct.
 */
export function verdictsBySectionChart(sections: SectionVerdicts[], idPrefix: string): string {
  const titleId = `${idPrefix}verdicts-chart-title`;
  const descId = `${idPrefix}verdicts-chart-desc`;
  const max = Math.max(1, ...sections.map((s) => s.total));
  const used = VERDICTS.filter((v) => sections.some((s) => s.counts.some((c) => c.verdict === v && c.count > 0)));
  const legendTop = Math.max(1, sections.length) * SECTION_ROW + 8;
  const height = legendTop + verdictLegendHeight(used.length, BAR_WIDTH);
  const out = [
    openChart(
      titleId,
      descId,
      height,
      'Verdicts per section',
      sections.length === 0
        ? 'No results.'
        : sections
            .map((s) => `${sectionName(s)}: ${s.counts.filter((c) => c.count > 0).map((c) => `${c.count} ${c.label.toLowerCase()}`).join(', ') || 'no results'}`)
            .join('; ') + '.',
      BAR_WIDTH,
    ),
  ];
  sections.forEach((s, row) => {
    const y = row * SECTION_ROW;
    out.push(`<text class="chart-label" x="0" y="${y + 12}" fill="currentColor">${escapeHtml(clip(sectionName(s), 70))}</text>`);
    let x = 0;
    for (const c of s.counts) {
      if (c.count === 0) continue;
      const w = (c.count / max) * SECTION_BAR_AREA;
      out.push(
        `<rect class="${verdictClass(c.verdict)}" x="${n1(x)}" y="${y + 17}" width="${n1(w)}" height="${BAR}" fill="${VERDICT_FILLS[c.verdict]}"><title>${escapeHtml(`${sectionName(s)}: ${c.count} ${c.label.toLowerCase()}`)}</title></rect>`,
      );
      x += w;
    }
    out.push(`<text class="chart-count" x="${n1(x + 6)}" y="${y + 29}" fill="currentColor">${s.total}</text>`);
  });
  out.push(...verdictLegend(used, legendTop, BAR_WIDTH), '</svg>');
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
  const out = [openChart(titleId, descId, height, 'Findings per STRIDE category', stride.map((s) => `${s.label}: ${s.count}`).join('; ') + '.', BAR_WIDTH)];
  stride.forEach((s, row) => {
    const y = row * ROW;
    const w = (s.count / max) * BAR_AREA;
    out.push(`<text class="chart-label" x="0" y="${y + 13}" fill="currentColor">${escapeHtml(`${s.letter} · ${s.label}`)}</text>`);
    if (s.count > 0) {
      out.push(
        `<rect class="chart-stride" x="${LABEL_WIDTH}" y="${y + 2}" width="${n1(w)}" height="${BAR}" fill="${STRIDE_FILL}"><title>${escapeHtml(`${s.label}: ${s.count} findings`)}</title></rect>`,
      );
    }
    out.push(`<text class="chart-count" x="${n1(LABEL_WIDTH + w + 6)}" y="${y + 14}" fill="currentColor">${s.count}</text>`);
  });
  out.push('</svg>');
  return out.join('\n');
}
