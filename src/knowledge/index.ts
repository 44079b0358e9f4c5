/**
 * The knowledge base: what stridebench knows about each CIS control that the scanners do
 * not say (stable key, STRIDE threats, rationale, fix), loaded from `data/*.csv`.
 *
 *   const kb = loadKnowledge();
 *   const { control, warning } = kb.resolve(run.tool, run.benchmark, result.id, result.title);
 *
 * Loading is lazy and cached: nothing is read until the first call. The shipped data comes
 * from the build-time snapshot while it matches data/ byte for byte (src/knowledge/snapshot.ts).
 */
import { resolve } from 'node:path';
import { Knowledge } from './base.js';
import { DEFAULT_DATA_DIR, loadData, type KnowledgeData } from './loader.js';
import { applyMapping } from './mapping.js';
import { DEFAULT_SNAPSHOT_FILE, loadDataPreferringSnapshot } from './snapshot.js';
import type { KnowledgeBase } from './types.js';

export type {
  Component,
  Control,
  Fix,
  IdMapping,
  KnowledgeBase,
  Resolution,
  ResolutionMethod,
  Scope,
  StrideCategory,
} from './types.js';
export { STRIDE_CATEGORIES, STRIDE_LABELS } from './types.js';
export { addMappingOption, type MappingArgs } from './options.js';
export { normalizeTitle } from './normalize.js';
export { parseStrideQuery, strideLetter } from './stride.js';

export interface LoadKnowledgeOptions {
  /** An organisation's own mapping CSV (`--mapping`); its rows win over ours. */
  mappingFile?: string;
  /** Folder with the knowledge CSVs; default `<project root>/data`. */
  dataDir?: string;
}

export { DEFAULT_DATA_DIR };

const dataCache = new Map<string, KnowledgeData>();
const kbCache = new Map<string, KnowledgeBase>();

/** Load (once per data folder and mapping file) and validate the knowledge base. Throws InputError with file and line. */
export function loadKnowledge(options: LoadKnowledgeOptions = {}): KnowledgeBase {
  const dataDir = resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  const mapping = options.mappingFile === undefined ? null : resolve(options.mappingFile);
  const cacheKey = `${dataDir}\0${mapping ?? ''}`;
  const cached = kbCache.get(cacheKey);
  if (cached) return cached;
  let data = dataCache.get(dataDir);
  if (!data) {
    // Only the shipped folder has a snapshot; its hashes decide whether it still applies.
    data = dataDir === DEFAULT_DATA_DIR ? loadDataPreferringSnapshot(dataDir, DEFAULT_SNAPSHOT_FILE) : loadData(dataDir);
    dataCache.set(dataDir, data);
  }
  // Messages name the mapping file as the user wrote it.
  const kb = new Knowledge(mapping === null ? data : applyMapping(data, options.mappingFile!));
  kbCache.set(cacheKey, kb);
  return kb;
}

/** Forget loaded data (tests that rewrite data files). */
export function clearKnowledgeCache(): void {
  dataCache.clear();
  kbCache.clear();
}
