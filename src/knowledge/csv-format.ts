/** RFC 4180 CSV writing: for the generated data files and `stridebench controls --format csv`. */

/** Quote a cell when it holds a comma, quote or line break (doubling inner quotes). */
export function csvCell(value: string): string {
  if (/[",\r\n]/.test(value)) return `"${value.replace(/"/g, '""')}"`;
  return value;
}

/**
 * A cell for a spreadsheet user: a value that starts with = + - @ (or a tab/CR that some
 * spreadsheets skip) would run as a formula, so it gets a leading apostrophe.
 */
export function spreadsheetSafeCell(value: string): string {
  const first = value.charAt(0);
  const risky = first === '=' || first === '+' || first === '-' || first === '@' || first === '\t' || first === '\r';
  return csvCell(risky ? `'${value}` : value);
}

/** Header plus rows, `\n` line ends, final newline. */
export function formatCsv(header: readonly string[], rows: readonly (readonly string[])[], cell: (v: string) => string = csvCell): string {
  return [header, ...rows].map((row) => row.map(cell).join(',')).join('\n') + '\n';
}
