/**
 * stridebench as a library: the same four stages the CLI runs, each usable alone.
 *
 *   const parsed = await ingestFile('docker-bench-security.log', { selection: { kind: 'index', index: -1 } });
 *   const report = analyse(parsed, loadKnowledge(), { generatedAt: new Date().toISOString() });
 *   const html = (await loadRenderer('html'))!(report, { top: 3 });
 */
export { ingestFile, ingestText, ingestStream, DEFAULT_MAX_SIZE } from './ingest/index.js';
export type { IngestOptions, RunSelection } from './ingest/index.js';
export { READERS } from './ingest/registry.js';
export type { Reader, ReaderContext, LineParser } from './ingest/reader.js';

export * from './model/types.js';
export * from './model/report.js';
export { InputError, UsageError } from './model/errors.js';
export { DBS_NUMBERINGS, AQUA_NUMBERINGS, kubeBenchNumbering } from './model/benchmarks.js';

export { loadKnowledge, STRIDE_CATEGORIES, STRIDE_LABELS } from './knowledge/index.js';
export type { Control, Fix, KnowledgeBase, Resolution, StrideCategory, IdMapping } from './knowledge/types.js';

export { analyse, parseWaivers, parseFacts, CAVEAT_RULES } from './analysis/index.js';
export type { AnalyseOptions, CaveatRule, RunFacts, Waiver } from './analysis/index.js';

export { loadRenderer, FORMATS, formatFromFileName } from './render/index.js';
export type { Renderer, RenderOptions } from './render/types.js';

export { VERSION } from './version.js';
