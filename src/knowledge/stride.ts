/** STRIDE helpers for commands: letters, and parsing what users type for a category. */
import { UsageError } from '../model/errors.js';
import { STRIDE_CATEGORIES, STRIDE_LETTERS, type StrideCategory } from './types.js';

export function strideLetter(category: StrideCategory): string {
  return STRIDE_LETTERS[category];
}

/** `E`, `e`, `ElevationOfPrivilege`, `elevationofprivilege` → ElevationOfPrivilege; else UsageError. */
export function parseStrideQuery(text: string): StrideCategory {
  const wanted = text.trim().toLowerCase().replace(/[\s_-]+/g, '');
  for (const category of STRIDE_CATEGORIES) {
    if (wanted === category.toLowerCase() || wanted === STRIDE_LETTERS[category].toLowerCase()) return category;
  }
  throw new UsageError(`--stride: "${text}" is not a STRIDE category; use one of S, T, R, I, D, E or ${STRIDE_CATEGORIES.join(', ')}`);
}
