import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { CSV_COLUMNS, csvField, render, unneutralise } from '../../src/render/csv.js';
import { toWellFormed } from '../../src/render/text.js';
import type { AnalysedReport } from '../../src/model/report.js';
import { buildReport, buildTwoRunReport, HOSTILE } from './fixture.js';

const OPTIONS = { top: 5 };
const TRIGGERS = ['=', '+', '-', '@', '\t', '\r'];

/** Strict RFC 4180 reading: CRLF records, every row as wide as the header. */
function readCsv(text: string): string[][] {
  return parse(text, { record_delimiter: '\r\n', relax_column_count: false, relax_quotes: false, skip_empty_lines: false }) as string[][];
}

/** The row each result should produce, computed from the report without the renderer. */
function expectedRows(report: AnalysedReport): string[][] {
  return report.runs.flatMap((run) =>
    run.results.map((r) => {
      const fix = report.controls[r.control ?? '']?.fix?.action ?? r.remediation ?? '';
      return [
        String(run.index),
        run.host ?? 'docker-bench.log',
        r.section ?? '',
        r.id,
        r.control ?? '',
        r.title,
        r.items.join('\n'),
        r.status,
        r.verdict,
        r.severity,
        r.stride.join(';'),
        r.caveats.map((c) => c.rule).join(';'),
        r.waiver?.reason ?? '',
        fix.split(/\r\n|\r|\n/).map((l) => l.trim()).find((l) => l !== '') ?? '',
        r.source.line === null ? '' : String(r.source.line),
      ].map(toWellFormed);
    }),
  );
}

describe('CSV', () => {
  const report = buildReport();
  const text = render(report, OPTIONS);
  const rows = readCsv(text);

  it('has a header row and one row per result, all of the same width', () => {
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(1 + report.runs[0]!.results.length);
    for (const row of rows) expect(row).toHaveLength(CSV_COLUMNS.length);
  });

  it('ends every record with CRLF', () => {
    expect(text.endsWith('\r\n')).toBe(true);
    // Outside quoted fields there is no bare LF: counting records by CRLF gives the row count.
    let inQuotes = false;
    let records = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (ch === '"') inQuotes = !inQuotes;
      else if (!inQuotes && ch === '\n') {
        expect(text[i - 1]).toBe('\r');
        records++;
      } else if (!inQuotes && ch === '\r') expect(text[i + 1]).toBe('\n');
    }
    expect(records).toBe(rows.length);
  });

  it('restores every value, apart from the leading apostrophe', () => {
    const want = expectedRows(report);
    const got = rows.slice(1).map((row) => row.map(unneutralise));
    expect(got).toEqual(want);
  });

  it('neutralises formula injection in every cell', () => {
    for (const row of rows) {
      for (const cell of row) expect(TRIGGERS.includes(cell[0] ?? '')).toBe(false);
    }
    const fixCell = (id: string) => rows.find((r) => r[3] === id)![13];
    expect(fixCell('2.1')).toBe(`'${HOSTILE.formulaCmd} — set "icc": false in daemon.json`);
    expect(fixCell('2.17.a')).toMatch(/^'\+1 /);
    expect(fixCell('4.6')).toMatch(/^'-2 /);
    expect(fixCell('5.4')).toMatch(/^'@SUM/);
    const titleOfUnknown = rows.find((r) => r[4] === '' && r[3]!.startsWith('C.1'))!;
    expect(titleOfUnknown[13]).toBe(`'${HOSTILE.formulaCmd}`);
  });

  it('neutralises hostile item and host names that open a cell', () => {
    const r = buildReport();
    r.runs[0]!.host = HOSTILE.at;
    const memory = r.runs[0]!.results.find((x) => x.id === '5.10')!;
    memory.items = [HOSTILE.formulaCmd, HOSTILE.html, HOSTILE.newlines];
    const row = readCsv(render(r, OPTIONS)).find((x) => x[3] === '5.10')!;
    expect(row).toHaveLength(CSV_COLUMNS.length);
    expect(row[1]).toBe(`'${HOSTILE.at}`);
    expect(row[6]).toBe(`'${memory.items.join('\n')}`);
    expect(unneutralise(row[6]!).split('\n')[0]).toBe(HOSTILE.formulaCmd);
  });

  it.each([
    ["=cmd|' /C calc'!A0", `'=cmd|' /C calc'!A0`],
    ['+1', "'+1"],
    ['-2', "'-2"],
    ['@SUM(1)', "'@SUM(1)"],
    ['\tx', "'\tx"],
    ['\rx', `"'\rx"`],
    ["'=already", `''=already`],
    ["'plain", "'plain"],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['', ''],
  ])('writes %j as %j', (value, field) => {
    expect(csvField(value)).toBe(field);
  });

  it('round-trips any string through csv-parse', () => {
    const anyText = fc.string({
      unit: fc.oneof(fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)), fc.constantFrom(...TRIGGERS, "'", '"', ',', '\n', '\r\n')),
      maxLength: 40,
    });
    fc.assert(
      fc.property(fc.array(anyText, { minLength: 2, maxLength: 5 }), (cells) => {
        const line = `${cells.map(csvField).join(',')}\r\n`;
        const [row] = readCsv(line);
        expect(row!.map(unneutralise)).toEqual(cells.map(toWellFormed));
        for (const cell of row!) expect(TRIGGERS.includes(cell[0] ?? '')).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('lists every run with its index and host', () => {
    const two = readCsv(render(buildTwoRunReport(null), OPTIONS)).slice(1);
    const results = buildReport().runs[0]!.results.length;
    expect(two.filter((r) => r[0] === '1')).toHaveLength(results);
    expect(two.filter((r) => r[0] === '2')).toHaveLength(results);
    expect(new Set(two.filter((r) => r[0] === '2').map((r) => r[1]))).toEqual(new Set(['docker-bench.log']));
  });

  it('is deterministic', () => {
    expect(render(buildReport(), OPTIONS)).toBe(text);
    expect(render(structuredClone(report), OPTIONS)).toBe(text);
  });
});
