/**
 * Coverage of the Docker knowledge data against the scanners' own check catalogues
 * (shared/reference): every id of every numbering resolves by exact id, to the right
 * control, with threats, a rationale and (when the check can fail) a fix.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadKnowledge } from '../../src/knowledge/index.js';
import { ROOT, REFERENCE } from '../helpers/paths.js';
import { DBS_REF_NUMBERING } from '../../src/model/benchmarks.js';

const DBS_CATALOGUE = join(REFERENCE, 'docker-bench-security', 'checks.json');
const AQUA_CATALOGUE = join(REFERENCE, 'aqua-docker-bench', 'checks.json');
const HAVE_REFERENCE = existsSync(DBS_CATALOGUE) && existsSync(AQUA_CATALOGUE);

function referenceDescribe(name: string, fn: () => void): void {
  if (HAVE_REFERENCE) describe(name, fn);
  else {
    console.warn(`SKIPPED "${name}": the reference catalogues are not at ${REFERENCE}`);
    describe.skip(name, fn);
  }
}


interface DbsCheck {
  title: string | null;
  scored: boolean | null;
  assessment: string | null;
}
interface AquaCheck {
  text: string;
  scored: boolean;
  type: string | null;
}

const kb = loadKnowledge();

referenceDescribe('docker-bench-security catalogue (every ref)', () => {
  const catalogue = HAVE_REFERENCE ? (JSON.parse(readFileSync(DBS_CATALOGUE, 'utf8')) as Record<string, { checks: Record<string, DbsCheck> }>) : {};

  it('groups releases into numberings only where ids and titles agree', () => {
    expect(Object.keys(catalogue).sort()).toEqual(Object.keys(DBS_REF_NUMBERING).sort());
    const strip = (t: string | null) => (t ?? '').replace(/\s*\((Not Scored|Scored|Automated|Manual)\)\s*$/, '').trim();
    const byNumbering = new Map<string, Map<string, string>>();
    for (const [ref, { checks }] of Object.entries(catalogue)) {
      const seen = byNumbering.get(DBS_REF_NUMBERING[ref]!) ?? new Map<string, string>();
      for (const [id, check] of Object.entries(checks)) {
        if (seen.has(id)) expect(`${ref} ${id}: ${strip(check.title)}`).toBe(`${ref} ${id}: ${seen.get(id)}`);
        seen.set(id, strip(check.title));
      }
      byNumbering.set(DBS_REF_NUMBERING[ref]!, seen);
    }
  });

  it('resolves every id of every ref by exact id to a control with threats, rationale and fix', () => {
    let checked = 0;
    for (const [ref, { checks }] of Object.entries(catalogue)) {
      const benchmark = DBS_REF_NUMBERING[ref]!;
      for (const [id, check] of Object.entries(checks)) {
        const r = kb.resolve('docker-bench-security', benchmark, id, check.title ?? '');
        const where = `${ref} (${benchmark}) ${id} "${check.title}"`;
        expect({ where, method: r.method, warning: r.warning }).toEqual({ where, method: 'id', warning: null });
        const control = r.control!;
        expect(control.stride.primary).toBeTruthy();
        expect(control.rationale.length).toBeGreaterThan(0);
        // Anything but an explicitly unscored check can print WARN, so it needs a fix.
        if (check.scored !== false) expect({ where, fix: control.fix !== null }).toEqual({ where, fix: true });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1500);
  });
});

referenceDescribe('aqua docker-bench catalogue (every folder)', () => {
  const catalogue = HAVE_REFERENCE ? (JSON.parse(readFileSync(AQUA_CATALOGUE, 'utf8')) as Record<string, Record<string, AquaCheck>>) : {};

  it('resolves every id of every folder by exact id, duplicates by title', () => {
    let checked = 0;
    for (const [folder, checks] of Object.entries(catalogue)) {
      const benchmark = `aqua-${folder}`;
      for (const [rawId, check] of Object.entries(checks)) {
        const id = rawId.split('#')[0]!; // the catalogue keys a repeated printed id as "5.12#2"
        const r = kb.resolve('aqua-docker-bench', benchmark, id, check.text);
        const where = `${benchmark} ${rawId} "${check.text}"`;
        expect({ where, method: r.method, warning: r.warning }).toEqual({ where, method: 'id', warning: null });
        expect(r.control!.rationale.length).toBeGreaterThan(0);
        if (check.scored || check.type === 'manual') expect({ where, fix: r.control!.fix !== null }).toEqual({ where, fix: true });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('tells apart the two checks cis-1.6.0 prints under one id', () => {
    const checks = catalogue['cis-1.6.0']!;
    for (const id of ['5.12', '5.20', '7.1']) {
      const first = kb.resolve('aqua-docker-bench', 'aqua-cis-1.6.0', id, checks[id]!.text).control!.key;
      const second = kb.resolve('aqua-docker-bench', 'aqua-cis-1.6.0', id, checks[`${id}#2`]!.text).control!.key;
      expect(first).not.toBe(second);
    }
  });
});

describe('the crosswalk of moved checks (docs: FORMATS.md §4.2)', () => {
  const at = (benchmark: string, id: string) => {
    const tool = benchmark.startsWith('aqua-') ? 'aqua-docker-bench' : 'docker-bench-security';
    return kb.resolve(tool, benchmark, id, '').control?.key;
  };
  it.each([
    ['dbs-v1.2.0', '2.14', 'docker.daemon.live-restore'],
    ['dbs-v1.3.5', '2.13', 'docker.daemon.live-restore'],
    ['dbs-v1.6.1', '2.15', 'docker.daemon.live-restore'],
    ['aqua-cis-1.2', '2.13.a', 'docker.daemon.live-restore'],
    ['aqua-cis-1.2', '2.13.b', 'docker.daemon.live-restore'],
    ['dbs-v1.3.3', '2.18', 'docker.daemon.no-new-privileges'],
    ['dbs-v1.3.5', '2.17', 'docker.daemon.no-new-privileges'],
    ['dbs-v1.5.0', '2.14', 'docker.daemon.no-new-privileges'],
    ['dbs-v1.2.0', '2.15', 'docker.swarm.mode'],
    ['dbs-v1.5.0', '7.1', 'docker.swarm.mode'],
    ['dbs-v1.6.1', '5.1', 'docker.swarm.mode'],
    ['dbs-v1.5.0', '5.1', 'docker.container.apparmor'],
    ['dbs-v1.5.0', '5.10', 'docker.container.memory-limit'],
    ['dbs-v1.6.1', '5.11', 'docker.container.memory-limit'],
    ['dbs-v1.5.0', '5.28', 'docker.container.pids-limit'],
    ['dbs-v1.6.1', '5.29', 'docker.container.pids-limit'],
    ['dbs-v1.6.1', '5.23', 'docker.container.exec-privileged'],
    ['dbs-v1.3.3', '2.13', 'docker.daemon.legacy-registry-v1'],
    ['dbs-v1.3.5', 'C.2', 'docker.daemon.legacy-registry-v1'],
    ['dbs-v1.3.6', '3.20', 'docker.files.etc-sysconfig-docker-mode'],
    ['dbs-v1.5.0', '3.20', 'docker.files.etc-default-docker-mode'],
    ['dbs-v1.1.0', '1.2', 'docker.host.kernel-up-to-date'],
    ['dbs-v1.6.1', '8.1.1', 'docker.enterprise.ldap'],
    ['aqua-cis-1.0', '5.25.a', 'docker.container.no-new-privileges'],
    ['aqua-cis-1.0', '5.25.b', 'docker.daemon.no-new-privileges'],
  ])('%s %s is %s', (benchmark, id, key) => {
    expect(at(benchmark, id)).toBe(key);
  });
});

describe('decisions of the threat model our users start from', () => {
  it.each([
    ['docker.daemon.no-new-privileges', 'ElevationOfPrivilege'],
    ['docker.container.no-new-privileges', 'ElevationOfPrivilege'],
    ['docker.daemon.live-restore', 'DenialOfService'],
    ['docker.container.pids-limit', 'DenialOfService'],
    ['docker.image.content-trust', 'Spoofing'],
    ['docker.container.apparmor', 'InformationDisclosure'],
    ['docker.container.selinux', 'InformationDisclosure'],
    ['docker.container.memory-limit', 'DenialOfService'],
    ['docker.container.restart-policy', 'DenialOfService'],
    ['docker.container.exec-privileged', 'ElevationOfPrivilege'],
  ])('%s is primarily %s', (key, category) => {
    expect(kb.control(key)?.stride.primary).toBe(category);
  });

  it('marks daemon options that exist as flag and daemon.json key as exclusive', () => {
    for (const c of kb.controls()) {
      const fix = c.fix;
      if (fix?.daemonJson && fix.dockerdFlag) expect({ key: c.key, exclusive: fix.exclusiveSources }).toEqual({ key: c.key, exclusive: true });
    }
    const live = kb.control('docker.daemon.live-restore')!.fix!;
    expect(live.daemonJson).toEqual({ key: 'live-restore', value: 'true' });
    expect(live.dockerdFlag).toBe('--live-restore');
  });
});

describe('text quality of the data', () => {
  const dataDir = join(ROOT, 'data');
  it('holds no placeholder text', () => {
    for (const name of readdirSync(dataDir).filter((n) => n.endsWith('.csv') || n.endsWith('.json'))) {
      const text = readFileSync(join(dataDir, name), 'utf8');
      const found = text.match(/\b(TODO|TBD|FIXME|lorem|ipsum|placeholder)\b/i);
      expect({ name, found: found?.[0] ?? null }).toEqual({ name, found: null });
    }
  });

  it('has a real, distinct rationale for every control', () => {
    const seen = new Map<string, string>();
    for (const c of kb.controls()) {
      expect({ key: c.key, long: c.rationale.length >= 80 }).toEqual({ key: c.key, long: true });
      const twin = seen.get(c.rationale);
      expect({ key: c.key, duplicateOf: twin ?? null }).toEqual({ key: c.key, duplicateOf: null });
      seen.set(c.rationale, c.key);
    }
  });

  it('gives every Docker control a CIS reference and a fix with an impact', () => {
    for (const c of kb.controls().filter((x) => x.platform === 'docker')) {
      expect({ key: c.key, cis: c.cisReference !== '' }).toEqual({ key: c.key, cis: true });
      expect({ key: c.key, impact: (c.fix?.impact ?? '') !== '' }).toEqual({ key: c.key, impact: true });
    }
  });
});
