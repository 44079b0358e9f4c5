/**
 * The Kubernetes half of the knowledge data (data/*-kubernetes.csv), read directly with
 * csv-parse so that it is checked independently of the loader: layout, valid values,
 * coverage of every kube-bench check and group in the reference catalogue, and of every
 * check printed in the real kube-bench outputs of the shared corpus. The last block loads
 * the whole knowledge base through src/knowledge and resolves kube-bench results with it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { CORPUS, REFERENCE, ROOT, corpusDescribe } from '../helpers/paths.js';
import { loadKnowledge } from '../../src/knowledge/index.js';
import { STRIDE_CATEGORIES, type Component, type Scope } from '../../src/knowledge/types.js';

type Row = Record<string, string>;

const DATA = join(ROOT, 'data');
const CATALOGUE = join(REFERENCE, 'aqua-docker-bench', 'kubebench-checks.json');

function readCsv(name: string): { header: string[]; rows: Row[] } {
  const text = readFileSync(join(DATA, name), 'utf8');
  const header = (parse(text, { to_line: 1 }) as string[][])[0] ?? [];
  const rows = parse(text, { columns: true, skip_empty_lines: true }) as Row[];
  return { header, rows };
}

const controls = readCsv('controls-kubernetes.csv');
const fixes = readCsv('fixes-kubernetes.csv');
const ids = readCsv('ids-kubernetes.csv');
const controlByKey = new Map(controls.rows.map((c) => [c.key!, c]));
const fixByKey = new Map(fixes.rows.map((f) => [f.key!, f]));
const isGroupKey = (key: string) => key.startsWith('k8s.group.');
const isGroupId = (id: string) => id.endsWith('.*');

// `satisfies` makes the compiler reject a value that is not a Component / Scope.
const COMPONENTS = [
  'api-server',
  'etcd',
  'controller-manager',
  'scheduler',
  'kubelet',
  'kube-proxy',
  'control-plane-files',
  'worker-files',
  'policies',
  'managed-service',
  'host',
] as const satisfies readonly Component[];
const SCOPES = ['cluster', 'node'] as const satisfies readonly Scope[];
const K8S_COMPONENTS = ['kube-apiserver', 'kubelet', 'etcd', 'kube-controller-manager', 'kube-scheduler', 'kube-proxy'];

/** Words and marks that betray unfinished text. */
const PLACEHOLDER = /\b(TODO|TBD|FIXME|XXX|lorem|ipsum|placeholder)\b|\.\.\.|…/i;

/** Printed title without the CIS assessment suffix, spaces collapsed. */
function stripSuffix(title: string): string {
  return title
    .replace(/\s*\((Automated|Manual|Scored|Not Scored)\)\s*$/, '')
    .split(/\s+/)
    .join(' ')
    .trim();
}

/** Same recommendation, same meaning: case, the trailing full stop and the 600/644 mode differences do not count. */
function meaning(title: string): string {
  return stripSuffix(title).toLowerCase().replace(/\.$/, '').replace(/\b(600|644)\b/g, 'N');
}

/** Natural order of dotted ids as in src/knowledge/normalize.ts: numbers first, then `*`. */
function compareIds(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = /^\d+$/.test(x) ? Number(x) : NaN;
    const ny = /^\d+$/.test(y) ? Number(y) : NaN;
    if (!Number.isNaN(nx) && !Number.isNaN(ny)) {
      if (nx !== ny) return nx - ny;
    } else if (!Number.isNaN(nx)) return -1;
    else if (!Number.isNaN(ny)) return 1;
    else if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

function rowsFor(benchmark: string): Map<string, Row> {
  return new Map(ids.rows.filter((r) => r.benchmark === benchmark).map((r) => [r.id!, r]));
}

/** The group row (`4.2.*`, then `4.*`) that covers a check id in a numbering. */
function groupRow(benchmark: string, id: string): Row | undefined {
  const rows = rowsFor(benchmark);
  const parts = id.split('.');
  for (let n = parts.length - 1; n >= 1; n--) {
    const row = rows.get(`${parts.slice(0, n).join('.')}.*`);
    if (row) return row;
  }
  return undefined;
}

/**
 * Title fallback as the brief describes it: the keys of every precise row with the same
 * meaning; when a title names several controls (`--profiling` exists for the API server,
 * the controller manager and the scheduler), the component of the numbering's group row
 * for that id decides.
 */
const keysByMeaning = new Map<string, Set<string>>();
for (const r of ids.rows) {
  if (isGroupId(r.id!)) continue;
  const m = meaning(r.title!);
  keysByMeaning.set(m, (keysByMeaning.get(m) ?? new Set()).add(r.key!));
}
function resolveByTitle(title: string, group: Row | undefined): string[] {
  const keys = [...(keysByMeaning.get(meaning(title)) ?? [])];
  if (keys.length <= 1 || !group) return keys;
  const component = controlByKey.get(group.key!)?.component;
  return keys.filter((k) => controlByKey.get(k)?.component === component);
}

describe('controls-kubernetes.csv', () => {
  it('has the shared layout and one row per stable key, sorted', () => {
    expect(controls.header).toEqual(['key', 'title', 'component', 'scope', 'stride_primary', 'stride_secondary', 'cis_reference', 'rationale']);
    const keys = controls.rows.map((c) => c.key!);
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual(keys);
    for (const key of keys) expect(key).toMatch(/^k8s(\.[a-z0-9][a-z0-9-]*)+$/);
    expect(keys.length).toBeGreaterThan(150);
  });

  it('uses only valid components, scopes and STRIDE categories', () => {
    for (const c of controls.rows) {
      expect([c.key, COMPONENTS.includes(c.component as (typeof COMPONENTS)[number])]).toEqual([c.key, true]);
      expect([c.key, SCOPES.includes(c.scope as (typeof SCOPES)[number])]).toEqual([c.key, true]);
      expect(STRIDE_CATEGORIES).toContain(c.stride_primary);
      const secondary = c.stride_secondary === '' ? [] : c.stride_secondary!.split(';');
      for (const s of secondary) expect(STRIDE_CATEGORIES).toContain(s);
      expect(new Set(secondary).size).toBe(secondary.length);
      expect(secondary).not.toContain(c.stride_primary);
    }
  });

  it('gives every control its own title, a CIS reference and a real rationale', () => {
    const titles = controls.rows.map((c) => c.title);
    expect(new Set(titles).size).toBe(titles.length);
    const rationales = controls.rows.map((c) => c.rationale!);
    expect(new Set(rationales).size).toBe(rationales.length);
    for (const c of controls.rows) {
      expect([c.key, c.rationale!.length >= 80]).toEqual([c.key, true]);
      expect(c.rationale).not.toMatch(PLACEHOLDER);
      expect(c.title).not.toMatch(PLACEHOLDER);
      expect(c.cis_reference!.length).toBeGreaterThan(0);
      // One paragraph: no line breaks inside a rationale.
      expect(c.rationale).not.toMatch(/\n/);
    }
  });

  it('files the brief’s examples under the STRIDE categories it names', () => {
    const primary = (key: string) => controlByKey.get(key)?.stride_primary;
    expect(primary('k8s.apiserver.anonymous-auth')).toBe('Spoofing');
    expect(primary('k8s.kubelet.anonymous-auth')).toBe('Spoofing');
    expect(primary('k8s.etcd.client-cert-auth')).toBe('Spoofing');
    expect(controlByKey.get('k8s.etcd.client-cert-auth')?.stride_secondary).toContain('InformationDisclosure');
    expect(primary('k8s.kubelet.read-only-port')).toBe('InformationDisclosure');
    expect(primary('k8s.apiserver.audit-log-path')).toBe('Repudiation');
    expect(primary('k8s.audit.minimal-policy')).toBe('Repudiation');
    expect(primary('k8s.files.apiserver-pod-spec-permissions')).toBe('Tampering');
    expect(primary('k8s.policy.privileged-containers')).toBe('ElevationOfPrivilege');
    expect(primary('k8s.policy.host-pid')).toBe('ElevationOfPrivilege');
    expect(primary('k8s.apiserver.admission-event-rate-limit')).toBe('DenialOfService');
    expect(primary('k8s.kubelet.event-qps')).toBe('Repudiation');
    expect(primary('k8s.kubelet.pod-pids-limit')).toBe('DenialOfService');
  });
});

describe('fixes-kubernetes.csv', () => {
  it('has the shared layout and exactly one fix per control, in the same order', () => {
    expect(fixes.header).toEqual([
      'key',
      'action',
      'daemon_json_key',
      'daemon_json_value',
      'dockerd_flag',
      'run_flag',
      'file_path',
      'file_mode',
      'file_owner',
      'k8s_component',
      'k8s_flag',
      'impact',
      'verify',
      'exclusive_sources',
    ]);
    expect(fixes.rows.map((f) => f.key)).toEqual(controls.rows.map((c) => c.key));
  });

  it('says what to do, what can break and how to check, without placeholders', () => {
    for (const f of fixes.rows) {
      for (const column of ['action', 'impact', 'verify'] as const) {
        expect([f.key, column, f[column]!.trim().length > 15]).toEqual([f.key, column, true]);
        expect(f[column]).not.toMatch(PLACEHOLDER);
      }
      // Docker-only columns stay empty.
      for (const column of ['daemon_json_key', 'daemon_json_value', 'dockerd_flag', 'run_flag', 'exclusive_sources'] as const) {
        expect([f.key, column, f[column]]).toEqual([f.key, column, '']);
      }
    }
  });

  it('names the component and flag together, and files with path, octal mode and user:group owner', () => {
    for (const f of fixes.rows) {
      expect([f.key, f.k8s_component === '', f.k8s_flag === '']).toEqual([f.key, f.k8s_flag === '', f.k8s_component === '']);
      if (f.k8s_component !== '') {
        expect(K8S_COMPONENTS).toContain(f.k8s_component);
        expect(f.k8s_flag).toMatch(/^--[a-z]/);
        expect(f.k8s_flag).not.toMatch(/[<>]/);
      }
      if (f.file_mode !== '' || f.file_owner !== '') expect(f.file_path).toMatch(/^\//);
      if (f.file_mode !== '') expect(f.file_mode).toMatch(/^[0-7]{3,4}$/);
      if (f.file_owner !== '') expect(f.file_owner).toMatch(/^[a-z_][a-z0-9_-]*:[a-z_][a-z0-9_-]*$/);
    }
  });

  it('gives permission checks a mode and ownership checks an owner', () => {
    for (const f of fixes.rows) {
      if (/^k8s\.files\..*-permissions$/.test(f.key!)) expect([f.key, f.file_mode !== '']).toEqual([f.key, true]);
      if (/^k8s\.files\..*-ownership$/.test(f.key!)) expect([f.key, f.file_owner !== '']).toEqual([f.key, true]);
    }
    expect(fixByKey.get('k8s.files.etcd-data-dir-permissions')).toMatchObject({ file_path: '/var/lib/etcd', file_mode: '700' });
    expect(fixByKey.get('k8s.apiserver.anonymous-auth')).toMatchObject({ k8s_component: 'kube-apiserver', k8s_flag: '--anonymous-auth=false' });
    expect(fixByKey.get('k8s.kubelet.read-only-port')).toMatchObject({ k8s_component: 'kubelet', k8s_flag: '--read-only-port=0' });
  });
});

describe('ids-kubernetes.csv', () => {
  it('has the shared layout and valid, unique, sorted rows', () => {
    expect(ids.header).toEqual(['tool', 'benchmark', 'id', 'key', 'title']);
    const seen = new Set<string>();
    for (const r of ids.rows) {
      expect(r.tool).toBe('kube-bench');
      expect(r.benchmark).toMatch(/^kube-[a-z0-9][a-z0-9.-]*$/);
      expect(r.id).toMatch(/^\d+(\.\d+)*(\.\*)?$/);
      expect([r.benchmark, r.id, controlByKey.has(r.key!)]).toEqual([r.benchmark, r.id, true]);
      expect(r.title!.length).toBeGreaterThan(0);
      expect(r.title).toBe(stripSuffix(r.title!));
      const unique = `${r.benchmark}|${r.id}`;
      expect(seen.has(unique)).toBe(false);
      seen.add(unique);
    }
    const order = (a: Row, b: Row) => (a.benchmark! < b.benchmark! ? -1 : a.benchmark! > b.benchmark! ? 1 : compareIds(a.id!, b.id!));
    expect([...ids.rows].sort(order)).toEqual(ids.rows);
  });

  it('maps group rows to group-level controls and check rows to precise ones', () => {
    for (const r of ids.rows) expect([r.benchmark, r.id, isGroupKey(r.key!)]).toEqual([r.benchmark, r.id, isGroupId(r.id!)]);
  });

  it('reaches every control, so every control that can be printed has a fix', () => {
    const mapped = new Set(ids.rows.map((r) => r.key));
    for (const c of controls.rows) {
      expect([c.key, mapped.has(c.key)]).toEqual([c.key, true]);
      expect([c.key, fixByKey.has(c.key!)]).toEqual([c.key, true]);
    }
  });
});

interface CatalogueCheck {
  text: string;
  scored: boolean;
  type: string | null;
  group: string;
}
interface Catalogue {
  benchmarks: Record<string, { files: Record<string, { groups: { id: string; text: string; checks: number }[] } | undefined> }>;
  checks: Record<string, Record<string, CatalogueCheck>>;
}

const describeWithCatalogue = existsSync(CATALOGUE) ? describe : describe.skip;
if (!existsSync(CATALOGUE)) console.warn(`SKIPPED kube-bench catalogue checks: ${CATALOGUE} is not there`);

describeWithCatalogue('coverage of the kube-bench catalogue', () => {
  const catalogue = existsSync(CATALOGUE) ? (JSON.parse(readFileSync(CATALOGUE, 'utf8')) as Catalogue) : { benchmarks: {}, checks: {} };
  const listed = ['cis-1.24', 'cis-1.6'];

  it('maps every check of cis-1.24 and cis-1.6 by its printed id and title to a control with a rationale and a fix', () => {
    for (const folder of listed) {
      const rows = rowsFor(`kube-${folder}`);
      const checks = Object.entries(catalogue.checks[folder] ?? {});
      expect(checks.length).toBeGreaterThan(120);
      for (const [id, check] of checks) {
        const row = rows.get(id);
        expect([folder, id, row?.title]).toEqual([folder, id, stripSuffix(check.text)]);
        const control = controlByKey.get(row!.key!);
        expect([folder, id, isGroupKey(row!.key!)]).toEqual([folder, id, false]);
        expect(control?.rationale?.length).toBeGreaterThanOrEqual(80);
        // Every kube-bench check can come out FAIL (scored) or WARN (unscored, manual, or its audit failed).
        expect([folder, id, fixByKey.has(row!.key!)]).toEqual([folder, id, true]);
      }
    }
  });

  it('merges the same recommendation of both folders into one control, even where its id moved', () => {
    // Keyed by group and meaning: `--profiling` is one recommendation per component.
    const byMeaning = (folder: string) => new Map(Object.entries(catalogue.checks[folder] ?? {}).map(([id, c]) => [`${c.group} ${meaning(c.text)}`, id]));
    const newer = byMeaning('cis-1.24');
    const older = byMeaning('cis-1.6');
    let shared = 0;
    let moved = 0;
    for (const [m, idNew] of newer) {
      const idOld = older.get(m);
      if (idOld === undefined) continue;
      shared++;
      if (idOld !== idNew) moved++;
      expect([m, rowsFor('kube-cis-1.24').get(idNew)?.key]).toEqual([m, rowsFor('kube-cis-1.6').get(idOld)?.key]);
    }
    expect(shared).toBeGreaterThan(100);
    expect(moved).toBeGreaterThan(20);
    // Same meaning, different wording: still one control.
    expect(rowsFor('kube-cis-1.24').get('4.2.9')?.key).toBe(rowsFor('kube-cis-1.6').get('4.2.9')?.key);
    expect(rowsFor('kube-cis-1.24').get('5.2.2')?.key).toBe(rowsFor('kube-cis-1.6').get('5.2.1')?.key);
  });

  it('has a row for every group of every kube-bench folder', () => {
    const folders = Object.keys(catalogue.benchmarks);
    expect(folders.length).toBeGreaterThan(50);
    for (const folder of folders) {
      const rows = rowsFor(`kube-${folder}`);
      for (const file of Object.values(catalogue.benchmarks[folder]!.files)) {
        for (const group of file?.groups ?? []) {
          const row = rows.get(`${group.id}.*`);
          expect([folder, group.id, row?.title]).toEqual([folder, group.id, group.text.split(/\s+/).join(' ').trim()]);
          // A group with checks can print FAIL/WARN, so its control needs a fix.
          expect([folder, group.id, fixByKey.has(row!.key!)]).toEqual([folder, group.id, true]);
        }
      }
    }
  });

  it('lets a numbering without per-check rows resolve by title, the group row deciding between same-titled checks', () => {
    // Pretend cis-1.24 and cis-1.6 had only their group rows: the titles alone must lead back to the same controls.
    let decidedByGroup = 0;
    for (const folder of listed) {
      for (const [id, check] of Object.entries(catalogue.checks[folder] ?? {})) {
        const exact = rowsFor(`kube-${folder}`).get(id)!.key;
        if ((keysByMeaning.get(meaning(check.text))?.size ?? 0) > 1) decidedByGroup++;
        expect([folder, id, resolveByTitle(check.text, groupRow(`kube-${folder}`, id))]).toEqual([folder, id, [exact]]);
      }
    }
    // `--profiling`, `--bind-address` and `--client-ca-file`, among others, appear in several groups.
    expect(decidedByGroup).toBeGreaterThan(10);
  });
});

/** Which kube-bench folder each corpus file was produced with, decided from what it prints. */
const CORPUS_FOLDERS: Record<string, string[]> = {
  // JSON "version": "cis-1.20".
  'apxd-kubebench-cis1.20.json': ['cis-1.20'],
  // 644 modes, "Ensure that the --read-only-port", --event-qps, 13 Pod Security Standards checks: cis-1.23.
  'apxd-kubebench-node.txt': ['cis-1.23'],
  'r0kk0-kubebench-node.log': ['cis-1.23'],
  // JSON "version": "1.6" with the cis-1.6 layout (--basic-auth-file, PodSecurityPolicy plugin, 35 API server checks).
  'defectdojo-kubebench-controls.json': ['cis-1.6'],
  // JSON "version": "1.5", "(Scored)" suffixes.
  'defectdojo-kubebench-many-vuln.json': ['cis-1.5'],
  // 34 API server checks with --kubelet-https and the PodSecurityPolicy plugin, 8 RBAC checks: cis-1.20.
  'kubebench-upstream-expected-output.txt': ['cis-1.20'],
  // The pasted command line says --benchmark rke-cis-1.6-hardened.
  'oyelowo-kubebench-grepFAIL.txt': ['rke-cis-1.6-hardened'],
  // 644 modes, 6 RBAC checks, 9 Pod Security Policies checks: cis-1.6.
  'riskiwah-kubebench-node.txt': ['cis-1.6'],
  // 600 modes, no --protect-kernel-defaults, pod PID limit, 13 RBAC checks: cis-1.7 and cis-1.8 print the same worker and policy checks.
  'thbloth-kubebench-node-policies.log': ['cis-1.7', 'cis-1.8'],
};

const RESULT_LINE = /^\[(PASS|FAIL|WARN|INFO)\] ([0-9][0-9.]*) (.+)$/;

/** Printed checks (id, title) of a corpus file; section and group headers are not checks. */
function corpusChecks(name: string): { id: string; title: string }[] {
  const text = readFileSync(join(CORPUS, name), 'utf8');
  if (name.endsWith('.json')) {
    const parsed = JSON.parse(text) as { Controls?: unknown[] } | unknown[];
    const sections = (Array.isArray(parsed) ? parsed : (parsed.Controls ?? [])) as { tests: { results: { test_number: string; test_desc: string }[] }[] }[];
    return sections.flatMap((s) => s.tests.flatMap((g) => g.results.map((r) => ({ id: r.test_number, title: r.test_desc }))));
  }
  const lines: { status: string; id: string; title: string }[] = [];
  for (const line of text.split('\n')) {
    const m = RESULT_LINE.exec(line.replace(/\r$/, ''));
    if (m) lines.push({ status: m[1]!, id: m[2]!, title: m[3]! });
  }
  return lines
    .filter((l, i) => !(l.status === 'INFO' && (!l.id.includes('.') || (lines[i + 1]?.id ?? '').startsWith(`${l.id}.`))))
    .map(({ id, title }) => ({ id, title }));
}

corpusDescribe('the kube-bench outputs of the corpus', () => {
  const expected = new Map(
    readFileSync(join(CORPUS, 'EXPECTED.tsv'), 'utf8')
      .split('\n')
      .slice(1)
      .map((l) => l.split('\t'))
      .map((c) => [c[0]!, Number(c[3])] as const),
  );

  it.each(Object.keys(CORPUS_FOLDERS))('%s: every printed check has an exact row naming its precise control', (name) => {
    const checks = corpusChecks(name);
    expect(checks.length).toBe(expected.get(name));
    for (const folder of CORPUS_FOLDERS[name]!) {
      const rows = rowsFor(`kube-${folder}`);
      for (const { id, title } of checks) {
        const row = rows.get(id);
        expect([folder, id, row?.title]).toEqual([folder, id, stripSuffix(title)]);
        expect([folder, id, isGroupKey(row!.key!)]).toEqual([folder, id, false]);
        // The title alone (for a run whose numbering is not known) leads to the same control.
        expect([folder, id, resolveByTitle(title, groupRow(`kube-${folder}`, id))]).toEqual([folder, id, [row!.key]]);
      }
    }
  });
});

describe('the loaded knowledge base', () => {
  const kb = loadKnowledge();

  it('loads the Kubernetes controls with their fixes', () => {
    const anonymous = kb.control('k8s.apiserver.anonymous-auth');
    expect(anonymous?.platform).toBe('kubernetes');
    expect(anonymous?.fix?.k8sFlag).toEqual({ component: 'kube-apiserver', flag: '--anonymous-auth=false' });
    expect(kb.control('k8s.files.admin-conf-permissions')?.fix?.file).toEqual({ path: '/etc/kubernetes/admin.conf', mode: '600', owner: null });
    expect(kb.controls().filter((c) => c.platform === 'kubernetes')).toHaveLength(controls.rows.length);
  });

  it('resolves kube-bench ids by numbering, where the same id means different checks', () => {
    const token = 'Ensure that the --token-auth-file parameter is not set (Automated)';
    expect(kb.resolve('kube-bench', 'kube-cis-1.24', '1.2.2', token)).toMatchObject({ method: 'id', control: { key: 'k8s.apiserver.token-auth-file' } });
    expect(kb.resolve('kube-bench', 'kube-cis-1.6', '1.2.3', token)).toMatchObject({ method: 'id', control: { key: 'k8s.apiserver.token-auth-file' } });
    expect(kb.resolve('kube-bench', 'kube-cis-1.6', '1.2.2', 'Ensure that the --basic-auth-file argument is not set')).toMatchObject({
      control: { key: 'k8s.apiserver.basic-auth-file' },
    });
    expect(kb.resolve('kube-bench', 'kube-cis-1.24', '4.2.6', 'x').control?.key).toBe('k8s.kubelet.protect-kernel-defaults');
    expect(kb.resolve('kube-bench', 'kube-cis-1.7', '4.2.6', 'x').control?.key).toBe('k8s.kubelet.make-iptables-util-chains');
  });

  it('resolves a check of a folder without per-check rows, whose title we do not know, to its group', () => {
    expect(kb.resolve('kube-bench', 'kube-eks-1.2.0', '3.3.1', 'Prefer using a container-optimized OS when possible (Manual)').control?.key).toBe('k8s.group.node-os');
    expect(kb.resolve('kube-bench', 'kube-gke-1.9.0', '5.1.1', 'Ensure Image Vulnerability Scanning is enabled (Automated)').control?.key).toBe('k8s.group.managed-registry');
    expect(kb.resolve('kube-bench', 'kube-rh-0.7', '1.3', 'Ensure that the --insecure-allow-any-token argument is not set').control?.key).toBe('k8s.group.api-server');
  });

  it('resolves by title when the numbering is unknown', () => {
    const r = kb.resolve('kube-bench', null, '5.2.12', 'Minimize the admission of HostPath volumes (Manual)');
    expect(r).toMatchObject({ method: 'title', control: { key: 'k8s.policy.host-path-volumes' } });
    expect(r.warning).toMatch(/numbering/);
  });

  it('resolves every check of cis-1.24 and cis-1.6 to the control of our rows', () => {
    if (!existsSync(CATALOGUE)) return;
    const catalogue = JSON.parse(readFileSync(CATALOGUE, 'utf8')) as Catalogue;
    for (const folder of ['cis-1.24', 'cis-1.6']) {
      for (const [id, check] of Object.entries(catalogue.checks[folder] ?? {})) {
        const r = kb.resolve('kube-bench', `kube-${folder}`, id, check.text);
        expect([folder, id, r.method, r.control?.key]).toEqual([folder, id, 'id', rowsFor(`kube-${folder}`).get(id)?.key]);
      }
    }
  });
});
