/**
 * Output formats of `stridebench diff` and `stridebench history` by name, each loaded only
 * when asked for (as src/render/index.ts does for the reports). Renderers are pure
 * functions from the DiffReport or HistoryReport to text.
 */
import type { DiffReport, HistoryReport } from '../model/diff.js';

export type DiffRenderer = (diff: DiffReport) => string;
export type HistoryRenderer = (history: HistoryReport) => string;

const DIFF_LOADERS: Record<string, () => Promise<DiffRenderer>> = {
  json: async () => (await import('./diff-json.js')).renderDiffJson,
  md: async () => (await import('./diff-markdown.js')).renderDiffMarkdown,
  html: async () => (await import('./diff-html.js')).renderDiffHtml,
};

const HISTORY_LOADERS: Record<string, () => Promise<HistoryRenderer>> = {
  json: async () => (await import('./history-json.js')).renderHistoryJson,
  md: async () => (await import('./history-markdown.js')).renderHistoryMarkdown,
  html: async () => (await import('./history-html.js')).renderHistoryHtml,
};

export const DIFF_FORMATS = Object.keys(DIFF_LOADERS);
export const HISTORY_FORMATS = Object.keys(HISTORY_LOADERS);

export async function loadDiffRenderer(format: string): Promise<DiffRenderer | undefined> {
  const load = DIFF_LOADERS[format];
  return load ? load() : undefined;
}

export async function loadHistoryRenderer(format: string): Promise<HistoryRenderer | undefined> {
  const load = HISTORY_LOADERS[format];
  return load ? load() : undefined;
}
