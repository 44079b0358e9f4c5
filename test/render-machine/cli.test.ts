/**
 * The machine formats as a user gets them: `stridebench report … -f sarif|junit|csv|json`
 * through the built CLI (the test script builds first), options passed by flag name.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { CLI, CORPUS, HAVE_CORPUS, ROOT } from '../helpers/paths.js';
import { runCli } from '../helpers/cli.js';
import { CSV_COLUMNS } from '../../src/render/csv.js';
import { githubSarifProblems } from './github-sarif.js';
import { HAVE_SARIF_SCHEMA, sarifValidator } from './sarif-schema.js';
import { compileSchema, schemaErrors } from './schema-validators.js';
import { childElements, parseXml } from './xml-parse.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;

const READY = HAVE_CORPUS && HAVE_SARIF_SCHEMA && existsSync(CLI) && existsSync(join(ROOT, 'dist', 'src', 'analysis', 'index.js'));
const DBS_LOG = join(CORPUS, 'talha-dbs-1.6.0.log');
const AQUA_LOG = join(CORPUS, 'obstmi-aquadb-cis1.2-before.txt');
const DATE = ['--date', '2026-01-01T00:00:00Z'];
const TIMEOUT = 60_000;

function cliDescribe(name: string, fn: () => void): void {
  if (READY) describe(name, fn);
  else {
    // eslint-disable-next-line no-console
    console.warn(`SKIPPED "${name}": needs the corpus, the SARIF schema and a build with the analysis stage (npx tsc -p tsconfig.json)`);
    describe.skip(name, fn);
  }
}

cliDescribe('stridebench report in the machine formats', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'stridebench-machine-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([DBS_LOG, AQUA_LOG])('writes valid, reproducible SARIF for %s', (input) => {
    const first = runCli(['report', input, '-f', 'sarif', ...DATE]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(sarifValidator()(first.stdout)).toEqual([]);
    expect(githubSarifProblems(first.stdout)).toEqual([]);
    const log: Json = JSON.parse(first.stdout);
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0].results.length).toBeGreaterThan(0);
    expect(runCli(['report', input, '-f', 'sarif', ...DATE]).stdout).toBe(first.stdout);
  }, TIMEOUT);

  it('passes --sarif-location and --sarif-all through to the renderer', () => {
    const r = runCli(['report', DBS_LOG, '-f', 'sarif', '--sarif-location', 'deploy/daemon.json', '--sarif-all', ...DATE]);
    expect(r.code).toBe(0);
    const log: Json = JSON.parse(r.stdout);
    const uris = new Set(log.runs[0].results.map((x: Json) => x.locations[0].physicalLocation.artifactLocation.uri));
    expect(uris).toEqual(new Set(['deploy/daemon.json']));
    expect(new Set(log.runs[0].results.map((x: Json) => x.properties.verdict)).size).toBeGreaterThan(1);
  }, TIMEOUT);

  it('refuses a --sarif-location outside the repository with exit 2 and one line', () => {
    const r = runCli(['report', DBS_LOG, '-f', 'sarif', '--sarif-location', '/etc/docker/daemon.json', ...DATE]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/--sarif-location.*relative to the repository root/);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  }, TIMEOUT);

  it('picks JUnit from the .xml extension and writes a well-formed report with unique names', () => {
    const out = join(dir, 'docker-bench.xml');
    const r = runCli(['report', DBS_LOG, '-o', out, ...DATE]);
    expect(r.code).toBe(0);
    const root = parseXml(readFileSync(out, 'utf8'));
    const cases = childElements(root, 'testsuite').flatMap((s) => childElements(s, 'testcase'));
    expect(cases.length).toBe(Number(root.attributes['tests']));
    expect(new Set(cases.map((c) => c.attributes['name'])).size).toBe(cases.length);
  }, TIMEOUT);

  it('writes CSV with a header and rows of equal width', () => {
    const out = join(dir, 'report.csv');
    expect(runCli(['report', AQUA_LOG, '-o', out, ...DATE]).code).toBe(0);
    const rows = parseCsv(readFileSync(out, 'utf8'), { record_delimiter: '\r\n' }) as string[][];
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows.length).toBeGreaterThan(100);
  }, TIMEOUT);

  it.each([DBS_LOG, AQUA_LOG])('prints JSON that report.schema.json accepts for %s', (input) => {
    const r = runCli(['report', input, '-f', 'json', ...DATE]);
    expect(r.code).toBe(0);
    expect(schemaErrors(compileSchema('report'), JSON.parse(r.stdout))).toEqual([]);
  }, TIMEOUT);
});
