import fc from 'fast-check';
import { InputError } from '../../../src/model/errors.js';
import { parseLenientJson, type JsonValue } from '../../../src/ingest/lenient-json.js';

const parse = (text: string) => parseLenientJson(text, { file: 'x.json' });

/** The plain value of a node, last duplicate key winning (what JSON.parse would give). */
function plain(node: JsonValue): unknown {
  switch (node.kind) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const m of node.members) {
        Object.defineProperty(out, m.key, { value: plain(m.value), enumerable: true, configurable: true, writable: true });
      }
      return out;
    }
    case 'array':
      return node.items.map(plain);
    default:
      return node.value;
  }
}

function errorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return err as InputError;
  }
  throw new Error('expected an InputError');
}

describe('lenient JSON: valid input', () => {
  it('agrees with JSON.parse on any valid JSON document, compact or pretty, without repairs', () => {
    fc.assert(
      fc.property(fc.oneof(fc.dictionary(fc.string(), fc.jsonValue()), fc.array(fc.jsonValue())), fc.boolean(), (value, pretty) => {
        const text = JSON.stringify(value, null, pretty ? 2 : undefined);
        const result = parse(text);
        expect(result.repairs).toEqual([]);
        expect(result.truncated).toBe(false);
        expect(result.values).toHaveLength(1);
        expect(plain(result.values[0]!)).toEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps duplicate keys in order, each with the line of its key', () => {
    const result = parse('{\n  "5.1": "WARN: web",\n  "5.1": "WARN: db",\n  "5.2": "PASS"\n}');
    const root = result.values[0]!;
    expect(root.kind).toBe('object');
    if (root.kind !== 'object') return;
    expect(root.members.map((m) => [m.key, m.line, plain(m.value)])).toEqual([
      ['5.1', 2, 'WARN: web'],
      ['5.1', 3, 'WARN: db'],
      ['5.2', 4, 'PASS'],
    ]);
    expect(root.line).toBe(1);
    expect(root.endLine).toBe(5);
  });

  it('keeps the raw text of numbers (epoch seconds, negative scores)', () => {
    const root = parse('{"start": 1530000000, "score": -1}').values[0]!;
    if (root.kind !== 'object') throw new Error('object expected');
    expect(root.members.map((m) => (m.value.kind === 'number' ? m.value.raw : null))).toEqual(['1530000000', '-1']);
  });
});

describe('lenient JSON: repairs', () => {
  it('keeps a raw line break inside a string and reports it once, at the line the string starts', () => {
    const result = parse('{\n  "details": "first\nsecond\nthird",\n  "next": 1\n}');
    const root = result.values[0]!;
    if (root.kind !== 'object') throw new Error('object expected');
    expect(plain(root)).toEqual({ details: 'first\nsecond\nthird', next: 1 });
    expect(result.repairs).toEqual([expect.objectContaining({ line: 2, code: 'json-control-char' })]);
    expect(result.repairs[0]!.message).toMatch(/2 raw line breaks/);
    // Lines after the repaired string are still counted right.
    expect(root.members[1]!.line).toBe(5);
  });

  it('closes a string at the end of its line when the next line is clearly the next member', () => {
    const result = parse('{\n  "desc": "cut here\n  "result": "PASS"\n}');
    expect(plain(result.values[0]!)).toEqual({ desc: 'cut here', result: 'PASS' });
    expect(result.repairs.map((r) => r.code)).toEqual(['json-unterminated-string', 'json-missing-comma']);
  });

  it('keeps unescaped quotes that cannot end the string, including a quoted word followed by a colon', () => {
    const result = parse('{"desc": "the "docker0" bridge", "remediation": "Set "icc": false here"}');
    expect(plain(result.values[0]!)).toEqual({ desc: 'the "docker0" bridge', remediation: 'Set "icc": false here' });
    expect(result.repairs.map((r) => r.code)).toEqual(['json-unescaped-quote', 'json-unescaped-quote']);
  });

  it('reads an object whose opening brace is missing inside an array, and a missing comma after it', () => {
    const result = parse('{"results": ["result": "PASS"}\n {"id": "C.2", "result": "INFO"}\n]}');
    expect(plain(result.values[0]!)).toEqual({ results: [{ result: 'PASS' }, { id: 'C.2', result: 'INFO' }] });
    const results = (result.values[0] as Extract<JsonValue, { kind: 'object' }>).members[0]!.value;
    if (results.kind !== 'array' || results.items[0]!.kind !== 'object') throw new Error('shape');
    expect(results.items[0]!.braceless).toBe(true);
    expect(result.repairs.map((r) => [r.code, r.line])).toEqual([
      ['json-missing-brace', 1],
      ['json-missing-comma', 2],
    ]);
  });

  it('closes an array that is closed by "}" and lets the object take the brace', () => {
    const result = parse('{"a": [1, 2}\n');
    expect(plain(result.values[0]!)).toEqual({ a: [1, 2] });
    expect(result.repairs.map((r) => r.code)).toEqual(['json-wrong-closer']);
    expect(result.truncated).toBe(false);
  });

  it('closes everything that is open at the end of the input and says so', () => {
    const result = parse('{\n  "tests": [\n    {"id": "1", "results": [\n      {"id": "1.1", "result": "WA');
    expect(result.truncated).toBe(true);
    expect(plain(result.values[0]!)).toEqual({ tests: [{ id: '1', results: [{ id: '1.1', result: 'WA' }] }] });
    const root = result.values[0]!;
    if (root.kind !== 'object') throw new Error('object expected');
    expect(root.closed).toBe(false);
    expect(result.repairs.map((r) => r.code)).toContain('json-unterminated-string');
  });

  it('ignores trailing commas and reports them', () => {
    const result = parse('{"a": [1, 2,], "b": 3,}');
    expect(plain(result.values[0]!)).toEqual({ a: [1, 2], b: 3 });
    expect(result.repairs.map((r) => r.code)).toEqual(['json-trailing-comma', 'json-trailing-comma']);
  });

  it('reads a second value after the first and reports text that is not JSON as trailing', () => {
    const two = parse('{"a": 1}\n{"a": 2}\n');
    expect(two.values.map(plain)).toEqual([{ a: 1 }, { a: 2 }]);
    const garbage = parse('{"a": 1}\n[INFO] Checks: 1\n');
    expect(garbage.values.map(plain)).toEqual([{ a: 1 }]);
    expect(garbage.trailing).toEqual({ line: 2, text: '[INFO] Checks: 1' });
    expect(garbage.repairs).toEqual([]);
  });

  it('keeps a backslash that starts no valid escape', () => {
    const result = parse('{"path": "C:\\data\\new"}');
    // `\d` is invalid (kept as a backslash), `\n` is a valid escape.
    expect(plain(result.values[0]!)).toEqual({ path: 'C:\\data\new' });
    expect(result.repairs.map((r) => r.code)).toEqual(['json-invalid-escape']);
  });
});

describe('lenient JSON: refusals', () => {
  it('refuses what is not JSON, naming the line', () => {
    const err = errorOf(() => parse('\n\nhello'));
    expect(err.line).toBe(3);
    expect(err.file).toBe('x.json');
    expect(err.message).toMatch(/expected a JSON object or array, found "hello"/);
  });

  it('refuses a value it cannot read, naming the line and what was expected', () => {
    const err = errorOf(() => parse('{\n  "a": 1,\n  "b": nope\n}'));
    expect(err.line).toBe(3);
    expect(err.message).toMatch(/expected a JSON value/);
    const missingColon = errorOf(() => parse('{\n  "a" 1\n}'));
    expect(missingColon.line).toBe(2);
    expect(missingColon.message).toMatch(/expected ":" after the key "a"/);
  });

  it('refuses nesting deeper than the limit instead of overflowing the stack', () => {
    const err = errorOf(() => parse('['.repeat(100_000)));
    expect(err.message).toMatch(/nested deeper than 64 levels/);
  });

  it('reads hostile long lines: a 1 MB string full of inner quotes and a 1 MB line of spaces', () => {
    const quotes = `{"a": "${'x" '.repeat(350_000)}"}`;
    const result = parse(quotes);
    const root = result.values[0]!;
    if (root.kind !== 'object' || root.members[0]!.value.kind !== 'string') throw new Error('shape');
    expect(root.members[0]!.value.value.length).toBe(1_050_000);
    expect(result.repairs).toHaveLength(1);
    const spaces = parse(`{"a":${' '.repeat(1_000_000)}1}`);
    expect(plain(spaces.values[0]!)).toEqual({ a: 1 });
  });
});
