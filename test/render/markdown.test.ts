/**
 * The Markdown report: content, order, top-N, the merged daemon.json, escaping of hostile
 * input (structure asserted through a GFM parser), determinism, user templates.
 */
import { jest } from '@jest/globals';
import { InputError, UsageError } from '../../src/model/errors.js';
import type { AnalysedReport } from '../../src/model/report.js';
import { STRIDE_CATEGORIES, STRIDE_LABELS } from '../../src/knowledge/types.js';
import { render } from '../../src/render/markdown.js';
import { githubHeadingAnchor } from '../../src/render/escape.js';
import { CONTROLS, HOSTILE, NOT_ASSESSED_NOTE, fixtureReport, twoRunReport } from './fixture.js';
import { HOSTILE_STRINGS, hostileReport } from './hostile.js';
import { mdCodeBlocks, mdVisible, mdHeadings, mdHtmlTagNames, mdSection, mdTableBlocks, mdToHtml, splitRow } from './inspect.js';

const REQUIRED_ORDER = [
  'Summary',
  'Threat model (STRIDE)',
  'Harden first',
  'Proposed daemon.json',
  'All findings',
  'Caveats applied',
  'Waivers',
  'Provenance',
];

const md = (report: AnalysedReport = fixtureReport(), top = 3, extra: Record<string, unknown> = {}) => render(report, { top, ...extra });
const findings = (report: AnalysedReport) => report.runs[0]!.results.filter((r) => r.verdict === 'FINDING');

/** Distinct controls (or ids) among FINDINGs: how many harden-first items exist at most. */
function fixGroups(report: AnalysedReport): number {
  return new Set(findings(report).map((r) => r.control ?? r.id)).size;
}

describe('Markdown report content', () => {
  const report = fixtureReport();
  const out = md(report);

  test('has the sections in the required order, each once', () => {
    expect(mdHeadings(out, 2)).toEqual(REQUIRED_ORDER);
    expect(mdHeadings(out, 1)).toHaveLength(1);
  });

  test('the table of contents links every section to its GitHub anchor', () => {
    const anchors = mdHeadings(out).map(githubHeadingAnchor);
    const links = [...out.matchAll(/^- \[[^\]]+\]\(#([^)]+)\)$/gm)].map((m) => m[1]!.replace(/\\(.)/g, '$1'));
    expect(links.length).toBeGreaterThanOrEqual(REQUIRED_ORDER.length);
    for (const link of links) expect(anchors).toContain(link);
  });

  test('the summary counts every verdict the run holds', () => {
    const summary = mdSection(out, 'Summary');
    for (const [verdict, count] of Object.entries(report.runs[0]!.summary.verdicts)) {
      const label = verdict.charAt(0) + verdict.slice(1).toLowerCase().replace(/_/g, ' ');
      expect(summary).toMatch(new RegExp(`^\\| ${label} \\| ${count} \\|`, 'mi'));
    }
    expect(summary).toContain(`${findings(report).length} findings to fix`);
  });

  test('NOT_ASSESSED is explained: the analysis note and the controls that could not be seen', () => {
    const summary = mdSection(out, 'Summary');
    const notAssessed = summary.slice(summary.indexOf('What was not assessed'));
    expect(notAssessed).toContain(NOT_ASSESSED_NOTE);
    const unseen = report.runs[0]!.results.filter((r) => r.verdict === 'NOT_ASSESSED').map((r) => r.id);
    expect(unseen.length).toBeGreaterThan(0);
    for (const id of unseen) expect(notAssessed).toContain(id);
  });

  test('the threat model lists every STRIDE category with the findings that ground it', () => {
    const threats = mdSection(out, 'Threat model (STRIDE)');
    expect(mdHeadings(threats, 3)).toEqual(STRIDE_CATEGORIES.map((c) => STRIDE_LABELS[c]));
    for (const category of STRIDE_CATEGORIES) {
      const block = threats.slice(threats.indexOf(`### ${STRIDE_LABELS[category]}`)).split('\n### ')[0]!;
      const grounded = findings(report).filter((r) => r.stride.includes(category));
      for (const r of grounded) expect(block).toContain(`\`${r.id}\``);
      const other = findings(report).filter((r) => !r.stride.includes(category));
      for (const r of other) expect(block).not.toContain(`\`${r.id}\``);
    }
    // The component each threat is against is named.
    expect(threats).toContain('A foothold in the container runtime can be turned into more privilege');
  });

  test('a category without findings says so', () => {
    const quiet = fixtureReport();
    for (const r of quiet.runs[0]!.results) if (r.stride.includes('Repudiation')) r.verdict = 'SATISFIED';
    const threats = mdSection(md(quiet), 'Threat model (STRIDE)');
    const block = threats.slice(threats.indexOf('### Repudiation')).split('\n### ')[0]!;
    expect(block).toContain('No finding in this category.');
  });

  test.each([0, 1, 3, 5, 50])('harden first lists the top %i fixes in priority order', (top) => {
    const section = mdSection(md(report, top), 'Harden first');
    const items = mdHeadings(section, 3);
    expect(items).toHaveLength(Math.min(top, fixGroups(report)));
    items.forEach((heading, i) => expect(heading.startsWith(`${i + 1}. `)).toBe(true));
    if (top === 0) expect(section).toContain('--top 0');
    if (top > 0) {
      const first = report.runs[0]!.results[report.runs[0]!.priorities[0]!]!;
      expect(items[0]).toBe(`1. ${CONTROLS[first.control!]!.title}`);
    }
  });

  test('each harden-first item carries the threat, the change, its impact and how to verify it', () => {
    const section = mdSection(out, 'Harden first');
    const items = section.split('\n### ').slice(1);
    expect(items).toHaveLength(3);
    for (const item of items) {
      expect(item).toContain('**Why it matters:**');
      expect(item).toContain('**The change:**');
      expect(item).toContain('**Impact:**');
      expect(item).toMatch(/\*\*Verify:\*\* re-run the scanner; `[^`]+`.* should then pass/);
    }
    // The daemon-level fix shows its daemon.json snippet and its flag.
    const icc = items.find((i) => i.includes('`2.1`'))!;
    expect(JSON.parse(mdCodeBlocks(icc).find((b) => b.lang === 'json')!.text)).toEqual({ icc: false });
    expect(icc).toContain('`--icc=false`');
  });

  test('an a/b pair is one fix with both ids, re-checked together, with the caveat that keeps a variant failing', () => {
    const section = mdSection(md(report, 50), 'Harden first');
    const item = section.split('\n### ').find((i) => i.includes('Live restore'))!;
    expect(item).toContain('`2.13.a`, `2.13.b`');
    expect(item).toMatch(/> \*\*Caveat\*\* \(`ab-pair`\): aqua docker-bench checks live-restore twice/);
  });

  test('the merged daemon.json is valid JSON holding exactly the daemon-level fixes of the findings', () => {
    const section = mdSection(out, 'Proposed daemon.json');
    const blocks = mdCodeBlocks(section).filter((b) => b.lang === 'json');
    expect(blocks).toHaveLength(1);
    const merged = JSON.parse(blocks[0]!.text) as Record<string, unknown>;
    const expected: Record<string, unknown> = {};
    for (const r of findings(report)) {
      const fix = CONTROLS[r.control ?? '']?.fix;
      if (fix?.daemonJson) expected[fix.daemonJson.key] = JSON.parse(fix.daemonJson.value);
    }
    expect(merged).toEqual(expected);
    expect(Object.keys(merged)).toEqual(Object.keys(merged).sort());
    // log-level's only failing variant is NOT_APPLICABLE (default applies): no key for it.
    expect(merged).not.toHaveProperty('log-level');
  });

  test('every exclusive-sources key gets a warning naming its dockerd flag; the others do not', () => {
    const section = mdSection(out, 'Proposed daemon.json');
    const warnings = section.slice(section.indexOf('set each option in one place only')).split('\n').filter((l) => l.startsWith('- '));
    const exclusive = Object.values(CONTROLS).filter((c) => c.fix?.daemonJson && c.fix.exclusiveSources && findings(report).some((r) => r.control === c.key));
    expect(warnings).toHaveLength(exclusive.length);
    for (const c of exclusive) {
      expect(warnings.some((w) => w.includes(`\`"${c.fix!.daemonJson!.key}"\``) && w.includes(`\`${c.fix!.dockerdFlag}\``))).toBe(true);
    }
    expect(warnings.some((w) => w.includes('userns-remap'))).toBe(false);
  });

  test('with nothing daemon-level to fix, the section says so', () => {
    const none = fixtureReport();
    for (const c of Object.values(none.controls)) if (c.fix) c.fix.daemonJson = null;
    const section = mdSection(md(none), 'Proposed daemon.json');
    expect(section).toContain('No finding in this run is fixed in daemon.json.');
    expect(mdCodeBlocks(section)).toHaveLength(0);
  });

  test('all findings are grouped by section with verdict, severity, STRIDE, caveats and items', () => {
    const section = mdSection(out, 'All findings');
    const titles = mdHeadings(section, 3);
    expect(titles).toHaveLength(6);
    expect(mdVisible(titles[0]!)).toBe(`1 ${HOSTILE.section}`);
    const rows = section.split('\n').filter((l) => l.startsWith('| `'));
    expect(rows).toHaveLength(report.runs[0]!.results.length);
    const row = rows.find((l) => l.startsWith('| `2.13.a`'))!;
    expect(splitRow(row).map((c) => c.trim())).toEqual(
      expect.arrayContaining(['FAIL', 'Finding', 'Medium', 'D']),
    );
    expect(row).toContain('| `ab-pair` |');
    // More items than fit a cell: the cell shows a few and a <details> block lists all.
    expect(section).toMatch(/<details><summary>4\.1: all 5 items<\/summary>/);
  });

  test('caveats and waivers (applied, expired, unused) are listed', () => {
    const caveats = mdSection(out, 'Caveats applied');
    expect(caveats).toMatch(/\| `ab-pair` \|.*live-restore.*\| `2\.13\.a`, `2\.13\.b` \|/);
    expect(caveats).toMatch(/\| `non-root` \|.*\| whole run \|/);
    const waivers = mdSection(out, 'Waivers');
    expect(waivers).toMatch(/^\| Applied \| `docker\.host\.audit-var-lib-docker` \|.*\| `1\.2\.4` \|$/m);
    expect(waivers).toMatch(/^\| \*\*Expired\*\* \| `2\.8` \|.*\| 2020-01-01 \|/m);
    expect(waivers).toMatch(/^\| Unused \| `docker\.container\.cpu-shares` \| `batch` \|/m);
  });

  test('provenance names the input, its hash, format, numbering and the versions', () => {
    const p = mdSection(out, 'Provenance');
    expect(p).toContain('a'.repeat(64));
    expect(p).toContain('`aqua-docker-bench-text`');
    expect(p).toContain('`aqua-cis-1.2`');
    expect(p).toContain('`kb-test-1`');
    expect(p).toContain('2024-05-01T12:00:00.000Z');
    expect(p).toMatch(/1 parse warning/);
  });

  test('only <details>, <summary> and <br> appear as HTML', () => {
    expect(new Set(mdHtmlTagNames(out))).toEqual(new Set(['details', 'summary', 'br']));
  });

  test('knowledge text keeps its code spans but not its raw HTML', () => {
    const section = mdSection(out, 'Harden first');
    expect(section).toContain('`"icc": false`');
    expect(section).toContain('&lt;script&gt;alert("kb")&lt;/script&gt;');
    expect(mdToHtml(out)).not.toMatch(/<script|<b>Only/);
  });

  test('a report with several runs prefixes every run heading and keeps anchors unique', () => {
    const two = md(twoRunReport());
    const h2 = mdHeadings(two, 2);
    expect(h2.filter((h) => h.endsWith('Summary'))).toEqual(['Run 1: Summary', 'Run 2: Summary']);
    expect(new Set(h2.map(githubHeadingAnchor)).size).toBe(h2.length);
    expect(two).toContain('- [Run 2: Harden first](#run-2-harden-first)');
  });
});

describe('Markdown escaping of hostile input', () => {
  const benign = md(hostileReport('benign'));
  const benignTables = mdTableBlocks(benign).map((t) => t.length);

  test.each(HOSTILE_STRINGS.map((s) => [s]))('%j breaks no table, heading or list and injects nothing', (hostile) => {
    const out = md(hostileReport(hostile));
    // Tables: same number of tables and rows as with a benign string, every row as wide as its header.
    const tables = mdTableBlocks(out);
    expect(tables.map((t) => t.length)).toEqual(benignTables);
    for (const table of tables) {
      const width = splitRow(table[0]!).length;
      for (const row of table) expect(splitRow(row)).toHaveLength(width);
    }
    // Headings: the report's own, nothing injected.
    expect(mdHeadings(out, 1)).toHaveLength(1);
    expect(mdHeadings(out, 2)).toEqual(REQUIRED_ORDER);
    // HTML: only the three allowed tags, and nothing active once rendered.
    expect(new Set(mdHtmlTagNames(out))).toEqual(new Set(['details', 'summary', 'br']));
    const html = mdToHtml(out);
    expect(html).not.toMatch(/<(img|script|svg|iframe)\b/i);
    expect(html).not.toMatch(/<[a-z][^>]*\son[a-z]+=/i);
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).not.toContain('<details open');
    // The string itself is still there for the reader, as text.
    const visible = html.replace(/<[^>]*>/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ');
    // eslint-disable-next-line no-control-regex
    const expected = hostile.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '\uFFFD').replace(/\s+/g, ' ').trim();
    expect(visible).toContain(expected);
  });
});

describe('Markdown determinism', () => {
  test('the same report renders byte-identical, whatever the clock says', () => {
    jest.useFakeTimers({ now: new Date('2001-02-03T04:05:06Z') });
    const a = md();
    jest.setSystemTime(new Date('2031-12-31T23:59:59Z'));
    const b = md();
    jest.useRealTimers();
    expect(b).toBe(a);
    expect(md()).toBe(a);
  });

  test('object key order and waiver order in the input do not change the output', () => {
    const shuffled = fixtureReport();
    shuffled.controls = Object.fromEntries(Object.entries(shuffled.controls).reverse());
    shuffled.waivers = { applied: [...shuffled.waivers.applied].reverse(), expired: [...shuffled.waivers.expired], unused: [...shuffled.waivers.unused] };
    expect(md(shuffled)).toBe(md());
  });

  test('the generation time in the output is the report’s own', () => {
    const report = fixtureReport();
    report.generatedAt = '1999-09-09T09:09:09.000Z';
    expect(md(report)).toContain('1999-09-09T09:09:09.000Z');
    expect(md(report)).not.toContain(fixtureReport().generatedAt);
  });
});

describe('Markdown user templates and partials', () => {
  test('--template renders the documented object, with {{x}} escaped for Markdown', () => {
    const template = '# {{title}}\n{{#each runs}}{{#each hardenFirst}}- {{title}} ({{join ids ", "}})\n{{/each}}{{/each}}';
    const report = fixtureReport();
    report.runs[0]!.results.find((r) => r.id === '5.4')!.control = null;
    report.runs[0]!.results.find((r) => r.id === '5.4')!.title = '*pwn* | <b>x</b>';
    const out = md(report, 2, { template });
    expect(out).toBe('# Hardening report: b&gt;.txt\n- \\*pwn\\* \\| &lt;b&gt;x&lt;/b&gt; (5.4)\n- Restrict inter-container traffic on the default bridge (2.1)\n');
  });

  test('a partial override replaces one section and leaves the others', () => {
    const out = md(fixtureReport(), 3, { partials: { summary: '## Custom summary\n\n{{summary.findings}} findings, {{host}}\n' } });
    expect(mdHeadings(out, 2)).toEqual(['Custom summary', ...REQUIRED_ORDER.slice(1)]);
    expect(out).toContain(`${findings(fixtureReport()).length} findings`);
  });

  test('a broken user template is an InputError with its line', () => {
    let error: unknown;
    try {
      md(fixtureReport(), 3, { template: '# ok\n\n{{#each runs}}\n{{title}\n', templateName: 'mine.hbs' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).file).toBe('mine.hbs');
    expect((error as InputError).line).toBe(4);
  });

  test('a user template calling a partial that does not exist is an InputError', () => {
    expect(() => md(fixtureReport(), 3, { template: '{{> nowhere}}' })).toThrow(InputError);
  });

  test('--top must be a whole number of 0 or more', () => {
    expect(() => md(fixtureReport(), -1)).toThrow(UsageError);
    expect(() => md(fixtureReport(), 1.5)).toThrow(UsageError);
  });
});
