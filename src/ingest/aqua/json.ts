/**
 * A small JSON parser for the aquasecurity JSON readers that keeps the line where every
 * object and array starts and ends (for results' positions and messages), reads JSON lines
 * and several documents in one file, skips stray non-JSON lines with a warning, and names
 * the line of what it cannot read.
 */
import { InputError } from '../../model/errors.js';
import type { LineParser, ReaderContext } from '../reader.js';
import { clip } from './grammar.js';

export type JsonObject = { [key: string]: JsonValue };
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;

/** Documents read from a JSON (or JSON-lines) input, with where every object and array starts. */
export interface JsonInput {
  documents: { value: JsonValue; line: number }[];
  /** 1-based line where an object or array starts. */
  lineOf(value: object): number | null;
  /** 1-based line where an object or array ends. */
  endLineOf(value: object): number | null;
}

const MAX_DEPTH = 200;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Collects the lines of a JSON input (JSON readers need the whole document). */
export class JsonLineCollector {
  private readonly lines: string[] = [];
  private firstLineNo = 1;

  add(text: string, lineNo: number): void {
    if (this.lines.length === 0) this.firstLineNo = lineNo;
    this.lines.push(text);
  }

  /** Parse what was collected; stray non-JSON lines around the documents are skipped with a warning. */
  parse(file: string, warn: ReaderContext['warn']): JsonInput {
    const lineStarts: number[] = [];
    let at = 0;
    for (const l of this.lines) {
      lineStarts.push(at);
      at += l.length + 1;
    }
    const text = this.lines.join('\n');
    const base = this.firstLineNo;
    const lineAt = (offset: number): number => {
      let lo = 0;
      let hi = lineStarts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (lineStarts[mid]! <= offset) lo = mid;
        else hi = mid - 1;
      }
      return base + lo;
    };
    return new JsonScanner(text, file, lineAt, warn).documents();
  }
}

class JsonScanner {
  private pos = 0;
  private readonly starts = new WeakMap<object, number>();
  private readonly ends = new WeakMap<object, number>();
  private duplicateWarnings = 0;

  constructor(
    private readonly text: string,
    private readonly file: string,
    private readonly lineAt: (offset: number) => number,
    private readonly warn: ReaderContext['warn'],
  ) {}

  documents(): JsonInput {
    const docs: { value: JsonValue; line: number }[] = [];
    const t = this.text;
    for (;;) {
      this.skipWhitespace();
      if (this.pos >= t.length) break;
      if (startsJson(t, this.pos)) {
        const start = this.pos;
        docs.push({ value: this.value(0), line: this.lineAt(start) });
        continue;
      }
      // Not JSON: a stray line (`Using config file: …`, `AuditEnv not explicit …`, a prompt).
      let lineEnd = t.indexOf('\n', this.pos);
      if (lineEnd < 0) lineEnd = t.length;
      this.warn(this.lineAt(this.pos), 'stray-line', `skipped a line that is not JSON: "${clip(t.slice(this.pos, Math.min(lineEnd, this.pos + 200)))}"`);
      this.pos = lineEnd + 1;
    }
    const { starts, ends, lineAt } = this;
    return {
      documents: docs,
      lineOf: (value: object) => {
        const s = starts.get(value);
        return s === undefined ? null : lineAt(s);
      },
      endLineOf: (value: object) => {
        const e = ends.get(value);
        return e === undefined ? null : lineAt(e);
      },
    };
  }

  private skipWhitespace(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.pos++;
      else break;
    }
  }

  private fail(message: string, offset = this.pos): never {
    throw new InputError(`invalid JSON: ${message}`, { file: this.file, line: this.lineAt(Math.min(offset, Math.max(0, this.text.length - 1))) });
  }

  private truncated(what: string, openedAt: number): never {
    throw new InputError(
      `the JSON ends before the ${what} that starts on line ${this.lineAt(openedAt)} is closed: the file looks truncated`,
      { file: this.file, line: this.lineAt(Math.max(0, this.text.length - 1)) },
    );
  }

  private value(depth: number): JsonValue {
    if (depth > MAX_DEPTH) this.fail(`nested more than ${MAX_DEPTH} levels deep`);
    this.skipWhitespace();
    const t = this.text;
    if (this.pos >= t.length) this.truncated('value', Math.max(0, this.pos - 1));
    const c = t.charCodeAt(this.pos);
    if (c === 123) return this.object(depth);
    if (c === 91) return this.array(depth);
    if (c === 34) return this.string();
    if (c === 116 /* t */) return this.literal('true', true);
    if (c === 102 /* f */) return this.literal('false', false);
    if (c === 110 /* n */) return this.literal('null', null);
    if (c === 45 || (c >= 48 && c <= 57)) return this.number();
    return this.fail(`unexpected character "${clip(t[this.pos]!)}"`);
  }

  private object(depth: number): JsonObject {
    const t = this.text;
    const start = this.pos++;
    const obj = Object.create(null) as JsonObject;
    this.starts.set(obj, start);
    this.skipWhitespace();
    if (t.charCodeAt(this.pos) === 125 /* } */) {
      this.ends.set(obj, this.pos++);
      return obj;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.pos >= t.length) this.truncated('object', start);
      if (t.charCodeAt(this.pos) !== 34) this.fail('expected a property name in double quotes');
      const keyAt = this.pos;
      const key = this.string();
      this.skipWhitespace();
      if (this.pos >= t.length) this.truncated('object', start);
      if (t.charCodeAt(this.pos) !== 58 /* : */) this.fail(`expected ":" after property name "${clip(key)}"`);
      this.pos++;
      const v = this.value(depth + 1);
      if (Object.prototype.hasOwnProperty.call(obj, key) && this.duplicateWarnings++ < 20) {
        this.warn(this.lineAt(keyAt), 'json-duplicate-key', `duplicate key "${clip(key)}": the last value is used`);
      }
      obj[key] = v;
      this.skipWhitespace();
      if (this.pos >= t.length) this.truncated('object', start);
      const c = t.charCodeAt(this.pos);
      this.pos++;
      if (c === 44 /* , */) continue;
      if (c === 125) {
        this.ends.set(obj, this.pos - 1);
        return obj;
      }
      this.fail(`expected "," or "}" but found "${clip(t[this.pos - 1]!)}"`, this.pos - 1);
    }
  }

  private array(depth: number): JsonValue[] {
    const t = this.text;
    const start = this.pos++;
    const arr: JsonValue[] = [];
    this.starts.set(arr, start);
    this.skipWhitespace();
    if (t.charCodeAt(this.pos) === 93 /* ] */) {
      this.ends.set(arr, this.pos++);
      return arr;
    }
    for (;;) {
      arr.push(this.value(depth + 1));
      this.skipWhitespace();
      if (this.pos >= t.length) this.truncated('array', start);
      const c = t.charCodeAt(this.pos);
      this.pos++;
      if (c === 44) continue;
      if (c === 93) {
        this.ends.set(arr, this.pos - 1);
        return arr;
      }
      this.fail(`expected "," or "]" but found "${clip(t[this.pos - 1]!)}"`, this.pos - 1);
    }
  }

  private string(): string {
    const t = this.text;
    const start = this.pos;
    let i = start + 1;
    let escaped = false;
    while (i < t.length) {
      const c = t.charCodeAt(i);
      if (c === 92 /* \ */) {
        escaped = true;
        i += 2;
        continue;
      }
      if (c === 34) break;
      if (c === 10) this.fail('line break inside a string', i);
      i++;
    }
    if (i >= t.length) this.truncated('string', start);
    this.pos = i + 1;
    if (!escaped) return t.slice(start + 1, i);
    try {
      return JSON.parse(t.slice(start, i + 1)) as string;
    } catch {
      return this.fail('invalid escape sequence in a string', start);
    }
  }

  private number(): number {
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (!m) return this.fail('malformed number');
    this.pos = NUMBER.lastIndex;
    return Number(m[0]);
  }

  private literal<T extends JsonValue>(word: string, value: T): T {
    const t = this.text;
    if (t.startsWith(word, this.pos)) {
      this.pos += word.length;
      return value;
    }
    if (word.startsWith(t.slice(this.pos))) this.truncated('value', this.pos);
    return this.fail(`unexpected text "${clip(t.slice(this.pos, this.pos + 10))}"`);
  }
}

/**
 * Whether a JSON document starts at `at`: `{`, or `[` followed by what can open an array
 * element (so a stray `[INFO] …` line is not taken for an array).
 */
export function startsJson(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  if (c === 123 /* { */) return true;
  if (c !== 91 /* [ */) return false;
  let i = at + 1;
  while (i < text.length && i < at + 4096) {
    const d = text.charCodeAt(i);
    if (d === 32 || d === 9 || d === 10 || d === 13) {
      i++;
      continue;
    }
    return d === 123 || d === 91 || d === 93 || d === 34 || d === 45 || (d >= 48 && d <= 57) || d === 116 || d === 102 || d === 110;
  }
  return i >= text.length;
}

/** A JSON reader's `start`: collect every line, then parse the documents and hand them to `read`. */
export function jsonReaderStart(read: (input: JsonInput, ctx: ReaderContext) => void): (ctx: ReaderContext) => LineParser {
  return (ctx) => {
    const collector = new JsonLineCollector();
    return {
      line: (text, lineNo) => collector.add(text, lineNo),
      end: () => read(collector.parse(ctx.file, ctx.warn), ctx),
    };
  };
}

export function isObject(v: JsonValue | undefined): v is JsonObject {
  return v !== null && v !== undefined && typeof v === 'object' && !Array.isArray(v);
}
