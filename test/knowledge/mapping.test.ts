/** `--mapping`: an organisation's own threat model wins over ours; bad rows name file and line. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKnowledge } from '../../src/knowledge/index.js';
import { InputError } from '../../src/model/errors.js';
import { FIXTURES } from '../helpers/paths.js';

const DATA = join(FIXTURES, 'knowledge', 'minimal');
const OVERRIDE = join(FIXTURES, 'knowledge', 'mapping-override.csv');
const tmp = mkdtempSync(join(tmpdir(), 'stridebench-mapping-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function mappingFile(name: string, text: string): string {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
}

describe('applying a mapping file', () => {
  const ours = loadKnowledge({ dataDir: DATA });
  const theirs = loadKnowledge({ dataDir: DATA, mappingFile: OVERRIDE });

  it('replaces what the file gives and keeps the rest', () => {
    const live = theirs.control('docker.daemon.live-restore')!;
    expect(live.stride).toEqual({ primary: 'Repudiation', secondary: [] });
    expect(live.title).toBe(ours.control('docker.daemon.live-restore')!.title);
    expect(live.rationale).toBe(ours.control('docker.daemon.live-restore')!.rationale);
    expect(live.fix).toEqual(ours.control('docker.daemon.live-restore')!.fix);
  });

  it('"-" clears a list and an empty cell keeps ours', () => {
    const pids = theirs.control('docker.container.pids-limit')!;
    expect(pids.stride).toEqual({ primary: 'DenialOfService', secondary: ['InformationDisclosure'] });
    expect(pids.rationale).toMatch(/^Our own rationale/);
    expect(pids.fix?.runFlag).toBe('--pids-limit 50');
    expect(pids.fix?.impact).toBe('Fork-heavy jobs may hit the limit.');
  });

  it('adds new controls', () => {
    const added = theirs.control('docker.custom.backup-policy')!;
    expect(added).toMatchObject({
      platform: 'docker',
      title: 'Backups leave the site nightly',
      stride: { primary: 'DenialOfService', secondary: ['Tampering'] },
      fix: null,
    });
    expect(theirs.controls().map((c) => c.key)).toContain('docker.custom.backup-policy');
  });

  it('leaves our own knowledge base untouched', () => {
    expect(ours.control('docker.daemon.live-restore')!.stride.primary).toBe('DenialOfService');
    expect(ours.control('docker.custom.backup-policy')).toBeUndefined();
  });

  it('keeps resolving ids to the overridden controls', () => {
    expect(theirs.resolve('docker-bench-security', 'dbs-v1.6.1', '2.15', '').control?.stride.primary).toBe('Repudiation');
  });
});

describe('bad mapping files', () => {
  const load = (text: string) => () => loadKnowledge({ dataDir: DATA, mappingFile: mappingFile(`m${Math.random()}.csv`, text) });
  const errorOf = (text: string): InputError => {
    try {
      load(text)();
    } catch (err) {
      if (err instanceof InputError) return err;
      throw err;
    }
    throw new Error('expected an InputError');
  };

  it.each([
    ['an unknown STRIDE value', 'key,stride_primary\ndocker.daemon.live-restore,Sp00fing\n', 2, /stride_primary: unknown STRIDE category "Sp00fing"/],
    ['a new control without rationale', 'key,title,stride_primary\ndocker.daemon.live-restore,,\ndocker.new.one,New,Spoofing\n', 3, /rationale: must not be empty/],
    ['a new control without title', 'key,stride_primary,rationale\ndocker.new.one,Spoofing,Because we say so and we have our reasons.\n', 2, /title: must not be empty/],
    ['an unknown column', 'key,severity\ndocker.daemon.live-restore,high\n', 1, /unknown column\(s\) severity/],
    ['a key twice', 'key,title\ndocker.daemon.live-restore,A\ndocker.daemon.live-restore,B\n', 3, /appears twice/],
    ['a bad fix value', 'key,daemon_json_value\ndocker.daemon.live-restore,yes\n', 2, /daemon_json_value: "yes" is not JSON/],
    ['a bad component', 'key,component\ndocker.daemon.live-restore,kernel\n', 2, /component: unknown component "kernel"/],
  ])('reports %s with its line', (_what, text, line, message) => {
    const err = errorOf(text);
    expect(err.file).toMatch(/m[\d.]+\.csv$/);
    expect(err.line).toBe(line);
    expect(err.message).toMatch(message);
  });

  it('reports a missing file', () => {
    expect(() => loadKnowledge({ dataDir: DATA, mappingFile: join(tmp, 'absent.csv') })).toThrow(/no such mapping file/);
  });
});
