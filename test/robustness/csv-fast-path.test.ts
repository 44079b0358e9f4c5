/**
 * The knowledge loader's fast CSV path (src/knowledge/csv-read.ts, added for start-up
 * time) must give exactly what csv-parse gives, or decline: on every data file, on the
 * mapping fixtures, and on arbitrary CSV-like text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { parseSimpleCsv, readCsv } from '../../src/knowledge/csv-read.js';
import { FIXTURES, ROOT } from '../helpers/paths.js';
import { SEED } from './harness.js';

/** csv-parse with readCsv's options, or the error it throws. */
function viaCsvParse(text: string): { columns: string[]; records: unknown[] } | { error: string } {
  let columns: string[] = [];
  try {
    const records = parse(text, {
      bom: true,
      columns: (header: string[]) => {
        columns = header.map((h) => h.trim());
        return columns;
      },
      info: true,
      skip_empty_lines: true,
      relax_column_count: false,
    }) as unknown as { record: Record<string, string>; info: { lines: number } }[];
    return { columns, records: records.map((r) => ({ record: { ...r.record }, info: { lines: r.info.lines } })) };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

function dataFiles(): string[] {
  const dirs = [join(ROOT, 'data'), join(FIXTURES, 'knowledge'), join(FIXTURES, 'knowledge', 'minimal')];
  return dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.csv')).map((f) => join(d, f)));
}

describe('the fast CSV path', () => {
  it.each(dataFiles().map((f) => [f.slice(ROOT.length + 1), f]))('takes %s and agrees with csv-parse', (_name, path) => {
    const text = readFileSync(path, 'utf8');
    const fast = parseSimpleCsv(text);
    expect(fast).not.toBeNull();
    expect({ columns: fast!.columns, records: fast!.records }).toEqual(viaCsvParse(text));
  });

  it('agrees with csv-parse on arbitrary CSV-like text, or declines it', () => {
    const cell = fc.oneof(
      fc.stringMatching(/^[a-z ;:.-]{0,6}$/),
      fc.string({ unit: fc.constantFrom('a', ' ', ',', '"', '\n', '\r', '\r\n', '\t', '\ufeff', 'é'), maxLength: 8 }),
    );
    const quoted = cell.map((c) => `"${c.replaceAll('"', '""')}"`);
    const row = fc.array(fc.oneof(cell, quoted), { minLength: 1, maxLength: 4 }).map((cells) => cells.join(','));
    const csv = fc.tuple(fc.array(row, { minLength: 0, maxLength: 6 }), fc.constantFrom('\n', '\r\n'), fc.boolean()).map(([rows, eol, bom]) => `${bom ? '\ufeff' : ''}${rows.join(eol)}`);
    let taken = 0;
    fc.assert(
      fc.property(csv, (text) => {
        const fast = parseSimpleCsv(text);
        if (fast === null) return;
        taken++;
        expect({ columns: fast.columns, records: fast.records }).toEqual(viaCsvParse(text));
      }),
      { seed: SEED, numRuns: 3000 },
    );
    // The fast path must actually be taken often, or the comparison proves nothing.
    expect(taken).toBeGreaterThan(300);
  });

  it('leaves errors to csv-parse: same messages as before', () => {
    expect(() => readCsv('m.csv', 'key,title\n"unclosed\n')).toThrow(/^not valid CSV: /);
    expect(() => readCsv('m.csv', 'key,title\na,b,c\n')).toThrow(/not valid CSV/);
    expect(() => readCsv('m.csv', 'key,key\na,b\n')).toThrow(/column "key" appears twice/);
  });
});
