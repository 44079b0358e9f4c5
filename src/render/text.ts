/**
 * Text shaping shared by the machine-readable renderers (SARIF, JUnit, CSV): the label a
 * run's host goes by, a fix's headline, one-line and length-capped text, and strings made
 * safe to write as UTF-8.
 */
import type { AnalysedReport, AnalysedRun } from '../model/report.js';

/** The name a run's host goes by: the host the output names, else the input file's base name. */
export function hostLabel(report: AnalysedReport, run: AnalysedRun): string {
  const host = run.host?.trim();
  if (host) return host;
  const base = report.input.name.split(/[\\/]/).pop() ?? '';
  return base === '' || base === '-' ? 'stdin' : base;
}

/** The first non-blank line, trimmed (a fix's headline). */
export function firstLine(text: string): string {
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line.trim() !== '') return line.trim();
  }
  return '';
}

/** Line breaks and tabs → one space each run. */
export function oneLine(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ');
}

/** At most `max` UTF-16 units, cut on a code point boundary, with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/**
 * DEL and the C1 controls written as `\u` escapes in JSON text. JSON.stringify escapes only
 * C0, and a terminal that shows the output (`-f json` without `-o`) may act on a raw C1
 * control (U+009B is CSI, U+009D OSC). The escape is the same JSON value, so data stays
 * exact. Outside strings JSON text is ASCII, so every match is inside a string.
 */
export function escapeJsonControls(json: string): string {
  // One character class, no quantifier: linear.
  return json.replace(/[\u007f-\u009f]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Lone surrogates → U+FFFD: output is written as UTF-8, which cannot carry them. */
export function toWellFormed(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0xd800 || code > 0xdfff) continue;
    if (code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
    }
    out += `${text.slice(from, i)}\uFFFD`;
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}
