/** STRIDE helpers for commands: letters, and parsing what users type for a category. */
import { UsageError } from '../model/errors.js';
import { STRIDE_CATEGORIES, type StrideCategory } from './types.js';

const LETTERS: Readonly<Record<StrideCategory, string>> = {
  Spoofing: 'S',
  Tampering: 'T',
  Repudiation: 'R',
  InformationDisclosure: 'I',
  DenialOfService: 'D',
  ElevationOfPrivilege: 'E',
};

export function strideLetter(category: StrideCategory): string {
  return LETTERS[category];
}

/** `E`, `e`, `ElevationOfPrivilege`, `elevationofprivilege` → ElevationOfPrivilege; else UsageError. */
export function parseStrideQuery(text: string): StrideCategory {
  const wanted = text.trim().toLowerCase().replace(/[\s_-]+/g, '');
  for (const category of STRIDE_CATEGORIES) {
    if (wanted === category.toLowerCase() || wanted === LETTERS[category].toLowerCase()) return category;
  }
  throw new UsageError(`--stride: "${text}" is not a STRIDE category; use one of S, T, R, I, D, E or ${STRIDE_CATEGORIES.join(', ')}`);
}
