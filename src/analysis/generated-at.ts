/**
 * The report's generation time, the one clock reading in stridebench: `--date` (ISO 8601
 * or `@<epoch seconds>`), else the SOURCE_DATE_EPOCH environment variable (the
 * reproducible-builds convention), else the current time. The same input and options with
 * a fixed date give byte-identical reports.
 */
import { UsageError } from '../model/errors.js';

/** ISO 8601 date, optionally with a time and an offset; bounded, no backtracking. */
const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

export function resolveGeneratedAt(date: string | undefined, sourceDateEpoch: string | undefined, now: () => Date): string {
  if (date !== undefined) return parseDate(date, '--date');
  if (sourceDateEpoch !== undefined && sourceDateEpoch.trim() !== '') return fromEpoch(sourceDateEpoch.trim(), 'SOURCE_DATE_EPOCH');
  return now().toISOString();
}

/** `2024-05-01`, `2024-05-01T10:00:00+02:00` or `@1714557600` → ISO 8601 in UTC. */
export function parseDate(text: string, what: string): string {
  const value = text.trim();
  if (value.startsWith('@')) return fromEpoch(value.slice(1), what);
  if (!ISO.test(value)) throw new UsageError(`${what}: "${text}" is not a date (examples: 2024-05-01, 2024-05-01T10:00:00Z, @1714557600)`);
  // A date alone means midnight UTC, not local midnight: the report must not depend on the machine's zone.
  const ms = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value.replace(' ', 'T'));
  if (Number.isNaN(ms)) throw new UsageError(`${what}: "${text}" is not a valid date`);
  return new Date(ms).toISOString();
}

function fromEpoch(text: string, what: string): string {
  if (!/^-?\d{1,12}$/.test(text)) throw new UsageError(`${what}: "${text}" is not a number of seconds since 1970-01-01`);
  const date = new Date(Number(text) * 1000);
  if (Number.isNaN(date.getTime())) throw new UsageError(`${what}: "${text}" is out of range`);
  return date.toISOString();
}
