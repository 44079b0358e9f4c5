/**
 * Reading the knowledge CSVs with line numbers, so every complaint about a row can say
 * `file:line` (the line the record starts on; a quoted cell may span several lines).
 */
import { parse } from 'csv-parse/sync';
import { InputError } from '../model/errors.js';

export interface CsvRow {
  /** 1-based line the record starts on. */
  line: number;
  cells: Record<string, string>;
}

export interface CsvTable {
  file: string;
  columns: string[];
  rows: CsvRow[];
}

interface ParsedRecord {
  record: Record<string, string>;
  info: { lines: number };
}

/** Parse `text` (the content of `file`) as RFC 4180 CSV with a header row. */
export function readCsv(file: string, text: string): CsvTable {
  let records: ParsedRecord[];
  let columns: string[] = [];
  try {
    records = parse(text, {
      bom: true,
      columns: (header: string[]) => {
        columns = header.map((h) => h.trim());
        return columns;
      },
      info: true,
      skip_empty_lines: true,
      relax_column_count: false,
    }) as unknown as ParsedRecord[];
  } catch (err) {
    const e = err as { message?: string; lines?: number };
    throw new InputError(`not valid CSV: ${csvMessage(e.message ?? String(err))}`, { file, line: typeof e.lines === 'number' ? e.lines : null });
  }
  if (columns.length === 0) throw new InputError('the file is empty; it needs a header row', { file, line: 1 });
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c)) throw new InputError(`column "${c}" appears twice in the header`, { file, line: 1 });
    seen.add(c);
  }
  const rows: CsvRow[] = [];
  const lineStarts = lineStartsOf(text);
  let previousEnd = 1; // the header's last line
  for (const r of records) {
    // info.lines is the line the record ends on; it starts on the first non-empty line after the previous one.
    let start = previousEnd + 1;
    while (start < r.info.lines && isBlankLine(text, lineStarts, start)) start++;
    rows.push({ line: start, cells: r.record });
    previousEnd = r.info.lines;
  }
  return { file, columns, rows };
}

/** Check that the header has exactly the required columns (plus, optionally, allowed ones). */
export function expectColumns(table: CsvTable, required: readonly string[], optional: readonly string[] = []): void {
  const missing = required.filter((c) => !table.columns.includes(c));
  if (missing.length > 0) {
    throw new InputError(`missing column(s) ${missing.join(', ')}; expected ${[...required, ...optional].join(',')}`, { file: table.file, line: 1 });
  }
  const unknown = table.columns.filter((c) => !required.includes(c) && !optional.includes(c));
  if (unknown.length > 0) {
    throw new InputError(`unknown column(s) ${unknown.join(', ')}; expected ${[...required, ...optional].join(',')}`, { file: table.file, line: 1 });
  }
}

function lineStartsOf(text: string): number[] {
  const starts = [0, 0]; // 1-based: starts[1] = 0
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function isBlankLine(text: string, starts: number[], line: number): boolean {
  const from = starts[line];
  if (from === undefined) return false;
  const to = starts[line + 1] ?? text.length;
  return text.slice(from, to).trim() === '';
}

/** csv-parse messages name the line themselves; keep the reason only. */
function csvMessage(message: string): string {
  const cut = message.indexOf(':');
  const reason = cut > 0 ? message.slice(cut + 1).trim() : message;
  // Bounded runs: the message may quote a hostile cell, and an unbounded `\s+` before the
  // literal is quadratic in a long run of spaces.
  return reason.replace(/\s{1,16}at line \d{1,12}\s{0,16}$/, '').replace(/\s{1,16}on line \d{1,12}\s{0,16}$/, '');
}
