/** Loading and validating knowledge data: good data loads, every kind of bad row names its file and line. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clearKnowledgeCache, loadKnowledge } from '../../src/knowledge/index.js';
import { InputError } from '../../src/model/errors.js';
import { FIXTURES } from '../helpers/paths.js';

const MINIMAL = join(FIXTURES, 'knowledge', 'minimal');
const dirs: string[] = [];

/** A copy of the minimal data set with one file's text changed. */
function variant(file: string, change: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'stridebench-kb-'));
  dirs.push(dir);
  cpSync(MINIMAL, dir, { recursive: true });
  writeFileSync(join(dir, file), change(readFileSync(join(dir, file), 'utf8')));
  return dir;
}

function loadError(dir: string): InputError {
  clearKnowledgeCache();
  try {
    loadKnowledge({ dataDir: dir });
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('expected an InputError');
}

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('loading good data', () => {
  const kb = loadKnowledge({ dataDir: MINIMAL });

  it('reads controls, fixes, ids and the version', () => {
    expect(kb.version).toBe('2024.01.02-3');
    expect(kb.controls().map((c) => c.key)).toEqual(['docker.container.pids-limit', 'docker.container.read-only-rootfs', 'docker.daemon.live-restore']);
    const live = kb.control('docker.daemon.live-restore')!;
    expect(live.platform).toBe('docker');
    expect(live.rationale).toContain('\n');
    expect(live.fix).toEqual({
      action: 'Set `live-restore` to true.',
      daemonJson: { key: 'live-restore', value: 'true' },
      dockerdFlag: '--live-restore',
      runFlag: null,
      file: null,
      k8sFlag: null,
      impact: 'Not for swarm nodes.',
      verify: "`docker info --format '{{ .LiveRestoreEnabled }}'`",
      exclusiveSources: true,
    });
    expect(kb.control('docker.container.pids-limit')!.stride).toEqual({ primary: 'DenialOfService', secondary: ['ElevationOfPrivilege', 'Tampering'] });
    expect(kb.control('docker.container.read-only-rootfs')!.fix).toBeNull();
    expect(kb.mappings('docker.daemon.live-restore').map((m) => `${m.benchmark} ${m.id}`)).toEqual([
      'dbs-v1.3.5 2.13',
      'dbs-v1.6.1 2.15',
      'aqua-cis-1.2 2.13.a',
      'aqua-cis-1.2 2.13.b',
    ]);
  });

  it('is cached: the same object for the same folder', () => {
    expect(loadKnowledge({ dataDir: MINIMAL })).toBe(loadKnowledge({ dataDir: MINIMAL }));
  });

  it('loads the shipped data', () => {
    const shipped = loadKnowledge();
    expect(shipped.version).toMatch(/^\d{4}\.\d{2}\.\d{2}-\d+$/);
    expect(shipped.controls().filter((c) => c.platform === 'docker').length).toBeGreaterThan(100);
  });
});

describe('rejecting bad data with file and line', () => {
  const controls = 'controls-docker.csv';
  const fixes = 'fixes-docker.csv';
  const ids = 'ids-docker.csv';
  it.each([
    ['unknown STRIDE value', controls, (t: string) => t.replace('DenialOfService,ElevationOfPrivilege;Tampering', 'DenialOfService,Elevation'), 4, /stride_secondary: unknown STRIDE category "Elevation"/],
    ['unknown primary STRIDE', controls, (t: string) => t.replace('container,Tampering,', 'container,T,'), 5, /stride_primary: unknown STRIDE category "T"/],
    ['unknown component', controls, (t: string) => t.replace('live-restore,Live restore enabled,daemon,', 'live-restore,Live restore enabled,dockerd,'), 2, /component: unknown component "dockerd"/],
    ['unknown scope', controls, (t: string) => t.replace('container-runtime,container,Tampering', 'container-runtime,pod,Tampering'), 5, /scope: unknown scope "pod"/],
    ['empty rationale', controls, (t: string) => t.replace('A read-only root filesystem stops intruders from replacing binaries inside the container.', ''), 5, /rationale: must not be empty/],
    ['duplicate key', controls, (t: string) => t.replace('docker.container.read-only-rootfs,Read-only', 'docker.container.pids-limit,Read-only'), 5, /duplicate key docker.container.pids-limit/],
    ['key of another platform', controls, (t: string) => t.replace('docker.container.read-only-rootfs,Read-only', 'k8s.pod.read-only,Read-only'), 5, /must start with "docker\."/],
    ['badly formed key', controls, (t: string) => t.replace('docker.container.read-only-rootfs,Read-only', 'Docker Container,Read-only'), 5, /not a stable key/],
    ['fix for an unknown key', fixes, (t: string) => t.replace('docker.container.pids-limit,Start', 'docker.container.pid-limit,Start'), 3, /fix for unknown control docker.container.pid-limit/],
    ['daemon.json value that is not JSON', fixes, (t: string) => t.replace('live-restore,true,', 'live-restore,yes please,'), 2, /daemon_json_value: "yes please" is not JSON/],
    ['half a daemon.json setting', fixes, (t: string) => t.replace('live-restore,true,', 'live-restore,,'), 2, /daemon_json_key and daemon_json_value go together/],
    ['bad exclusive_sources', fixes, (t: string) => t.replace('--live-restore`', '--live-restore`').replace(/,yes\n/, ',maybe\n'), 2, /exclusive_sources: "maybe"/],
    ['id for an unknown key', ids, (t: string) => t.replace('dbs-v1.6.1,5.29,docker.container.pids-limit', 'dbs-v1.6.1,5.29,docker.container.pids'), 6, /key: unknown control docker.container.pids/],
    ['unknown tool', ids, (t: string) => t.replace('aqua-docker-bench,aqua-cis-1.6.0,5.12,docker.container.read', 'aqua,aqua-cis-1.6.0,5.12,docker.container.read'), 9, /tool: unknown tool "aqua"/],
    ['unknown numbering', ids, (t: string) => t.replace('dbs-v1.6.1,2.15', 'dbs-v9,2.15'), 5, /unknown docker-bench-security numbering "dbs-v9"/],
    ['duplicate mapping row', ids, (t: string) => `${t}docker-bench-security,dbs-v1.6.1,2.15,docker.daemon.live-restore,again\n`, 11, /duplicate mapping of 2.15 in dbs-v1.6.1/],
    ['unclosed quote', controls, (t: string) => `${t}docker.x.y,"broken,daemon\n`, 6, /not valid CSV/],
    ['header and rows disagree', ids, (t: string) => t.replace('tool,benchmark,id,key,title', 'tool,benchmark,id,key'), 2, /not valid CSV: .*columns length is 4, got 5/],
  ])('%s', (_name, file, change, line, message) => {
    const err = loadError(variant(file, change));
    expect(err.file).toBe(join(dirs[dirs.length - 1]!, file));
    expect(err.line).toBe(line);
    expect(err.message).toMatch(message);
  });

  it('rejects a control that no id maps to (no result could reach it)', () => {
    const err = loadError(variant(ids, (t) => t.split('\n').filter((l) => !l.includes('read-only-rootfs')).join('\n')));
    expect(err.message).toMatch(/docker.container.read-only-rootfs has no id mapping/);
    expect(err.file).toMatch(/controls-docker\.csv$/);
    expect(err.line).toBe(5);
  });

  it('rejects a header without a required column', () => {
    const err = loadError(variant(ids, (t) => t.replace('tool,benchmark,id,key,title', 'tool,benchmark,id,key,name')));
    expect(err.line).toBe(1);
    expect(err.message).toMatch(/missing column\(s\) title/);
  });

  it('rejects a knowledge.json without a version', () => {
    const err = loadError(variant('knowledge.json', () => '{"version": 3}'));
    expect(err.file).toMatch(/knowledge\.json$/);
    expect(err.message).toMatch(/YYYY\.MM\.DD-N/);
  });
});
