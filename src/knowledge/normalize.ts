/**
 * Title normalization for the title fallback: scanner titles of one control differ
 * between releases only in wording noise ("Ensure that the …", "(Scored)", "restrictive"
 * vs "restrictively", "root:root" vs "root root"), so we compare them after removing it.
 *
 * Linear-time on purpose (no backtracking regexes): titles come from untrusted files and
 * a line may be 1 MB long.
 */

/** Assessment and run-time suffixes scanners append in brackets; they say nothing about the control. */
const BRACKETED_NOISE = new Set([
  'scored',
  'not scored',
  'automated',
  'manual',
  'deprecated',
  'swarm mode not enabled',
  'incompatible with swarm mode',
]);

/** Words that open a title without naming anything ("Ensure that the …"). */
const LEADING_NOISE = new Set(['ensure', 'ensurethe', 'that', 'the', 'verify']);

/** Longest title we bother to compare; longer input is cut (a real title is < 200 characters). */
const MAX_TITLE = 1000;

/**
 * Lower-case, drop bracketed assessment/run-time suffixes, a leading printed id
 * ("1.1.12 Ensure …"), punctuation and leading "ensure"/"that"/"the"; collapse spaces.
 */
export function normalizeTitle(title: string): string {
  const lower = removeBracketedNoise(title.slice(0, MAX_TITLE).toLowerCase());
  const words: string[] = [];
  let word = '';
  for (let i = 0; i < lower.length; i++) {
    const ch = lower[i]!;
    if (isAlnum(ch)) word += ch;
    // Keep dots inside names and numbers ("daemon.json", "docker.socket", "1.1.12"): they
    // tell docker.socket (the systemd unit) from the docker socket file.
    else if (ch === '.' && word !== '' && i + 1 < lower.length && isAlnum(lower[i + 1]!)) word += ch;
    else {
      if (word) words.push(word);
      word = '';
    }
  }
  if (word) words.push(word);
  let start = 0;
  // A leading printed id ("1.1.12") that some releases repeat inside the title.
  if (start < words.length && looksLikeId(words[start]!)) start++;
  while (start < words.length && LEADING_NOISE.has(words[start]!)) start++;
  return words.slice(start).join(' ');
}

/** Remove "(Scored)", "(Not Scored)", "(Deprecated)" … wherever they appear. */
function removeBracketedNoise(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('(', i);
    if (open < 0) {
      out += text.slice(i);
      break;
    }
    const close = text.indexOf(')', open + 1);
    if (close < 0) {
      out += text.slice(i);
      break;
    }
    const inner = text.slice(open + 1, close).trim();
    if (BRACKETED_NOISE.has(inner)) {
      out += text.slice(i, open) + ' ';
    } else {
      out += text.slice(i, close + 1);
    }
    i = close + 1;
  }
  return out;
}

function isDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (const ch of s) if (ch < '0' || ch > '9') return false;
  return true;
}

function isAlnum(ch: string): boolean {
  return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
}

/** A printed id such as "1.1.12" or "5.3" (digits separated by dots). */
function looksLikeId(word: string): boolean {
  return word.includes('.') && word.split('.').every(isDigits);
}

/**
 * Normalize a printed check id for lookups: trimmed, and lower-case letters for the a/b
 * sub-checks and community prefix kept as printed (`C.1`, `2.13.a`). Ids are compared
 * case-sensitively except for the community `c.` prefix that flat JSON prints lower-case.
 */
export function normalizeId(id: string): string {
  const trimmed = id.trim();
  if (trimmed.startsWith('c.')) return `C.${trimmed.slice(2)}`;
  return trimmed;
}
