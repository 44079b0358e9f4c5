/**
 * Loads and validates the knowledge data: `controls-<platform>.csv`, `fixes-<platform>.csv`,
 * `ids-<platform>.csv` and `knowledge.json` from one folder. Any bad row stops the load with
 * an InputError naming the file and line: a half-loaded knowledge base would silently
 * mis-map results.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AQUA_NUMBERINGS, DBS_NUMBERINGS } from '../model/benchmarks.js';
import { InputError } from '../model/errors.js';
import type { ToolName } from '../model/types.js';
import { PROJECT_ROOT } from '../version.js';
import { expectColumns, readCsv, type CsvTable } from './csv-read.js';
import { normalizeId } from './normalize.js';
import type { Control, IdMapping } from './types.js';
import {
  CONTROL_COLUMNS,
  FIX_COLUMNS,
  ID_COLUMNS,
  fail,
  parseComponent,
  parseFix,
  parseKey,
  parseScope,
  parseStride,
  parseStrideList,
  requireText,
  shown,
  type CellAt,
  type FixCells,
} from './validate.js';

export type Platform = Control['platform'];

/** The knowledge data shipped with stridebench. */
export const DEFAULT_DATA_DIR = join(PROJECT_ROOT, 'data');

/** File-name suffix → platform (`controls-docker.csv`, `controls-kubernetes.csv`). */
const PLATFORMS: Readonly<Record<string, Platform>> = { docker: 'docker', kubernetes: 'kubernetes' };
const KEY_PREFIX: Readonly<Record<Platform, string>> = { docker: 'docker.', kubernetes: 'k8s.' };

export const TOOLS: readonly ToolName[] = ['docker-bench-security', 'aqua-docker-bench', 'kube-bench'];
const KNOWN_NUMBERINGS = new Set([...DBS_NUMBERINGS, ...AQUA_NUMBERINGS].map((n) => n.id));

/** Everything the knowledge base is built from. Plain data so a `--mapping` can copy and change it. */
export interface KnowledgeData {
  version: string;
  controls: Map<string, Control>;
  mappings: IdMapping[];
}

export function loadData(dataDir: string): KnowledgeData {
  let names: string[];
  try {
    names = readdirSync(dataDir);
  } catch {
    throw new InputError('cannot read the knowledge data folder', { file: dataDir });
  }
  const version = readVersion(join(dataDir, 'knowledge.json'));
  const platformFiles = (prefix: string) =>
    names
      .filter((n) => n.startsWith(`${prefix}-`) && n.endsWith('.csv'))
      .sort()
      .map((n) => {
        const suffix = n.slice(prefix.length + 1, -'.csv'.length);
        const platform = PLATFORMS[suffix];
        if (!platform) throw new InputError(`unknown platform "${suffix}" in the file name; use ${Object.keys(PLATFORMS).join(' or ')}`, { file: join(dataDir, n) });
        return { path: join(dataDir, n), platform };
      });

  const controls = new Map<string, Control>();
  const controlLine = new Map<string, { file: string; line: number }>();
  const controlFiles = platformFiles('controls');
  if (controlFiles.length === 0) throw new InputError('no controls-<platform>.csv file', { file: dataDir });
  for (const { path, platform } of controlFiles) {
    const table = readTable(path);
    expectColumns(table, CONTROL_COLUMNS);
    for (const row of table.rows) {
      const control = parseControlRow(row.cells, path, row.line, platform);
      const first = controlLine.get(control.key);
      if (first) fail({ file: path, line: row.line, column: 'key' }, `duplicate key ${control.key} (first defined in ${first.file}:${first.line})`);
      controls.set(control.key, control);
      controlLine.set(control.key, { file: path, line: row.line });
    }
  }

  for (const { path } of platformFiles('fixes')) {
    const table = readTable(path);
    expectColumns(table, FIX_COLUMNS);
    const seen = new Map<string, number>();
    for (const row of table.rows) {
      const at: CellAt = { file: path, line: row.line, column: 'key' };
      const key = parseKey(row.cells.key ?? '', at);
      const control = controls.get(key);
      if (!control) fail(at, `fix for unknown control ${key}`);
      const first = seen.get(key);
      if (first !== undefined) fail(at, `second fix row for ${key} (first on line ${first})`);
      seen.set(key, row.line);
      control.fix = parseFix(row.cells as FixCells, path, row.line);
    }
  }

  const mappings: IdMapping[] = [];
  for (const { path } of platformFiles('ids')) {
    const table = readTable(path);
    expectColumns(table, ID_COLUMNS);
    const seen = new Map<string, number>();
    for (const row of table.rows) {
      const mapping = parseIdRow(row.cells, path, row.line, controls);
      const rowKey = `${mapping.tool}|${mapping.benchmark}|${mapping.id}|${mapping.key}`;
      const first = seen.get(rowKey);
      if (first !== undefined) fail({ file: path, line: row.line, column: 'id' }, `duplicate mapping of ${mapping.id} in ${mapping.benchmark} to ${mapping.key} (first on line ${first})`);
      seen.set(rowKey, row.line);
      mappings.push(mapping);
    }
  }

  const mapped = new Set(mappings.map((m) => m.key));
  for (const [key, where] of controlLine) {
    if (!mapped.has(key)) {
      throw new InputError(`control ${key} has no id mapping in any ids-<platform>.csv (no scanner result could ever reach it)`, where);
    }
  }
  return { version, controls, mappings };
}

function readTable(path: string): CsvTable {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new InputError('cannot read the file', { file: path });
  }
  return readCsv(path, text);
}

function readVersion(path: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new InputError(`cannot read the knowledge version: ${(err as Error).message}`, { file: path });
  }
  const version = (parsed as { version?: unknown } | null)?.version;
  if (typeof version !== 'string' || !/^\d{4}\.\d{2}\.\d{2}-\d+$/.test(version)) {
    throw new InputError('"version" must be a string of the form YYYY.MM.DD-N', { file: path, line: 1 });
  }
  return version;
}

export function parseControlRow(cells: Record<string, string>, file: string, line: number, platform: Platform): Control {
  const at = (column: string): CellAt => ({ file, line, column });
  const key = parseKey(cells.key ?? '', at('key'));
  if (!key.startsWith(KEY_PREFIX[platform])) fail(at('key'), `${key} is in the ${platform} file, so it must start with "${KEY_PREFIX[platform]}"`);
  const primary = parseStride(cells.stride_primary ?? '', at('stride_primary'));
  return {
    key,
    platform,
    title: requireText(cells.title, at('title')),
    component: parseComponent(cells.component ?? '', at('component')),
    scope: parseScope(cells.scope ?? '', at('scope')),
    stride: { primary, secondary: parseStrideList(cells.stride_secondary ?? '', at('stride_secondary')).filter((s) => s !== primary) },
    rationale: requireText(cells.rationale, at('rationale')),
    cisReference: (cells.cis_reference ?? '').trim(),
    fix: null,
  };
}

function parseIdRow(cells: Record<string, string>, file: string, line: number, controls: Map<string, Control>): IdMapping {
  const at = (column: string): CellAt => ({ file, line, column });
  const tool = (cells.tool ?? '').trim();
  if (!(TOOLS as readonly string[]).includes(tool)) fail(at('tool'), `unknown tool ${shown(tool)}; use one of ${TOOLS.join(', ')}`);
  const benchmark = (cells.benchmark ?? '').trim();
  const knownBenchmark =
    tool === 'kube-bench' ? /^kube-[a-z0-9][a-z0-9.-]*$/.test(benchmark) : KNOWN_NUMBERINGS.has(benchmark) && benchmark.startsWith(tool === 'docker-bench-security' ? 'dbs-' : 'aqua-');
  if (!knownBenchmark) fail(at('benchmark'), `unknown ${tool} numbering ${shown(benchmark)} (see src/model/benchmarks.ts)`);
  const id = normalizeId(requireText(cells.id, at('id')));
  const key = parseKey(cells.key ?? '', at('key'));
  if (!controls.has(key)) fail(at('key'), `unknown control ${key}`);
  return { tool: tool as ToolName, benchmark, id, key, title: (cells.title ?? '').trim() };
}
