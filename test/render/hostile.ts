/**
 * Hostile strings, and a report that carries one in every slot an input (or a user's
 * knowledge mapping) can fill, for the table-driven escaping tests of both formats.
 */
import type { AnalysedReport } from '../../src/model/report.js';
import { fixtureReport } from './fixture.js';

export const HOSTILE_STRINGS: readonly string[] = [
  '<img src=x onerror=alert(1)>',
  '</script><script>alert(1)</script>',
  '"><svg onload=alert(1)>',
  "' onmouseover='alert(1)",
  'a|b|c | d \\| e \\\\| f',
  '```` ``` `` ` ````',
  'line one\nline two\r\n# heading\n- list\n| x | y |\n---',
  '*bold* _em_ **strong** ~~del~~ [link](javascript:alert(1)) ![img](http://evil.example/x.png)',
  '{{handlebars}} {{{triple}}} {{> partial}} {{#each x}}',
  '&amp; &lt;b&gt; &#60;script&#62;',
  '\u001b[31mred\u001b[0m nul:\u0000 bell:\u0007',
  '@everyone #1 $x^2$ :smile:',
  '    four-space indent',
  '1. ordered\n2) also',
  '<!-- comment --> <![CDATA[ x ]]> <details open><summary>s</summary>',
];

/** Every input-derived string of the fixture replaced or extended with `s`. */
export function hostileReport(s: string): AnalysedReport {
  const report = fixtureReport();
  report.input.name = s;
  report.warnings = [{ line: 1, code: s, message: s }];
  report.waivers.applied = report.waivers.applied.map((w) => ({ ...w, reason: s, owner: s, target: s }));
  report.waivers.unused = report.waivers.unused.map((w) => ({ ...w, item: s, reason: s }));
  for (const run of report.runs) {
    run.host = s;
    run.toolVersion = s;
    run.startedAtRaw = s;
    run.benchmarkEvidence = s;
    run.partial = true;
    run.partialReasons = [s];
    run.summary.notAssessed = [s];
    run.caveats = [{ rule: s, message: s }];
    run.sections = run.sections.map((sec) => ({ ...sec, title: `${sec.title} ${s}` }));
    for (const r of run.results) {
      r.title = `${r.title} ${s}`;
      r.items = [...r.items, `item ${s}`];
      r.details = [...r.details, s];
      r.remediation = s;
      r.caveats = [...r.caveats, { rule: s, message: s }];
      if (r.waiver) r.waiver = { ...r.waiver, reason: s, owner: s, target: s };
    }
  }
  // Knowledge can be replaced by a user's mapping file: its plain-text fields are input too.
  for (const control of Object.values(report.controls)) {
    control.title = `${control.title} ${s}`;
    control.cisReference = s;
    if (control.fix?.file) control.fix.file = { path: s, mode: s, owner: s };
    if (control.fix?.runFlag) control.fix.runFlag = s;
    if (control.fix?.dockerdFlag) control.fix.dockerdFlag = s;
  }
  return report;
}
