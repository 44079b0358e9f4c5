/**
 * Every corpus file with results through the real pipeline (ingest → knowledge → analysis →
 * render) into all machine formats: the JSON report against report.schema.json, SARIF
 * against the official schema and GitHub's rules, JUnit through the strict parser, CSV
 * through csv-parse.
 */
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { ingestFile } from '../../src/ingest/index.js';
import type { AnalysedReport } from '../../src/model/report.js';
import { render as renderSarif } from '../../src/render/sarif.js';
import { render as renderJunit } from '../../src/render/junit.js';
import { render as renderCsv, CSV_COLUMNS } from '../../src/render/csv.js';
import { CORPUS, HAVE_CORPUS } from '../helpers/paths.js';
import { corpusInputs } from './corpus-files.js';
import { githubSarifProblems } from './github-sarif.js';
import { HAVE_SARIF_SCHEMA, sarifValidator, type SarifValidator } from './sarif-schema.js';
import { analyse } from '../../src/analysis/index.js';
import { loadKnowledge } from '../../src/knowledge/index.js';
import type { ValidateFunction } from 'ajv';
import { compileSchema, schemaErrors } from './schema-validators.js';
import { childElements, parseXml } from './xml-parse.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;

const OPTIONS = { top: 5 };
const GENERATED_AT = '2026-01-01T00:00:00.000Z';
/** A 77-run log renders ~9,000 JUnit cases and CSV rows; give slow CI machines room. */
const CORPUS_FILE_TIMEOUT = 120_000;
function pipelineDescribe(name: string, fn: () => void): void {
  if (HAVE_CORPUS && HAVE_SARIF_SCHEMA) describe(name, fn);
  else {
    const why = !HAVE_CORPUS ? `the shared corpus is not at ${CORPUS}` : 'the official SARIF schema is missing';
    // The body is not run: it reads corpus files and schemas while tests are collected.
    describe(name, () => {
      it.skip(`needs ${why}`, () => undefined);
    });
  }
}

/** Every machine format of one analysed report holds up. */
function checkAllFormats(report: AnalysedReport, reportSchema: ValidateFunction, validateSarif: SarifValidator): void {
  const results = report.runs.flatMap((r) => r.results);

  // JSON: the report object as `report -f json` prints it.
  expect(schemaErrors(reportSchema, JSON.parse(JSON.stringify(report)))).toEqual([]);

  // SARIF, default and --sarif-all.
  for (const extra of [{}, { sarifAll: true }]) {
    const text = renderSarif(report, { ...OPTIONS, ...extra });
    expect(validateSarif(text)).toEqual([]);
    expect(githubSarifProblems(text)).toEqual([]);
  }
  const sarif: Json = JSON.parse(renderSarif(report, OPTIONS));
  const latest = report.runs[report.runs.length - 1]!;
  const findingKeys = new Set(
    latest.results.filter((r) => r.verdict === 'FINDING').flatMap((r) => (r.items.length > 0 ? r.items : ['']).map((item) => `${r.control ?? `?${r.id}`}|${item}`)),
  );
  const lastSarifRun = sarif.runs.find((r: Json) => r.properties.runIndex === latest.index);
  expect(lastSarifRun.results).toHaveLength(findingKeys.size);
  for (const r of lastSarifRun.results) expect(r.properties.verdict).toBe('FINDING');

  // JUnit: well-formed, unique names, counts.
  const junitText = renderJunit(report, OPTIONS);
  expect(junitText.length).toBeLessThan(30 * 1024 * 1024); // GitLab's limit per file
  const junit = parseXml(junitText);
  const cases = childElements(junit, 'testsuite').flatMap((s) => childElements(s, 'testcase'));
  const names = cases.map((c) => c.attributes['name']);
  expect(new Set(names).size).toBe(names.length);
  const perItem = (pred: (v: string) => boolean) => results.filter((r) => pred(r.verdict)).reduce((n, r) => n + Math.max(1, r.items.length), 0);
  expect(cases).toHaveLength(perItem(() => true));
  expect(Number(junit.attributes['tests'])).toBe(perItem(() => true));
  expect(Number(junit.attributes['failures'])).toBe(perItem((v) => v === 'FINDING'));
  expect(Number(junit.attributes['skipped'])).toBe(perItem((v) => v !== 'FINDING' && v !== 'SATISFIED'));

  // CSV: one row per result, every row as wide as the header, no formula can run.
  const rows = parseCsv(renderCsv(report, OPTIONS), { record_delimiter: '\r\n' }) as string[][];
  expect(rows[0]).toEqual([...CSV_COLUMNS]);
  expect(rows).toHaveLength(1 + results.length);
  for (const row of rows) {
    expect(row).toHaveLength(CSV_COLUMNS.length);
    for (const cell of row) expect(['=', '+', '-', '@', '\t', '\r']).not.toContain(cell[0]);
  }
}

pipelineDescribe('machine formats over the corpus, through the real pipeline', () => {
  const inputs = corpusInputs();
  const reportSchema = compileSchema('report');
  const validateSarif = sarifValidator();
  const knowledge = loadKnowledge();

  it('has corpus files to check', () => {
    expect(inputs.length).toBeGreaterThan(40);
  });

  it.each(inputs.map((i) => [i.file, i] as const))('%s', async (_file, input) => {
    const parsed = await ingestFile(input.path);
    checkAllFormats(await analyse(parsed, knowledge, { generatedAt: GENERATED_AT }), reportSchema, validateSarif);
  }, CORPUS_FILE_TIMEOUT);
});
