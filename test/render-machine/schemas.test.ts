import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingestFile } from '../../src/ingest/index.js';
import { INPUT_FORMATS, RAW_STATUSES, emptyResult, emptyRun, type ParsedInput } from '../../src/model/types.js';
import { SEVERITIES, VERDICTS, type AnalysedReport } from '../../src/model/report.js';
import { STRIDE_CATEGORIES } from '../../src/knowledge/types.js';
import { FIXTURES, corpusDescribe } from '../helpers/paths.js';
import { runCli } from '../helpers/cli.js';
import { buildReport } from './fixture.js';
import { corpusInputs } from './corpus-files.js';
import { compileSchema, loadSchema, schemaErrors, type SchemaName } from './schema-validators.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;

/** The report as it travels: through JSON (lone surrogates and all). */
function asJson<T>(value: T): Json {
  return JSON.parse(JSON.stringify(value));
}

/** The parse model of a report: what `stridebench parse` printed before analysis. */
function toParsed(report: AnalysedReport): ParsedInput {
  return {
    schemaVersion: '1.0',
    input: report.input,
    runs: report.runs.map(({ summary: _s, priorities: _p, caveats: _c, results, ...run }) => ({
      ...run,
      results: results.map(({ control: _k, stride: _st, verdict: _v, severity: _sv, caveats: _rc, waiver: _w, priority: _pr, ...result }) => result),
    })),
    warnings: report.warnings,
  };
}

const validators = {
  report: compileSchema('report'),
  parse: compileSchema('parse'),
  diff: compileSchema('diff'),
};

describe('the schemas themselves', () => {
  it.each(['report', 'parse', 'diff'] as SchemaName[])('%s compiles in strict mode with a 2020-12 $schema and an $id', (name) => {
    const schema = loadSchema(name);
    expect(schema['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema['$id']).toBe(`https://stridebench.dev/schemas/${name}.schema.json`);
    expect(() => compileSchema(name)).not.toThrow();
  });

  it('share identical definitions for the parts of the model they share', () => {
    const parse = loadSchema('parse')['$defs'] as Record<string, unknown>;
    const report = loadSchema('report')['$defs'] as Record<string, unknown>;
    const diff = loadSchema('diff')['$defs'] as Record<string, unknown>;
    for (const name of ['schemaVersion', 'toolName', 'rawStatus', 'inputFormat', 'textEncoding', 'sourceLocation', 'parseWarning', 'section', 'toolTotals', 'inputInfo']) {
      expect(report[name]).toEqual(parse[name]);
    }
    for (const name of ['schemaVersion', 'toolName', 'inputFormat', 'textEncoding', 'inputInfo', 'parseWarning', 'verdict', 'severity', 'strideCategory']) {
      expect(diff[name]).toEqual(report[name] ?? parse[name]);
    }
  });

  it('use the same enums as the code', () => {
    const report = loadSchema('report')['$defs'] as Json;
    expect(report.verdict.enum).toEqual([...VERDICTS]);
    expect(report.severity.enum).toEqual([...SEVERITIES]);
    expect(report.strideCategory.enum).toEqual([...STRIDE_CATEGORIES]);
    expect(report.inputFormat.enum).toEqual([...INPUT_FORMATS]);
    expect(report.rawStatus.enum).toEqual([...RAW_STATUSES]);
  });

  it('name every field of a result and a run, as the model builds them', () => {
    const parse = loadSchema('parse')['$defs'] as Json;
    const result = emptyResult('1.1', 'PASS', 't', { line: 1 });
    expect(Object.keys(parse.result.properties).sort()).toEqual(Object.keys(result).sort());
    expect([...parse.result.required].sort()).toEqual(Object.keys(result).sort());
    const run = emptyRun('docker-bench-security');
    expect(Object.keys(parse.run.properties).sort()).toEqual(Object.keys(run).sort());
  });
});

describe('report.schema.json', () => {
  it('accepts the fixture report, hostile strings and all', () => {
    expect(schemaErrors(validators.report, asJson(buildReport()))).toEqual([]);
  });

  it.each<[string, (r: Json) => void]>([
    ['an unknown verdict', (r) => (r.runs[0].results[0].verdict = 'PASSED')],
    ['an unknown severity', (r) => (r.runs[0].results[0].severity = 'severe')],
    ['an unknown STRIDE category', (r) => (r.runs[0].results[0].stride = ['Spoof'])],
    ['an unknown input format', (r) => (r.input.format = 'nessus')],
    ['an extra property on a result', (r) => (r.runs[0].results[0].extra = 1)],
    ['an extra property on the report', (r) => (r.extra = 1)],
    ['a missing summary', (r) => delete r.runs[0].summary],
    ['a verdict count missing', (r) => delete r.runs[0].summary.verdicts.WAIVED],
    ['a score above 100', (r) => (r.runs[0].summary.score = 101)],
    ['a line number of 0', (r) => (r.runs[0].results[0].source.line = 0)],
    ['a bad sha256', (r) => (r.input.sha256 = 'xyz')],
    ['a waiver expiry that is not a date', (r) => (r.waivers.applied[0].expires = 'next year')],
    ['a control without its fix field', (r) => delete r.controls[Object.keys(r.controls)[0]!].fix],
    ['a schemaVersion of another major', (r) => (r.schemaVersion = '2.0')],
    ['a run without results', (r) => (r.runs[0].results = [])],
  ])('rejects %s', (_what, mutate) => {
    const report = asJson(buildReport());
    mutate(report);
    expect(schemaErrors(validators.report, report)).not.toEqual([]);
  });
});

describe('parse.schema.json', () => {
  it('accepts the parse model of the fixture', () => {
    expect(schemaErrors(validators.parse, asJson(toParsed(buildReport())))).toEqual([]);
  });

  it('rejects analysis fields in the parse model', () => {
    const parsed = asJson(toParsed(buildReport()));
    parsed.runs[0].results[0].verdict = 'FINDING';
    expect(schemaErrors(validators.parse, parsed)).not.toEqual([]);
  });
});

describe('diff.schema.json', () => {
  const example = JSON.parse(readFileSync(join(FIXTURES, 'render-machine', 'diff-example.json'), 'utf8')) as Json;

  it('accepts a diff with every kind of change', () => {
    expect(schemaErrors(validators.diff, example)).toEqual([]);
    expect(new Set(example.changes.map((c: Json) => c.change)).size).toBe(8);
  });

  it.each<[string, (d: Json) => void]>([
    ['only-before with an after verdict', (d) => (d.changes.find((c: Json) => c.change === 'only-before').after = 'FINDING')],
    ['only-after with a before id', (d) => (d.changes.find((c: Json) => c.change === 'only-after').ids.before = '5.10')],
    ['fixed without an after verdict', (d) => (d.changes.find((c: Json) => c.change === 'fixed').after = null)],
    ['an unknown change kind', (d) => (d.changes[0].change = 'improved')],
    ['a summary without a change kind', (d) => delete d.summary.changes.unchanged],
    ['provenance without its run index', (d) => delete d.before.run],
    ['a change without an item field', (d) => delete d.changes[0].item],
  ])('rejects %s', (_what, mutate) => {
    const diff = structuredClone(example);
    mutate(diff);
    expect(schemaErrors(validators.diff, diff)).not.toEqual([]);
  });
});

corpusDescribe('parse.schema.json over the corpus', () => {
  const inputs = corpusInputs();
  it('finds corpus files to check', () => {
    expect(inputs.length).toBeGreaterThan(40);
  });

  it.each(inputs.map((i) => [i.file, i] as const))('%s parses into a valid model', async (_file, input) => {
    const parsed = await ingestFile(input.path);
    expect(schemaErrors(validators.parse, asJson(parsed))).toEqual([]);
    expect(parsed.runs.length).toBeGreaterThan(0);
  });

  it('`stridebench parse` prints valid models (built CLI)', () => {
    const picks = inputs.filter((i) => /\.(log|json|txt)$/.test(i.file)).slice(0, 4);
    expect(picks.length).toBeGreaterThan(0);
    for (const input of picks) {
      const r = runCli(['parse', input.path]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(schemaErrors(validators.parse, JSON.parse(r.stdout))).toEqual([]);
    }
  });
});
