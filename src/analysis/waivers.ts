/**
 * Waivers: accepted risks, given with `--waivers FILE.csv` (format: docs/waivers.md).
 * A waiver names a control (stable key or printed id), optionally one item (a container or
 * image name), a reason, an owner and an expiry date. A matching FINDING becomes WAIVED;
 * an expired waiver no longer applies; one that matches no finding is reported as unused.
 * Expiry is judged against the report's `generatedAt`, never the wall clock, so the same
 * input gives the same report.
 */
import { createRequire } from 'node:module';
import type { parse as CsvParse } from 'csv-parse/sync';
import type { AppliedWaiver } from '../model/report.js';
import { InputError } from '../model/errors.js';

export type Waiver = AppliedWaiver;

const COLUMNS = ['control', 'item', 'reason', 'owner', 'expires'] as const;
const REQUIRED = ['control', 'reason'] as const;

/** csv-parse, loaded only when there is a waivers file: its import costs every report ~15 ms. */
function csvParse(): typeof CsvParse {
  return (createRequire(import.meta.url)('csv-parse/sync') as { parse: typeof CsvParse }).parse;
}

interface CsvRecordInfo {
  lines: number;
  raw?: string;
}

/** Parse and validate a waivers CSV. Any bad row is an InputError naming the file and the row's line. */
export function parseWaivers(text: string, file: string): Waiver[] {
  let records: { record: Record<string, string>; info: CsvRecordInfo }[];
  try {
    records = csvParse()(text, {
      columns: (header: string[]) => checkHeader(header, file),
      info: true,
      raw: true,
      skip_empty_lines: true,
      trim: true,
      comment: '#',
      comment_no_infix: true,
      bom: true,
    }) as unknown as { record: Record<string, string>; info: CsvRecordInfo }[];
  } catch (err) {
    if (err instanceof InputError) throw err;
    const e = err as { message?: string; lines?: number };
    throw new InputError(`not a valid waivers CSV: ${e.message ?? String(err)}`, { file, line: typeof e.lines === 'number' ? e.lines : null });
  }
  return records.map(({ record, info }) => toWaiver(record, startLine(info), file));
}

function checkHeader(header: string[], file: string): string[] {
  const names = header.map((h) => h.trim().toLowerCase());
  for (const name of names) {
    if (!(COLUMNS as readonly string[]).includes(name)) {
      throw new InputError(`unknown column "${name}"; the columns are ${COLUMNS.join(',')}`, { file, line: 1 });
    }
  }
  for (const name of REQUIRED) {
    if (!names.includes(name)) throw new InputError(`the header has no "${name}" column; the columns are ${COLUMNS.join(',')}`, { file, line: 1 });
  }
  return names;
}

/**
 * csv-parse reports the line a record ends on, and its raw text includes the blank and
 * comment lines before it; a quoted cell may span lines. The record starts after those.
 */
function startLine(info: CsvRecordInfo): number {
  const lines = (info.raw ?? '').replace(/\r?\n$/, '').split('\n');
  let first = 0;
  while (first < lines.length - 1 && (lines[first]!.trim() === '' || lines[first]!.trimStart().startsWith('#'))) first++;
  return info.lines - (lines.length - 1 - first);
}

function toWaiver(record: Record<string, string>, line: number, file: string): Waiver {
  const target = (record.control ?? '').trim();
  const reason = (record.reason ?? '').trim();
  if (target === '') throw new InputError('the "control" cell is empty (give a control key such as docker.daemon.live-restore, or a printed id such as 2.15)', { file, line });
  if (reason === '') throw new InputError(`the waiver for "${target}" has no reason; say why the risk is accepted`, { file, line });
  const expires = (record.expires ?? '').trim();
  if (expires !== '' && !isIsoDate(expires)) {
    throw new InputError(`expiry "${expires}" is not a date in the form YYYY-MM-DD`, { file, line });
  }
  const item = (record.item ?? '').trim();
  const owner = (record.owner ?? '').trim();
  return { target, item: item === '' ? null : item, reason, owner: owner === '' ? null : owner, expires: expires === '' ? null : expires, line };
}

/** A real calendar date in the form YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Has the waiver expired on the report's date? It is valid through its expiry day. */
export function isExpired(waiver: Waiver, generatedAt: string): boolean {
  return waiver.expires !== null && waiver.expires < generatedAt.slice(0, 10);
}

/** Does the waiver name this result's control (key, case-insensitive) or its printed id? */
export function namesResult(waiver: Waiver, result: { id: string; control: string | null }): boolean {
  if (waiver.target === result.id) return true;
  return result.control !== null && waiver.target.toLowerCase() === result.control.toLowerCase();
}
