/**
 * Inline SVG charts for the diff and history pages, drawn like the reports' charts
 * (./charts.ts) with the same primitives (./chart-svg.ts): every label escaped, no scripts
 * or `style` attributes, stylesheet classes with fallback fills, deterministic coordinates,
 * `role="img"` with a `<title>` and a `<desc>` stating the numbers, and a `<title>` tooltip
 * on every mark.
 */
import { STRIDE_CATEGORIES, STRIDE_LABELS, STRIDE_LETTERS, type StrideCategory } from '../knowledge/types.js';
import type { HistoryRow, HistoryRun } from '../model/diff.js';
import type { Verdict } from '../model/report.js';
import {
  BAR_AREA,
  BAR_WIDTH,
  clip,
  LABEL_WIDTH,
  n1,
  openChart,
  STRIDE_FILL,
  VERDICT_FILLS,
  verdictClass,
  verdictLegend,
  verdictLegendHeight,
  WIDTH,
} from './chart-svg.js';
import { escapeHtml } from './escape.js';
import { VERDICT_LABELS } from './view-common.js';

export interface StrideBeforeAfter {
  category: StrideCategory;
  before: number;
  after: number;
}

/** Two bars per STRIDE category: findings before (grey) and after (red). */
export function strideBeforeAfterChart(rows: readonly StrideBeforeAfter[]): string {
  const GROUP = 40;
  const BAR = 14;
  const max = Math.max(1, ...rows.map((r) => Math.max(r.before, r.after)));
  const height = rows.length * GROUP + 26;
  const out = [
    openChart(
      'diff-stride-chart-title',
      'diff-stride-chart-desc',
      height,
      'Findings per STRIDE category, before and after',
      rows.map((r) => `${STRIDE_LABELS[r.category]}: ${r.before} before, ${r.after} after`).join('; ') + '.',
      BAR_WIDTH,
    ),
  ];
  rows.forEach((r, i) => {
    const y = i * GROUP;
    const label = `${STRIDE_LETTERS[r.category]} · ${STRIDE_LABELS[r.category]}`;
    out.push(`<text class="chart-label" x="0" y="${y + 20}" fill="currentColor">${escapeHtml(label)}</text>`);
    for (const [k, count, cls, fill] of [
      [0, r.before, 'chart-not-applicable', VERDICT_FILLS.NOT_APPLICABLE],
      [1, r.after, 'chart-stride', STRIDE_FILL],
    ] as const) {
      const w = (count / max) * BAR_AREA;
      const by = y + 2 + k * (BAR + 2);
      const when = k === 0 ? 'before' : 'after';
      if (count > 0) {
        out.push(
          `<rect class="${cls}" x="${LABEL_WIDTH}" y="${by}" width="${n1(w)}" height="${BAR}" fill="${fill}"><title>${escapeHtml(`${STRIDE_LABELS[r.category]}: ${count} findings ${when}`)}</title></rect>`,
        );
      }
      out.push(`<text class="chart-count" x="${n1(LABEL_WIDTH + w + 6)}" y="${by + 12}" fill="currentColor">${count}</text>`);
    }
  });
  const legendY = rows.length * GROUP + 8;
  out.push(
    `<rect class="chart-not-applicable" x="0" y="${legendY}" width="12" height="12" fill="${VERDICT_FILLS.NOT_APPLICABLE}"/>`,
    `<text class="chart-legend" x="18" y="${legendY + 11}" fill="currentColor">Before</text>`,
    `<rect class="chart-stride" x="120" y="${legendY}" width="12" height="12" fill="${STRIDE_FILL}"/>`,
    `<text class="chart-legend" x="138" y="${legendY + 11}" fill="currentColor">After</text>`,
    '</svg>',
  );
  return out.join('\n');
}

/** Line colours per STRIDE category: mid-tone, readable on the light and the dark background. */
const STRIDE_STROKES: Readonly<Record<StrideCategory, string>> = {
  Spoofing: '#4e79a7',
  Tampering: '#f28e2b',
  Repudiation: '#59a14f',
  InformationDisclosure: '#b6992d',
  DenialOfService: '#b07aa1',
  ElevationOfPrivilege: '#e15759',
};

/**
 * Findings per run: one line for all findings, one per STRIDE category, and a transparent
 * column per run whose tooltip states that run's numbers.
 */
export function trendChart(runs: readonly HistoryRun[]): string {
  const LEFT = 36;
  const TOP = 8;
  const PLOT_W = WIDTH - LEFT - 8;
  const PLOT_H = 200;
  const LEGEND_TOP = TOP + PLOT_H + 30;
  const LEGEND_PER_ROW = 3;
  const height = LEGEND_TOP + Math.ceil((STRIDE_CATEGORIES.length + 1) / LEGEND_PER_ROW) * 20 + 4;
  const maxValue = Math.max(1, ...runs.map((r) => r.findings));
  const step = runs.length > 1 ? PLOT_W / (runs.length - 1) : 0;
  const x = (i: number) => LEFT + (runs.length > 1 ? i * step : PLOT_W / 2);
  const y = (v: number) => TOP + PLOT_H - (v / maxValue) * PLOT_H;
  const first = runs[0];
  const last = runs[runs.length - 1];
  const peak = runs.reduce((m, r) => (r.findings > m.findings ? r : m), runs[0]!);
  const desc =
    first && last
      ? `${runs.length} runs. Findings: ${first.findings} in run 1 (${first.label}), ${last.findings} in run ${last.position} (${last.label}), ` +
        `at most ${peak.findings} (run ${peak.position}). In the last run: ` +
        STRIDE_CATEGORIES.map((c) => `${STRIDE_LABELS[c]} ${last.stride[c]}`).join(', ') +
        '.'
      : 'No runs.';
  const out = [openChart('history-trend-title', 'history-trend-desc', height, 'Findings per run, in total and per STRIDE category', desc)];
  // Axis: zero line, top value, run numbers at both ends.
  out.push(
    `<line x1="${LEFT}" y1="${TOP + PLOT_H}" x2="${LEFT + PLOT_W}" y2="${TOP + PLOT_H}" stroke="currentColor" stroke-width="1"/>`,
    `<line x1="${LEFT}" y1="${TOP}" x2="${LEFT}" y2="${TOP + PLOT_H}" stroke="currentColor" stroke-width="1"/>`,
    `<text class="chart-count" x="${LEFT - 6}" y="${TOP + 10}" text-anchor="end" fill="currentColor">${maxValue}</text>`,
    `<text class="chart-count" x="${LEFT - 6}" y="${TOP + PLOT_H}" text-anchor="end" fill="currentColor">0</text>`,
  );
  if (first && last) {
    out.push(
      `<text class="chart-count" x="${LEFT}" y="${TOP + PLOT_H + 16}" fill="currentColor">run 1</text>`,
      `<text class="chart-count" x="${LEFT + PLOT_W}" y="${TOP + PLOT_H + 16}" text-anchor="end" fill="currentColor">run ${last.position}</text>`,
    );
  }
  const line = (values: number[], stroke: string, width: number, name: string) => {
    const points = values.map((v, i) => `${n1(x(i))},${n1(y(v))}`).join(' ');
    if (values.length === 1) {
      return `<circle cx="${n1(x(0))}" cy="${n1(y(values[0]!))}" r="3" fill="${stroke}"><title>${escapeHtml(name)}</title></circle>`;
    }
    return `<polyline points="${points}" fill="none" stroke="${stroke}" stroke-width="${width}" stroke-linejoin="round"><title>${escapeHtml(name)}</title></polyline>`;
  };
  for (const c of STRIDE_CATEGORIES) out.push(line(runs.map((r) => r.stride[c]), STRIDE_STROKES[c], 1.5, `${STRIDE_LABELS[c]} findings`));
  out.push(line(runs.map((r) => r.findings), 'currentColor', 2.5, 'All findings'));
  // Tooltips: one transparent column per run.
  const colW = runs.length > 1 ? step : PLOT_W;
  runs.forEach((r, i) => {
    const tip = `Run ${r.position} (${r.label}): ${r.findings} findings; ` + STRIDE_CATEGORIES.map((c) => `${STRIDE_LETTERS[c]} ${r.stride[c]}`).join(', ');
    out.push(
      `<rect x="${n1(Math.max(LEFT, x(i) - colW / 2))}" y="${TOP}" width="${n1(Math.max(1, Math.min(colW, PLOT_W)))}" height="${PLOT_H}" fill="transparent"><title>${escapeHtml(tip)}</title></rect>`,
    );
  });
  const legend: [string, string][] = [['All findings', 'currentColor'], ...STRIDE_CATEGORIES.map((c): [string, string] => [`${STRIDE_LETTERS[c]} · ${STRIDE_LABELS[c]}`, STRIDE_STROKES[c]])];
  legend.forEach(([name, stroke], i) => {
    const lx = (i % LEGEND_PER_ROW) * 210;
    const ly = LEGEND_TOP + Math.floor(i / LEGEND_PER_ROW) * 20;
    out.push(
      `<line x1="${lx}" y1="${ly + 6}" x2="${lx + 14}" y2="${ly + 6}" stroke="${stroke}" stroke-width="3"/>`,
      `<text class="chart-legend" x="${lx + 20}" y="${ly + 10}" fill="currentColor">${escapeHtml(name)}</text>`,
    );
  });
  out.push('</svg>');
  return out.join('\n');
}

/**
 * Controls × runs: one row per control, one coloured mark per stretch of runs with the same
 * verdict (absent runs left blank), so 100 runs cost a handful of marks per row.
 */
export function verdictMatrixChart(rows: readonly HistoryRow[], runs: readonly HistoryRun[]): string {
  const ROW = 16;
  // Room for ~32 characters: "1.1.16 Audit containerd-shim-runc-v1" and "…-v2" differ only past 22.
  const LABEL = 230;
  const AREA = WIDTH - LABEL - 4;
  const cell = AREA / Math.max(1, runs.length);
  const used = Object.keys(VERDICT_LABELS).filter((v) => rows.some((r) => r.verdicts.includes(v as Verdict))) as Verdict[];
  const axisY = rows.length * ROW + 14;
  const legendTop = axisY + 12;
  const height = legendTop + verdictLegendHeight(used.length);
  const out = [
    openChart(
      'history-matrix-title',
      'history-matrix-desc',
      height,
      'Verdict of each control across the runs',
      rows.length === 0
        ? 'No control changed its verdict.'
        : rows.map((r) => `${rowName(r)}: ${stretches(r.verdicts).map((s) => `${s.verdict === null ? 'absent' : VERDICT_LABELS[s.verdict].toLowerCase()} in ${span(s, runs)}`).join(', ')}`).join('; ') + '.',
    ),
  ];
  rows.forEach((r, i) => {
    const y = i * ROW;
    out.push(`<text class="chart-label" x="0" y="${y + 12}" fill="currentColor">${escapeHtml(clip(rowName(r), 32))}</text>`);
    for (const s of stretches(r.verdicts)) {
      if (s.verdict === null) continue;
      out.push(
        `<rect class="${verdictClass(s.verdict)}" x="${n1(LABEL + s.from * cell)}" y="${y + 2}" width="${n1(Math.max(1, (s.to - s.from + 1) * cell))}" height="${ROW - 4}" fill="${VERDICT_FILLS[s.verdict]}"><title>${escapeHtml(`${rowName(r)}: ${VERDICT_LABELS[s.verdict]} in ${span(s, runs)}`)}</title></rect>`,
      );
    }
  });
  // Which run is where: the first and the last under the columns.
  const last = runs[runs.length - 1];
  if (rows.length > 0 && last) {
    out.push(`<text class="chart-count" x="${LABEL}" y="${axisY}" fill="currentColor">run 1</text>`);
    if (runs.length > 1) out.push(`<text class="chart-count" x="${LABEL + AREA}" y="${axisY}" text-anchor="end" fill="currentColor">run ${last.position}</text>`);
    if (rows.some((r) => r.verdicts.includes(null))) {
      out.push(`<text class="chart-count" x="${n1(LABEL + AREA / 2)}" y="${axisY}" text-anchor="middle" fill="currentColor">blank: not in that run</text>`);
    }
  }
  out.push(...verdictLegend(used, legendTop), '</svg>');
  return out.join('\n');
}

function rowName(r: HistoryRow): string {
  return `${r.ids.join('/')} ${r.title}`;
}

export interface Stretch<T> {
  verdict: T;
  /** 0-based indexes of the first and last run of the stretch. */
  from: number;
  to: number;
}

/** Consecutive runs with the same value. */
export function stretches<T>(values: readonly T[]): Stretch<T>[] {
  const out: Stretch<T>[] = [];
  values.forEach((v, i) => {
    const last = out[out.length - 1];
    if (last && last.verdict === v) last.to = i;
    else out.push({ verdict: v, from: i, to: i });
  });
  return out;
}

function span(s: Stretch<unknown>, runs: readonly HistoryRun[]): string {
  const a = runs[s.from]!;
  const b = runs[s.to]!;
  return s.from === s.to ? `run ${a.position} (${a.label})` : `runs ${a.position}–${b.position} (${a.label} – ${b.label})`;
}
