import { createHash } from 'node:crypto';
import {
  FINGERPRINT_KEY,
  render,
  SECURITY_SEVERITY,
  UNKNOWN_RULE_PREFIX,
} from '../../src/render/sarif.js';
import { toWellFormed } from '../../src/render/text.js';
import { UsageError } from '../../src/model/errors.js';
import { STRIDE_LABELS } from '../../src/knowledge/types.js';
import type { AnalysedReport, AnalysedResult, Severity } from '../../src/model/report.js';
import { buildReport, buildTwoRunReport, HOSTILE } from './fixture.js';
import { githubSarifProblems } from './github-sarif.js';
import { sarifSchemaDescribe, sarifValidator } from './sarif-schema.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;

const OPTIONS = { top: 5 };
const RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

function sarif(report: AnalysedReport, extra: Record<string, unknown> = {}): Json {
  return JSON.parse(render(report, { ...OPTIONS, ...extra }));
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function ruleOf(log: Json, id: string): Json {
  return log.runs[0].tool.driver.rules.find((r: Json) => r.id === id);
}

sarifSchemaDescribe('SARIF against the official schema and GitHub rules', () => {
  const validate = sarifValidator();

  it.each([
    ['default', {}],
    ['--sarif-all', { sarifAll: true }],
    ['--sarif-location', { sarifLocation: 'deploy/daemon.json' }],
  ])('validates, %s', (_label, extra) => {
    const text = render(buildReport(), { ...OPTIONS, ...extra });
    expect(validate(text)).toEqual([]);
    expect(githubSarifProblems(text)).toEqual([]);
  });

  it('validates with several hosts', () => {
    const text = render(buildTwoRunReport('build-02'), { ...OPTIONS, sarifAll: true });
    expect(validate(text)).toEqual([]);
    expect(githubSarifProblems(text)).toEqual([]);
  });

  it('the schema check can fail: a result without a message is refused', () => {
    const log = sarif(buildReport());
    delete log.runs[0].results[0].message;
    expect(validate(JSON.stringify(log))).not.toEqual([]);
  });
});

describe('SARIF content', () => {
  const report = buildReport();
  const run = report.runs[0]!;
  const host = run.host!;
  const log = sarif(report);
  const sarifRun = log.runs[0];

  it('has the tool, version and automation id per host', () => {
    expect(log.version).toBe('2.1.0');
    expect(sarifRun.tool.driver.name).toBe('stridebench');
    expect(sarifRun.tool.driver.semanticVersion).toBe(report.generator.version);
    expect(sarifRun.automationDetails.id).toMatch(/^stridebench\/[A-Za-z0-9._-]+\/$/);
    expect(sarifRun.properties.host).toBe(host);
  });

  it('holds only FINDINGs by default, one result per control and item', () => {
    const findings = run.results.filter((r) => r.verdict === 'FINDING');
    const expected = new Set(findings.flatMap((r) => (r.items.length > 0 ? r.items : [null]).map((item) => `${r.control ?? `?${r.id}`}|${item ?? ''}`)));
    expect(sarifRun.results).toHaveLength(expected.size);
    for (const result of sarifRun.results) expect(result.properties.verdict).toBe('FINDING');
    // The two printed 2.1 lines are one alert that names both printings.
    const icc = sarifRun.results.filter((r: Json) => r.ruleId === 'docker.daemon.icc');
    expect(icc).toHaveLength(1);
    expect(icc[0].properties.printed.map((p: Json) => p.line)).toEqual([6, 7]);
    expect(sarifRun.results.some((r: Json) => r.suppressions)).toBe(false);
  });

  it('fingerprints each result from host, control and item', () => {
    for (const result of sarifRun.results) {
      const item = result.properties.item === null ? '' : findItem(run.results, result);
      expect(result.partialFingerprints[FINGERPRINT_KEY]).toBe(sha256(toWellFormed(`${host}|${result.ruleId}|${item}`)));
      expect(result.partialFingerprints.primaryLocationLineHash).toBe(`${result.partialFingerprints[FINGERPRINT_KEY].slice(0, 16)}:1`);
    }
    const prints = sarifRun.results.map((r: Json) => r.partialFingerprints[FINGERPRINT_KEY]);
    expect(new Set(prints).size).toBe(prints.length);
  });

  it('keeps fingerprints when lines move, and changes them with the host', () => {
    const moved = buildReport();
    for (const r of moved.runs[0]!.results) r.source.line = (r.source.line ?? 0) + 100;
    moved.runs[0]!.results.reverse();
    const fingerprints = (l: Json) => new Set(l.runs[0].results.map((r: Json) => r.partialFingerprints[FINGERPRINT_KEY]));
    expect(fingerprints(sarif(moved))).toEqual(fingerprints(log));
    const otherHost = buildReport();
    otherHost.runs[0]!.host = 'build-02';
    const other = fingerprints(sarif(otherHost));
    for (const f of fingerprints(log)) expect(other.has(f)).toBe(false);
  });

  it('anchors every result on the per-host findings path by default', () => {
    const uris = new Set(sarifRun.results.map((r: Json) => r.locations[0].physicalLocation.artifactLocation.uri));
    expect(uris.size).toBe(1);
    const [uri] = [...uris] as string[];
    expect(uri).toMatch(/^stridebench\/[A-Za-z0-9._-]+\.findings$/);
    expect(uri!.slice('stridebench/'.length, -'.findings'.length)).toBe(sarifRun.automationDetails.id.split('/')[1]);
  });

  it('uses the input file name as host when the output names none', () => {
    const noHost = buildReport();
    noHost.runs[0]!.host = null;
    const l = sarif(noHost);
    expect(l.runs[0].properties.host).toBe('docker-bench.log');
    expect(l.runs[0].automationDetails.id).toBe('stridebench/docker-bench.log/');
    expect(l.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('stridebench/docker-bench.log.findings');
  });

  it('anchors on a repository file with --sarif-location, normalised to a relative URI', () => {
    for (const [given, uri] of [
      ['deploy/daemon.json', 'deploy/daemon.json'],
      ['./deploy\\daemon.json', 'deploy/daemon.json'],
      ['conf/my daemon#1.json', 'conf/my%20daemon%231.json'],
    ]) {
      const l = sarif(buildReport(), { sarifLocation: given });
      for (const r of l.runs[0].results) expect(r.locations[0].physicalLocation.artifactLocation.uri).toBe(uri);
    }
    // kebab-case option names, as yargs also passes them, work the same.
    expect(sarif(buildReport(), { 'sarif-location': 'x/daemon.json' }).runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('x/daemon.json');
  });

  it.each(['/etc/docker/daemon.json', 'C:\\repo\\daemon.json', 'file:///etc/docker/daemon.json', '../daemon.json', '.'])(
    'refuses --sarif-location %s, which cannot be a file in the checkout',
    (location) => {
      expect(() => render(buildReport(), { ...OPTIONS, sarifLocation: location })).toThrow(UsageError);
    },
  );

  it('has one rule per control with help, tags, security-severity and precision', () => {
    const rules: Json[] = sarifRun.tool.driver.rules;
    expect(rules.map((r) => r.id)).toEqual([...new Set(sarifRun.results.map((r: Json) => r.ruleId))].sort());
    for (const rule of rules) {
      const control = report.controls[rule.id];
      const related = run.results.filter((r) => (r.control ?? '') === (control?.key ?? '-') && r.verdict === 'FINDING');
      if (!control) continue;
      const worst = related.map((r) => r.severity).reduce((a, b) => (RANK[b] > RANK[a] ? b : a));
      expect(rule.properties['security-severity']).toBe(SECURITY_SEVERITY[worst]);
      expect(rule.shortDescription.text).toBe(control.title);
      expect(rule.properties.tags).toEqual(expect.arrayContaining(['security', STRIDE_LABELS[control.stride.primary], `CIS ${related[0]!.section}`]));
      expect(rule.help.markdown).toContain(control.fix!.action);
      expect(rule.help.text).toContain(control.rationale);
    }
    // Markup from the knowledge text is escaped in the Markdown help, kept in the plain help.
    const audit = ruleOf(log, 'docker.host.audit-dockerd');
    expect(audit.help.markdown).not.toContain(HOSTILE.html);
    expect(audit.help.markdown).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(audit.help.text).toContain(HOSTILE.html);
  });

  it('lowers precision for rules whose results carry caveats or are unknown', () => {
    expect(ruleOf(log, 'docker.daemon.icc').properties.precision).toBe('high');
    expect(ruleOf(log, 'docker.host.audit-dockerd').properties.precision).toBe('medium');
    expect(ruleOf(log, 'docker.daemon.no-new-privileges').properties.precision).toBe('medium');
    const all = sarif(buildReport(), { sarifAll: true });
    expect(ruleOf(all, 'docker.image.content-trust').properties.precision).toBe('low');
    const unknown = log.runs[0].tool.driver.rules.find((r: Json) => r.id.startsWith(UNKNOWN_RULE_PREFIX));
    expect(unknown.properties.precision).toBe('low');
  });

  it('gives results of unknown controls a stable rule under the unknown prefix', () => {
    const unknown = sarifRun.results.filter((r: Json) => r.ruleId.startsWith(UNKNOWN_RULE_PREFIX));
    expect(unknown).toHaveLength(1);
    expect(unknown[0].ruleId).toMatch(/^stridebench\.unknown\/[A-Za-z0-9._-]+$/);
    expect(sarif(buildReport()).runs[0].results.find((r: Json) => r.ruleId.startsWith(UNKNOWN_RULE_PREFIX)).ruleId).toBe(unknown[0].ruleId);
  });

  it('maps severity to level and the title comes first in the message', () => {
    const levels: Record<Severity, string> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };
    for (const result of sarifRun.results) {
      expect(result.level).toBe(levels[result.properties.severity as Severity]);
      const title = report.controls[result.ruleId]?.title;
      if (title) expect(result.message.text.startsWith(title)).toBe(true);
    }
  });

  it('with sarifAll, adds every other verdict as a note and suppresses waived findings with the justification', () => {
    const all = sarif(buildReport(), { sarifAll: true });
    const results: Json[] = all.runs[0].results;
    const verdicts = new Set(results.map((r) => r.properties.verdict));
    expect(verdicts).toEqual(new Set(['FINDING', 'SATISFIED', 'NOT_ASSESSED', 'NOT_APPLICABLE', 'UNVERIFIED', 'WAIVED', 'MANUAL_REVIEW']));
    for (const r of results) {
      if (r.properties.verdict !== 'FINDING' && r.properties.verdict !== 'WAIVED') expect(r.level).toBe('note');
    }
    const waived = results.filter((r) => r.properties.verdict === 'WAIVED');
    expect(waived).toHaveLength(1);
    const waiver = run.results.find((r) => r.verdict === 'WAIVED')!.waiver!;
    expect(waived[0].suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: expect.stringContaining(toWellFormed(waiver.reason)) }]);
    expect(waived[0].suppressions[0].justification).toContain(waiver.expires);
    // The a/b pair of live-restore is one alert for the control.
    expect(results.filter((r) => r.ruleId === 'docker.daemon.live-restore')).toHaveLength(1);
  });

  it('writes only well-formed strings and keeps hostile item names as data', () => {
    const text = render(buildReport(), OPTIONS);
    expect(text).not.toMatch(/\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])/i);
    const items = new Set(sarifRun.results.map((r: Json) => r.properties.item));
    for (const hostile of [HOSTILE.html, HOSTILE.formulaCmd, HOSTILE.quotes, HOSTILE.newlines, HOSTILE.controls]) expect(items.has(hostile)).toBe(true);
    expect(items.has('half\uFFFDpair')).toBe(true);
    // A 10 KB item is cut in the message and the property, not in the fingerprint.
    const big = sarifRun.results.find((r: Json) => typeof r.properties.item === 'string' && r.properties.item.startsWith('big-'));
    expect(big.message.text.length).toBeLessThan(1000);
    expect(big.partialFingerprints[FINGERPRINT_KEY]).toBe(sha256(`${host}|docker.container.memory|${HOSTILE.big}`));
  });

  it('is deterministic', () => {
    expect(render(buildReport(), OPTIONS)).toBe(render(buildReport(), OPTIONS));
    expect(render(buildReport(), { ...OPTIONS, sarifAll: true })).toBe(render(structuredClone(buildReport()), { ...OPTIONS, sarifAll: true }));
  });

  it('writes one run per host, the last run of a host that was scanned several times', () => {
    const twoHosts = sarif(buildTwoRunReport('build-02'));
    expect(twoHosts.runs).toHaveLength(2);
    expect(new Set(twoHosts.runs.map((r: Json) => r.automationDetails.id)).size).toBe(2);
    const sameHost = sarif(buildTwoRunReport(host));
    expect(sameHost.runs).toHaveLength(1);
    expect(sameHost.runs[0].properties.runIndex).toBe(2);
    expect(sameHost.runs[0].properties.earlierRunsOmitted).toBe(1);
  });

  it('refuses more hosts than GitHub accepts in one file', () => {
    const many = buildReport();
    many.runs = Array.from({ length: 21 }, (_, i) => ({ ...structuredClone(many.runs[0]!), index: i + 1, host: `host-${i}` }));
    expect(() => render(many, OPTIONS)).toThrow(UsageError);
  });

  it('refuses option values of the wrong type', () => {
    expect(() => render(buildReport(), { ...OPTIONS, sarifAll: 'yes' })).toThrow(UsageError);
    expect(() => render(buildReport(), { ...OPTIONS, sarifLocation: 3 })).toThrow(UsageError);
  });
});

/** The full item a SARIF result stands for (its property may be truncated). */
function findItem(results: readonly AnalysedResult[], sarifResult: Json): string {
  const shown: string = sarifResult.properties.item;
  const prefix = shown.endsWith('…') ? shown.slice(0, -1) : shown;
  const candidates = results.flatMap((r) => r.items).map(toWellFormed).filter((i) => (shown.endsWith('…') ? i.startsWith(prefix) : i === shown));
  expect(candidates.length).toBeGreaterThan(0);
  return candidates[0]!;
}
