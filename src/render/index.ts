/**
 * Output formats by name. Each is loaded only when asked for, so `stridebench report -f md`
 * never pays for the HTML stack. A new format = one module + one line here.
 */
import type { Renderer } from './types.js';

const LOADERS: Record<string, () => Promise<Renderer>> = {
  json: async () => (await import('./json.js')).render,
  md: async () => (await import('./markdown.js')).render,
  html: async () => (await import('./html.js')).render,
  sarif: async () => (await import('./sarif.js')).render,
  junit: async () => (await import('./junit.js')).render,
  csv: async () => (await import('./csv.js')).render,
};

export const FORMATS = Object.keys(LOADERS);

export async function loadRenderer(format: string): Promise<Renderer | undefined> {
  const load = LOADERS[format];
  return load ? load() : undefined;
}

/** The format an output file name implies (`report.html` → html), if any. */
export function formatFromFileName(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  const byExt: Record<string, string> = { json: 'json', md: 'md', markdown: 'md', html: 'html', htm: 'html', sarif: 'sarif', xml: 'junit', csv: 'csv' };
  return ext ? byExt[ext] : undefined;
}
