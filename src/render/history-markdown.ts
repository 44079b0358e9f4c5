/**
 * `stridebench history -f md`: the history in GitHub-flavoured Markdown. A matrix of
 * controls × runs would be a hundred columns wide, so each control's row compresses its
 * unchanged stretches (`F 1–7, S 8–59`), and runs in which nothing changed share a line.
 */
import type { HistoryReport } from '../model/diff.js';
import { renderMarkdownPage } from './diff-engine.js';
import { buildHistoryView } from './history-view.js';

export function renderHistoryMarkdown(history: HistoryReport): string {
  return renderMarkdownPage('history', buildHistoryView(history));
}
