/**
 * The verdict a result starts from, taken from its raw status alone. Caveat rules then
 * correct it where the raw status is known to mislead (docs/caveats.md).
 */
import type { Verdict } from '../model/report.js';
import type { RawStatus } from '../model/types.js';

/**
 * PASS → SATISFIED, FAIL/WARN → FINDING, INFO/NOTE → MANUAL_REVIEW: docker-bench prints
 * INFO and NOTE for checks it does not judge (manual checks, lists to review); the rules
 * turn the "not found" kind into NOT_APPLICABLE.
 */
export function verdictFromStatus(status: RawStatus): Verdict {
  switch (status) {
    case 'PASS':
      return 'SATISFIED';
    case 'FAIL':
    case 'WARN':
      return 'FINDING';
    case 'INFO':
    case 'NOTE':
      return 'MANUAL_REVIEW';
  }
}

/** Verdicts that say the scanner looked and judged nothing: a run made only of these assessed nothing. */
export const NOTHING_ASSESSED: readonly Verdict[] = ['NOT_ASSESSED', 'NOT_APPLICABLE'];
