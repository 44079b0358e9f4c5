/**
 * JUnit XML for Jenkins, GitLab and Azure DevOps test-report views.
 *
 * `<testsuites>` → one `<testsuite>` per section (per run and section when the report holds
 * several runs) → one `<testcase>` per printed result and item. The mapping follows
 * kube-bench's de-facto one for CIS output, on our verdicts instead of raw statuses:
 * FINDING → `<failure>`, SATISFIED → pass, everything else → `<skipped>` with the reason.
 *
 * Test names must be unique: GitLab keeps only the first of several equal names, which would
 * hide a second container's finding. Names are `<id> <title> [<item>]`, and a repeat gets
 * ` (2)`, ` (3)`… in printing order, so names stay stable across re-runs of the same host
 * (GitLab's merge-request widget compares them head against base).
 */
import type { AnalysedReport, AnalysedResult, AnalysedRun } from '../model/report.js';
import type { Control } from '../knowledge/types.js';
import { STRIDE_LABELS } from '../knowledge/types.js';
import { firstLine, hostLabel, oneLine, truncate } from './text.js';
import type { Renderer } from './types.js';
import { stripInvalidXmlChars, XmlWriter } from './xml.js';

/** Longest item text in a test name; the full item is in the test case's system-out. */
const MAX_ITEM_IN_NAME = 200;
/**
 * Detail lines shown per test case, and the length of any one detail line or caveat message:
 * docker-bench's JSON puts every image of a check on one detail line (140 KB seen in the
 * corpus), which would otherwise be repeated in each of that check's per-image test cases.
 * The JSON report keeps everything.
 */
const MAX_DETAIL_LINES = 50;
const MAX_LINE_LENGTH = 1000;

interface TestCase {
  classname: string;
  name: string;
  result: AnalysedResult;
  item: string | null;
}

interface Suite {
  name: string;
  sectionId: string;
  run: AnalysedRun;
  cases: TestCase[];
}

export const render: Renderer = (report) => {
  const suites = buildSuites(report);
  const all = suites.flatMap((s) => s.cases);
  const xml = new XmlWriter();
  xml.start('testsuites', [
    ['name', 'stridebench'],
    ...counts(all),
  ]);
  for (const suite of suites) {
    xml.start('testsuite', [
      ['name', suite.name],
      ...counts(suite.cases),
      ['hostname', hostLabel(report, suite.run)],
      ['timestamp', suite.run.startedAt ?? undefined],
    ]);
    xml.start('properties');
    xml.leaf('property', [['name', 'input'], ['value', report.input.name]]);
    xml.leaf('property', [['name', 'input.sha256'], ['value', report.input.sha256]]);
    xml.leaf('property', [['name', 'run'], ['value', suite.run.index]]);
    xml.leaf('property', [['name', 'tool'], ['value', suite.run.tool]]);
    xml.leaf('property', [['name', 'benchmark'], ['value', suite.run.benchmark ?? 'unknown']]);
    xml.leaf('property', [['name', 'section'], ['value', suite.sectionId]]);
    xml.close();
    for (const test of suite.cases) writeCase(xml, test, report.controls[test.result.control ?? ''] ?? null);
    xml.close();
  }
  xml.close();
  return xml.toString();
};

function counts(cases: readonly TestCase[]): [string, number | string][] {
  const failures = cases.filter((c) => c.result.verdict === 'FINDING').length;
  const skipped = cases.filter((c) => c.result.verdict !== 'FINDING' && c.result.verdict !== 'SATISFIED').length;
  return [
    ['tests', cases.length],
    ['failures', failures],
    ['errors', 0],
    ['skipped', skipped],
    ['time', '0'],
  ];
}

/** Suites in order of first appearance; test names unique across the whole document. */
function buildSuites(report: AnalysedReport): Suite[] {
  const severalRuns = report.runs.length > 1;
  const suites = new Map<string, Suite>();
  const taken = new Set<string>();
  for (const run of report.runs) {
    const titles = new Map(run.sections.map((s) => [s.id, s.title]));
    for (const result of run.results) {
      const sectionId = result.section ?? 'unsectioned';
      const key = `${run.index}\u0000${sectionId}`;
      let suite = suites.get(key);
      if (!suite) {
        const title = result.section === null ? 'Results outside any section' : `${sectionId} ${titles.get(sectionId) ?? ''}`.trim();
        suite = { name: severalRuns ? `Run ${run.index}: ${title}` : title, sectionId, run, cases: [] };
        suites.set(key, suite);
      }
      const classname = severalRuns ? `stridebench.run${run.index}.${classPart(sectionId)}` : `stridebench.${classPart(sectionId)}`;
      const items = result.items.length > 0 ? result.items : [null];
      for (const item of items) {
        const label = `${result.id} ${result.title}${item === null ? '' : ` [${truncate(item, MAX_ITEM_IN_NAME)}]`}`;
        // Stripped before the uniqueness check: two names differing only in characters XML
        // cannot carry would be equal in the document.
        const base = stripInvalidXmlChars(oneLine(severalRuns ? `[run ${run.index}] ${label}` : label));
        const name = uniqueName(base, taken);
        suite.cases.push({ classname, name, result, item });
      }
    }
  }
  return [...suites.values()];
}

/** `base`, or `base (2)`, `base (3)`… — the first not yet taken in the document. */
function uniqueName(base: string, taken: Set<string>): string {
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base} (${n})`;
  taken.add(name);
  return name;
}

/** A section id as a dotted class-name part (`5`, `4.1`, `unsectioned`). */
function classPart(sectionId: string): string {
  let out = '';
  for (const ch of sectionId) out += /^[A-Za-z0-9_.-]$/.test(ch) ? ch : '_';
  return out || '_';
}

function writeCase(xml: XmlWriter, test: TestCase, control: Control | null): void {
  const { result } = test;
  const attrs: [string, string][] = [
    ['classname', test.classname],
    ['name', test.name],
    ['time', '0'],
  ];
  xml.start('testcase', attrs);
  if (result.verdict === 'SATISFIED') {
    // A pass: nothing but the facts below.
  } else if (result.verdict === 'FINDING') {
    const fix = control?.fix?.action ?? result.remediation ?? '';
    const message = firstLine(fix) || `${result.id} ${oneLine(result.title)}`;
    xml.leaf('failure', [['message', message], ['type', result.severity]], failureText(test, control));
  } else {
    xml.leaf('skipped', [['message', skipReason(result)]]);
  }
  xml.leaf('system-out', [], describe(test, control));
  xml.close();
}

/** Why a non-failing, non-passing result is skipped, in one message. */
function skipReason(result: AnalysedResult): string {
  if (result.verdict === 'WAIVED' && result.waiver) {
    const w = result.waiver;
    return `WAIVED: ${w.reason} (owner: ${w.owner ?? 'none'}; expires: ${w.expires ?? 'never'})`;
  }
  const why = result.caveats.map((c) => truncate(c.message, MAX_LINE_LENGTH));
  if (result.reason) why.push(truncate(result.reason, MAX_LINE_LENGTH));
  const label: Record<string, string> = {
    NOT_ASSESSED: 'NOT_ASSESSED: the scanner could not assess this',
    MANUAL_REVIEW: 'MANUAL_REVIEW: a manual check, review it by hand',
    UNVERIFIED: "UNVERIFIED: the scanner's verdict is unreliable here",
    NOT_APPLICABLE: 'NOT_APPLICABLE: does not apply to this host',
    WAIVED: 'WAIVED',
  };
  const head = label[result.verdict] ?? result.verdict;
  return why.length > 0 ? `${head}: ${why.join(' / ')}` : head;
}

/** The full fix and everything that qualifies the finding. */
function failureText(test: TestCase, control: Control | null): string {
  const { result } = test;
  const lines: string[] = [];
  if (control?.fix) {
    lines.push(control.fix.action);
    if (control.fix.impact) lines.push('', `Impact: ${control.fix.impact}`);
    if (control.fix.verify) lines.push(`Verify: ${control.fix.verify}`);
  } else if (result.remediation) {
    lines.push(result.remediation);
  } else {
    lines.push('No fix is known for this check.');
  }
  if (result.caveats.length > 0) {
    lines.push('', 'Caveats:');
    for (const c of result.caveats) lines.push(`- [${c.rule}] ${truncate(c.message, MAX_LINE_LENGTH)}`);
  }
  return lines.join('\n');
}

/** What was checked, on what, with which outcome: the same facts for every verdict. */
function describe(test: TestCase, control: Control | null): string {
  const { result } = test;
  const lines = [
    `id: ${result.id}`,
    `control: ${control ? `${control.key} (${control.title})` : 'unknown'}`,
    `status: ${result.status}`,
    `verdict: ${result.verdict}`,
    `severity: ${result.severity}`,
    `stride: ${result.stride.map((s) => STRIDE_LABELS[s]).join(', ') || 'none'}`,
  ];
  if (test.item !== null) lines.push(`item: ${test.item}`);
  if (result.source.line !== null) lines.push(`line: ${result.source.line}`);
  const details = detailsFor(result, test.item);
  for (const detail of details.slice(0, MAX_DETAIL_LINES)) lines.push(`detail: ${truncate(detail, MAX_LINE_LENGTH)}`);
  if (details.length > MAX_DETAIL_LINES) lines.push(`(${details.length - MAX_DETAIL_LINES} more detail lines: see the JSON report)`);
  for (const c of result.caveats) lines.push(`caveat: [${c.rule}] ${truncate(c.message, MAX_LINE_LENGTH)}`);
  return lines.join('\n');
}

/**
 * The detail lines a test case shows. A per-item test case shows only the lines naming its
 * item: docker-bench prints one detail line per container or image, and repeating all of
 * them in each of a few hundred test cases made a 350 KB log a 70 MB report (GitLab stops
 * at 30 MB).
 */
function detailsFor(result: AnalysedResult, item: string | null): string[] {
  if (item === null || result.items.length <= 1) return result.details;
  return result.details.filter((d) => d.includes(item));
}
