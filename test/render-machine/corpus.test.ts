/**
 * Every corpus file with results through the real pipeline (ingest → knowledge → analysis →
 * render) into all machine formats: the JSON report against report.schema.json, SARIF
 * against the official schema and GitHub's rules, JUnit through the strict parser, CSV
 * through csv-parse. Runs twice: through a naive stand-in analysis (so the renderers meet
 * real ids, titles and item lists today), and through the real analysis stage, which skips
 * visibly until src/analysis/index.ts exists.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { ingestFile } from '../../src/ingest/index.js';
import type { AnalysedReport } from '../../src/model/report.js';
import type { KnowledgeBase } from '../../src/knowledge/types.js';
import { render as renderSarif } from '../../src/render/sarif.js';
import { render as renderJunit } from '../../src/render/junit.js';
import { render as renderCsv, CSV_COLUMNS } from '../../src/render/csv.js';
import { CORPUS, HAVE_CORPUS, ROOT, corpusDescribe } from '../helpers/paths.js';
import { corpusInputs, inputReady } from './corpus-files.js';
import { githubSarifProblems } from './github-sarif.js';
import { HAVE_SARIF_SCHEMA, sarifValidator, type SarifValidator } from './sarif-schema.js';
import { standInAnalyse } from './stand-in-analysis.js';
import type { ValidateFunction } from 'ajv';
import { compileSchema, schemaErrors } from './schema-validators.js';
import { childElements, parseXml } from './xml-parse.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;

const OPTIONS = { top: 5 };
const GENERATED_AT = '2026-01-01T00:00:00.000Z';
/** A 77-run log renders ~9,000 JUnit cases and CSV rows; give slow CI machines room. */
const CORPUS_FILE_TIMEOUT = 120_000;
const PIPELINE_READY = existsSync(join(ROOT, 'src', 'analysis', 'index.ts')) && existsSync(join(ROOT, 'src', 'knowledge', 'index.ts'));

// Module paths in variables: the analysis stage is written in parallel and may not exist yet,
// and a static import of a missing module would fail this file's type check.
const ANALYSIS_MODULE = '../../src/analysis/index.js';
const KNOWLEDGE_MODULE = '../../src/knowledge/index.js';

type Analyse = (parsed: unknown, knowledge: KnowledgeBase, options: Record<string, unknown>) => AnalysedReport | Promise<AnalysedReport>;

function pipelineDescribe(name: string, fn: () => void): void {
  if (HAVE_CORPUS && PIPELINE_READY && HAVE_SARIF_SCHEMA) describe(name, fn);
  else {
    const why = !HAVE_CORPUS ? `the shared corpus is not at ${CORPUS}` : !PIPELINE_READY ? 'src/analysis/index.ts does not exist yet' : 'the official SARIF schema is missing';
    // eslint-disable-next-line no-console
    console.warn(`SKIPPED "${name}": ${why}`);
    describe.skip(name, fn);
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

async function loadKnowledgeBase(): Promise<KnowledgeBase> {
  const knowledgeModule = (await import(KNOWLEDGE_MODULE)) as { loadKnowledge: () => KnowledgeBase };
  return knowledgeModule.loadKnowledge();
}

// The stand-in only stands in: once the real analysis exists it is skipped, to halve the time.
(HAVE_SARIF_SCHEMA && !PIPELINE_READY ? corpusDescribe : describe.skip)('machine formats over the corpus, through a stand-in analysis (raw status → verdict)', () => {
  const inputs = corpusInputs().filter(inputReady);
  const reportSchema = compileSchema('report');
  const validateSarif = sarifValidator();
  let knowledge: KnowledgeBase;

  beforeAll(async () => {
    knowledge = await loadKnowledgeBase();
  });

  it('has corpus files to check', () => {
    expect(inputs.length).toBeGreaterThan(40);
  });

  it.each(inputs.map((i) => [i.file, i] as const))('%s', async (_file, input) => {
    checkAllFormats(standInAnalyse(await ingestFile(input.path), knowledge, GENERATED_AT), reportSchema, validateSarif);
  }, CORPUS_FILE_TIMEOUT);
});

pipelineDescribe('machine formats over the corpus, through the real pipeline', () => {
  const inputs = corpusInputs().filter(inputReady);
  const reportSchema = compileSchema('report');
  const validateSarif = sarifValidator();
  let analyse: Analyse;
  let knowledge: KnowledgeBase;

  beforeAll(async () => {
    const analysis = (await import(ANALYSIS_MODULE)) as { analyse: Analyse };
    analyse = analysis.analyse;
    knowledge = await loadKnowledgeBase();
  });

  it('has corpus files to check', () => {
    expect(inputs.length).toBeGreaterThan(40);
  });

  it.each(inputs.map((i) => [i.file, i] as const))('%s', async (_file, input) => {
    const parsed = await ingestFile(input.path);
    checkAllFormats(await analyse(parsed, knowledge, { generatedAt: GENERATED_AT }), reportSchema, validateSarif);
  }, CORPUS_FILE_TIMEOUT);
});
