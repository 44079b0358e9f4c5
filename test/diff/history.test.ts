/**
 * The history: hand-made runs for the rules (one row per control, first finding, fixed,
 * labels, warnings), and the corpus's appended logs for real sequences read off the raw
 * logs by hand.
 */
import { join } from 'node:path';
import { historyOf, runLabel } from '../../src/analysis/history.js';
import type { HistoryReport, HistoryRow } from '../../src/model/diff.js';
import { CORPUS, corpusDescribe } from '../helpers/paths.js';
import { compared, GENERATED_AT, type RunOptions, type Spec } from './build.js';
import { allRuns } from './pipeline.js';

const LIVE = 'docker.daemon.live-restore';
const ICC = 'docker.daemon.icc';
const MEM = 'docker.container.memory-limit';

function history(...runs: [Spec[], RunOptions?][]): HistoryReport {
  return historyOf(
    runs.map(([specs, options], i) => compared(specs, { index: i + 1, ...options })),
    { generatedAt: GENERATED_AT },
  );
}

const row = (h: HistoryReport, control: string): HistoryRow => h.rows.find((r) => r.control === control)!;

describe('historyOf', () => {
  const days = ['2024-05-01T10:00:00Z', '2024-05-02T10:00:00Z', '2024-05-03T10:00:00Z', '2024-05-04T10:00:00Z'];

  it('one row per control with its verdict in every run (null where absent), a container failure failing the control', () => {
    const h = history(
      [[{ id: '2.13', control: LIVE, verdict: 'FINDING' }, { id: '5.10', control: MEM, verdict: 'FINDING', items: ['web', 'db'] }], { startedAt: days[0] }],
      [[{ id: '2.13', control: LIVE, verdict: 'SATISFIED' }, { id: '5.10', control: MEM, verdict: 'FINDING', items: ['db'] }], { startedAt: days[1] }],
      [[{ id: '2.13', control: LIVE, verdict: 'SATISFIED' }], { startedAt: days[2] }],
    );
    expect(h.rows.map((r) => [r.ids.join('/'), r.verdicts])).toEqual([
      ['2.13', ['FINDING', 'SATISFIED', 'SATISFIED']],
      ['5.10', ['FINDING', 'FINDING', null]],
    ]);
    expect(h.runs.map((r) => r.label)).toEqual(['2024-05-01 10:00', '2024-05-02 10:00', '2024-05-03 10:00']);
    expect(h.runs.map((r) => r.findings)).toEqual([2, 1, 0]);
  });

  it('first finding, fixed (first SATISFIED after the last failing run), latest and the number of changes', () => {
    const h = history(
      [[{ id: '2.13', control: LIVE, verdict: 'SATISFIED' }, { id: '2.1', control: ICC, verdict: 'FINDING' }], { startedAt: days[0] }],
      [[{ id: '2.13', control: LIVE, verdict: 'FINDING' }, { id: '2.1', control: ICC, verdict: 'WAIVED' }], { startedAt: days[1] }],
      [[{ id: '2.13', control: LIVE, verdict: 'SATISFIED' }], { startedAt: days[2] }],
      [[{ id: '2.13', control: LIVE, verdict: 'SATISFIED' }, { id: '2.1', control: ICC, verdict: 'FINDING' }], { startedAt: days[3] }],
    );
    const live = row(h, LIVE);
    expect(live.firstFinding).toEqual({ position: 2, label: '2024-05-02 10:00' });
    expect(live.fixed).toEqual({ position: 3, label: '2024-05-03 10:00' });
    expect(live).toMatchObject({ latest: 'SATISFIED', changes: 2 });
    // Waived is still failing; absent runs neither fix nor change anything.
    const icc = row(h, ICC);
    expect(icc.verdicts).toEqual(['FINDING', 'WAIVED', null, 'FINDING']);
    expect(icc.fixed).toBeNull();
    expect(icc).toMatchObject({ latest: 'FINDING', changes: 2, firstFinding: { position: 1, label: '2024-05-01 10:00' } });
  });

  it('labels: the ISO start in UTC, else the raw text (shortened), else the run number', () => {
    expect(runLabel('2025-01-12T14:42:33+01:00', 'x', 1)).toBe('2025-01-12 13:42');
    expect(runLabel(null, 'Wed Nov  6 10:00:00 UTC 2019', 2)).toBe('Wed Nov  6 10:00:00 UTC 2019');
    expect(runLabel(null, 'x'.repeat(500), 3)).toHaveLength(40);
    expect(runLabel(null, null, 4)).toBe('run 4');
  });

  it('warns when the runs go back in time, name different hosts, or are partial', () => {
    const h = history(
      [[{ id: '2.13', control: LIVE, verdict: 'FINDING' }], { startedAt: days[1], host: 'web01' }],
      [[{ id: '2.13', control: LIVE, verdict: 'FINDING' }], { startedAt: days[0], host: 'web02', partial: true }],
    );
    expect(h.warnings.map((w) => w.code)).toEqual(['not-in-time-order', 'different-hosts', 'partial-run']);
    expect(h.warnings[0]!.message).toContain('run 2 (2024-05-01 10:00) is older than run 1 (2024-05-02 10:00)');
    expect(history([[], { startedAt: days[0] }], [[], { startedAt: days[1] }]).warnings).toEqual([]);
  });

  it('several files: every input once, each run pointing at its file', () => {
    const a = compared([{ id: '2.13', control: LIVE, verdict: 'FINDING' }], { name: 'jan.log', sha: '1'.repeat(64) });
    const b = compared([{ id: '2.13', control: LIVE, verdict: 'SATISFIED' }], { name: 'feb.log', sha: '2'.repeat(64) });
    const h = historyOf([a, b], { generatedAt: GENERATED_AT });
    expect(h.inputs.map((i) => i.name)).toEqual(['jan.log', 'feb.log']);
    expect(h.runs.map((r) => [r.position, r.file, r.run])).toEqual([
      [1, 0, 1],
      [2, 1, 1],
    ]);
    expect(row(h, LIVE).fixed).toEqual({ position: 2, label: 'run 2' });
  });
});

corpusDescribe('history of the corpus appended logs', () => {
  it('pvul00 (docker-bench-security 1.6.0, appended runs): live restore failed, was fixed, regressed, fixed again', async () => {
    const runs = await allRuns(join(CORPUS, 'pvul00-dbs-1.6.0-multirun.log'));
    const h = historyOf(runs, { generatedAt: GENERATED_AT });
    expect(h.runs).toHaveLength(runs[0]!.report.input.runCount);
    // Read off the raw log: `[WARN] 2.15` in the runs of 2025-01-12 14:42 … 15:28 (+01:00),
    // `[PASS]` from 15:53, `[WARN]` again from 2025-01-23 10:30 to 11:37, `[PASS]` from 11:46 on.
    const live = h.rows.find((r) => r.control === LIVE)!;
    expect(live.ids).toEqual(['2.15']);
    expect(live.firstFinding?.label).toBe('2025-01-12 13:42');
    expect(live.fixed?.label).toBe('2025-01-23 10:46');
    expect(live).toMatchObject({ latest: 'SATISFIED', changes: 3 });
    expect(h.runs[0]!.label).toBe('2025-01-12 13:42');
    expect(h.warnings.map((w) => w.code)).toContain('partial-run');
  });

  it('Giuslock (94 runs over four months): 4.7 never failed, went to manual review and back', async () => {
    const h = historyOf(await allRuns(join(CORPUS, 'giuslock-dbs-1.3.6-96runs.log')), { generatedAt: GENERATED_AT });
    // The log has 96 `Initializing` lines; two runs were cut off before their first result.
    expect(h.runs).toHaveLength(94);
    // Raw: `[PASS] 4.7` until 2021-08-26 16:54 (+02:00), `[INFO]` from then, `[PASS]` again from 2021-09-29 15:45.
    const update = h.rows.find((r) => r.ids.includes('4.7'))!;
    expect(update.firstFinding).toBeNull();
    expect(update.changes).toBe(2);
    const firstManual = update.verdicts.indexOf('MANUAL_REVIEW');
    expect(h.runs[firstManual]!.label).toBe('2021-08-26 14:54');
    const backToPass = update.verdicts.indexOf('SATISFIED', firstManual);
    expect(h.runs[backToPass]!.label).toBe('2021-09-29 13:45');
    // A modified fork that runs sections 4 and 5; three runs (raw: three `[PASS] 7.1` lines) ran 6 and 7 too.
    const swarm = h.rows.find((r) => r.ids.includes('7.1'))!;
    expect(swarm.verdicts.filter((v) => v !== null)).toHaveLength(3);
  });
});
