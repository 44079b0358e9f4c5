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

/**
 * The caveats applied, one row per rule and meaning. Most result caveats start with the
 * check's id ("3.16 compared the mode…"), so the same caveat on seven checks would be seven
 * rows that differ only in that id: they are one row whose text says "Each of these checks"
 * and whose Checks column lists them. Rows follow the rule, then the first check's id
 * compared part by part (3.2 before 3.16), whole-run notes first.
 */
export function buildCaveats(run: AnalysedRun): CaveatGroupView[] {
  interface Group extends CaveatGroupView {
    /** The message with its leading id cut off, when it started with one. */
    afterId: string | null;
  }
  const groups = new Map<string, Group>();
  for (const c of run.caveats) {
    const k = `${c.rule}\u0000${c.message}`;
    if (!groups.has(k)) groups.set(k, { rule: c.rule, message: c.message, ids: [], afterId: null });
  }
  for (const r of run.results) {
    for (const c of r.caveats) {
      const afterId = r.id !== '' && c.message.startsWith(r.id) && /^[\s:]/.test(c.message.slice(r.id.length)) ? c.message.slice(r.id.length) : null;
      const k = afterId !== null ? `${c.rule}\u0000\u0001${afterId}` : `${c.rule}\u0000${c.message}`;
      const g = groups.get(k) ?? { rule: c.rule, message: c.message, ids: [], afterId };
      if (!g.ids.includes(r.id)) g.ids.push(r.id);
      groups.set(k, g);
    }
  }
  return [...groups.values()]
    .map(({ afterId, ...g }) => ({
      ...g,
      message: afterId !== null && g.ids.length > 1 ? `Each of these checks${afterId}` : g.message,
      ids: [...g.ids].sort(compareIds),
    }))
    .sort(
      (x, y) =>
        compareText(x.rule, y.rule) ||
        Number(x.ids.length > 0) - Number(y.ids.length > 0) ||
        compareIds(x.ids[0] ?? '', y.ids[0] ?? '') ||
        compareText(x.message, y.message),
    );
}
