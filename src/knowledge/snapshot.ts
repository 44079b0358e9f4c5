/**
 * A build-time snapshot of the knowledge data, so that start-up does not parse and
 * validate 700 KB of CSV (~35 ms cold) for every command: `dist/generated/knowledge.json`
 * holds the validated KnowledgeData as loadData returns it, and the SHA-256 of every file
 * it was made from. At run time the snapshot is used only while every one of those files
 * is still byte-identical (hashing them costs ~2 ms): a reviewer who edits a CSV gets that
 * CSV loaded and validated, never stale knowledge.
 *
 *   node dist/src/knowledge/snapshot.js [OUT_DIR [DATA_DIR]]    (default dist/generated, data/)
 *
 * Data that does not validate fails the build as it would fail loadKnowledge: exit 2 and
 * `file:line: message`, nothing written.
 *
 * Anything wrong with the snapshot (missing, stale, half-copied, another format) only
 * means the CSVs are loaded as without it; the snapshot itself never causes an error.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { InputError } from '../model/errors.js';
import { DEFAULT_DATA_DIR, loadData, TOOLS, type KnowledgeData } from './loader.js';
import { STRIDE_CATEGORIES, type Control, type Fix, type IdMapping } from './types.js';
import { COMPONENTS, SCOPES } from './validate.js';

/** Bumped whenever the file's layout or the meaning of its fields changes. */
export const SNAPSHOT_FORMAT = 1;

export const SNAPSHOT_FILE_NAME = 'knowledge.json';

/**
 * `dist/generated/` seen from the compiled `dist/src/knowledge/`. Resolved from this module
 * rather than the project root on purpose: code run from its TypeScript source (ts-jest)
 * looks in `<root>/generated/`, where no build writes, so it always loads the CSVs and never
 * a snapshot that the compiled code made.
 */
export const DEFAULT_SNAPSHOT_FILE = fileURLToPath(new URL(`../../generated/${SNAPSHOT_FILE_NAME}`, import.meta.url));

interface SnapshotFile {
  format: number;
  /** File name in the data folder → SHA-256 (hex) of its bytes, by name. */
  sources: Record<string, string>;
  version: string;
  /** In the order of KnowledgeData.controls (the CSV rows' order). */
  controls: Control[];
  mappings: IdMapping[];
}

/** What the snapshot says about the data folder now: its data, or why it cannot be used. */
export type SnapshotCheck = { data: KnowledgeData } | { unusable: string };

/**
 * The files a snapshot depends on: every CSV in the folder (loadData reads the
 * controls-/fixes-/ids- ones and rejects an unknown platform suffix, so a CSV added later
 * must send the next load back to loadData) and knowledge.json (the version).
 */
function sourceNames(dataDir: string): string[] {
  return readdirSync(dataDir)
    .filter((name) => name.endsWith('.csv') || name === 'knowledge.json')
    .sort();
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function hashSources(dataDir: string): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const name of sourceNames(dataDir)) hashes[name] = sha256(join(dataDir, name));
  return hashes;
}

/** The snapshot's file text for a data folder: loaded and validated exactly as loadKnowledge does without one. */
export function snapshotText(dataDir: string): string {
  const before = hashSources(dataDir);
  const data = loadData(dataDir);
  // The hashes must describe the bytes loadData read: refuse a folder that changed meanwhile.
  if (JSON.stringify(hashSources(dataDir)) !== JSON.stringify(before)) {
    throw new InputError('the knowledge data changed while the snapshot was being made; run it again', { file: dataDir });
  }
  const snapshot: SnapshotFile = {
    format: SNAPSHOT_FORMAT,
    sources: before,
    version: data.version,
    controls: [...data.controls.values()],
    mappings: data.mappings,
  };
  // Pure ASCII: Node decodes an ASCII file ~1 ms faster than one with a few hundred
  // non-ASCII characters (a 1-byte string instead of a 2-byte one); JSON.parse restores them.
  return `${JSON.stringify(snapshot).replace(/[\u007f-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}

/**
 * Write the snapshot of `dataDir` as `outDir/knowledge.json`, atomically (a temporary file
 * renamed over it: a reader sees the old file or the new one, never half of one). Returns its path.
 */
export function writeSnapshot(dataDir: string, outDir: string): string {
  const text = snapshotText(dataDir);
  mkdirSync(outDir, { recursive: true });
  const target = join(outDir, SNAPSHOT_FILE_NAME);
  const temp = `${target}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, text);
    renameSync(temp, target);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
  return target;
}

/** Read the snapshot and check it against the data folder as it is now. Never throws. */
export function checkSnapshot(snapshotFile: string, dataDir: string): SnapshotCheck {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(snapshotFile, 'utf8'));
  } catch (err) {
    return { unusable: `cannot read ${snapshotFile}: ${(err as Error).message}` };
  }
  const shapeProblem = snapshotShapeProblem(parsed);
  if (shapeProblem !== null) return { unusable: `${snapshotFile} is not a format-${SNAPSHOT_FORMAT} snapshot: ${shapeProblem}` };
  const snapshot = parsed as SnapshotFile;
  try {
    const names = sourceNames(dataDir);
    const recorded = Object.keys(snapshot.sources).sort();
    if (names.join('\0') !== recorded.join('\0')) {
      return { unusable: `made from the files ${recorded.join(', ')}; ${dataDir} now holds ${names.join(', ')}` };
    }
    for (const name of names) {
      if (sha256(join(dataDir, name)) !== snapshot.sources[name]) return { unusable: `${name} changed since the snapshot was made` };
    }
  } catch (err) {
    return { unusable: `cannot check ${dataDir}: ${(err as Error).message}` };
  }
  return {
    data: {
      version: snapshot.version,
      controls: new Map(snapshot.controls.map((c) => [c.key, c])),
      mappings: snapshot.mappings,
    },
  };
}

/** The data of `dataDir`: from the snapshot when it is usable, else loaded and validated from the CSVs. */
export function loadDataPreferringSnapshot(dataDir: string, snapshotFile: string): KnowledgeData {
  const check = checkSnapshot(snapshotFile, dataDir);
  return 'data' in check ? check.data : loadData(dataDir);
}

// --- Shape of a parsed snapshot -----------------------------------------------------------
// Our own file, but a half-copied or older dist/ must fall back, not crash later in a
// renderer; every field is checked (~1 ms for the shipped data).

const COMPONENT_SET = new Set<string>(COMPONENTS);
const SCOPE_SET = new Set<string>(SCOPES);
const STRIDE_SET = new Set<string>(STRIDE_CATEGORIES);
const TOOL_SET = new Set<string>(TOOLS);
const SHA256_HEX = /^[0-9a-f]{64}$/;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An object with exactly these properties (an extra one would make the data differ from loadData's). */
function hasExactly(value: unknown, keys: readonly string[]): value is Json {
  return isObject(value) && Object.keys(value).length === keys.length && keys.every((k) => Object.hasOwn(value, k));
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isStringOrNull = (value: unknown) => value === null || typeof value === 'string';

const CONTROL_KEYS = ['key', 'platform', 'title', 'component', 'scope', 'stride', 'rationale', 'cisReference', 'fix'] as const;
const FIX_KEYS = ['action', 'daemonJson', 'dockerdFlag', 'runFlag', 'file', 'k8sFlag', 'impact', 'verify', 'exclusiveSources'] as const;
const MAPPING_KEYS = ['tool', 'benchmark', 'id', 'key', 'title'] as const;

function isFix(value: unknown): value is Fix {
  if (!hasExactly(value, FIX_KEYS)) return false;
  const { daemonJson, file, k8sFlag } = value;
  return (
    isString(value.action) &&
    (daemonJson === null || (hasExactly(daemonJson, ['key', 'value']) && isString(daemonJson.key) && isString(daemonJson.value))) &&
    isStringOrNull(value.dockerdFlag) &&
    isStringOrNull(value.runFlag) &&
    (file === null || (hasExactly(file, ['path', 'mode', 'owner']) && isString(file.path) && isStringOrNull(file.mode) && isStringOrNull(file.owner))) &&
    (k8sFlag === null || (hasExactly(k8sFlag, ['component', 'flag']) && isString(k8sFlag.component) && isString(k8sFlag.flag))) &&
    isString(value.impact) &&
    isStringOrNull(value.verify) &&
    typeof value.exclusiveSources === 'boolean'
  );
}

function isControl(value: unknown): value is Control {
  if (!hasExactly(value, CONTROL_KEYS)) return false;
  const { stride } = value;
  return (
    isString(value.key) &&
    (value.platform === 'docker' || value.platform === 'kubernetes') &&
    isString(value.title) &&
    COMPONENT_SET.has(value.component as string) &&
    SCOPE_SET.has(value.scope as string) &&
    hasExactly(stride, ['primary', 'secondary']) &&
    STRIDE_SET.has(stride.primary as string) &&
    Array.isArray(stride.secondary) &&
    stride.secondary.every((s) => STRIDE_SET.has(s as string)) &&
    isString(value.rationale) &&
    isString(value.cisReference) &&
    (value.fix === null || isFix(value.fix))
  );
}

function isIdMapping(value: unknown): value is IdMapping {
  return (
    hasExactly(value, MAPPING_KEYS) &&
    TOOL_SET.has(value.tool as string) &&
    isString(value.benchmark) &&
    isString(value.id) &&
    isString(value.key) &&
    isString(value.title)
  );
}

/** Null when `value` is a well-formed snapshot, else what is wrong with it. */
function snapshotShapeProblem(value: unknown): string | null {
  if (!hasExactly(value, ['format', 'sources', 'version', 'controls', 'mappings'])) return 'not an object with exactly format, sources, version, controls, mappings';
  if (value.format !== SNAPSHOT_FORMAT) return `format ${JSON.stringify(value.format)}`;
  const { sources, controls, mappings } = value;
  if (!isObject(sources) || !Object.values(sources).every((h) => isString(h) && SHA256_HEX.test(h))) return 'sources must map file names to SHA-256 hex digests';
  if (!isString(value.version)) return 'version must be a string';
  if (!Array.isArray(controls) || !Array.isArray(mappings)) return 'controls and mappings must be arrays';
  const keys = new Set<string>();
  for (const [i, control] of controls.entries()) {
    if (!isControl(control)) return `controls[${i}] is not a control`;
    if (keys.has(control.key)) return `controls[${i}]: duplicate key ${control.key}`;
    keys.add(control.key);
  }
  for (const [i, mapping] of mappings.entries()) {
    if (!isIdMapping(mapping)) return `mappings[${i}] is not an id mapping`;
    // The knowledge base looks every mapped key up and trusts it is there.
    if (!keys.has(mapping.key)) return `mappings[${i}] maps to the unknown control ${mapping.key}`;
  }
  return null;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [outDir = join(DEFAULT_SNAPSHOT_FILE, '..'), dataDir = DEFAULT_DATA_DIR] = process.argv.slice(2);
  try {
    writeSnapshot(resolve(dataDir), resolve(outDir));
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    process.stderr.write(`stridebench: knowledge snapshot not written: ${err.describe()}\n`);
    process.exitCode = 2;
  }
}
