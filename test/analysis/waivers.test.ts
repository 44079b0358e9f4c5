/** Waivers: parsing (bad rows with their line), applied, expired, unused, per-item. */
import { parseWaivers } from '../../src/analysis/waivers.js';
import { InputError } from '../../src/model/errors.js';
import { analyseText, caveat, dbsLog, result } from './helpers.js';

const LOG = dbsLog(`[INFO] 2 - Docker daemon configuration
[WARN] 2.15 - Ensure live restore is enabled (Scored)
[WARN] 2.16 - Ensure Userland Proxy is Disabled (Scored)
[INFO] 5 - Container Runtime
[WARN] 5.11 - Ensure that the memory usage for containers is limited (Automated)
[WARN]       * Container running without memory restrictions: web
[WARN]       * Container running without memory restrictions: db
[WARN] 5.29 - Ensure that the PIDs cgroup limit is used (Automated)
[WARN]       * PIDs limit not set: web`);

function errorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('expected an InputError');
}

describe('parsing a waivers CSV', () => {
  it('reads the columns, with optional item, owner and expiry, skipping blank and comment lines', () => {
    const waivers = parseWaivers('control,item,reason,owner,expires\n# accepted by the CAB\n\ndocker.daemon.live-restore,,"swarm planned, see ""ADR-7""",ops,2024-12-31\n5.29,web,legacy,,\n', 'w.csv');
    expect(waivers).toEqual([
      { target: 'docker.daemon.live-restore', item: null, reason: 'swarm planned, see "ADR-7"', owner: 'ops', expires: '2024-12-31', line: 4 },
      { target: '5.29', item: 'web', reason: 'legacy', owner: null, expires: null, line: 5 },
    ]);
  });
  it('names the line of a bad expiry date, a missing reason, an empty control', () => {
    const bad = (row: string) => errorOf(() => parseWaivers(`control,item,reason,owner,expires\n2.15,,ok,,\n${row}\n`, 'w.csv'));
    expect(bad('2.16,,ok,,2024-02-30')).toMatchObject({ file: 'w.csv', line: 3 });
    expect(bad('2.16,,ok,,2024-02-30').message).toMatch(/not a date/);
    expect(bad('2.16,,,,').message).toMatch(/no reason/);
    expect(bad(',web,ok,,').line).toBe(3);
  });
  it('gives the first line of a record whose quoted cell spans lines', () => {
    const err = errorOf(() => parseWaivers('control,reason,expires\n2.15,"first\nsecond",soon\n', 'w.csv'));
    expect(err.line).toBe(2);
  });
  it('refuses unknown or missing columns, and broken quoting, with a line', () => {
    expect(errorOf(() => parseWaivers('control,why\n2.15,x\n', 'w.csv')).message).toMatch(/unknown column "why"/);
    expect(errorOf(() => parseWaivers('control,item\n2.15,x\n', 'w.csv')).message).toMatch(/no "reason" column/);
    const quote = errorOf(() => parseWaivers('control,reason\n2.15,ok\n2.16,"open\n', 'w.csv'));
    expect(quote.line).not.toBeNull();
    expect(quote.message).toMatch(/not a valid waivers CSV/);
  });
});

describe('applying waivers', () => {
  it('waives a matching finding by control key or printed id, with its reason; reports applied, expired and unused', async () => {
    const waivers = parseWaivers(
      [
        'control,item,reason,owner,expires',
        'docker.daemon.live-restore,,swarm migration planned,ops,2024-12-31',
        '2.16,,hairpin NAT unsupported on this kernel,,2024-01-31',
        '5.17,,nothing matches this,,',
        '2.13,,already fixed,,',
      ].join('\n'),
      'w.csv',
    );
    const report = await analyseText(LOG, { waivers });
    const live = result(report, '2.15');
    expect(live.verdict).toBe('WAIVED');
    expect(live.waiver).toMatchObject({ target: 'docker.daemon.live-restore', reason: 'swarm migration planned', line: 2 });
    expect(caveat(live, 'waiver')).toMatch(/swarm migration planned/);
    // Expired on 2024-01-31; the report is dated 2024-05-01.
    const proxy = result(report, '2.16');
    expect(proxy.verdict).toBe('FINDING');
    expect(proxy.waiver).toBeNull();
    expect(caveat(proxy, 'waiver')).toMatch(/expired on 2024-01-31/);
    expect(report.waivers.applied.map((w) => w.line)).toEqual([2]);
    expect(report.waivers.expired.map((w) => w.line)).toEqual([3]);
    expect(report.waivers.unused.map((w) => w.line)).toEqual([4, 5]);
  });
  it('judges expiry against generatedAt, not the wall clock: valid through its expiry day', async () => {
    const waivers = parseWaivers('control,reason,expires\n2.16,hairpin NAT,2024-05-01\n', 'w.csv');
    expect(result(await analyseText(LOG, { waivers }), '2.16').verdict).toBe('WAIVED');
    expect(result(await analyseText(LOG, { waivers, generatedAt: '2024-05-02T00:00:00.000Z' }), '2.16').verdict).toBe('FINDING');
  });
  it('a waiver for one item waives a result only when it covers every item', async () => {
    const waivers = parseWaivers('control,item,reason\n5.29,web,legacy image\n5.11,web,batch job\n', 'w.csv');
    const report = await analyseText(LOG, { waivers });
    expect(result(report, '5.29').verdict).toBe('WAIVED');
    const memory = result(report, '5.11');
    expect(memory.verdict).toBe('FINDING');
    expect(caveat(memory, 'waiver')).toMatch(/still a finding for db/);
    expect(report.waivers.applied).toHaveLength(2);
  });
  it('never waives what is not a finding', async () => {
    const waivers = parseWaivers('control,reason\n2.15,x\n', 'w.csv');
    const report = await analyseText(
      dbsLog(`[INFO] 2 - Docker daemon configuration
[PASS] 2.15 - Ensure live restore is enabled (Scored)`),
      { waivers },
    );
    expect(result(report, '2.15').verdict).toBe('SATISFIED');
    expect(report.waivers.unused).toHaveLength(1);
  });
});
