/**
 * Content-based format detection (never by file name), and a description of what an
 * unreadable file looks like, so the error tells the user what they actually passed.
 */
import type { Reader } from './reader.js';
import { READERS } from './registry.js';
import { stripAnsi } from './decode.js';

/** Below this confidence no reader claims the input. */
export const DETECTION_THRESHOLD = 0.5;

export interface Detection {
  reader: Reader;
  confidence: number;
}

/** The most confident reader for the first 64 KiB of the input, or null. */
export function detectReader(head: string, readers: readonly Reader[] = READERS): Detection | null {
  let best: Detection | null = null;
  for (const reader of readers) {
    let confidence = 0;
    try {
      confidence = reader.detect(head);
    } catch {
      confidence = 0;
    }
    if (confidence > (best?.confidence ?? 0)) best = { reader, confidence };
  }
  return best !== null && best.confidence >= DETECTION_THRESHOLD ? best : null;
}

export { EXPECTED_INPUTS } from './decode.js';

/**
 * A short human description of an input no reader claimed: "a docker run error message",
 * "JSON that is not a scanner output (an array of objects with keys tag, description, title)".
 * Returns the description and the line it is based on.
 */
export function describeUnknown(head: string): { what: string; line: number | null } {
  const lines = head.split('\n').map((l) => stripAnsi(l.replace(/\r$/, '')));
  const firstIdx = lines.findIndex((l) => l.trim().length > 0);
  if (firstIdx < 0) return { what: 'the file is empty (or only blank lines)', line: null };
  const first = lines[firstIdx]!.trim();
  const line = firstIdx + 1;
  const text = lines.join('\n');

  if (/^docker: Error response from daemon|^docker: |Error response from daemon:/m.test(text)) {
    return { what: 'this is a Docker error message (the scanner container did not start), not a scanner output', line: lineOf(lines, /Error response from daemon|^docker: /) ?? line };
  }
  if (/^(Error|error|ERROR)[: ]|command not found|Permission denied|No such file or directory/m.test(first)) {
    return { what: `this is an error message ("${clip(first)}"), not a scanner output`, line };
  }
  if (/^<!DOCTYPE html|^<html/i.test(first)) return { what: 'this is an HTML page, not a scanner output', line };
  if (/^<\?xml|^<testsuites?\b/.test(first)) {
    return { what: /<testsuite/.test(text) ? 'this is JUnit XML (kube-bench --junit is not read; use --json)' : 'this is an XML document, not a scanner output', line };
  }
  if (first.startsWith('{') || first.startsWith('[')) {
    return { what: describeJson(text), line };
  }
  if (/^#{1,6} |^```/m.test(text)) {
    return { what: 'this is a Markdown document that quotes no scanner output', line };
  }
  return { what: `the first line is "${clip(first)}", which no supported scanner prints`, line };
}

function describeJson(text: string): string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'this is JSON (or JSON-like) text that no reader recognises, and it does not parse as JSON';
  }
  const sample = Array.isArray(value) ? value[0] : value;
  if (sample !== null && typeof sample === 'object') {
    // Keys are input: shown through clip, so no control character reaches the message.
    const keys = Object.keys(sample as object).slice(0, 6).map(clip).join(', ');
    if (Array.isArray(value)) return `this is JSON that is not a scanner output (an array of objects with keys ${keys})`;
    return `this is JSON that is not a scanner output (an object with keys ${keys})`;
  }
  return 'this is JSON that is not a scanner output';
}

function lineOf(lines: string[], re: RegExp): number | null {
  const i = lines.findIndex((l) => re.test(l));
  return i < 0 ? null : i + 1;
}

function clip(s: string): string {
  const printable = s.replace(/[\x00-\x1f\x7f-\x9f]/g, '?');
  return printable.length > 80 ? `${printable.slice(0, 77)}...` : printable;
}
