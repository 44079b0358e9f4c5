/**
 * Fixes from reading real diffs end to end (the review of 2026-01): a hardening diff whose
 * AFTER run skipped section 5 must not read as progress, and its tables print STRIDE as
 * the report does.
 */
import { diffRuns } from '../../src/analysis/diff.js';
import { historyOf } from '../../src/analysis/history.js';
import { buildDiffView } from '../../src/render/diff-view.js';
import { renderDiffMarkdown } from '../../src/render/diff-markdown.js';
import { compared, GENERATED_AT, type Spec } from './build.js';

const ICC = 'docker.daemon.icc';
const MEM = 'docker.container.memory-limit';
const PIDS = 'docker.container.pids-limit';

/** BEFORE: icc and two runtime findings; AFTER: icc still failing, section 5 not run (no containers). */
function sectionFiveSkipped() {
  const before: Spec[] = [
    { id: '2.1', control: ICC, verdict: 'FINDING', stride: ['InformationDisclosure', 'Spoofing', 'Tampering'] },
    { id: '5.10', control: MEM, verdict: 'FINDING', stride: ['DenialOfService'] },
    { id: '5.28', control: PIDS, verdict: 'FINDING', stride: ['DenialOfService'] },
    { id: '3.1', control: 'docker.files.service-owner', verdict: 'SATISFIED' },
  ];
  const after: Spec[] = [
    { id: '2.1', control: ICC, verdict: 'FINDING', stride: ['InformationDisclosure', 'Spoofing', 'Tampering'] },
    { id: '3.1', control: 'docker.files.service-owner', verdict: 'SATISFIED' },
  ];
  return diffRuns(compared(before, { name: 'before.log' }), compared(after, { name: 'after.log' }), { generatedAt: GENERATED_AT });
}

describe('diff: STRIDE counts that moved without hardening', () => {
  it('says how many BEFORE findings left the AFTER column unjudged', () => {
    const view = buildDiffView(sectionFiveSkipped());
    expect(view.strideNote).toBe(
      "Each column counts its own run's findings. 2 BEFORE findings are in checks AFTER did not judge (absent or not assessed): they leave the AFTER column without being fixed.",
    );
    expect(renderDiffMarkdown(sectionFiveSkipped())).toContain('2 BEFORE findings are in checks AFTER did not judge');
  });
  it('says nothing when every finding was judged on both sides', () => {
    const before: Spec[] = [{ id: '2.1', control: ICC, verdict: 'FINDING' }];
    const after: Spec[] = [{ id: '2.1', control: ICC, verdict: 'SATISFIED' }];
    const diff = diffRuns(compared(before), compared(after), { generatedAt: GENERATED_AT });
    expect(buildDiffView(diff).strideNote).toBeNull();
  });
});

describe('diff: wording', () => {
  it('counts rows in plain English ("2 rows", not "2 row(s)")', () => {
    const view = buildDiffView(sectionFiveSkipped());
    expect(`${view.score.text} ${view.score.meaning}`).not.toContain('row(s)');
    expect(view.score.meaning).toMatch(/\b2 rows gained or lost a usable verdict/);
  });
  it('prints a row\'s STRIDE categories in STRIDE order with separators, as the report does', () => {
    const view = buildDiffView(sectionFiveSkipped());
    const icc = view.sections.flatMap((s) => s.rows).find((r) => r.idText === '2.1')!;
    expect(icc.stride).toBe('S, T, I');
  });
});

describe('history: the partial-run warning agrees in number', () => {
  const LIVE = 'docker.daemon.live-restore';
  const run = (partial: boolean, startedAt: string) => compared([{ id: '2.13', control: LIVE, verdict: 'FINDING' }], { startedAt, partial });
  it('one partial run: "Run 2 is partial … missing from it"', () => {
    const h = historyOf([run(false, '2024-05-01T10:00:00Z'), run(true, '2024-05-02T10:00:00Z')], { generatedAt: GENERATED_AT });
    expect(h.warnings.find((w) => w.code === 'partial-run')!.message).toBe('Run 2 is partial: checks missing from it show as absent, not fixed.');
  });
  it('several: "Runs 1, 2 are partial … missing from them"', () => {
    const h = historyOf([run(true, '2024-05-01T10:00:00Z'), run(true, '2024-05-02T10:00:00Z')], { generatedAt: GENERATED_AT });
    expect(h.warnings.find((w) => w.code === 'partial-run')!.message).toBe('Runs 1, 2 are partial: checks missing from them show as absent, not fixed.');
  });
  it('many: three or more in a row are a range ("Runs 1–3, 5 are partial")', () => {
    const days = ['01', '02', '03', '04', '05'].map((d) => `2024-05-${d}T10:00:00Z`);
    const h = historyOf(days.map((d, i) => run(i !== 3, d)), { generatedAt: GENERATED_AT });
    expect(h.warnings.find((w) => w.code === 'partial-run')!.message).toBe('Runs 1–3, 5 are partial: checks missing from them show as absent, not fixed.');
  });
});
