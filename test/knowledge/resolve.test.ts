/** The resolver: exact id, duplicate ids decided by title, title fallback, title-less fallback, none. */
import { join } from 'node:path';
import { loadKnowledge, normalizeTitle } from '../../src/knowledge/index.js';
import { FIXTURES } from '../helpers/paths.js';

const kb = loadKnowledge({ dataDir: join(FIXTURES, 'knowledge', 'minimal') });

describe('normalizeTitle', () => {
  it('drops case, punctuation, suffixes, a repeated id and leading "ensure that the"', () => {
    expect(normalizeTitle('Ensure that the docker.service file ownership is set to root:root (Automated)')).toBe(
      'docker.service file ownership is set to root root',
    );
    expect(normalizeTitle('1.1.12 Ensure auditing is configured for Dockerfiles - /etc/containerd/config.toml (Automated)')).toBe(
      'auditing is configured for dockerfiles etc containerd config.toml',
    );
    expect(normalizeTitle('Ensure live restore is Enabled (Scored) (Incompatible with swarm mode)')).toBe('live restore is enabled');
    expect(normalizeTitle("Ensure  the host's   IPC namespace (Manual)")).toBe('host s ipc namespace');
  });
  it('keeps brackets that carry meaning', () => {
    expect(normalizeTitle('Ensure operations on legacy registry (v1) are Disabled')).toBe('operations on legacy registry v1 are disabled');
  });
  it('stays fast and bounded on a hostile 1 MB title', () => {
    const out = normalizeTitle(`${'('.repeat(500_000)}${'a.'.repeat(250_000)}`);
    expect(out.length).toBeLessThanOrEqual(1000);
  });
});

describe('resolve', () => {
  it('finds a control by exact (tool, numbering, id) without a warning', () => {
    const r = kb.resolve('docker-bench-security', 'dbs-v1.3.5', '2.13', 'Ensure live restore is Enabled');
    expect(r).toEqual({ control: kb.control('docker.daemon.live-restore'), method: 'id', warning: null });
  });

  it('maps both halves of an aqua a/b pair to the same control', () => {
    expect(kb.resolve('aqua-docker-bench', 'aqua-cis-1.2', '2.13.a', '').control?.key).toBe('docker.daemon.live-restore');
    expect(kb.resolve('aqua-docker-bench', 'aqua-cis-1.2', '2.13.b', '').control?.key).toBe('docker.daemon.live-restore');
  });

  it('uses the numbering: the same id means different controls', () => {
    expect(kb.resolve('docker-bench-security', 'dbs-v1.3.5', '5.28', '').control?.key).toBe('docker.container.pids-limit');
    expect(kb.resolve('docker-bench-security', 'dbs-v1.6.1', '5.28', 'Ensure that the PIDs cgroup limit is used').method).toBe('title');
  });

  it('decides an id printed twice in one numbering by title', () => {
    const ro = kb.resolve('aqua-docker-bench', 'aqua-cis-1.6.0', '5.12', "Ensure that the container's root filesystem is mounted as read only (Manual)");
    const cpu = kb.resolve('aqua-docker-bench', 'aqua-cis-1.6.0', '5.12', 'Ensure that CPU priority is set appropriately on container (Manual)');
    expect([ro.control?.key, ro.warning]).toEqual(['docker.container.read-only-rootfs', null]);
    expect([cpu.control?.key, cpu.warning]).toEqual(['docker.container.pids-limit', null]);
    const blind = kb.resolve('aqua-docker-bench', 'aqua-cis-1.6.0', '5.12', '');
    expect(blind.method).toBe('id');
    expect(blind.warning).toMatch(/several controls .* the title does not say which/);
  });

  it('falls back to the title when the numbering is unknown, and says so', () => {
    const r = kb.resolve('docker-bench-security', null, '2.99', 'Ensure live restore is Enabled (Scored)');
    expect(r.control?.key).toBe('docker.daemon.live-restore');
    expect(r.method).toBe('title');
    expect(r.warning).toMatch(/numbering of the run is unknown; matched by its title/);
  });

  it('falls back to the title when the id is not in the numbering', () => {
    const r = kb.resolve('docker-bench-security', 'dbs-v1.6.1', '9.9', 'Ensure that the PIDs cgroup limit is used');
    expect([r.control?.key, r.method]).toEqual(['docker.container.pids-limit', 'title']);
    expect(r.warning).toMatch(/id 9.9 is not in numbering dbs-v1.6.1/);
  });

  it('accepts a reworded title when most of its words match', () => {
    const r = kb.resolve('docker-bench-security', null, '', 'Ensure the PIDs cgroup limit is being used');
    expect([r.control?.key, r.method]).toEqual(['docker.container.pids-limit', 'title']);
    expect(r.warning).toMatch(/similar title/);
  });

  it('only matches titles of the same tool', () => {
    // The title exists for aqua only (the CPU priority row); docker-bench results do not borrow it.
    const r = kb.resolve('docker-bench-security', null, '5.11', 'Ensure that CPU priority is set appropriately on container');
    expect(r.control).toBeNull();
  });

  it('uses the most likely numbering for a result without title', () => {
    const r = kb.resolve('docker-bench-security', null, '2.15', '');
    expect(r.control?.key).toBe('docker.daemon.live-restore');
    expect(r.method).toBe('id');
    expect(r.warning).toMatch(/no title; assumed numbering dbs-v1\.6\.1/);
  });

  it('gives up with a warning when nothing matches', () => {
    const r = kb.resolve('docker-bench-security', 'dbs-v1.6.1', '42', 'Ensure the moon is made of cheese');
    expect(r).toEqual({ control: null, method: 'none', warning: expect.stringMatching(/matches no known docker-bench-security check/) });
    expect(kb.resolve('docker-bench-security', null, '42', '').method).toBe('none');
  });
});

describe('find', () => {
  it('finds by key, by printed id across numberings, and within one numbering', () => {
    expect(kb.find('docker.daemon.live-restore').map((c) => c.key)).toEqual(['docker.daemon.live-restore']);
    expect(kb.find('5.12').map((c) => c.key)).toEqual(['docker.container.pids-limit', 'docker.container.read-only-rootfs']);
    expect(kb.find('5.12', 'dbs-v1.3.5').map((c) => c.key)).toEqual(['docker.container.read-only-rootfs']);
    expect(kb.find('2.13', 'aqua-cis-1.2').map((c) => c.key)).toEqual(['docker.daemon.live-restore']);
    expect(kb.find('nothing')).toEqual([]);
  });
});

describe('the shipped data', () => {
  const shipped = loadKnowledge();
  it('resolves the flat 2017 JSON (ids without titles) in the 1.3.4 numbering', () => {
    const r = shipped.resolve('docker-bench-security', null, '2.14', '');
    expect(r.control?.key).toBe('docker.daemon.live-restore');
    expect(r.warning).toMatch(/assumed numbering dbs-v1\.3\.3/);
  });
  it('reads the lower-case community prefix of flat JSON', () => {
    expect(shipped.resolve('docker-bench-security', 'dbs-v1.3.5', 'c.2', '').control?.key).toBe('docker.daemon.legacy-registry-v1');
  });
});
