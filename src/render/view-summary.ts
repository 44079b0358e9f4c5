/** The summary part of the report view: verdict, severity and STRIDE counts, the posture sentence, verdicts per section. */
import { compareIds } from '../model/ids.js';
import { SEVERITIES, VERDICTS, type AnalysedRun } from '../model/report.js';
import { STRIDE_CATEGORIES } from '../knowledge/types.js';
import { plural, SEVERITY_LABELS, strideCounts, VERDICT_DESCRIPTIONS, VERDICT_LABELS } from './view-common.js';
import type { SectionVerdicts, SeverityCount, StrideCount, SummaryView } from './view-model.js';

export function buildSummary(run: AnalysedRun): SummaryView {
  const s = run.summary;
  const verdicts = VERDICTS.map((verdict) => ({
    verdict,
    label: VERDICT_LABELS[verdict],
    description: VERDICT_DESCRIPTIONS[verdict],
    count: s.verdicts[verdict] ?? 0,
  }));
  const severities = SEVERITIES.map((severity) => ({ severity, label: SEVERITY_LABELS[severity], count: s.severities[severity] ?? 0 }));
  const stride = strideCounts(STRIDE_CATEGORIES, (c) => s.stride[c] ?? 0);
  const findings = s.verdicts.FINDING ?? 0;

  const notAssessed: string[] = [];
  const addNote = (text: string) => {
    if (text.length > 0 && !notAssessed.includes(text)) notAssessed.push(text);
  };
  for (const reason of run.partialReasons) addNote(`Partial run: ${reason}`);
  for (const note of s.notAssessed) addNote(note);
  const unseen = run.results.filter((r) => r.verdict === 'NOT_ASSESSED');
  if (unseen.length > 0) {
    const ids = unseen.map((r) => r.id).sort(compareIds);
    const uniqueIds = ids.filter((id, i) => ids.indexOf(id) === i);
    addNote(`${plural(unseen.length, 'check')} the scanner could not see: ${uniqueIds.join(', ')}`);
  }

  return {
    posture: posture(run, findings, severities, stride),
    results: run.results.length,
    findings,
    score: s.score,
    verdicts,
    severities,
    stride,
    notAssessed,
    verdictsBySection: verdictsBySection(run),
  };
}

function posture(run: AnalysedRun, findings: number, severities: SeverityCount[], stride: StrideCount[]): string {
  const s = run.summary;
  const review = (s.verdicts.MANUAL_REVIEW ?? 0) + (s.verdicts.UNVERIFIED ?? 0);
  const parts: string[] = [];
  if (findings === 0) {
    const satisfied = s.verdicts.SATISFIED ?? 0;
    parts.push(satisfied > 0 ? `No findings: ${plural(satisfied, 'check')} satisfied` : 'No findings and nothing satisfied: the run assessed nothing');
  } else {
    const bySeverity = severities.filter((x) => x.count > 0).map((x) => `${x.count} ${x.severity}`);
    const exposed = stride.filter((x) => x.count > 0).length;
    parts.push(`${plural(findings, 'finding')} to fix (${bySeverity.join(', ')}), exposed in ${exposed} of ${stride.length} STRIDE categories`);
  }
  if (review > 0) parts.push(`${plural(review, 'check')} need${review === 1 ? 's' : ''} a person to judge ${review === 1 ? 'it' : 'them'}`);
  if (s.score !== null) parts.push(`score ${s.score}/100`);
  const unassessed = s.verdicts.NOT_ASSESSED ?? 0;
  if (run.partial || unassessed > 0 || s.notAssessed.length > 0) parts.push('not everything was assessed (see below)');
  return parts.join('; ') + '.';
}

function verdictsBySection(run: AnalysedRun): SectionVerdicts[] {
  return sectionOrder(run).map(({ id, title }) => {
    const inSection = run.results.filter((r) => (r.section ?? '') === id);
    return {
      section: id,
      title,
      total: inSection.length,
      counts: VERDICTS.map((verdict) => ({
        verdict,
        label: VERDICT_LABELS[verdict],
        description: VERDICT_DESCRIPTIONS[verdict],
        count: inSection.filter((r) => r.verdict === verdict).length,
      })),
    };
  });
}

/** Sections in printed order, then sections only results name (by id), then results with none (`''`). */
export function sectionOrder(run: AnalysedRun): { id: string; title: string }[] {
  const out: { id: string; title: string }[] = [];
  const seen = new Set<string>();
  const present = new Set(run.results.map((r) => r.section ?? ''));
  for (const s of run.sections) {
    if (seen.has(s.id) || !present.has(s.id)) continue;
    seen.add(s.id);
    out.push({ id: s.id, title: s.title });
  }
  const extra = [...present].filter((id) => !seen.has(id) && id !== '').sort(compareIds);
  for (const id of extra) out.push({ id, title: `Section ${id}` });
  if (present.has('') && !seen.has('')) out.push({ id: '', title: 'Results without a section' });
  return out;
}
