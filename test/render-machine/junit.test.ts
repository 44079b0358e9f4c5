import fc from 'fast-check';
import { render } from '../../src/render/junit.js';
import { stripInvalidXmlChars } from '../../src/render/xml.js';
import type { AnalysedReport, AnalysedResult } from '../../src/model/report.js';
import { buildReport, buildTwoRunReport, HOSTILE } from './fixture.js';
import { childElements, parseXml, textOf, type XmlElement } from './xml-parse.js';

const OPTIONS = { top: 5 };

function parse(report: AnalysedReport): XmlElement {
  return parseXml(render(report, OPTIONS));
}

function testcases(root: XmlElement): XmlElement[] {
  return childElements(root, 'testsuite').flatMap((s) => childElements(s, 'testcase'));
}

/** What the document must hold, computed from the report without the renderer. */
function expectedCounts(report: AnalysedReport) {
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  for (const run of report.runs) {
    for (const r of run.results) {
      const n = Math.max(1, r.items.length);
      tests += n;
      if (r.verdict === 'FINDING') failures += n;
      else if (r.verdict !== 'SATISFIED') skipped += n;
    }
  }
  return { tests, failures, skipped };
}

function firstNonBlankLine(text: string): string {
  return text.split(/\r?\n|\r/).map((l) => l.trim()).find((l) => l !== '') ?? '';
}

function casesOf(root: XmlElement, id: string): XmlElement[] {
  return testcases(root).filter((t) => t.attributes['name']!.startsWith(`${id} `));
}

describe('JUnit XML', () => {
  const report = buildReport();
  const root = parse(report);

  it('is a <testsuites> document with correct totals', () => {
    expect(root.name).toBe('testsuites');
    const want = expectedCounts(report);
    expect(root.attributes).toMatchObject({
      tests: String(want.tests),
      failures: String(want.failures),
      skipped: String(want.skipped),
      errors: '0',
      time: '0',
    });
    expect(testcases(root)).toHaveLength(want.tests);
  });

  it('has one suite per section, named after it, with counts matching its test cases', () => {
    const suites = childElements(root, 'testsuite');
    const run = report.runs[0]!;
    const sectionIds = [...new Set(run.results.map((r) => r.section))];
    expect(suites.map((s) => s.attributes['name'])).toEqual(
      sectionIds.map((id) => stripInvalidXmlChars(`${id} ${run.sections.find((s) => s.id === id)!.title}`)),
    );
    for (const suite of suites) {
      const cases = childElements(suite, 'testcase');
      expect(suite.attributes['tests']).toBe(String(cases.length));
      expect(suite.attributes['failures']).toBe(String(cases.filter((c) => childElements(c, 'failure').length === 1).length));
      expect(suite.attributes['skipped']).toBe(String(cases.filter((c) => childElements(c, 'skipped').length === 1).length));
      expect(suite.attributes['errors']).toBe('0');
      for (const c of cases) expect(c.attributes['classname']).toBe(`stridebench.${suite.attributes['name']!.split(' ')[0]}`);
    }
  });

  it('gives every test case a unique name, numbering repeats in printing order', () => {
    const names = testcases(root).map((t) => t.attributes['name']!);
    expect(new Set(names).size).toBe(names.length);
    const icc = casesOf(root, '2.1').map((t) => t.attributes['name']);
    expect(icc).toHaveLength(2);
    expect(icc[1]).toBe(`${icc[0]} (2)`);
    // 5.10 lists container "web" twice.
    expect(casesOf(root, '5.10').map((t) => t.attributes['name'])).toEqual(
      expect.arrayContaining(['5.10 Ensure memory usage for container is limited [web]', '5.10 Ensure memory usage for container is limited [web] (2)']),
    );
  });

  it('has one test case per item, the item in the name', () => {
    const memory = report.runs[0]!.results.find((r) => r.id === '5.10')!;
    const cases = casesOf(root, '5.10');
    expect(cases).toHaveLength(memory.items.length);
    expect(cases.map((c) => c.attributes['name'])).toContain(`5.10 ${memory.title} [${HOSTILE.html}]`);
    expect(cases.map((c) => c.attributes['name'])).toContain(`5.10 ${memory.title} [${HOSTILE.formulaCmd}]`);
  });

  it('maps FINDING to <failure> with the first line of the fix as message and the severity as type', () => {
    const findings = report.runs[0]!.results.filter((r) => r.verdict === 'FINDING');
    for (const result of findings) {
      const action = report.controls[result.control ?? '']?.fix?.action ?? result.remediation!;
      for (const c of casesOf(root, result.id)) {
        const failure = childElements(c, 'failure');
        expect(failure).toHaveLength(1);
        expect(failure[0]!.attributes['message']).toBe(stripInvalidXmlChars(firstNonBlankLine(action)));
        expect(failure[0]!.attributes['type']).toBe(result.severity);
        const text = textOf(failure[0]!);
        expect(text).toContain(stripInvalidXmlChars(action));
        for (const caveat of result.caveats) expect(text).toContain(stripInvalidXmlChars(caveat.message));
      }
    }
  });

  it('maps the other verdicts to <skipped> with the reason, and SATISFIED to a pass', () => {
    const byVerdict = (v: AnalysedResult['verdict']) => report.runs[0]!.results.filter((r) => r.verdict === v);
    for (const verdict of ['NOT_ASSESSED', 'MANUAL_REVIEW', 'UNVERIFIED', 'NOT_APPLICABLE'] as const) {
      expect(byVerdict(verdict).length).toBeGreaterThan(0);
      for (const result of byVerdict(verdict)) {
        for (const c of casesOf(root, result.id)) {
          expect(childElements(c, 'failure')).toHaveLength(0);
          const skipped = childElements(c, 'skipped');
          expect(skipped).toHaveLength(1);
          expect(skipped[0]!.attributes['message']).toMatch(new RegExp(`^${verdict}`));
          for (const caveat of result.caveats) expect(skipped[0]!.attributes['message']).toContain(stripInvalidXmlChars(caveat.message));
          if (result.reason) expect(skipped[0]!.attributes['message']).toContain(stripInvalidXmlChars(result.reason));
        }
      }
    }
    for (const result of byVerdict('SATISFIED')) {
      for (const c of casesOf(root, result.id)) {
        expect(childElements(c, 'failure')).toHaveLength(0);
        expect(childElements(c, 'skipped')).toHaveLength(0);
      }
    }
  });

  it('skips a WAIVED finding with the waiver reason, owner and expiry', () => {
    const waived = report.runs[0]!.results.find((r) => r.verdict === 'WAIVED')!;
    const [c] = casesOf(root, waived.id);
    const message = childElements(c!, 'skipped')[0]!.attributes['message']!;
    expect(message).toContain(stripInvalidXmlChars(waived.waiver!.reason));
    expect(message).toContain(waived.waiver!.owner!);
    expect(message).toContain(waived.waiver!.expires!);
    expect(childElements(c!, 'failure')).toHaveLength(0);
  });

  it("shows each item's own detail lines in its test case", () => {
    const r = buildReport();
    const memory = r.runs[0]!.results.find((x) => x.id === '5.10')!;
    memory.items = ['web', 'db'];
    memory.details = ['Container running without memory restrictions: web', 'Container running without memory restrictions: db'];
    const [web, db] = casesOf(parse(r), '5.10');
    expect(textOf(childElements(web!, 'system-out')[0]!)).toContain('restrictions: web');
    expect(textOf(childElements(web!, 'system-out')[0]!)).not.toContain('restrictions: db');
    expect(textOf(childElements(db!, 'system-out')[0]!)).toContain('restrictions: db');
  });

  it('grows linearly with per-item detail lines (300 containers stay small)', () => {
    const r = buildReport();
    const memory = r.runs[0]!.results.find((x) => x.id === '5.10')!;
    memory.items = Array.from({ length: 300 }, (_, i) => `container-${String(i).padStart(3, '0')}`);
    memory.details = memory.items.map((item) => `Container running without memory restrictions: ${item}`);
    const doc = render(r, OPTIONS);
    expect(casesOf(parseXml(doc), '5.10')).toHaveLength(300);
    // Repeating every detail line in every case would be 300 × 300 lines, over 5 MB.
    expect(doc.length).toBeLessThan(500_000);
  });

  it('cuts a roll-up detail line naming every image instead of repeating it per image', () => {
    const r = buildReport();
    const health = r.runs[0]!.results.find((x) => x.id === '4.6')!;
    health.items = Array.from({ length: 200 }, (_, i) => `registry.example/team/image-${i}:1.0.${i}`);
    health.details = [`No Healthcheck found: [${health.items.join(', ')}]`];
    const doc = render(r, OPTIONS);
    expect(casesOf(parseXml(doc), '4.6')).toHaveLength(200);
    // Repeated whole it would be 200 × 8 KB; cut, each case carries at most 1,000 characters of it.
    expect(health.details[0]!.length).toBeGreaterThan(7_000);
    expect(doc.length).toBeLessThan(200 * 2_500);
    const out = textOf(childElements(casesOf(parseXml(doc), '4.6')[0]!, 'system-out')[0]!);
    expect(out).toContain('detail: No Healthcheck found: [registry.example/team/image-0:1.0.0');
    expect(out).toMatch(/…$/m);
  });

  it('lets no input string add elements or attributes (XML injection)', () => {
    const allowed = new Set(['testsuites', 'testsuite', 'properties', 'property', 'testcase', 'failure', 'skipped', 'system-out']);
    const attributes = new Set(['name', 'tests', 'failures', 'errors', 'skipped', 'time', 'hostname', 'timestamp', 'value', 'classname', 'message', 'type']);
    const walk = (e: XmlElement): void => {
      expect(allowed.has(e.name)).toBe(true);
      for (const a of Object.keys(e.attributes)) expect(attributes.has(a)).toBe(true);
      for (const c of e.children) if (typeof c !== 'string') walk(c);
    };
    walk(root);
    // The hostile host name is an attribute value, intact.
    expect(childElements(root, 'testsuite')[0]!.attributes['hostname']).toBe(report.runs[0]!.host);
  });

  it('is deterministic', () => {
    expect(render(buildReport(), OPTIONS)).toBe(render(buildReport(), OPTIONS));
    expect(render(structuredClone(report), OPTIONS)).toBe(render(report, OPTIONS));
  });

  it('keeps names unique and runs apart when the report holds several runs', () => {
    const two = buildTwoRunReport('build-02');
    const doc = parse(two);
    const cases = testcases(doc);
    const names = cases.map((t) => t.attributes['name']!);
    expect(new Set(names).size).toBe(names.length);
    expect(cases).toHaveLength(expectedCounts(two).tests);
    expect(names.filter((n) => n.startsWith('[run 2] '))).toHaveLength(expectedCounts(two).tests / 2);
    expect(new Set(cases.map((c) => c.attributes['classname']!.split('.')[1]))).toEqual(new Set(['run1', 'run2']));
  });

  it('stays well-formed, unique and correctly counted whatever the strings hold', () => {
    const anyText = fc.string({
      unit: fc.oneof(fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)), fc.constantFrom('<', '&', ']]>', '"', '\r\n', ' (2)')),
      maxLength: 30,
    });
    fc.assert(
      fc.property(fc.array(fc.tuple(anyText, anyText, fc.array(anyText, { maxLength: 4 })), { minLength: 1, maxLength: 8 }), (specs) => {
        const base = buildReport();
        const template = base.runs[0]!.results;
        base.runs[0]!.results = specs.map(([id, title, items], i) => ({ ...template[i % template.length]!, id, title, items }));
        const doc = parse(base);
        const names = testcases(doc).map((t) => t.attributes['name']!);
        expect(new Set(names).size).toBe(names.length);
        expect(doc.attributes['tests']).toBe(String(expectedCounts(base).tests));
        expect(doc.attributes['failures']).toBe(String(expectedCounts(base).failures));
      }),
      { numRuns: 200 },
    );
  });
});
