/** Severity formula, priority order, summary and score, and the engine's bookkeeping. */
import { compareIds } from '../../src/model/ids.js';
import { breadthPoints, isScored, severityOf, severityPoints } from '../../src/analysis/severity.js';
import { prioritise } from '../../src/analysis/priority.js';
import { score } from '../../src/analysis/summary.js';
import { emptyResult } from '../../src/model/types.js';
import type { AnalysedResult, Verdict } from '../../src/model/report.js';
import { FAKE_CONTROLS } from './fake-knowledge.js';
import { analyseText, dbsLog, lastRun, result } from './helpers.js';

const control = (key: string) => FAKE_CONTROLS.find((c) => c.key === key)!;
const warn = (title: string, assessment: string | null = 'Automated') => ({ ...emptyResult('x', 'WARN', title, { line: 1 }), assessment });

describe('severity', () => {
  it('follows the worked example of docs/severity.md', () => {
    // Privileged containers: ElevationOfPrivilege 4 + 3 secondary (capped +1) + container 1 + 3 containers (+1) = 7 → high.
    const input = { result: warn('Ensure that privileged containers are not used'), control: control('docker.container.privileged'), verdict: 'FINDING' as Verdict, affected: 3, shift: 0 };
    expect(severityPoints(input)).toBe(7);
    expect(severityOf(input)).toBe('high');
    // A fourth container tips it to critical.
    expect(severityOf({ ...input, affected: 4 })).toBe('critical');
  });
  it('weighs a daemon-wide control above the same threat on one container', () => {
    const daemon = severityPoints({ result: warn('x'), control: control('docker.daemon.no-new-privileges'), verdict: 'FINDING', affected: 0, shift: 0 })!;
    const container = severityPoints({ result: warn('x'), control: control('docker.container.no-new-privileges'), verdict: 'FINDING', affected: 1, shift: 0 })!;
    expect(daemon).toBeGreaterThan(container);
  });
  it('lowers unscored checks and rule shifts; grades only findings, waived and unverified results', () => {
    const base = { result: warn('x'), control: control('docker.daemon.live-restore'), verdict: 'FINDING' as Verdict, affected: 0, shift: 0 };
    expect(severityPoints(base)).toBe(4);
    expect(severityPoints({ ...base, result: warn('x', 'Not Scored') })).toBe(3);
    expect(severityPoints({ ...base, shift: -1 })).toBe(2.5);
    expect(severityOf({ ...base, verdict: 'SATISFIED' })).toBe('info');
    expect(severityOf({ ...base, verdict: 'WAIVED' })).toBe('medium');
  });
  it('grades an unknown control by its raw status', () => {
    expect(severityOf({ result: { ...warn('x'), status: 'FAIL' }, control: null, verdict: 'FINDING', affected: 0, shift: 0 })).toBe('medium');
    expect(severityOf({ result: warn('x'), control: null, verdict: 'FINDING', affected: 0, shift: 0 })).toBe('low');
  });
  it('caps breadth and reads the scored flag before the suffix', () => {
    expect([1, 2, 4, 40].map(breadthPoints)).toEqual([0, 0.5, 1.5, 1.5]);
    expect(isScored({ ...warn('x', 'Manual'), scored: true })).toBe(true);
    expect(isScored({ ...warn('x', 'Manual'), status: 'FAIL' })).toBe(true);
    expect(isScored(warn('x', 'Not Scored'))).toBe(false);
  });
});

describe('priority', () => {
  it('ranks findings by severity, then STRIDE weight, then breadth, then id', async () => {
    const report = await analyseText(dbsLog(`[INFO] 2 - Docker daemon configuration
[WARN] 2.15 - Ensure live restore is enabled (Scored)
[WARN] 2.14 - Ensure containers are restricted from acquiring new privileges (Scored)
[INFO] 5 - Container Runtime
[WARN] 5.11 - Ensure that the memory usage for containers is limited (Automated)
[WARN]       * Container running without memory restrictions: web
[WARN] 5.29 - Ensure that the PIDs cgroup limit is used (Automated)
[WARN]       * PIDs limit not set: web
[WARN]       * PIDs limit not set: db
[WARN]       * PIDs limit not set: cache
[PASS] 5.5 - Ensure that privileged containers are not used (Automated)`));
    const run = lastRun(report);
    const order = run.priorities.map((i) => run.results[i]!.id);
    // 2.14: E on the daemon (high) first; then the medium D findings: 5.29 (3 containers) before 2.15/5.11 (same points, by id).
    expect(order).toEqual(['2.14', '5.29', '2.15', '5.11']);
    expect(order.map((id) => result(report, id).priority)).toEqual([1, 2, 3, 4]);
    expect(result(report, '5.5').priority).toBeNull();
  });
  it('puts a daemon default right before the per-container check it fixes for every container', () => {
    const finding = (id: string, control: string, severity: 'high' | 'medium', stride: string[]) =>
      ({ id, control, verdict: 'FINDING', severity, stride }) as unknown as AnalysedResult;
    const results = [
      finding('5.25', 'docker.container.no-new-privileges', 'high', ['ElevationOfPrivilege']),
      finding('4.1', 'docker.image.non-root-user', 'high', ['Tampering']),
      finding('2.14', 'docker.daemon.no-new-privileges', 'medium', ['ElevationOfPrivilege']),
      finding('2.15', 'docker.daemon.live-restore', 'medium', ['DenialOfService']),
    ];
    const order = (rs: AnalysedResult[]) => prioritise(rs, () => 1).map((i) => rs[i]!.id);
    // 5.25 leads by severity; the daemon default is the one change that fixes it, so it goes first there.
    expect(order(results)).toEqual(['2.14', '5.25', '4.1', '2.15']);
    // Without the daemon finding, the container check keeps its own rank.
    expect(order(results.filter((r) => r.id !== '2.14'))).toEqual(['5.25', '4.1', '2.15']);
  });
  it('compares printed ids numerically', () => {
    expect(['2.10', '2.9', '5.1.a', '5.1', 'C.1', '10.1'].sort(compareIds)).toEqual(['2.9', '2.10', '5.1', '5.1.a', '10.1', 'C.1']);
  });
});

describe('summary and bookkeeping', () => {
  it('counts verdicts, findings per STRIDE category and severity, and scores satisfied / (satisfied + finding)', async () => {
    const report = await analyseText(dbsLog(`[INFO] 2 - Docker daemon configuration
[PASS] 2.14 - Ensure containers are restricted from acquiring new privileges (Scored)
[WARN] 2.15 - Ensure live restore is enabled (Scored)
[WARN] 2.16 - Ensure Userland Proxy is Disabled (Scored)
[NOTE] 2.1 - Run the Docker daemon as a non-root user, if possible (Manual)`));
    const s = lastRun(report).summary;
    expect(s.verdicts.SATISFIED).toBe(1);
    expect(s.verdicts.FINDING).toBe(2);
    expect(s.verdicts.MANUAL_REVIEW).toBe(1);
    expect(s.stride.DenialOfService).toBe(2); // live restore (primary) and userland proxy (secondary)
    expect(s.stride.ElevationOfPrivilege).toBe(1);
    expect(s.severities.high + s.severities.medium).toBe(2);
    expect(s.score).toBe(33);
  });
  it('scores null when nothing is scorable', () => {
    expect(score({ FINDING: 0, UNVERIFIED: 0, MANUAL_REVIEW: 3, NOT_ASSESSED: 1, NOT_APPLICABLE: 0, WAIVED: 2, SATISFIED: 0 })).toBeNull();
  });
  it('keeps per-container results of one control separate and carries every referenced control once', async () => {
    const report = await analyseText(dbsLog(`[INFO] 5 - Container Runtime
[WARN] 5.11 - Ensure that the memory usage for containers is limited (Automated)
[WARN]       * Container running without memory restrictions: web
[WARN] 5.11 - Ensure that the memory usage for containers is limited (Automated)
[WARN]       * Container running without memory restrictions: db`));
    const run = lastRun(report);
    expect(run.results.filter((r) => r.id === '5.11')).toHaveLength(2);
    expect(run.results.map((r) => r.items)).toEqual([['web'], ['db']]);
    expect(Object.keys(report.controls)).toEqual(['docker.container.memory-limit']);
    expect(report.controls['docker.container.memory-limit']!.stride.primary).toBe('DenialOfService');
  });
  it('lists each knowledge resolution warning once', async () => {
    const report = await analyseText(dbsLog(`[INFO] 6 - Docker Security Operations
[INFO] 6.1 - Ensure that image sprawl is avoided (Manual)
[INFO] 6.1 - Ensure that image sprawl is avoided (Manual)`));
    expect(report.warnings.filter((w) => w.code === 'control-resolution')).toHaveLength(1);
  });
});
