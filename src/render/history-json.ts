/**
 * `stridebench history -f json`: the HistoryReport exactly as src/model/diff.ts describes
 * it, 2-space indented with a trailing newline (deterministic: key order is build order).
 */
import type { HistoryReport } from '../model/diff.js';
import { escapeJsonControls } from './text.js';

export function renderHistoryJson(history: HistoryReport): string {
  return `${escapeJsonControls(JSON.stringify(history, null, 2))}\n`;
}
