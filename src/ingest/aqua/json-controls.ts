/**
 * The `Controls` structure both aquasecurity tools serialise to JSON: the key spellings it
 * has had (JSON tags since 2017-12, Go default field names before), its totals, and one
 * check object as a Result.
 */
import { emptyResult, RAW_STATUSES, type RawStatus, type Result, type ToolTotals } from '../../model/types.js';
import type { ReaderContext } from '../reader.js';
import { clip, splitAssessment, trimTrailingEmpty } from './grammar.js';
import { isObject, type JsonInput, type JsonObject, type JsonValue } from './json.js';

/** The first of several key spellings present (current keys, then the old Go default names). */
export function pick(obj: JsonObject, keys: readonly string[]): JsonValue | undefined {
  for (const k of keys) if (Object.prototype.hasOwnProperty.call(obj, k)) return obj[k];
  return undefined;
}

/** The key spelling an object uses, for JSON paths that point at what is really there. */
export function keyOf(obj: JsonObject, keys: readonly string[]): string {
  return keys.find((k) => Object.prototype.hasOwnProperty.call(obj, k)) ?? keys[0]!;
}

export function pickString(obj: JsonObject, keys: readonly string[]): string | null {
  const v = pick(obj, keys);
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return null;
}

function pickNumber(obj: JsonObject, keys: readonly string[]): number | undefined {
  const v = pick(obj, keys);
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** Key spellings: JSON tags since 2017-12, then Go default field names of the first releases. */
export const KEYS = {
  controlsId: ['id', 'ID'],
  controlsText: ['text', 'Text', 'Description', 'description'],
  nodeType: ['node_type', 'Type', 'type'],
  version: ['version', 'Version'],
  detectedVersion: ['detected_version'],
  groups: ['tests', 'Groups', 'groups'],
  groupId: ['section', 'ID', 'id'],
  groupText: ['desc', 'Text', 'Description', 'description', 'text'],
  checks: ['results', 'Checks', 'checks'],
  checkId: ['test_number', 'id', 'ID'],
  checkText: ['test_desc', 'Text', 'Description', 'description', 'text'],
  status: ['status', 'State', 'state'],
  remediation: ['remediation', 'Remediation'],
  testInfo: ['test_info', 'TestInfo'],
  actual: ['actual_value'],
  expected: ['expected_result'],
  reason: ['reason'],
  scored: ['scored', 'Scored'],
  checkType: ['type', 'Type'],
} as const;

export function jsonTotals(obj: JsonObject): ToolTotals | null {
  const out: ToolTotals = {};
  const pass = pickNumber(obj, ['total_pass', 'Pass', 'pass']);
  const fail = pickNumber(obj, ['total_fail', 'Fail', 'fail']);
  const warn = pickNumber(obj, ['total_warn', 'Warn', 'warn']);
  const info = pickNumber(obj, ['total_info', 'Info', 'info']);
  if (pass !== undefined) out.pass = pass;
  if (fail !== undefined) out.fail = fail;
  if (warn !== undefined) out.warn = warn;
  if (info !== undefined) out.info = info;
  return Object.keys(out).length > 0 ? out : null;
}

/** One JSON check object → a Result (null when it has no id, with a warning). */
export function checkToResult(
  check: JsonObject,
  where: { path: string; line: number | null; section: string | null; group: string | null },
  warn: ReaderContext['warn'],
): Result | null {
  const id = pickString(check, KEYS.checkId)?.trim() ?? '';
  if (id.length === 0) {
    warn(where.line, 'check-without-id', `a check at ${where.path} has no id; it is not a result`);
    return null;
  }
  const rawStatus = (pickString(check, KEYS.status) ?? '').trim().toUpperCase();
  let status: RawStatus;
  if ((RAW_STATUSES as readonly string[]).includes(rawStatus)) status = rawStatus as RawStatus;
  else {
    warn(where.line, 'unknown-status', `check ${id} at ${where.path} has status "${clip(rawStatus)}", read as INFO`);
    status = 'INFO';
  }
  const { title, assessment } = splitAssessment(pickString(check, KEYS.checkText) ?? '');
  const result = emptyResult(id, status, title, { line: where.line, jsonPath: where.path });
  result.assessment = assessment;
  result.section = where.section;
  result.group = where.group;
  let remediation = pickString(check, KEYS.remediation);
  if (remediation === null) {
    const info = pick(check, KEYS.testInfo);
    if (Array.isArray(info) && typeof info[0] === 'string') remediation = info[0];
  }
  result.remediation = emptyToNull(remediation?.trimEnd() ?? null);
  const actual = pickString(check, KEYS.actual);
  if (actual !== null && actual.length > 0) {
    result.auditOutput = actual.split('\n');
    trimTrailingEmpty(result.auditOutput);
  }
  result.expected = emptyToNull(pickString(check, KEYS.expected));
  result.reason = emptyToNull(pickString(check, KEYS.reason)?.trimEnd() ?? null);
  const scored = pick(check, KEYS.scored);
  result.scored = typeof scored === 'boolean' ? scored : null;
  result.checkType = emptyToNull(pickString(check, KEYS.checkType));
  return result;
}

/**
 * The results of one group's checks, in order: a check that is not an object is skipped
 * with a warning on its group's line, one without an id by checkToResult.
 */
export function checksToResults(
  checks: readonly JsonValue[],
  checksPath: string,
  group: JsonObject,
  where: { section: string | null; group: string | null },
  input: JsonInput,
  warn: ReaderContext['warn'],
): Result[] {
  const results: Result[] = [];
  checks.forEach((check, ci) => {
    const checkPath = `${checksPath}[${ci}]`;
    if (!isObject(check)) {
      warn(input.lineOf(group), 'unexpected-json', `${checkPath} is not an object; skipped`);
      return;
    }
    const r = checkToResult(check, { path: checkPath, line: input.lineOf(check), ...where }, warn);
    if (r) results.push(r);
  });
  return results;
}

function emptyToNull(s: string | null): string | null {
  return s === null || s.length === 0 ? null : s;
}
