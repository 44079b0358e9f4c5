import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectDbsNumbering, inferIdlessId, parseDbsTimestamp, splitDbsTitle } from '../../../src/ingest/dbs-common.js';
import { REFERENCE } from '../../helpers/paths.js';
import { DBS_REF_NUMBERING } from '../../../src/model/benchmarks.js';

describe('splitDbsTitle', () => {
  it('removes run-time suffixes in any order, then the assessment', () => {
    expect(splitDbsTitle('Ensure that experimental features are not implemented in production (Scored) (Deprecated)')).toEqual({
      title: 'Ensure that experimental features are not implemented in production',
      assessment: 'Scored',
      runtimeSuffixes: ['Deprecated'],
    });
    expect(splitDbsTitle('Ensure X (Automated) (Incompatible with swarm mode) (Deprecated)')).toEqual({
      title: 'Ensure X',
      assessment: 'Automated',
      runtimeSuffixes: ['Incompatible with swarm mode', 'Deprecated'],
    });
    expect(splitDbsTitle('Ensure the container host has been Hardened (Not Scored)').assessment).toBe('Not Scored');
    expect(splitDbsTitle('Ensure the minimum number of manager nodes have been created in a swarm (Swarm mode not enabled)')).toEqual({
      title: 'Ensure the minimum number of manager nodes have been created in a swarm',
      assessment: null,
      runtimeSuffixes: ['Swarm mode not enabled'],
    });
  });
  it('keeps brackets that are part of the title and trims', () => {
    expect(splitDbsTitle('Ensure operations on legacy registry (v1) are Disabled ')).toEqual({
      title: 'Ensure operations on legacy registry (v1) are Disabled',
      assessment: null,
      runtimeSuffixes: [],
    });
    expect(splitDbsTitle('Ensure that, if applicable, an AppArmor Profile is enabled ').title).toBe('Ensure that, if applicable, an AppArmor Profile is enabled');
  });
});

describe('inferIdlessId', () => {
  const title = 'Ensure that experimental features are not implemented in production (Scored) (Deprecated)';
  it('resolves the experimental-features line per numbering', () => {
    expect(inferIdlessId(title, 'dbs-v1.6.1')).toBe('2.18');
    expect(inferIdlessId(title, 'dbs-v1.3.6')).toBe('2.18');
    expect(inferIdlessId(title, 'dbs-dev-2021')).toBe('2.16');
    expect(inferIdlessId(title, null)).toBe('2.18');
  });
  it('returns null for other titles', () => {
    expect(inferIdlessId('Some tests might require root to run', 'dbs-v1.6.1')).toBeNull();
    expect(inferIdlessId('Ensure live restore is enabled (Scored)', null)).toBeNull();
  });
});

describe('parseDbsTimestamp', () => {
  it('reads GNU date with offset and epoch seconds as UTC ISO 8601', () => {
    expect(parseDbsTimestamp('2023-09-29T12:05:07+03:00')).toBe('2023-09-29T09:05:07Z');
    expect(parseDbsTimestamp('2023-12-20T10:00:00+0000')).toBe('2023-12-20T10:00:00Z');
    expect(parseDbsTimestamp('1703066400')).toBe('2023-12-20T10:00:00Z');
    expect(parseDbsTimestamp('Wed Nov  6 10:00:00 UTC 2019')).toBe('2019-11-06T10:00:00Z');
  });
  it('refuses what is ambiguous or impossible', () => {
    expect(parseDbsTimestamp('2021-10-14T11:09:01')).toBeNull(); // busybox: no offset
    expect(parseDbsTimestamp('Fri Nov  2 00:52:07 EDT 2018')).toBeNull();
    expect(parseDbsTimestamp('tor maj 10 12:49:22 UTC 2018')).toBeNull();
    expect(parseDbsTimestamp('2021-02-30T10:00:00+00:00')).toBeNull();
    expect(parseDbsTimestamp('')).toBeNull();
  });
});

describe('detectDbsNumbering', () => {
  it('decides on titles, not on the printed version', () => {
    // v1.6.1 prints 1.6.0, but 5.1 is the swarm check only from v1.6.1 on.
    const d = detectDbsNumbering(
      [
        { id: '5.1', title: 'Ensure swarm mode is not Enabled, if not needed (Automated)' },
        { id: '5.2', title: 'Ensure that, if applicable, an AppArmor Profile is enabled (Automated)' },
      ],
      '1.6.0',
    );
    expect(d.benchmark).toBe('dbs-v1.6.1');
  });
  it('lets the printed version pick among numberings the titles cannot tell apart', () => {
    const section4 = [{ id: '4.1', title: 'Ensure that a user for the container has been created (Automated)' }];
    expect(detectDbsNumbering(section4, '1.3.6').benchmark).toBe('dbs-v1.3.6');
    expect(detectDbsNumbering(section4, '1.5.0').benchmark).toBe('dbs-v1.5.0');
    expect(detectDbsNumbering(section4, null).benchmark).toBe('dbs-v1.6.1');
  });
  it('falls back to the version, then to null', () => {
    expect(detectDbsNumbering([{ id: '9.9', title: 'Something a fork added' }], '1.3.4').benchmark).toBe('dbs-v1.3.3');
    const none = detectDbsNumbering([], null);
    expect(none.benchmark).toBeNull();
    expect(none.evidence).toMatch(/no printed title/);
  });
});

// Every release's own catalogue must be recognised as that release's numbering.
const catalogue = join(REFERENCE, 'docker-bench-security', 'checks.json');
const describeCatalogue = existsSync(catalogue) ? describe : describe.skip;
if (!existsSync(catalogue)) console.warn(`SKIPPED catalogue round trip: ${catalogue} is absent`);
describeCatalogue('detectDbsNumbering on the release catalogue', () => {
  const refs = existsSync(catalogue)
    ? (JSON.parse(readFileSync(catalogue, 'utf8')) as Record<string, { printed_version: string; checks: Record<string, { printed: string; printed_prefix: string }> }>)
    : {};
  const expected = DBS_REF_NUMBERING;
  it.each(Object.entries(expected))('%s → %s, with and without the printed version', (ref, numbering) => {
    const r = refs[ref]!;
    const checks = Object.entries(r.checks).map(([id, c]) => ({ id, title: c.printed.slice(c.printed_prefix.length) }));
    expect(detectDbsNumbering(checks, r.printed_version).benchmark).toBe(numbering);
    // Without a version the titles alone must still decide (v1.5.0 and v1.6.0 share one numbering).
    expect(detectDbsNumbering(checks, null).benchmark).toBe(numbering);
  });
});
