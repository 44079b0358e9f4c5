/**
 * CSV of every result of every analysed run, for spreadsheets and ad-hoc scripts.
 *
 * RFC 4180: a header row, CRLF after every row, fields holding `"`, `,`, CR or LF quoted
 * with doubled quotes. Output is UTF-8 without a byte-order mark.
 *
 * Spreadsheets execute a cell that starts with `=`, `+`, `-` or `@` as a formula (and some
 * treat a leading tab or CR the same way), and container names, titles and remediation
 * text come from the scanned host. Such cells get a leading `'`, which spreadsheets show as
 * text (OWASP "CSV injection"). The prefix is reversible: it is added whenever the value,
 * after any leading `'`s, starts with a trigger, so a consumer that needs the exact value
 * removes one `'` from exactly those cells (`unneutralise` below, docs/formats-output.md).
 */
import type { AnalysedResult, AnalysedRun } from '../model/report.js';
import type { Renderer } from './types.js';
import { firstLine, hostLabel, toWellFormed } from './text.js';

export const CSV_COLUMNS = [
  'run',
  'host',
  'section',
  'id',
  'control',
  'title',
  'items',
  'status',
  'verdict',
  'severity',
  'stride',
  'caveats',
  'waiver',
  'fix',
  'line',
] as const;

/** Characters that make a spreadsheet read a cell as a formula when they come first. */
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

export const render: Renderer = (report) => {
  const rows: string[][] = [[...CSV_COLUMNS]];
  for (const run of report.runs) {
    for (const result of run.results) rows.push(row(report.controls[result.control ?? '']?.fix?.action ?? null, hostLabel(report, run), run, result));
  }
  return rows.map((cells) => `${cells.map(csvField).join(',')}\r\n`).join('');
};

function row(fixAction: string | null, host: string, run: AnalysedRun, result: AnalysedResult): string[] {
  return [
    String(run.index),
    host,
    result.section ?? '',
    result.id,
    result.control ?? '',
    result.title,
    // One item per line inside the cell: items hold any character but (in practice) no newline.
    result.items.join('\n'),
    result.status,
    result.verdict,
    result.severity,
    result.stride.join(';'),
    result.caveats.map((c) => c.rule).join(';'),
    result.waiver?.reason ?? '',
    firstLine(fixAction ?? result.remediation ?? ''),
    result.source.line === null ? '' : String(result.source.line),
  ];
}

/** Neutralise formula triggers, then quote when RFC 4180 requires it. */
export function csvField(value: string): string {
  const text = toWellFormed(value);
  const safe = startsWithTrigger(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** True when the text, after any leading `'`s, starts with a formula trigger. */
function startsWithTrigger(text: string): boolean {
  let i = 0;
  while (i < text.length && text[i] === "'") i++;
  return i < text.length && FORMULA_TRIGGERS.has(text[i]!);
}

/** The exact value of a parsed cell: undoes the formula neutralisation of `csvField`. */
export function unneutralise(cell: string): string {
  return cell.startsWith("'") && startsWithTrigger(cell) ? cell.slice(1) : cell;
}
