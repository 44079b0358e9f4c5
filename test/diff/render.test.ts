/**
 * The diff and history renderers: the JSON contract against schemas/diff.schema.json, the
 * answer first in Markdown and HTML, hostile input kept as text in every slot an input can
 * fill (structure asserted through a GFM parser and a tag scan), self-contained HTML, and
 * determinism.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { diffRuns } from '../../src/analysis/diff.js';
import { historyOf } from '../../src/analysis/history.js';
import type { DiffReport, HistoryReport } from '../../src/model/diff.js';
import { renderDiffHtml } from '../../src/render/diff-html.js';
import { renderDiffJson } from '../../src/render/diff-json.js';
import { renderDiffMarkdown } from '../../src/render/diff-markdown.js';
import { renderHistoryHtml } from '../../src/render/history-html.js';
import { renderHistoryJson } from '../../src/render/history-json.js';
import { renderHistoryMarkdown } from '../../src/render/history-markdown.js';
import { FIXTURES } from '../helpers/paths.js';
import { compileSchema, loadSchema, schemaErrors } from '../render-machine/schema-validators.js';
import { HOSTILE_STRINGS } from '../render/hostile.js';
import { htmlAttr, htmlTags, htmlText, mdHeadings, mdHtmlTagNames, mdTableBlocks, mdToHtml, splitRow } from '../render/inspect.js';
import { compared, GENERATED_AT, type RunOptions, type Spec } from './build.js';
import { lastRun } from './pipeline.js';

const ICC = 'docker.daemon.icc';
const LIVE = 'docker.daemon.live-restore';
const MEM = 'docker.container.memory-limit';

/** A diff with every kind of change, a note and warnings; `s` goes into every input-derived string. */
function sampleDiff(s = 'benign'): DiffReport {
  const before: Spec[] = [
    { id: '2.1', control: ICC, verdict: 'SATISFIED' },
    { id: '2.13', control: LIVE, verdict: 'FINDING', status: 'FAIL' },
    { id: '5.10', control: MEM, verdict: 'FINDING', items: [`web ${s}`, 'db'] },
    { id: '9.9', control: null, verdict: 'FINDING', title: `Custom ${s}` },
    { id: '4.1', control: 'docker.image.non-root-user', verdict: 'NOT_ASSESSED' },
  ];
  const after: Spec[] = [
    { id: '2.1', control: ICC, verdict: 'FINDING' },
    { id: '2.13', control: LIVE, verdict: 'SATISFIED', status: 'FAIL', caveats: [{ rule: 'ab-pair', message: `keeps failing ${s}` }] },
    { id: '5.10', control: MEM, verdict: 'FINDING', items: ['db'] },
    { id: '5.28', control: 'docker.container.pids-limit', verdict: 'FINDING', items: [`web ${s}`, 'db'] },
    { id: '4.1', control: 'docker.image.non-root-user', verdict: 'FINDING' },
  ];
  const b: RunOptions = { name: `before ${s}.log`, host: `host ${s}`, sha: 'b'.repeat(64) };
  const a: RunOptions = { name: `after ${s}.log`, host: `other ${s}`, sha: 'c'.repeat(64), startedAt: '2020-01-01T00:00:00Z' };
  const bc = compared(before, { ...b, startedAt: '2021-01-01T00:00:00Z' });
  const ac = compared(after, a);
  bc.run.toolVersion = `1.3.5 ${s}`;
  ac.report.controls[ICC]!.title = `Inter-container ${s}`;
  return diffRuns(bc, ac, { generatedAt: GENERATED_AT });
}

function sampleHistory(s = 'benign'): HistoryReport {
  const runs = [
    compared([{ id: '2.13', control: LIVE, verdict: 'FINDING' }, { id: '9.9', control: null, verdict: 'FINDING', title: `Custom ${s}` }], { startedAt: '2024-05-01T10:00:00Z', name: `jan ${s}.log` }),
    compared([{ id: '2.13', control: LIVE, verdict: 'FINDING' }, { id: '9.9', control: null, verdict: 'FINDING', title: `Custom ${s}` }], { startedAt: '2024-05-02T10:00:00Z', name: `jan ${s}.log` }),
    compared([{ id: '2.13', control: LIVE, verdict: 'SATISFIED' }, { id: '9.9', control: null, verdict: 'FINDING', title: `Custom ${s}` }], { startedAt: null, name: `feb ${s}.log` }),
  ];
  runs[2]!.run.startedAtRaw = `Tue ${s}`;
  return historyOf(runs, { generatedAt: GENERATED_AT });
}

describe('diff JSON: the issue contract and schemas/diff.schema.json', () => {
  const validate = compileSchema('diff');

  it('prints before/after provenance, changes with control, ids, item, verdicts and kind, and the summary', () => {
    const json = JSON.parse(renderDiffJson(sampleDiff())) as DiffReport;
    expect(Object.keys(json)).toEqual(['schemaVersion', 'generator', 'generatedAt', 'before', 'after', 'changes', 'summary', 'warnings']);
    for (const c of json.changes) expect(Object.keys(c).slice(0, 6)).toEqual(['control', 'ids', 'item', 'before', 'after', 'change']);
    // 2.1 regressed; 2.13 and 5.10 for `web` fixed (web is still named by 5.28 after); 5.10
    // for db still failing; 4.1 newly assessed; 9.9 before only; 5.28 after only.
    expect(json.changes.map((c) => c.change)).toEqual(['regressed', 'fixed', 'fixed', 'still-failing', 'newly-assessed', 'only-before', 'only-after']);
  });

  it('validates against the schema, notes included', () => {
    const json = JSON.parse(renderDiffJson(sampleDiff())) as { changes: { note?: { source: string } }[] };
    expect(json.changes.some((c) => c.note !== undefined)).toBe(true);
    expect(schemaErrors(validate, json)).toEqual([]);
    // A note of an unknown source is refused.
    const bad = structuredClone(json);
    bad.changes.find((c) => c.note)!.note!.source = 'guess';
    expect(schemaErrors(validate, bad).join('\n')).toMatch(/note\/source/);
  });

  it('a diff without notes validates against the schema as it is', async () => {
    const d = diffRuns(await lastRun(join(FIXTURES, 'diff', 'dbs-v1.3.5-before.log')), await lastRun(join(FIXTURES, 'diff', 'dbs-v1.3.5-before.log')), { generatedAt: GENERATED_AT });
    expect(d.changes.some((c) => c.note)).toBe(false);
    expect(schemaErrors(validate, JSON.parse(renderDiffJson(d)))).toEqual([]);
  });
});

describe('diff Markdown', () => {
  const out = renderDiffMarkdown(sampleDiff());

  it('leads with the answer, then the warnings, then the tables', () => {
    const lines = out.split('\n');
    expect(lines[0]).toBe('# Hardening diff: before benign.log → after benign.log');
    // Score: 1 of 4 judged rows satisfied before (25), 1 of 5 after (20).
    expect(lines[2]).toMatch(/^\*\*2 fixed, 1 regressed, 1 still open\.\*\* Score: 25 → 20 \(−5 points\)\. A smaller share /);
    expect(out.indexOf('Warnings about this comparison')).toBeLessThan(out.indexOf('## Regressed'));
    expect(out).toContain('The runs name different hosts (BEFORE host benign, AFTER other benign)');
    expect(out).toContain('AFTER (2020-01-01T00:00:00Z) started before BEFORE');
    expect(mdHeadings(out, 2)).toEqual(['STRIDE: findings before and after', 'Regressed', 'Fixed', 'Still failing', 'Newly assessed', 'Only before', 'Only after']);
  });

  it('shows both printed ids, the item and the caveat note of a row', () => {
    const fixed = out.slice(out.indexOf('## Fixed'), out.indexOf('## Still failing'));
    expect(fixed).toContain('| `2.13` | Control docker.daemon.live-restore |  | Finding | Satisfied |');
    expect(fixed).toContain('keeps failing benign');
    expect(fixed).toContain('| `5.10` | Control docker.container.memory-limit | `web benign` | Finding | Satisfied |');
    expect(out).toContain('| `9.9` | Custom benign |  | Finding | absent |');
  });

  it('every kind links to its section, and the summary table counts the rows', () => {
    expect(out).toContain('| [Regressed](#regressed) | 1 |');
    expect(out).toContain('| Unchanged | 0 |');
  });

  it.each(HOSTILE_STRINGS.map((s) => [s]))('%j breaks no table or heading and injects nothing', (hostile) => {
    const md = renderDiffMarkdown(sampleDiff(hostile));
    const benign = renderDiffMarkdown(sampleDiff());
    const tables = mdTableBlocks(md);
    expect(tables.map((t) => t.length)).toEqual(mdTableBlocks(benign).map((t) => t.length));
    for (const table of tables) {
      const width = splitRow(table[0]!).length;
      for (const row of table) expect(splitRow(row)).toHaveLength(width);
    }
    expect(mdHeadings(md, 1)).toHaveLength(1);
    expect(mdHeadings(md, 2)).toEqual(mdHeadings(benign, 2));
    for (const tag of mdHtmlTagNames(md)) expect(['details', 'summary', 'br']).toContain(tag);
    const html = mdToHtml(md);
    expect(html).not.toMatch(/<(img|script|svg|iframe)\b/i);
    expect(html).not.toMatch(/<[a-z][^>]*\son[a-z]+=/i);
    expect(html).not.toMatch(/href="javascript:/i);
  });
});

describe('what the score change means', () => {
  const md = (before: Spec[], after: Spec[]) => renderDiffMarkdown(diffRuns(compared(before), compared(after, { sha: 'd'.repeat(64) }), { generatedAt: GENERATED_AT })).split('\n')[2]!;

  it('a score that moved only because a section was skipped says so', () => {
    // 1 of 2 judged before (50); after the failing container check is gone: 1 of 1 (100).
    const line = md([{ id: '2.1', control: ICC, verdict: 'SATISFIED' }, { id: '5.10', control: MEM, verdict: 'FINDING' }], [{ id: '2.1', control: ICC, verdict: 'SATISFIED' }]);
    expect(line).toBe('**0 fixed, 0 regressed, 0 still open.** Score: 50 → 100 (+50 points). No check was fixed or regressed: the score moved only because 1 row gained or lost a usable verdict (newly or no longer assessed, or present on one side only).');
  });

  it('a real fix says how many, and no score at all says why', () => {
    expect(md([{ id: '2.1', control: ICC, verdict: 'FINDING' }], [{ id: '2.1', control: ICC, verdict: 'SATISFIED' }])).toBe(
      '**1 fixed, 0 regressed, 0 still open.** Score: 0 → 100 (+100 points). A larger share of the judged checks passes now (1 fixed, 0 regressed).',
    );
    expect(md([{ id: '2.1', control: ICC, verdict: 'MANUAL_REVIEW' }], [{ id: '2.1', control: ICC, verdict: 'SATISFIED' }])).toBe(
      '**0 fixed, 0 regressed, 0 still open.** Score: none → 100. BEFORE has no check with a usable verdict, so the scores cannot be compared.',
    );
  });
});

describe('diff HTML', () => {
  const out = renderDiffHtml(sampleDiff());
  const tags = htmlTags(out);

  it('is self-contained: CSP allowing only its own stylesheet by hash, no script, no external reference', () => {
    const csp = htmlAttr(tags.find((t) => t.name === 'meta' && t.attrs.includes('Content-Security-Policy'))!.attrs, 'content')!;
    const style = /<style>([\s\S]*?)<\/style>/.exec(out)![1]!;
    expect(csp).toContain(`style-src 'sha256-${createHash('sha256').update(style, 'utf8').digest('base64')}'`);
    expect(csp).toContain("default-src 'none'");
    expect(out).not.toMatch(/<script|\sstyle="|\bsrc="http|href="http/i);
    expect(style).toContain('prefers-color-scheme: dark');
    expect(out).toContain('<meta name="color-scheme" content="light dark">');
  });

  it('leads with the answer and charts the STRIDE findings before and after', () => {
    const text = htmlText(out);
    expect(text.indexOf('Did the hardening work? 2 fixed, 1 regressed, 1 still open.')).toBeGreaterThan(0);
    expect(text.indexOf('2 fixed, 1 regressed, 1 still open.')).toBeLessThan(text.indexOf('STRIDE: findings before and after'));
    expect(out).toContain('<title id="diff-stride-chart-title">Findings per STRIDE category, before and after</title>');
  });

  it.each(HOSTILE_STRINGS.map((s) => [s]))('%j stays text: same elements, no handler, no script', (hostile) => {
    const bad = renderDiffHtml(sampleDiff(hostile));
    const shape = (html: string) => htmlTags(html).map((t) => t.name).sort();
    expect(shape(bad)).toEqual(shape(out));
    for (const t of htmlTags(bad)) expect(t.attrs).not.toMatch(/\son[a-z]+=/i);
    expect(bad).not.toMatch(/<script|<img|href="javascript:/i);
    // eslint-disable-next-line no-control-regex
    const expected = hostile.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '\uFFFD').replace(/\s+/g, ' ').trim();
    expect(htmlText(bad)).toContain(`web ${expected}`);
  });
});

describe('history renderers', () => {
  it('Markdown: the answer, runs with unchanged stretches on one line, the changed controls as verdict stretches', () => {
    const md = renderHistoryMarkdown(sampleHistory());
    expect(md.split('\n')[2]).toBe('**3 runs, 2024-05-01 10:00 to Tue benign: findings 2 → 1 (at most 2, run 1), score 0 → 50.**');
    expect(md).toContain('| 1–2 | 2024-05-01 10:00 – 2024-05-02 10:00 | 2 | 0 |');
    expect(md).toContain('| `2.13` | Control docker.daemon.live-restore | Satisfied | 2024-05-01 10:00 (run 1) | Tue benign (run 3) | F 1–2, S 3 |');
    expect(mdHeadings(md, 2)).toEqual(['Runs', 'Controls that changed (1)', 'Controls that never changed (1)', 'Inputs']);
  });

  it('HTML: a trend chart and the controls × runs matrix as inline SVG, nothing active', () => {
    const html = renderHistoryHtml(sampleHistory());
    expect(html).toContain('<title id="history-trend-title">Findings per run, in total and per STRIDE category</title>');
    expect(html).toContain('<title id="history-matrix-title">Verdict of each control across the runs</title>');
    // Each stretch of the changed control is a badge in its verdict's colour.
    expect(html).toContain('<span class="badge v-finding" title="Finding">F 1–2</span> <span class="badge v-satisfied" title="Satisfied">S 3</span>');
    expect(html).not.toMatch(/<script|\sstyle="/i);
  });

  it('JSON: the HistoryReport as is', () => {
    const h = sampleHistory();
    expect(JSON.parse(renderHistoryJson(h))).toEqual(JSON.parse(JSON.stringify(h)));
  });

  it.each(HOSTILE_STRINGS.map((s) => [s]))('%j stays text in both formats', (hostile) => {
    const md = renderHistoryMarkdown(sampleHistory(hostile));
    for (const table of mdTableBlocks(md)) {
      const width = splitRow(table[0]!).length;
      for (const row of table) expect(splitRow(row)).toHaveLength(width);
    }
    expect(mdHeadings(md, 2)).toEqual(['Runs', 'Controls that changed (1)', 'Controls that never changed (1)', 'Inputs']);
    expect(mdToHtml(md)).not.toMatch(/<(img|script|svg|iframe)\b|<[a-z][^>]*\son[a-z]+=/i);
    const html = renderHistoryHtml(sampleHistory(hostile));
    expect(html).not.toMatch(/<script|<img|href="javascript:/i);
    for (const t of htmlTags(html)) expect(t.attrs).not.toMatch(/\son[a-z]+=/i);
  });
});

describe('determinism', () => {
  it('the same diff and history render byte-identical, whatever the clock says', () => {
    jest.useFakeTimers({ now: new Date('2001-02-03T04:05:06Z') });
    const first = [renderDiffJson(sampleDiff()), renderDiffMarkdown(sampleDiff()), renderDiffHtml(sampleDiff()), renderHistoryMarkdown(sampleHistory()), renderHistoryHtml(sampleHistory())];
    jest.setSystemTime(new Date('2031-12-31T23:59:59Z'));
    const second = [renderDiffJson(sampleDiff()), renderDiffMarkdown(sampleDiff()), renderDiffHtml(sampleDiff()), renderHistoryMarkdown(sampleHistory()), renderHistoryHtml(sampleHistory())];
    jest.useRealTimers();
    expect(second).toEqual(first);
  });

  it('the generation time printed is the diff’s own', () => {
    const d = sampleDiff();
    d.generatedAt = '1999-09-09T09:09:09.000Z';
    for (const out of [renderDiffJson(d), renderDiffMarkdown(d), renderDiffHtml(d)]) expect(out).toContain('1999-09-09T09:09:09.000Z');
  });
});
