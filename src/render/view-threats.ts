/** The STRIDE threat-model part of the report view: per category, the threatened components and their findings. */
import { compareText } from '../model/ids.js';
import type { AnalysedRun } from '../model/report.js';
import { STRIDE_CATEGORIES, STRIDE_LABELS, STRIDE_LETTERS, type Control } from '../knowledge/types.js';
import { componentLabel, INLINE_ITEMS, severityRank, STRIDE_DESCRIPTIONS, THREAT_STATEMENTS, unique } from './view-common.js';
import type { Anchor, FindingRef, ThreatCategoryView, ThreatView } from './view-model.js';

export function buildThreats(
  run: AnalysedRun,
  controls: Record<string, Control>,
  ordered: number[],
  rowAnchor: (i: number) => string,
  a: (id: string, heading: string) => Anchor,
): ThreatCategoryView[] {
  return STRIDE_CATEGORIES.map((category) => {
    const byComponent = new Map<string, FindingRef[]>();
    for (const i of ordered) {
      const r = run.results[i]!;
      if (!r.stride.includes(category)) continue;
      const control = r.control ? controls[r.control] : undefined;
      const component = control?.component ?? 'unmapped';
      const refs = byComponent.get(component) ?? [];
      refs.push({
        id: r.id,
        title: r.title,
        severity: r.severity,
        verdict: r.verdict,
        items: [...r.items],
        itemsPreview: r.items.slice(0, INLINE_ITEMS),
        moreItems: Math.max(0, r.items.length - INLINE_ITEMS),
        anchor: rowAnchor(i),
        primary: control ? control.stride.primary === category : false,
        priority: r.priority,
      });
      byComponent.set(component, refs);
    }
    const threats: ThreatView[] = [...byComponent.entries()].map(([component, findings]) => {
      const label = component === 'unmapped' ? 'controls stridebench does not know' : componentLabel(component);
      const severity = findings.map((f) => f.severity).sort((x, y) => severityRank(x) - severityRank(y))[0]!;
      return {
        component,
        componentLabel: label,
        statement: THREAT_STATEMENTS[category].replace('%', label),
        severity,
        findings,
        items: unique(findings.flatMap((f) => f.items)),
      };
    });
    threats.sort(
      (x, y) =>
        severityRank(x.severity) - severityRank(y.severity) ||
        y.findings.length - x.findings.length ||
        compareText(x.component, y.component),
    );
    const count = run.summary.stride[category] ?? threats.reduce((n, t) => n + t.findings.length, 0);
    return {
      category,
      label: STRIDE_LABELS[category],
      letter: STRIDE_LETTERS[category],
      description: STRIDE_DESCRIPTIONS[category],
      anchor: a(`threat-${STRIDE_LETTERS[category].toLowerCase()}`, STRIDE_LABELS[category]),
      count,
      exposed: threats.length > 0,
      threats,
    };
  });
}
