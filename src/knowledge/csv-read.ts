/**
 * Reading the knowledge CSVs with line numbers, so every complaint about a row can say
 * `file:line` (the line the record starts on; a quoted cell may span several lines).
 */
import { createRequire } from 'node:module';
import type { parse as CsvParse } from 'csv-parse/sync';
import { InputError } from '../model/errors.js';

/** csv-parse, loaded only when the fast path below declines a text (its import costs ~15 ms). */
function csvParse(): typeof CsvParse {
  return (createRequire(import.meta.url)('csv-parse/sync') as { parse: typeof CsvParse }).parse;
}

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
  const simple = parseSimpleCsv(text);
  if (simple !== null) ({ columns, records } = simple);
  else try {
    records = csvParse()(text, {
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

/**
 * A fast path for plain RFC 4180 text, which our data files and most mapping files are:
 * csv-parse spends ~100 ms of every start-up on the 700 KB of knowledge data, this single
 * pass a small fraction of that. It gives exactly what csv-parse gives with readCsv's
 * options (BOM dropped, header names trimmed, empty lines skipped, `info.lines` = the line
 * a record ends on) and returns null for anything else — a stray or unclosed quote, a CR
 * that is not part of a CRLF or sits inside quotes, LF and CRLF mixed, a blank-looking line, a row of the wrong length, an empty, duplicate or `__proto__`
 * header — so csv-parse reads those and its errors and edge cases stay as they were
 * (test/robustness/csv-fast-path.test.ts compares the two).
 */
export function parseSimpleCsv(text: string): { columns: string[]; records: ParsedRecord[] } | null {
  // csv-parse takes the first line ending it meets as THE record delimiter and reads the
  // other kind as data: a text mixing LF and CRLF is left to it.
  if (text.includes('\r\n')) {
    for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) if (text.charCodeAt(k - 1) !== 13) return null;
  }
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const rows: { fields: string[]; lines: number }[] = [];
  while (i < n) {
    const first = text.charCodeAt(i);
    if (first === 10) {
      i++;
      line++;
      continue;
    }
    if (first === 13) {
      if (text.charCodeAt(i + 1) !== 10) return null;
      i += 2;
      line++;
      continue;
    }
    const fields: string[] = [];
    for (;;) {
      if (text.charCodeAt(i) === 34) {
        let value = '';
        let from = i + 1;
        for (;;) {
          const quote = text.indexOf('"', from);
          if (quote < 0) return null;
          value += text.slice(from, quote);
          if (text.charCodeAt(quote + 1) === 34) {
            value += '"';
            from = quote + 2;
            continue;
          }
          i = quote + 1;
          break;
        }
        // csv-parse counts a CR inside quotes as a line of its own: leave those to it.
        if (value.includes('\r')) return null;
        for (let k = value.indexOf('\n'); k >= 0; k = value.indexOf('\n', k + 1)) line++;
        const next = text.charCodeAt(i);
        if (i < n && next !== 44 && next !== 10 && next !== 13) return null;
        fields.push(value);
      } else {
        let j = i;
        for (; j < n; j++) {
          const c = text.charCodeAt(j);
          if (c === 44 || c === 10 || c === 13) break;
          if (c === 34) return null;
        }
        fields.push(text.slice(i, j));
        i = j;
      }
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === 44) {
        i++;
        continue;
      }
      if (c === 13) {
        if (text.charCodeAt(i + 1) !== 10) return null;
        i++;
      }
      i++;
      break;
    }
    // csv-parse keeps a record of blanks that this path cannot tell from an empty line.
    if (fields.length === 1 && fields[0]!.trim() === '') return null;
    rows.push({ fields, lines: line });
    line++;
  }
  if (rows.length === 0) return { columns: [], records: [] };
  const columns = rows[0]!.fields.map((h) => h.trim());
  if (columns.some((c) => c === '' || c === '__proto__') || new Set(columns).size !== columns.length) return null;
  const records: ParsedRecord[] = [];
  for (const row of rows.slice(1)) {
    if (row.fields.length !== columns.length) return null;
    const record: Record<string, string> = {};
    for (let k = 0; k < columns.length; k++) record[columns[k]!] = row.fields[k]!;
    records.push({ record, info: { lines: row.lines } });
  }
  return { columns, records };
}
