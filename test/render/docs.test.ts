/**
 * docs/templates.md stays in step with what templates really get: every built-in partial,
 * every shared helper and every field of the report and run objects is documented.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtInPartialNames } from '../../src/render/engine.js';
import { commonHelpers } from '../../src/render/helpers.js';
import { htmlView } from '../../src/render/html.js';
import { render as renderMarkdown } from '../../src/render/markdown.js';
import { buildView } from '../../src/render/view-model.js';
import { ROOT } from '../helpers/paths.js';
import { fixtureReport } from './fixture.js';
import { mdSection, mdTableBlocks, splitRow } from './inspect.js';

const doc = readFileSync(join(ROOT, 'docs', 'templates.md'), 'utf8');

/** Names in the first column of the partials table. */
function documentedPartials(): Map<string, { md: boolean; html: boolean }> {
  const table = doc.slice(doc.indexOf('## Partials'), doc.indexOf('## HTML: what a template must keep'));
  const out = new Map<string, { md: boolean; html: boolean }>();
  for (const m of table.matchAll(/^\| `([a-z-]+)` \| (✓?) \| (✓?) \|/gm)) out.set(m[1]!, { md: m[2] === '✓', html: m[3] === '✓' });
  return out;
}

test('every built-in report partial is documented, for the formats it exists in', () => {
  const documented = documentedPartials();
  // Other pages (diff, history) keep their partials in the same folder under their own prefix.
  const ours = (format: 'md' | 'html') => builtInPartialNames(format).filter((n) => !/^(diff|history)-/.test(n));
  expect(new Set(ours('md'))).toEqual(new Set([...documented].filter(([, f]) => f.md).map(([n]) => n)));
  expect(new Set(ours('html'))).toEqual(new Set([...documented].filter(([, f]) => f.html).map(([n]) => n)));
});

test('every shared helper is documented', () => {
  for (const name of Object.keys(commonHelpers())) expect(doc).toMatch(new RegExp('`' + name + '\\b'));
});

test('every field of the report, a run, a summary and a fix is documented', () => {
  const view = htmlView(buildView(fixtureReport(), { top: 3 }));
  const run = view.runs[0]!;
  const fields = [
    ...Object.keys(view),
    ...Object.keys(run),
    ...Object.keys(run.summary),
    ...Object.keys(run.hardenFirst[0]!),
    ...Object.keys(run.hardenFirst[0]!.fix!),
    ...Object.keys(run.daemonJson),
    ...Object.keys(run.threats[0]!),
    ...Object.keys(run.threats[0]!.threats[0]!),
    ...Object.keys(run.sections[0]!.results[0]!),
  ];
  // Documented = named inside a code span (`field`, or a `{ a, field, b }` list).
  const missing = [...new Set(fields)].filter((f) => !new RegExp('`[^`\\n]*\\b' + f + '\\b[^`\\n]*`').test(doc));
  expect(missing).toEqual([]);
});

test('the documented short findings partial renders a valid, shorter Markdown report', () => {
  const section = doc.slice(doc.indexOf('### A shorter report for pull-request comments'));
  const partial = /```hbs\n([\s\S]*?)```/.exec(section)![1]!;
  const report = fixtureReport();
  const full = renderMarkdown(report, { top: 3 });
  const short = renderMarkdown(report, { top: 3, partials: { findings: partial } });
  expect(short.length).toBeLessThan(full.length);
  const findings = mdSection(short, 'All findings');
  const rows = findings.split('\n').filter((l) => l.startsWith('| `'));
  expect(rows).toHaveLength(report.runs[0]!.results.filter((r) => r.verdict === 'FINDING').length);
  for (const table of mdTableBlocks(findings)) for (const row of table) expect(splitRow(row)).toHaveLength(4);
});
