/**
 * The analysis over the real-world corpus, through the real readers and knowledge base:
 * the rules fire where they should (checked against independent oracles read from the raw
 * files), and no result is ever dropped.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { analyse } from '../../src/analysis/index.js';
import { ingestFile } from '../../src/ingest/index.js';
import { loadKnowledge } from '../../src/knowledge/index.js';
import { VERDICTS, type AnalysedReport, type AnalysedResult, type AnalysedRun } from '../../src/model/report.js';
import { CORPUS, ROOT, corpusDescribe } from '../helpers/paths.js';
import { DATE } from './helpers.js';

interface Row {
  file: string;
  kind: string;
  runs: number;
}

function corpusRows(): Row[] {
  const lines = readFileSync(join(CORPUS, 'EXPECTED.tsv'), 'utf8').trim().split('\n');
  const header = lines[0]!.split('\t');
  return lines.slice(1).map((line) => {
    const cells = line.split('\t');
    const get = (name: string) => cells[header.indexOf(name)] ?? '';
    return { file: get('file'), kind: get('kind'), runs: Number(get('runs')) };
  });
}

const cache = new Map<string, Promise<AnalysedReport>>();
function analyseCorpus(file: string): Promise<AnalysedReport> {
  let pending = cache.get(file);
  if (!pending) {
    pending = ingestFile(join(CORPUS, file), { selection: { kind: 'all' } }).then((parsed) => analyse(parsed, loadKnowledge(), { generatedAt: DATE }));
    cache.set(file, pending);
  }
  return pending;
}

/** The raw lines a run came from (the whole file for JSON inputs without line ranges). */
function rawText(file: string, run: AnalysedRun): string {
  const text = readFileSync(join(CORPUS, file), 'utf8');
  if (run.lines === null) return text;
  return text.split('\n').slice(run.lines.first - 1, run.lines.last).join('\n');
}

/** Parsing and analysing every run of every corpus file (some hold ~100 appended runs) takes a while. */
const SLOW = 120_000;

const isRuntime = (r: AnalysedResult) => r.section === '5' && !/swarm mode/i.test(r.title);
const dockerRows = () => corpusRows().filter((r) => r.runs > 0 && /docker-bench|markdown-embedded/.test(r.kind));

corpusDescribe('analysis over the corpus', () => {
  it('keeps every parsed result, each with a verdict, and STRIDE threats when its control is known', async () => {
    for (const row of corpusRows().filter((r) => r.runs > 0)) {
      const parsed = await ingestFile(join(CORPUS, row.file), { selection: { kind: 'all' } });
      const report = await analyseCorpus(row.file);
      expect(report.runs.map((r) => r.results.length)).toEqual(parsed.runs.map((r) => r.results.length));
      for (const run of report.runs) {
        for (const r of run.results) {
          expect(VERDICTS).toContain(r.verdict);
          if (r.control !== null) expect(r.stride.length).toBeGreaterThan(0);
          else expect(r.caveats.some((c) => c.rule === 'unknown-control')).toBe(true);
        }
      }
    }
  }, SLOW);

  it('obstmi-aquadb-cis1.2-before.txt: every a/b pair with one passing variant is SATISFIED, and the failing variant says why', async () => {
    const run = (await analyseCorpus('obstmi-aquadb-cis1.2-before.txt')).runs[0]!;
    const pairs = new Map<string, AnalysedResult[]>();
    for (const r of run.results) {
      const m = /^(\d+\.\d+)\.[ab]$/.exec(r.id);
      if (m) pairs.set(m[1]!, [...(pairs.get(m[1]!) ?? []), r]);
    }
    const withPass = [...pairs.values()].filter((p) => p.length === 2 && p.some((r) => r.status === 'PASS'));
    expect(withPass.length).toBeGreaterThanOrEqual(4);
    for (const pair of withPass) {
      for (const r of pair) expect({ id: r.id, verdict: r.verdict }).toEqual({ id: r.id, verdict: 'SATISFIED' });
      for (const failing of pair.filter((r) => r.status !== 'PASS')) {
        expect(failing.caveats.find((c) => c.rule === 'ab-pair')?.message).toMatch(/expected|default/);
      }
    }
  }, SLOW);

  it('a/b pairs of options that must be set: one passing variant satisfies the control in every corpus run', async () => {
    let seen = 0;
    for (const row of dockerRows()) {
      for (const run of (await analyseCorpus(row.file)).runs) {
        const byParent = new Map<string, AnalysedResult[]>();
        for (const r of run.results) {
          const m = /^(\d+\.\d+)\.[ab]$/.exec(r.id);
          if (m && /tls|authorization|live restore|userland proxy|privileges/i.test(r.title)) byParent.set(m[1]!, [...(byParent.get(m[1]!) ?? []), r]);
        }
        for (const pair of byParent.values()) {
          if (pair.length !== 2 || !pair.some((r) => r.status === 'PASS')) continue;
          seen++;
          expect(pair.map((r) => r.verdict)).toEqual(['SATISFIED', 'SATISFIED']);
        }
      }
    }
    expect(seen).toBeGreaterThan(0);
  }, SLOW);

  it('section 5 is NOT_ASSESSED in every run without running containers, and only there', async () => {
    let without = 0;
    let withContainers = 0;
    for (const row of dockerRows()) {
      for (const run of (await analyseCorpus(row.file)).runs) {
        const raw = rawText(row.file, run);
        // Independent oracle: what the scanner itself printed about the container list.
        const none = /No containers running|"docker inspect" requires at least 1 argument/.test(raw);
        const fired = run.caveats.some((c) => c.rule === 'no-running-containers');
        expect({ file: row.file, run: run.index, fired }).toEqual({ file: row.file, run: run.index, fired: none });
        if (!none) {
          if (run.results.some(isRuntime)) withContainers++;
          continue;
        }
        without++;
        expect(run.summary.notAssessed.join(' ')).toMatch(/section 5/i);
        for (const r of run.results.filter(isRuntime)) expect({ id: r.id, verdict: r.verdict }).toEqual({ id: r.id, verdict: 'NOT_ASSESSED' });
      }
    }
    expect(without).toBeGreaterThan(20);
    expect(withContainers).toBeGreaterThan(20);
  }, SLOW);

  it('swarm checks on hosts without swarm are NOT_APPLICABLE; content-trust passes are UNVERIFIED', async () => {
    let swarmRuns = 0;
    let trustPasses = 0;
    for (const row of dockerRows()) {
      for (const run of (await analyseCorpus(row.file)).runs) {
        const inactive = run.results.some((r) => /swarm mode not enabled/i.test(r.runtimeSuffixes.join(' ')));
        if (inactive) {
          swarmRuns++;
          for (const r of run.results.filter((x) => x.section === '7' && !/swarm mode is not enabled/i.test(x.title))) expect(r.verdict).toBe('NOT_APPLICABLE');
        }
        for (const r of run.results.filter((x) => /content trust/i.test(x.title) && x.status === 'PASS')) {
          trustPasses++;
          expect(r.verdict).toBe('UNVERIFIED');
        }
      }
    }
    expect(swarmRuns).toBeGreaterThan(10);
    expect(trustPasses).toBeGreaterThan(0);
  }, SLOW);

  it('hasan-orthanc-dbs-1.6.0.log.json: the "1.6.0" banner over CIS 1.5.0 ids is called out', async () => {
    const run = (await analyseCorpus('hasan-orthanc-dbs-1.6.0.log.json')).runs[0]!;
    expect(run.benchmark).toBe('dbs-v1.5.0');
    expect(run.caveats.find((c) => c.rule === 'numbering')?.message).toMatch(/git tag v1\.6\.0/);
  }, SLOW);

  it('every analysed corpus report matches the published JSON Schema (schemas/report.schema.json)', async () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'report.schema.json'), 'utf8')) as object;
    const dateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
    const validate = new Ajv2020({ strict: false, allErrors: true, formats: { 'date-time': (v: string) => dateTime.test(v) } }).compile(schema);
    for (const row of corpusRows().filter((r) => r.runs > 0)) {
      const report = await analyseCorpus(row.file);
      // JSON round trip: what `report -f json` prints.
      const valid = validate(JSON.parse(JSON.stringify(report)));
      expect({ file: row.file, errors: valid ? [] : (validate.errors ?? []).slice(0, 3) }).toEqual({ file: row.file, errors: [] });
    }
  }, SLOW);

  it('grep FAIL excerpts are partial and say that missing checks were not assessed', async () => {
    for (const file of ['placidi-aquadb-grepFAIL-before.txt', 'oyelowo-kubebench-grepFAIL.txt']) {
      const run = (await analyseCorpus(file)).runs[0]!;
      expect(run.partial).toBe(true);
      expect(run.summary.notAssessed.some((s) => /Partial run/.test(s))).toBe(true);
    }
  }, SLOW);
});
