/**
 * One host state printed by two docker-bench-security releases whose numberings differ:
 * v1.3.5 (CIS 1.2.0: live restore 2.13, memory 5.10, socket 5.31) BEFORE and v1.6.1 (CIS
 * 1.6.0: live restore 2.15, memory 5.11, socket 5.32, plus new checks 2.1 and 5.1) AFTER,
 * with some hardening done in between. The fixtures (test/fixtures/diff/) are written in
 * each release's exact titles, so the readers detect the numbering from them.
 */
import { join } from 'node:path';
import { diffRuns } from '../../src/analysis/diff.js';
import type { DiffReport } from '../../src/model/diff.js';
import { FIXTURES } from '../helpers/paths.js';
import { GENERATED_AT, lastRun } from './pipeline.js';

const BEFORE = join(FIXTURES, 'diff', 'dbs-v1.3.5-before.log');
const AFTER = join(FIXTURES, 'diff', 'dbs-v1.6.1-after.log');
/** BEFORE's host state exactly, printed by v1.6.1. */
const SAME_STATE = join(FIXTURES, 'diff', 'dbs-v1.6.1-same-state.log');

let diff: DiffReport;

beforeAll(async () => {
  diff = diffRuns(await lastRun(BEFORE), await lastRun(AFTER), { generatedAt: GENERATED_AT });
});

const kind = (k: string) =>
  diff.changes
    .filter((c) => c.change === k)
    .map((c) => `${c.ids.before ?? '-'}→${c.ids.after ?? '-'}${c.item === null ? '' : ` ${c.item}`}`)
    .sort();

describe('diff across docker-bench-security v1.3.5 and v1.6.1 numberings', () => {
  it('reads the two numberings', () => {
    expect(diff.before.benchmark).toBe('dbs-v1.3.5');
    expect(diff.after.benchmark).toBe('dbs-v1.6.1');
    expect(diff.warnings.map((w) => w.code)).toContain('different-numbering');
  });

  it('fixed: the daemon options set and the containers hardened, matched under their new ids', () => {
    expect(kind('fixed')).toEqual([
      '2.13→2.15', // live restore
      '2.17→2.14', // no-new-privileges, daemon-wide
      '5.10→5.11 db',
      '5.10→5.11 web',
      '5.12→5.13 web',
      '5.25→5.26 cache',
      '5.25→5.26 db',
      '5.25→5.26 web',
    ]);
  });

  it('regressed: cache lost its memory limit and mounts the socket (it existed before: 5.12 named it)', () => {
    expect(kind('regressed')).toEqual(['5.10→5.11 cache', '5.31→5.32 cache']);
  });

  it('still failing under new ids', () => {
    expect(kind('still-failing')).toEqual([
      '1.2.1→1.1.1',
      '2.14→2.16',
      '2.1→2.2',
      '5.12→5.13 cache',
      '5.12→5.13 db',
      '5.28→5.29 cache',
      '5.28→5.29 db',
      '5.28→5.29 web',
    ]);
  });

  it('checks only v1.6.1 has are only-after, never new findings or fixes', () => {
    expect(kind('only-after')).toEqual(['-→2.1', '-→5.1']);
    expect(kind('only-before')).toEqual([]);
    // Same id, different controls: 2.1 is inter-container traffic in v1.3.5 and "run rootless" in v1.6.1.
    const icc = diff.changes.find((c) => c.control === 'docker.daemon.icc')!;
    expect(icc.ids).toEqual({ before: '2.1', after: '2.2' });
  });
});

describe('the same host state printed by v1.3.5 and by v1.6.1', () => {
  it('every control matches its renumbered twin: nothing fixed, regressed, new or gone', async () => {
    const d = diffRuns(await lastRun(BEFORE), await lastRun(SAME_STATE), { generatedAt: GENERATED_AT });
    expect(d.summary.changes).toEqual({
      regressed: 0,
      fixed: 0,
      'still-failing': 16,
      'newly-assessed': 0,
      // v1.6.1's log-level check reads daemon.json only (single-source caveat): its PASS is unverified.
      'no-longer-assessed': 1,
      'only-before': 0,
      'only-after': 0,
      unchanged: 2,
    });
    const logLevel = d.changes.find((c) => c.change === 'no-longer-assessed')!;
    expect(logLevel).toMatchObject({ control: 'docker.daemon.log-level', ids: { before: '2.2', after: '2.3' }, note: { rule: 'single-source' } });
    expect(d.changes.filter((c) => c.change === 'unchanged').map((c) => `${c.ids.before}→${c.ids.after}`)).toEqual(['5.4→5.5', '5.31→5.32']);
  });
});
