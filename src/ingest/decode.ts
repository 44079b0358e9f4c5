/**
 * Bytes → text lines, streaming. Handles what real captures contain: a UTF-8 BOM, UTF-16
 * from PowerShell redirects (`>` writes UTF-16LE with a BOM), CRLF from `script` and
 * Windows editors. Refuses binary data with a message that says what it looks like.
 */
import { InputError } from '../model/errors.js';
import { TextDecoder } from 'node:util';
import type { TextEncoding } from '../model/types.js';

/** What the supported inputs are, for error messages. */
export const EXPECTED_INPUTS =
  'expected the text log or JSON of docker-bench-security, the text or --json output of aquasecurity/docker-bench or kube-bench, or a Markdown write-up quoting one of them';

/** Sniff the encoding from the first bytes. Throws InputError for binary input. */
export function sniffEncoding(head: Uint8Array, file: string): TextEncoding {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8-bom';
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  // UTF-16 without a BOM: ASCII text has a NUL in every other byte.
  const sample = head.subarray(0, Math.min(head.length, 4096));
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] === 0) {
      if (i % 2 === 0) evenNul++;
      else oddNul++;
    }
  }
  const pairs = Math.floor(sample.length / 2);
  if (pairs >= 8 && oddNul > pairs * 0.4 && evenNul < pairs * 0.05) return 'utf-16le';
  if (pairs >= 8 && evenNul > pairs * 0.4 && oddNul < pairs * 0.05) return 'utf-16be';
  if (evenNul + oddNul > 0) {
    throw new InputError(`${describeBinary(sample)}, not a text or JSON scanner output; ${EXPECTED_INPUTS}`, { file });
  }
  return 'utf-8';
}

/** Name common binary formats so the user knows what they passed. */
export function describeBinary(head: Uint8Array): string {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'this is a PNG image';
  if (starts(0xff, 0xd8, 0xff)) return 'this is a JPEG image';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'this is a GIF image';
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'this is a PDF document';
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'this is a ZIP archive (or an Office document)';
  if (starts(0x1f, 0x8b)) return 'this is gzip-compressed data (decompress it first)';
  if (starts(0x7f, 0x45, 0x4c, 0x46)) return 'this is an executable (ELF)';
  return 'this is binary data (it contains NUL bytes)';
}

/**
 * Splits decoded text chunks into lines. Line terminators are `\n`, `\r\n` and a lone `\r`
 * at the very end is dropped. The callback gets each line without its terminator and its
 * 1-based number.
 */
export class LineSplitter {
  private pending = '';
  private lineNo = 0;
  private pendingCr = false;

  constructor(private readonly onLine: (line: string, lineNo: number) => void) {}

  push(chunk: string): void {
    if (chunk.length === 0) return;
    let text = this.pending + chunk;
    this.pending = '';
    if (this.pendingCr && text.startsWith('\n')) text = text.slice(1);
    this.pendingCr = false;
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      let end = nl;
      if (end > start && text.charCodeAt(end - 1) === 13) end--;
      this.emit(text.slice(start, end));
      start = nl + 1;
    }
    this.pending = text.slice(start);
  }

  end(): void {
    let rest = this.pending;
    this.pending = '';
    if (rest.endsWith('\r')) rest = rest.slice(0, -1);
    if (rest.length > 0) this.emit(rest);
  }

  /** Number of lines emitted so far. */
  get count(): number {
    return this.lineNo;
  }

  private emit(line: string): void {
    this.lineNo++;
    this.onLine(line, this.lineNo);
  }
}

/** A TextDecoder for the sniffed encoding (BOMs are consumed by the decoder). */
export function decoderFor(encoding: TextEncoding): TextDecoder {
  switch (encoding) {
    case 'utf-16le':
      return new TextDecoder('utf-16le');
    case 'utf-16be':
      return new TextDecoder('utf-16be');
    default:
      return new TextDecoder('utf-8');
  }
}

/** Remove ANSI SGR and other CSI/OSC escape sequences (colour codes are written into docker-bench logs). */
// Bounded quantifiers keep this linear on hostile input.
const ANSI = /\x1b\[[0-?]{0,32}[ -/]{0,8}[@-~]|\x1b\][^\x07\x1b]{0,512}(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;
export function stripAnsi(line: string): string {
  return line.indexOf('\x1b') < 0 ? line : line.replace(ANSI, '');
}
