/**
 * Cell-level checks shared by the data loader and the `--mapping` override: each returns
 * the parsed value or throws InputError naming the file, line and column.
 */
import { InputError } from '../model/errors.js';
import { STRIDE_CATEGORIES, type Component, type Fix, type Scope, type StrideCategory } from './types.js';

export const COMPONENTS: readonly Component[] = [
  'host',
  'daemon',
  'daemon-files',
  'socket',
  'registry',
  'image',
  'container-runtime',
  'host-kernel',
  'swarm',
  'operations',
  'enterprise',
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
];

export const SCOPES: readonly Scope[] = ['host', 'daemon', 'image', 'container', 'swarm', 'cluster', 'node'];

export const CONTROL_COLUMNS = ['key', 'title', 'component', 'scope', 'stride_primary', 'stride_secondary', 'cis_reference', 'rationale'] as const;
export const FIX_COLUMNS = [
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
] as const;
export const ID_COLUMNS = ['tool', 'benchmark', 'id', 'key', 'title'] as const;

/** Where a cell is, for messages. */
export interface CellAt {
  file: string;
  line: number;
  column: string;
}

export function fail(at: CellAt, message: string): never {
  throw new InputError(`${at.column}: ${message}`, { file: at.file, line: at.line });
}

/** Printable form of a hostile cell value in a message (bounded, control characters visible). */
export function shown(value: string): string {
  const cut = value.length > 80 ? `${value.slice(0, 80)}…` : value;
  return JSON.stringify(cut);
}

export function parseStride(value: string, at: CellAt): StrideCategory {
  const v = value.trim();
  if ((STRIDE_CATEGORIES as readonly string[]).includes(v)) return v as StrideCategory;
  return fail(at, `unknown STRIDE category ${shown(v)}; use one of ${STRIDE_CATEGORIES.join(', ')}`);
}

/** `;`-separated STRIDE ids; empty cell = none. Duplicates are dropped. */
export function parseStrideList(value: string, at: CellAt): StrideCategory[] {
  const out: StrideCategory[] = [];
  for (const part of value.split(';')) {
    if (part.trim() === '') continue;
    const s = parseStride(part, at);
    if (!out.includes(s)) out.push(s);
  }
  return out;
}

export function parseComponent(value: string, at: CellAt): Component {
  const v = value.trim();
  if ((COMPONENTS as readonly string[]).includes(v)) return v as Component;
  return fail(at, `unknown component ${shown(v)}; use one of ${COMPONENTS.join(', ')}`);
}

export function parseScope(value: string, at: CellAt): Scope {
  const v = value.trim();
  if ((SCOPES as readonly string[]).includes(v)) return v as Scope;
  return fail(at, `unknown scope ${shown(v)}; use one of ${SCOPES.join(', ')}`);
}

/** Stable keys: lower-case, dotted, platform first (`docker.daemon.live-restore`, `k8s.kubelet.read-only-port`). */
export function parseKey(value: string, at: CellAt): string {
  const v = value.trim();
  if (v === '') fail(at, 'the key is empty');
  const parts = v.split('.');
  const okPart = (p: string) => p.length > 0 && /^[a-z0-9][a-z0-9_-]*$/.test(p);
  if (parts.length < 2 || !parts.every(okPart)) {
    fail(at, `${shown(v)} is not a stable key (lower-case dotted words, platform first, e.g. docker.daemon.live-restore)`);
  }
  if (parts[0] !== 'docker' && parts[0] !== 'k8s') fail(at, `${shown(v)} must start with "docker." or "k8s."`);
  return v;
}

export function platformOfKey(key: string): 'docker' | 'kubernetes' {
  return key.startsWith('k8s.') ? 'kubernetes' : 'docker';
}

export function requireText(value: string | undefined, at: CellAt): string {
  const v = (value ?? '').trim();
  if (v === '') fail(at, 'must not be empty');
  return v;
}

/** Fix columns as read from a row (all strings, empty = not given). */
export type FixCells = Partial<Record<(typeof FIX_COLUMNS)[number], string>>;

/** Build a Fix from a fixes row; `at` gives file and line, the column is filled in per check. */
export function parseFix(cells: FixCells, file: string, line: number): Fix {
  const at = (column: string): CellAt => ({ file, line, column });
  const get = (c: (typeof FIX_COLUMNS)[number]) => (cells[c] ?? '').trim();
  const action = requireText(cells.action, at('action'));
  const djKey = get('daemon_json_key');
  const djValue = get('daemon_json_value');
  if ((djKey === '') !== (djValue === '')) {
    fail(at(djKey === '' ? 'daemon_json_key' : 'daemon_json_value'), 'daemon_json_key and daemon_json_value go together: give both or neither');
  }
  if (djValue !== '') {
    try {
      JSON.parse(djValue);
    } catch {
      fail(at('daemon_json_value'), `${shown(djValue)} is not JSON text (strings need quotes: "info")`);
    }
  }
  const path = get('file_path');
  const mode = get('file_mode');
  const owner = get('file_owner');
  if (path === '' && (mode !== '' || owner !== '')) fail(at('file_path'), 'file_mode and file_owner need a file_path');
  if (mode !== '' && !/^[0-7]{3,4}$/.test(mode)) fail(at('file_mode'), `${shown(mode)} is not an octal mode such as 644`);
  const k8sComponent = get('k8s_component');
  const k8sFlag = get('k8s_flag');
  // A flag without its component is still a usable instruction; a component alone is not.
  if (k8sComponent !== '' && k8sFlag === '') fail(at('k8s_flag'), 'k8s_component needs a k8s_flag');
  const exclusive = get('exclusive_sources').toLowerCase();
  if (exclusive !== '' && exclusive !== 'yes' && exclusive !== 'no') fail(at('exclusive_sources'), `${shown(exclusive)} must be "yes" or empty`);
  return {
    action,
    daemonJson: djKey === '' ? null : { key: djKey, value: djValue },
    dockerdFlag: get('dockerd_flag') || null,
    runFlag: get('run_flag') || null,
    file: path === '' ? null : { path, mode: mode || null, owner: owner || null },
    k8sFlag: k8sFlag === '' ? null : { component: k8sComponent, flag: k8sFlag },
    impact: get('impact'),
    verify: get('verify') || null,
    exclusiveSources: exclusive === 'yes',
  };
}
