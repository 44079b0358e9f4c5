/**
 * A small, bounded, hand-written JSON parser for scanner files that are JSON in spirit
 * only. docker-bench-security builds its JSON with printf and never escapes anything, so
 * real files have duplicate keys, raw newlines inside strings, objects without an opening
 * brace, missing commas and unclosed arrays (docs/formats/docker-bench-security-json.md).
 *
 * What it does differently from `JSON.parse`:
 * - objects keep every member in order, duplicates included (`"5.1"` twice stays twice);
 * - every value records the 1-based line it starts on;
 * - known damage is repaired and reported as a `JsonRepair` (with the line) instead of
 *   failing: raw control characters in strings, an unescaped `"` that is clearly not the
 *   end of a string, a missing comma, a trailing comma, an object missing its `{` inside an
 *   array (`["result": "PASS"}`), a closer of the wrong kind, and input that ends while
 *   values are still open (they are closed and `truncated` is set);
 * - several top-level values may follow each other; text after the last one is reported
 *   as `trailing`, not parsed.
 *
 * Everything is linear in the input: each character is looked at a bounded number of times
 * (look-aheads are limited to a few hundred characters and never rescan), nesting depth is
 * capped, and the number of repairs kept is capped. Anything it cannot make sense of is an
 * `InputError` naming the file, the line and what was expected.
 */
import { InputError } from '../model/errors.js';

interface JsonNodeBase {
  /** 1-based line the value starts on. */
  line: number;
}

export interface JsonObject extends JsonNodeBase {
  kind: 'object';
  /** Every member in input order; duplicate keys are kept. */
  members: JsonMember[];
  /** False when the object was closed by the parser (end of input, or a closer of the wrong kind). */
  closed: boolean;
  /** True when the object had no opening `{` and was recovered from `"key": value … }` inside an array. */
  braceless: boolean;
  /** Line of the closing `}` (or of the point where the parser closed it). */
  endLine: number;
}

export interface JsonMember {
  key: string;
  /** Line of the key. */
  line: number;
  value: JsonValue;
}

export interface JsonArray extends JsonNodeBase {
  kind: 'array';
  items: JsonValue[];
  closed: boolean;
  endLine: number;
}

export interface JsonString extends JsonNodeBase {
  kind: 'string';
  value: string;
}

export interface JsonNumber extends JsonNodeBase {
  kind: 'number';
  value: number;
  /** The number exactly as written (`1530000000`, `-1`). */
  raw: string;
}

export interface JsonLiteral extends JsonNodeBase {
  kind: 'literal';
  value: boolean | null;
}

export type JsonValue = JsonObject | JsonArray | JsonString | JsonNumber | JsonLiteral;

/** One repair the parser made, for a warning. */
export interface JsonRepair {
  line: number;
  /** Stable code: `json-control-char`, `json-unescaped-quote`, `json-missing-comma`, … */
  code: string;
  message: string;
}

export interface LenientJsonResult {
  /** The top-level values in input order (normally exactly one). */
  values: JsonValue[];
  repairs: JsonRepair[];
  /** Repairs not kept in `repairs` because of the cap. */
  droppedRepairs: number;
  /** The input ended while values were still open; they were closed. */
  truncated: boolean;
  /** Non-JSON text after the last top-level value, with its line (clipped to 80 characters). */
  trailing: { line: number; text: string } | null;
}

export interface LenientJsonOptions {
  /** Input name for error messages. */
  file: string;
  /** Line number of the first character of `text` (when the caller skipped lines). Default 1. */
  firstLine?: number;
  /** Deepest nesting accepted. Default 64 (docker-bench never goes past 5). */
  maxDepth?: number;
  /** Repairs kept in the result; the rest are only counted. Default 500. */
  maxRepairs?: number;
}

/** How far a look-ahead may go; keeps the parser linear on hostile input. */
const LOOKAHEAD = 256;

/** Parse `text` leniently. Throws InputError (with file and line) when it cannot. */
export function parseLenientJson(text: string, options: LenientJsonOptions): LenientJsonResult {
  return new LenientParser(text, options).document();
}

/** The first member with this key, or undefined. */
export function memberOf(obj: JsonObject, key: string): JsonMember | undefined {
  return obj.members.find((m) => m.key === key);
}

/** The string value of the first member with this key, or null when absent or not a string. */
export function stringMember(obj: JsonObject, key: string): string | null {
  const m = memberOf(obj, key);
  return m !== undefined && m.value.kind === 'string' ? m.value.value : null;
}

/** Describe a value's kind for messages: "an object", "a string". */
export function describeKind(value: JsonValue): string {
  switch (value.kind) {
    case 'object':
      return 'an object';
    case 'array':
      return 'an array';
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    default:
      return value.value === null ? 'null' : 'a boolean';
  }
}

const CLOSERS_AND_SEPARATORS = new Set([',', ':', '}', ']']);

class LenientParser {
  private pos = 0;
  private line: number;
  private truncated = false;
  private readonly repairs: JsonRepair[] = [];
  private droppedRepairs = 0;
  private readonly file: string;
  private readonly maxDepth: number;
  private readonly maxRepairs: number;

  constructor(
    private readonly text: string,
    options: LenientJsonOptions,
  ) {
    this.file = options.file;
    this.line = options.firstLine ?? 1;
    this.maxDepth = options.maxDepth ?? 64;
    this.maxRepairs = options.maxRepairs ?? 500;
  }

  document(): LenientJsonResult {
    const values: JsonValue[] = [];
    let trailing: LenientJsonResult['trailing'] = null;
    for (;;) {
      this.skipWhitespace();
      if (this.atEnd()) break;
      const c = this.peek();
      if (values.length > 0 && c === ',') {
        // `{run1},{run2}`: an appended run without the surrounding array.
        this.repair('json-missing-array', 'top-level values are separated by a comma without an enclosing array');
        this.advance();
        continue;
      }
      if (c !== '{' && c !== '[') {
        if (values.length === 0) this.fail(`expected a JSON object or array, found ${this.describeHere()}`);
        trailing = { line: this.line, text: clip(this.restOfLine()) };
        break;
      }
      if (values.length === 0) values.push(this.value(0));
      else {
        // After the first value, `{`/`[` may start another value (an appended run) or be
        // text that merely begins with a bracket (`[INFO] Checks: 1`). Try; on failure
        // forget the attempt and report the text as trailing.
        const mark = { pos: this.pos, line: this.line, repairs: this.repairs.length, dropped: this.droppedRepairs };
        try {
          values.push(this.value(0));
        } catch (err) {
          if (!(err instanceof InputError)) throw err;
          this.pos = mark.pos;
          this.line = mark.line;
          this.repairs.length = mark.repairs;
          this.droppedRepairs = mark.dropped;
          this.truncated = false;
          trailing = { line: this.line, text: clip(this.restOfLine()) };
          break;
        }
      }
      if (this.truncated) break;
    }
    if (values.length === 0) this.fail('expected a JSON object or array, found only blank space');
    return { values, repairs: this.repairs, droppedRepairs: this.droppedRepairs, truncated: this.truncated, trailing };
  }

  // ---- values ---------------------------------------------------------------------------

  /** A value starting at the current character (callers make sure it is not blank or the end). */
  private value(depth: number): JsonValue {
    if (depth > this.maxDepth) this.fail(`values are nested deeper than ${this.maxDepth} levels`);
    const c = this.peek();
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') return this.string('value');
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    if (c === 't' || c === 'f' || c === 'n') return this.literal();
    return this.fail(`expected a JSON value, found ${this.describeHere()}`);
  }

  private object(depth: number): JsonObject {
    const obj: JsonObject = { kind: 'object', line: this.line, members: [], closed: false, braceless: false, endLine: this.line };
    this.advance(); // {
    this.members(obj, depth);
    return obj;
  }

  /**
   * Members up to and including the closing `}`. Shared by normal objects and by objects
   * recovered without their `{` (whose first member the caller has already read).
   */
  private members(obj: JsonObject, depth: number): void {
    for (;;) {
      this.skipWhitespace();
      if (this.atEnd()) return this.closeAtEnd(obj);
      const c = this.peek();
      if (c === '}') {
        this.advance();
        obj.closed = true;
        obj.endLine = this.line;
        return;
      }
      if (c === ']') {
        // `"results": [ {…}  ],` with the object's own `}` missing: let the array take it.
        this.repair('json-wrong-closer', 'an object is closed by "]"; the object is closed here');
        obj.endLine = this.line;
        return;
      }
      if (c === ',') {
        this.repair('json-extra-comma', 'a comma where a key was expected is ignored');
        this.advance();
        continue;
      }
      if (c !== '"') this.fail(`expected a quoted key or "}" in the object that starts on line ${obj.line}, found ${this.describeHere()}`);
      const keyLine = this.line;
      const key = this.string('key').value;
      this.skipWhitespace();
      if (this.atEnd()) return this.closeAtEnd(obj);
      if (this.peek() !== ':') this.fail(`expected ":" after the key "${clip(key)}", found ${this.describeHere()}`);
      this.advance();
      this.skipWhitespace();
      if (this.atEnd()) return this.closeAtEnd(obj);
      const value = this.value(depth + 1);
      obj.members.push({ key, line: keyLine, value });
      if (this.truncated) return this.closeAtEnd(obj);
      if (!this.afterElement('}', `the value of "${clip(key)}"`)) return this.closeAtEnd(obj);
    }
  }

  private array(depth: number): JsonArray {
    const arr: JsonArray = { kind: 'array', line: this.line, items: [], closed: false, endLine: this.line };
    this.advance(); // [
    for (;;) {
      this.skipWhitespace();
      if (this.atEnd()) {
        this.closeAtEnd(arr);
        return arr;
      }
      const c = this.peek();
      if (c === ']') {
        this.advance();
        arr.closed = true;
        arr.endLine = this.line;
        return arr;
      }
      if (c === '}') {
        // An unclosed array inside an object (`-c` without the section's end): close it
        // here and let the object take its `}`.
        this.repair('json-wrong-closer', `the array that starts on line ${arr.line} is closed by "}"; the array is closed here`);
        arr.endLine = this.line;
        return arr;
      }
      if (c === ',') {
        this.repair('json-extra-comma', 'an empty array element (extra comma) is ignored');
        this.advance();
        continue;
      }
      const item = c === '"' ? this.stringOrBracelessObject(depth) : this.value(depth + 1);
      arr.items.push(item);
      if (this.truncated || !this.afterElement(']', 'an array element')) {
        this.closeAtEnd(arr);
        return arr;
      }
    }
  }

  /**
   * Inside an array, `"key": value, … }` is an object whose `{` was never written
   * (docker-bench v1.3.5 community check C.1, and the 7.4 fragments of late-2018 builds).
   */
  private stringOrBracelessObject(depth: number): JsonValue {
    const str = this.string('element');
    this.skipWhitespace();
    if (this.atEnd() || this.peek() !== ':') return str;
    this.repair('json-missing-brace', `an object without its opening "{" (starts with the key "${clip(str.value)}") is read as an object`);
    this.advance(); // :
    const obj: JsonObject = { kind: 'object', line: str.line, members: [], closed: false, braceless: true, endLine: this.line };
    this.skipWhitespace();
    if (this.atEnd()) {
      this.closeAtEnd(obj);
      return obj;
    }
    obj.members.push({ key: str.value, line: str.line, value: this.value(depth + 2) });
    if (this.truncated) {
      this.closeAtEnd(obj);
      return obj;
    }
    if (this.afterElement('}', `the value of "${clip(str.value)}"`)) this.members(obj, depth + 1);
    else this.closeAtEnd(obj);
    return obj;
  }

  /**
   * After an element of an object or array: consume a separating comma, or accept the
   * closer (left for the caller), or repair a missing comma. Returns false at end of input.
   */
  private afterElement(closer: '}' | ']', what: string): boolean {
    this.skipWhitespace();
    if (this.atEnd()) return false;
    const c = this.peek();
    if (c === ',') {
      this.advance();
      this.skipWhitespace();
      if (this.atEnd()) return false;
      const next = this.peek();
      if (next === closer) this.repair('json-trailing-comma', `a trailing comma before "${closer}" is ignored`);
      return true;
    }
    if (c === '}' || c === ']') return true;
    if (c === '"' || c === '{' || c === '[') {
      this.repair('json-missing-comma', `a comma is missing after ${what}; one is assumed`);
      return true;
    }
    return this.fail(`expected "," or "${closer}" after ${what}, found ${this.describeHere()}`);
  }

  /** The input ended inside `container`: close it where we are. */
  private closeAtEnd(container: JsonObject | JsonArray): void {
    container.closed = false;
    container.endLine = this.line;
    this.truncated = true;
  }

  // ---- scalars --------------------------------------------------------------------------

  /**
   * A string starting at its opening quote. `role` says what may follow it, which decides
   * whether an unescaped inner quote ends it: a member value is never followed by `:`.
   */
  private string(role: 'key' | 'value' | 'element'): JsonString {
    const startLine = this.line;
    this.advance(); // opening quote
    const text = this.text;
    const parts: string[] = [];
    let runStart = this.pos;
    // Raw line breaks, other control characters and unescaped quotes, reported once per string.
    let rawBreaks = 0;
    let rawControls = 0;
    let innerQuotes = 0;
    const finish = (): JsonString => {
      if (innerQuotes > 0) {
        this.repairAt(startLine, 'json-unescaped-quote', `${plural(innerQuotes, 'double quote')} inside the string that starts here ${innerQuotes === 1 ? 'was' : 'were'} not escaped; kept as part of the text`);
      }
      if (rawBreaks > 0) {
        this.repairAt(startLine, 'json-control-char', `${plural(rawBreaks, 'raw line break')} inside the string that starts here ${rawBreaks === 1 ? 'is kept as a line break' : 'are kept as line breaks'}`);
      }
      if (rawControls > 0) {
        this.repairAt(startLine, 'json-control-char', `${plural(rawControls, 'raw control character')} inside the string that starts here ${rawControls === 1 ? 'is' : 'are'} kept as is`);
      }
      return { kind: 'string', line: startLine, value: parts.join('') };
    };
    for (;;) {
      if (this.pos >= text.length) {
        parts.push(text.slice(runStart, this.pos));
        this.truncated = true;
        this.repair('json-unterminated-string', `the input ends inside the string that starts on line ${startLine}`);
        return finish();
      }
      const code = text.charCodeAt(this.pos);
      if (code === 0x22 /* " */) {
        parts.push(text.slice(runStart, this.pos));
        if (this.quoteEndsString(role)) {
          this.pos++;
          return finish();
        }
        innerQuotes++;
        parts.push('"');
        this.pos++;
        runStart = this.pos;
      } else if (code === 0x5c /* \ */) {
        parts.push(text.slice(runStart, this.pos));
        parts.push(this.escape());
        runStart = this.pos;
      } else if (code < 0x20) {
        if (code === 0x0a /* \n */) {
          parts.push(text.slice(runStart, this.pos));
          if (this.nextLineLooksLikeJson()) {
            // The closing quote is missing, not the escape: the string ends with its line.
            this.repair('json-unterminated-string', `the string that starts on line ${startLine} is not closed on its line; it is closed there`);
            return finish();
          }
          rawBreaks++;
          parts.push('\n');
          this.pos++;
          this.line++;
          runStart = this.pos;
        } else {
          rawControls++;
          this.pos++;
        }
      } else {
        this.pos++;
      }
    }
  }

  /**
   * At a `"` inside a string: is this the end of the string? It is when what follows is
   * something JSON allows after a string (`,` `}` `]`, `:` after a key, end of line or input). After a
   * comma we also check the next token can start a value or key, so that `"a "b", c"` keeps
   * its inner quotes. Look-ahead is bounded.
   */
  private quoteEndsString(role: 'key' | 'value' | 'element'): boolean {
    // Keys are fixed words and check ids: their first quote is their end.
    if (role === 'key') return true;
    const text = this.text;
    let i = this.pos + 1;
    const limit = Math.min(text.length, i + LOOKAHEAD);
    while (i < limit && (text[i] === ' ' || text[i] === '\t')) i++;
    if (i >= limit) return true;
    const c = text[i]!;
    if (c === '\n' || c === '\r') return true;
    if (!CLOSERS_AND_SEPARATORS.has(c)) return false;
    if (c === ':') return role !== 'value';
    if (c !== ',') return true;
    i++;
    while (i < limit && /\s/.test(text[i]!)) i++;
    if (i >= limit) return true;
    return /["{}[\]\-0-9tfn]/.test(text[i]!);
  }

  /**
   * At a raw newline inside a string: does the next line look like the next member or a
   * closer (so the string simply lost its closing quote) rather than the rest of a
   * multi-line value? Bounded look-ahead.
   */
  private nextLineLooksLikeJson(): boolean {
    const text = this.text;
    let i = this.pos + 1;
    const limit = Math.min(text.length, i + LOOKAHEAD);
    while (i < limit && (text[i] === ' ' || text[i] === '\t' || text[i] === '\r')) i++;
    if (i >= limit) return false;
    const c = text[i]!;
    if (c === '}' || c === ']' || c === '{') return true;
    if (c !== '"') return false;
    // `"key":` on the next line
    const close = text.indexOf('"', i + 1);
    if (close < 0 || close >= limit) return false;
    let j = close + 1;
    while (j < limit && (text[j] === ' ' || text[j] === '\t')) j++;
    return j < limit && text[j] === ':';
  }

  private escape(): string {
    const text = this.text;
    const next = text[this.pos + 1];
    const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
    if (next !== undefined && next in simple) {
      this.pos += 2;
      return simple[next]!;
    }
    if (next === 'u') {
      const hex = text.slice(this.pos + 2, this.pos + 6);
      if (/^[0-9a-fA-F]{4}$/.test(hex)) {
        this.pos += 6;
        return String.fromCharCode(parseInt(hex, 16));
      }
    }
    // A lone backslash (a Windows path, a regex in a value): keep it literally.
    this.repair('json-invalid-escape', 'a backslash that starts no valid escape is kept as a backslash');
    this.pos += 1;
    return '\\';
  }

  private number(): JsonNumber {
    const line = this.line;
    const m = /^-?(?:0|[1-9][0-9]{0,400})(?:\.[0-9]{1,400})?(?:[eE][+-]?[0-9]{1,10})?/.exec(this.text.slice(this.pos, this.pos + 900));
    if (m === null) this.fail(`expected a number, found ${this.describeHere()}`);
    const raw = m[0];
    this.pos += raw.length;
    return { kind: 'number', line, value: Number(raw), raw };
  }

  private literal(): JsonLiteral {
    const line = this.line;
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return { kind: 'literal', line, value };
      }
    }
    return this.fail(`expected a JSON value, found ${this.describeHere()}`);
  }

  // ---- low level ------------------------------------------------------------------------

  private atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  private peek(): string {
    return this.text[this.pos]!;
  }

  private advance(): void {
    if (this.text.charCodeAt(this.pos) === 0x0a) this.line++;
    this.pos++;
  }

  private skipWhitespace(): void {
    const text = this.text;
    for (;;) {
      const code = text.charCodeAt(this.pos);
      if (code === 0x20 || code === 0x09 || code === 0x0d) this.pos++;
      else if (code === 0x0a) {
        this.pos++;
        this.line++;
      } else return;
    }
  }

  private restOfLine(): string {
    const end = this.text.indexOf('\n', this.pos);
    return this.text.slice(this.pos, end < 0 ? Math.min(this.text.length, this.pos + 200) : Math.min(end, this.pos + 200));
  }

  private describeHere(): string {
    if (this.atEnd()) return 'the end of the input';
    return `"${clip(this.restOfLine())}"`;
  }

  private repair(code: string, message: string): void {
    this.repairAt(this.line, code, message);
  }

  private repairAt(line: number, code: string, message: string): void {
    if (this.repairs.length < this.maxRepairs) this.repairs.push({ line, code, message });
    else this.droppedRepairs++;
  }

  private fail(message: string): never {
    throw new InputError(`invalid JSON: ${message}`, { file: this.file, line: this.line });
  }
}

function plural(n: number, noun: string): string {
  return n === 1 ? `a ${noun}` : `${n} ${noun}s`;
}

function clip(s: string): string {
  const printable = s.replace(/[\x00-\x1f\x7f-\x9f]/g, '?');
  return printable.length > 80 ? `${printable.slice(0, 77)}...` : printable;
}
