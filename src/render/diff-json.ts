/**
 * `stridebench diff -f json`: the DiffReport exactly as src/model/diff.ts describes it
 * (schemas/diff.schema.json), 2-space indented with a trailing newline. Key order is the
 * order the analysis builds objects in, so the same diff always prints the same bytes.
 */
import type { DiffReport } from '../model/diff.js';
import { escapeJsonControls } from './text.js';

export function renderDiffJson(diff: DiffReport): string {
  return `${escapeJsonControls(JSON.stringify(diff, null, 2))}\n`;
}
