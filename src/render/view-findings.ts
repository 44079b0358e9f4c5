/** The findings part of the report view: every result by section, and the caveats applied. */
import { compareIds, compareText } from '../model/ids.js';
import type { AnalysedResult, AnalysedRun } from '../model/report.js';
import { STRIDE_CATEGORIES, type StrideCategory } from '../knowledge/types.js';
import { INLINE_ITEMS, SEVERITY_LABELS, strideCounts, uniqueCaveats, VERDICT_LABELS } from './view-common.js';
import type { Anchor, CaveatGroupView, ResultView, SectionView } from './view-model.js';
import { sectionOrder } from './view-summary.js';

export function buildSections(run: AnalysedRun, rowAnchor: (i: number) => string, a: (id: string, heading: string) => Anchor): SectionView[] {
  return sectionOrder(run).map(({ id, title }, n) => {
    const results: ResultView[] = [];
    run.results.forEach((r, i) => {
      if ((r.section ?? '') === id) results.push(resultView(r, rowAnchor(i)));
    });
    const heading = id === '' ? title : `${id} ${title}`;
    return {
      section: id,
      title,
      anchor: a(`section-${n + 1}`, heading),
      results,
      findings: results.filter((r) => r.verdict === 'FINDING').length,
    };
  });
}

function resultView(r: AnalysedResult, rowId: string): ResultView {
  const stride = strideCounts(resultStride(r), () => 1);
  return {
    id: r.id,
    title: r.title,
    status: r.status,
    verdict: r.verdict,
    verdictLabel: VERDICT_LABELS[r.verdict] ?? r.verdict,
    severity: r.severity,
    severityLabel: SEVERITY_LABELS[r.severity] ?? r.severity,
    stride,
    strideLetters: stride.map((s) => s.letter).join(', '),
    controlKey: r.control,
    caveats: uniqueCaveats(r.caveats),
    items: [...r.items],
    manyItems: r.items.length > INLINE_ITEMS,
    itemsPreview: r.items.slice(0, INLINE_ITEMS),
    details: [...r.details],
    waiver: r.waiver
      ? { target: r.waiver.target, item: r.waiver.item, reason: r.waiver.reason, owner: r.waiver.owner, expires: r.waiver.expires, line: r.waiver.line, ids: [r.id] }
      : null,
    priority: r.priority,
    anchor: rowId,
  };
}

/** The result's categories in STRIDE order (the analysis may list them primary-first). */
function resultStride(r: AnalysedResult): StrideCategory[] {
  return STRIDE_CATEGORIES.filter((c) => r.stride.includes(c));
}

export function buildCaveats(run: AnalysedRun): CaveatGroupView[] {
  const groups = new Map<string, CaveatGroupView>();
  for (const c of run.caveats) {
    const k = `${c.rule}\u0000${c.message}`;
    if (!groups.has(k)) groups.set(k, { rule: c.rule, message: c.message, ids: [] });
  }
  for (const r of run.results) {
    for (const c of r.caveats) {
      const k = `${c.rule}\u0000${c.message}`;
      const g = groups.get(k) ?? { rule: c.rule, message: c.message, ids: [] };
      if (!g.ids.includes(r.id)) g.ids.push(r.id);
      groups.set(k, g);
    }
  }
  return [...groups.values()]
    .map((g) => ({ ...g, ids: [...g.ids].sort(compareIds) }))
    .sort((x, y) => compareText(x.rule, y.rule) || compareText(x.message, y.message));
}
