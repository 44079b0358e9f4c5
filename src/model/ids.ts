/**
 * The one order of printed check ids, used wherever ids are sorted (knowledge tables,
 * reports, diffs, the hardening priority). Explicit and locale-free: the same ids sort the
 * same on every machine, and the data/ids-*.csv tables are kept in this order.
 */

/** Text by UTF-16 code units (no locale): `B` < `a`. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Natural order of dotted ids, part by part: numeric parts numerically and before any
 * other part, other parts as text (`1.2` < `1.10` < `1.10.a` < `2` < `C.1`, `1.2` < `1.*`);
 * an id before the ids it prefixes (`5.1` < `5.1.a`).
 */
export function compareIds(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  const n = Math.min(pa.length, pb.length);
  for (let i = 0; i < n; i++) {
    const c = compareIdParts(pa[i]!, pb[i]!);
    if (c !== 0) return c;
  }
  return pa.length - pb.length;
}

function compareIdParts(x: string, y: string): number {
  const nx = isDigits(x);
  const ny = isDigits(y);
  if (nx && ny) return compareDigits(x, y);
  if (nx) return -1;
  if (ny) return 1;
  return compareText(x, y);
}

function isDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code < 0x30 || code > 0x39) return false;
  }
  return true;
}

/** Two digit strings by value, exactly at any length (`007` = `7`, `10` > `9`). */
function compareDigits(x: string, y: string): number {
  const sx = stripLeadingZeros(x);
  const sy = stripLeadingZeros(y);
  return sx.length - sy.length || compareText(sx, sy);
}

function stripLeadingZeros(digits: string): string {
  let i = 0;
  while (i < digits.length - 1 && digits[i] === '0') i++;
  return digits.slice(i);
}
