/**
 * A result whose id and title match no known control is never dropped: it keeps the
 * verdict of its raw status, and this caveat says why it has no STRIDE threats or fix.
 */
import { label, note, type CaveatRule } from './rule.js';

export const unknownControl: CaveatRule = {
  id: 'unknown-control',
  title: 'The check matches no control in the knowledge base',
  catalogue: [],
  appliesTo: (run) => run.drafts.some((d) => d.control === null),
  apply: (run) =>
    run.drafts
      .filter((d) => d.control === null)
      .map((d) =>
        note(
          d,
          `${label(d)} matches no known control, so it has no STRIDE threats or fix here; its verdict comes from the raw status ${d.result.status}` +
            (d.resolution.warning ? ` (${d.resolution.warning})` : '') +
            '.',
        ),
      ),
};
