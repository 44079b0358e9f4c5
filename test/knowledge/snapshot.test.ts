/**
 * The build-time knowledge snapshot: it gives exactly what loading the CSVs gives, and any
 * doubt about it (stale, missing, corrupt) means loading the CSVs instead, never an error
 * and never stale knowledge. Works on a copy of data/, never on data/ itself.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Knowledge } from '../../src/knowledge/base.js';
import { DEFAULT_DATA_DIR, loadData, TOOLS, type KnowledgeData } from '../../src/knowledge/loader.js';
import { applyMapping } from '../../src/knowledge/mapping.js';
import { checkSnapshot, loadDataPreferringSnapshot, SNAPSHOT_FILE_NAME, snapshotText, writeSnapshot, type SnapshotCheck } from '../../src/knowledge/snapshot.js';
import { InputError } from '../../src/model/errors.js';
import { FIXTURES, ROOT } from '../helpers/paths.js';

const tmp = mkdtempSync(join(tmpdir(), 'stridebench-snapshot-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let copies = 0;
/** A fresh copy of the shipped data/ and a snapshot of it: `{ dataDir, snapshot }`. */
function snapshotted(): { dataDir: string; snapshot: string } {
  const dir = join(tmp, `case-${++copies}`);
  const dataDir = join(dir, 'data');
  cpSync(DEFAULT_DATA_DIR, dataDir, { recursive: true });
  return { dataDir, snapshot: writeSnapshot(dataDir, join(dir, 'generated')) };
}

function usable(check: SnapshotCheck): KnowledgeData {
  if ('unusable' in check) throw new Error(`snapshot unexpectedly unusable: ${check.unusable}`);
  return check.data;
}

function whyUnusable(check: SnapshotCheck): string {
  if ('data' in check) throw new Error('a snapshot that should be unusable was used');
  return check.unusable;
}

/** Deep equality including the order of the controls map and of the mappings (indexes and `find` follow it). */
function expectSameData(actual: KnowledgeData, expected: KnowledgeData): void {
  expect(actual.version).toBe(expected.version);
  expect([...actual.controls.keys()]).toEqual([...expected.controls.keys()]);
  expect([...actual.controls.values()]).toStrictEqual([...expected.controls.values()]);
  expect(actual.mappings).toStrictEqual(expected.mappings);
}

/** Up to `perNumbering` rows of each (tool, numbering), spread over its rows. */
function sampleRows(data: KnowledgeData, perNumbering: number): KnowledgeData['mappings'] {
  const byNumbering = new Map<string, KnowledgeData['mappings']>();
  for (const m of data.mappings) {
    const key = `${m.tool} ${m.benchmark}`;
    byNumbering.set(key, [...(byNumbering.get(key) ?? []), m]);
  }
  return [...byNumbering.values()].flatMap((rows) => rows.filter((_, i) => i % Math.ceil(rows.length / perNumbering) === 0));
}

/** What the knowledge base answers: for every control, every row by id, and a sample of rows through each fallback. */
function everyAnswer(kb: Knowledge, data: KnowledgeData): unknown[] {
  const answers: unknown[] = [kb.version, kb.controls(), kb.benchmarks()];
  for (const control of kb.controls()) answers.push(kb.control(control.key), kb.mappings(control.key), kb.find(control.key));
  for (const m of data.mappings) answers.push(kb.resolve(m.tool, m.benchmark, m.id, m.title), kb.resolve(m.tool, m.benchmark, m.id, ''));
  for (const m of sampleRows(data, 12)) {
    answers.push(
      // Unknown numbering: the title fallback, exact and fuzzy.
      kb.resolve(m.tool, null, m.id, m.title),
      kb.resolve(m.tool, null, m.id, `${m.title} on this host`),
      // A title-less result with an id its numbering lacks: the likely-numbering fallback.
      kb.resolve(m.tool, m.benchmark, `${m.id}.9`, ''),
      kb.find(m.id, m.benchmark),
      kb.find(m.id),
    );
  }
  return answers;
}

describe('the snapshot gives what the CSVs give', () => {
  const { dataDir, snapshot } = snapshotted();
  const fromCsv = loadData(dataDir);
  const fromSnapshot = usable(checkSnapshot(snapshot, dataDir));

  it('the same controls, fixes, mappings and version, in the same order', () => {
    expectSameData(fromSnapshot, fromCsv);
  });

  it('covers every tool', () => {
    expect(new Set(fromSnapshot.mappings.map((m) => m.tool))).toEqual(new Set(TOOLS));
  });

  it('the same answers from the knowledge base: controls, mappings, find and resolve for every row of every numbering', () => {
    const numberings = new Set(fromCsv.mappings.map((m) => `${m.tool} ${m.benchmark}`));
    expect(numberings.size).toBeGreaterThan(20);
    expect(everyAnswer(new Knowledge(fromSnapshot), fromSnapshot)).toStrictEqual(everyAnswer(new Knowledge(fromCsv), fromCsv));
  });

  it('a --mapping file applies on top of it as on top of the CSVs', () => {
    const override = join(FIXTURES, 'knowledge', 'mapping-override.csv');
    const theirs = applyMapping(fromSnapshot, override);
    expectSameData(theirs, applyMapping(fromCsv, override));
    expect(theirs.controls.get('docker.daemon.live-restore')!.stride.primary).toBe('Repudiation');
    // The cached base data is not changed by the mapping.
    expect(fromSnapshot.controls.get('docker.daemon.live-restore')).toStrictEqual(fromCsv.controls.get('docker.daemon.live-restore'));
  });

  it('is deterministic, pure ASCII, and written atomically (no temporary file left)', () => {
    const text = readFileSync(snapshot, 'utf8');
    expect(snapshotText(dataDir)).toBe(text);
    expect(writeSnapshot(dataDir, join(snapshot, '..'))).toBe(snapshot);
    expect(readFileSync(snapshot, 'utf8')).toBe(text);
    expect(readdirSync(join(snapshot, '..'))).toEqual([SNAPSHOT_FILE_NAME]);
    expect(text).toMatch(/^[\x20-\x7e]*\n$/);
    // The escapes stand for the real characters (the data does hold non-ASCII text).
    expect([...fromSnapshot.controls.values()].some((c) => /[^\x00-\x7f]/.test(JSON.stringify(c)))).toBe(true);
  });

  it('records the SHA-256 of every CSV and knowledge.json, by name', () => {
    const { sources } = JSON.parse(readFileSync(snapshot, 'utf8')) as { sources: Record<string, string> };
    expect(Object.keys(sources)).toEqual(readdirSync(dataDir).filter((n) => n.endsWith('.csv') || n === 'knowledge.json').sort());
    expect(sources['knowledge.json']).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('a stale snapshot is not used', () => {
  it('after a CSV changed: the edit is what gets loaded', () => {
    const { dataDir, snapshot } = snapshotted();
    const file = join(dataDir, 'controls-docker.csv');
    const before = loadData(dataDir);
    const key = [...before.controls.keys()].find((k) => k.startsWith('docker.'))!;
    const rationale = before.controls.get(key)!.rationale;
    const text = readFileSync(file, 'utf8');
    expect(text).toContain(rationale.split('\n')[0]);
    writeFileSync(file, text.replace(rationale.split('\n')[0]!, `Edited by a reviewer. ${rationale.split('\n')[0]}`));
    expect(whyUnusable(checkSnapshot(snapshot, dataDir))).toContain('controls-docker.csv changed');
    expect(loadDataPreferringSnapshot(dataDir, snapshot).controls.get(key)!.rationale).toMatch(/^Edited by a reviewer\. /);
  });

  it('after knowledge.json changed', () => {
    const { dataDir, snapshot } = snapshotted();
    writeFileSync(join(dataDir, 'knowledge.json'), '{ "version": "2099.01.01-1" }\n');
    expect(whyUnusable(checkSnapshot(snapshot, dataDir))).toContain('knowledge.json changed');
    expect(loadDataPreferringSnapshot(dataDir, snapshot).version).toBe('2099.01.01-1');
  });

  it('after a change of one byte that does not change the data (the hash decides, not the content)', () => {
    const { dataDir, snapshot } = snapshotted();
    appendFileSync(join(dataDir, 'ids-kubernetes.csv'), '\n');
    expect(whyUnusable(checkSnapshot(snapshot, dataDir))).toContain('ids-kubernetes.csv changed');
    expectSameData(loadDataPreferringSnapshot(dataDir, snapshot), loadData(dataDir));
  });

  it('when a recorded hash does not match', () => {
    const { dataDir, snapshot } = snapshotted();
    const parsed = JSON.parse(readFileSync(snapshot, 'utf8')) as { sources: Record<string, string> };
    parsed.sources['fixes-docker.csv'] = '0'.repeat(64);
    writeFileSync(snapshot, JSON.stringify(parsed));
    expect(whyUnusable(checkSnapshot(snapshot, dataDir))).toContain('fixes-docker.csv changed');
  });

  it('when a file was added: a bad new file is reported as without a snapshot', () => {
    const { dataDir, snapshot } = snapshotted();
    writeFileSync(join(dataDir, 'controls-windows.csv'), readFileSync(join(dataDir, 'controls-docker.csv')));
    expect(whyUnusable(checkSnapshot(snapshot, dataDir))).toContain('controls-windows.csv');
    expect(() => loadDataPreferringSnapshot(dataDir, snapshot)).toThrow(/unknown platform "windows"/);
  });

  it('when a file was removed', () => {
    const { dataDir, snapshot } = snapshotted();
    unlinkSync(join(dataDir, 'fixes-kubernetes.csv'));
    expect(whyUnusable(checkSnapshot(snapshot, dataDir))).toMatch(/now holds (?!.*fixes-kubernetes)/);
    const data = loadDataPreferringSnapshot(dataDir, snapshot);
    expect([...data.controls.values()].filter((c) => c.platform === 'kubernetes').every((c) => c.fix === null)).toBe(true);
  });
});

describe('a missing or corrupt snapshot falls back to the CSVs without an error', () => {
  const { dataDir, snapshot } = snapshotted();
  const good = readFileSync(snapshot, 'utf8');
  const fromCsv = loadData(dataDir);

  it('missing', () => {
    expect(whyUnusable(checkSnapshot(join(tmp, 'no-such-dir', SNAPSHOT_FILE_NAME), dataDir))).toMatch(/^cannot read/);
    expectSameData(loadDataPreferringSnapshot(dataDir, join(tmp, 'no-such-dir', SNAPSHOT_FILE_NAME)), fromCsv);
  });

  /** The good snapshot, parsed, changed by `change`, and written back. */
  const edited = (change: (s: any) => void) => () => {
    const parsed = JSON.parse(good);
    change(parsed);
    return JSON.stringify(parsed);
  };

  const corruptions: [string, () => string, RegExp][] = [
    ['half copied', () => good.slice(0, good.length >> 1), /^cannot read/],
    ['empty', () => '', /^cannot read/],
    ['not JSON', () => 'stridebench', /^cannot read/],
    ['JSON null', () => 'null', /not a format-1 snapshot/],
    ['an array', () => '[]', /not a format-1 snapshot/],
    ['another format', edited((s) => (s.format = 2)), /format 2/],
    ['a missing field', edited((s) => delete s.mappings), /exactly format, sources/],
    ['an extra field', edited((s) => (s.indexes = {})), /exactly format, sources/],
    ['a hash that is not hex', edited((s) => (s.sources['ids-docker.csv'] = 'x')), /sources must map/],
    ['a version that is not a string', edited((s) => (s.version = 1)), /version must be a string/],
    ['controls not an array', edited((s) => (s.controls = {})), /must be arrays/],
    ['a control without its key', edited((s) => delete s.controls[3].key), /controls\[3\] is not a control/],
    ['a control with an unknown component', edited((s) => (s.controls[0].component = 'toaster')), /controls\[0\] is not a control/],
    ['a control with an unknown STRIDE category', edited((s) => (s.controls[1].stride.secondary = ['Boredom'])), /controls\[1\] is not a control/],
    ['a fix with a field of the wrong type', edited((s) => (s.controls.find((c: any) => c.fix).fix.exclusiveSources = 'yes')), /is not a control/],
    ['a fix file without its path', edited((s) => delete s.controls.find((c: any) => c.fix?.file).fix.file.path), /is not a control/],
    ['a duplicate control', edited((s) => s.controls.push(s.controls[0])), /duplicate key/],
    ['a mapping with an unknown tool', edited((s) => (s.mappings[5].tool = 'trivy')), /mappings\[5\] is not an id mapping/],
    ['a mapping to an unknown control', edited((s) => (s.mappings[7].key = 'docker.no.such-control')), /mappings\[7\] maps to the unknown control/],
  ];

  it.each(corruptions)('%s', (_name, text, why) => {
    writeFileSync(snapshot, text());
    expect(whyUnusable(checkSnapshot(snapshot, dataDir))).toMatch(why);
    expectSameData(loadDataPreferringSnapshot(dataDir, snapshot), fromCsv);
  });

  it('the good snapshot is used (the corruptions above are what made it unusable)', () => {
    writeFileSync(snapshot, good);
    expectSameData(usable(checkSnapshot(snapshot, dataDir)), fromCsv);
  });
});

describe('node dist/src/knowledge/snapshot.js [OUT_DIR [DATA_DIR]]', () => {
  const script = join(ROOT, 'dist', 'src', 'knowledge', 'snapshot.js');

  it('writes the snapshot of data/ into OUT_DIR', () => {
    const out = join(tmp, 'cli-out');
    const r = spawnSync(process.execPath, [script, out], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readFileSync(join(out, SNAPSHOT_FILE_NAME), 'utf8')).toBe(snapshotText(DEFAULT_DATA_DIR));
  });

  it('bad data: exit 2 with file and line, no stack trace, nothing written', () => {
    const dataDir = join(tmp, 'cli-bad-data');
    cpSync(join(FIXTURES, 'knowledge', 'minimal'), dataDir, { recursive: true });
    appendFileSync(join(dataDir, 'ids-docker.csv'), 'docker-bench-security,dbs-v1.6.1,9.9,docker.no.such-control,\n');
    const out = join(tmp, 'cli-bad-out');
    const r = spawnSync(process.execPath, [script, out, dataDir], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^stridebench: knowledge snapshot not written: .*ids-docker\.csv:\d+: .*unknown control docker\.no\.such-control\n$/);
    expect(() => readdirSync(out)).toThrow();
    expect(() => loadData(dataDir)).toThrow(InputError);
  });
});
