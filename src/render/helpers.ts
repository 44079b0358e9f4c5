/**
 * Handlebars helpers both report formats register (format-specific ones live in
 * markdown.ts and html.ts). Helpers receive Handlebars' `options` object as their last
 * argument, so optional parameters are checked by type, never by count. Every helper is
 * documented in docs/templates.md.
 */
import { toText } from './escape.js';

type Helper = (...args: unknown[]) => unknown;

/** Drop the trailing Handlebars options object from a helper's arguments. */
function valuesOf(args: unknown[]): unknown[] {
  return args.slice(0, -1);
}

export function commonHelpers(): Record<string, Helper> {
  return {
    eq: (a, b) => a === b,
    ne: (a, b) => a !== b,
    gt: (a, b) => Number(a) > Number(b),
    and: (...args) => valuesOf(args).every(Boolean),
    or: (...args) => valuesOf(args).some(Boolean),
    not: (a) => !a,
    add: (a, b) => Number(a) + Number(b),
    len: (x) => (Array.isArray(x) ? x.length : typeof x === 'string' ? x.length : 0),
    /** `{{plural 3 "finding"}}` → `3 findings`; an irregular plural as the third argument. */
    plural: (n, word, pluralWord) => {
      const count = Number(n);
      const many = typeof pluralWord === 'string' ? pluralWord : `${toText(word)}s`;
      return `${count} ${count === 1 ? toText(word) : many}`;
    },
    /** `{{join list ", "}}`: the list's items as text (escaped by the mustache like any value). */
    join: (list, sep) => (Array.isArray(list) ? list.map(toText).join(typeof sep === 'string' ? sep : ', ') : ''),
    /** Lines of text joined with newlines (for code blocks). */
    joinLines: (list) => (Array.isArray(list) ? list.map(toText).join('\n') : toText(list)),
    lower: (s) => toText(s).toLowerCase(),
    json: (value) => JSON.stringify(value ?? null, null, 2),
  };
}
