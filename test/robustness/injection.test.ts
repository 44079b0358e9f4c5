/// <reference lib="dom" />
/**
 * One table over every renderer (report: json, md, html, sarif, junit, csv; diff and
 * history: json, md, html) and every hostile string: the string is put into every field
 * that reaches an output — titles, details, items, remediation, tool version, host name,
 * input file name, waiver reason and owner, a mapped control's title and rationale — by
 * feeding it through the real pipeline (a docker-bench-security JSON log → ingest → the
 * knowledge with a --mapping file → analysis with a waivers file → render).
 *
 * Each output is parsed with a parser for its format and compared with the same report
 * rendered from a benign placeholder: the structure must not change (no new tag, table
 * column, heading, element, CSV column), nothing active may appear (script, event handler,
 * javascript: URL, formula), no terminal control character may survive in a text format,
 * and the hostile string must still be there as data.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseCsv } from 'csv-parse/sync';
import { marked, type Token } from 'marked';
import { chromium, type Browser } from 'playwright-core';
import { analyse, parseWaivers } from '../../src/analysis/index.js';
import { diffRuns } from '../../src/analysis/diff.js';
import { historyOf } from '../../src/analysis/history.js';
import { ingestText } from '../../src/ingest/index.js';
import { clearKnowledgeCache, loadKnowledge } from '../../src/knowledge/index.js';
import type { AnalysedReport } from '../../src/model/report.js';
import { loadDiffRenderer, loadHistoryRenderer, DIFF_FORMATS, HISTORY_FORMATS } from '../../src/render/diff-formats.js';
import { FORMATS, loadRenderer } from '../../src/render/index.js';
import { SAMPLES } from '../helpers/paths.js';
import { parseXml, type XmlElement, type XmlNode } from '../render-machine/xml-parse.js';
import { activeContent, scanHtml, type Tag } from './html-scan.js';
import { GENERATED_AT } from './harness.js';

/** Hostile strings by the output they attack; every one goes to every renderer. */
const HOSTILE: readonly [string, string][] = [
  ['html script', '<script>alert(1)</script>'],
  ['html img onerror', '<img src=x onerror=alert(1)>'],
  ['html attribute break-out', '"><svg onload=alert(1)>'],
  ['html single-quote break-out', "' autofocus onfocus='alert(1)"],
  ['javascript: URL', 'javascript:alert(document.domain)'],
  ['markdown pipes', 'a | b || c \\| d'],
  ['markdown backticks', '``` `x` `` ````'],
  ['markdown link', '[click](javascript:alert(1)) ![i](http://evil.example/x.png) <http://evil.example>'],
  ['markdown closing details', '</details></summary></td></tr></table><script>x</script>'],
  ['markdown heading and rule', '# Heading\n---\n## Sub'],
  ['markdown emphasis and html comment', '*a* _b_ **c** <!-- x --> {{x}}'],
  ['XML CDATA end and ampersand', ']]> & &amp; &#0; <![CDATA[x]]>'],
  ['XML invalid characters', 'nul\u0000 vt\u000b ff\u000c \ufffe \uffff'],
  ['CSV formula =', '=HYPERLINK("http://evil.example","x")'],
  ['CSV formula +', '+1+cmd|\' /C calc\'!A0'],
  ['CSV formula -', '-2+3'],
  ['CSV formula @', '@SUM(A1:A9)'],
  ['CSV tab formula', '\t=1+1'],
  ['JSON lone surrogates', 'high \ud800 low \udc00 pair \ud83d\ude00'],
  ['terminal clear screen', '\u001b[2J\u001b[H'],
  ['terminal OSC 52 clipboard', '\u001b]52;c;ZWNobyBwd25lZA==\u0007'],
  ['terminal bell and C1 CSI', 'bell\u0007 csi\u009b31m del\u007f'],
  ['line breaks', 'one\r\ntwo\rthree\nfour\u2028five'],
];

const BENIGN = 'placeholder';

const SAMPLE = JSON.parse(readFileSync(join(SAMPLES, 'docker-bench-security-1.6.0.log.json'), 'utf8')) as {
  dockerbenchsecurity: string;
  tests: { id: string; desc: string; results: Record<string, unknown>[] }[];
};

/**
 * The sample log with `s` in every free-text field. `before` makes the earlier run of the
 * pair for diff and history: section 5 passes and two daemon checks fail, so every kind of
 * change has rows.
 */
function hostileLog(s: string, before: boolean): string {
  const doc = structuredClone(SAMPLE);
  doc.dockerbenchsecurity = `1.6.0 ${s}`;
  for (const section of doc.tests) {
    section.desc = `${section.desc} ${s}`;
    for (const r of section.results) {
      r.desc = String(r.desc).replace(/ \((Automated|Manual)\)$/, ` ${s} ($1)`);
      r.details = `Running as root: ${s}`;
      r.items = [...((r.items as string[] | undefined) ?? []), s, `web-${s}`];
      r.remediation = s;
      r['remediation-impact'] = s;
      if (before && section.id === '5') r.result = 'PASS';
      if (before && (r.id === '2.2' || r.id === '2.3')) r.result = 'WARN';
    }
  }
  // A check no knowledge knows: renderers fall back to the scanner's own title for it.
  doc.tests[doc.tests.length - 1]!.results.push({ id: '7.99', desc: s, result: 'WARN', details: s, items: [s] });
  return JSON.stringify(doc, null, 2);
}

function csvCell(s: string): string {
  return `"${s.replaceAll('"', '""')}"`;
}

/** Everything a user-supplied file can name: a waiver and an unused waiver, a mapped control. */
function sideFiles(dir: string, s: string): { waivers: string; mapping: string } {
  const waivers = join(dir, 'waivers.csv');
  writeFileSync(
    waivers,
    [
      'control,item,reason,owner,expires',
      `docker.container.user,${csvCell(s)},${csvCell(s)},${csvCell(s)},2099-12-31`,
      `${csvCell(`docker.nothing.${s}`)},,${csvCell(s)},${csvCell(s)},`,
    ].join('\n'),
  );
  const mapping = join(dir, 'mapping.csv');
  writeFileSync(mapping, ['key,title,rationale', `docker.daemon.live-restore,${csvCell(`Live restore ${s}`)},${csvCell(`Because ${s}`)}`].join('\n'));
  return { waivers, mapping };
}

interface Rendered {
  report: Map<string, string>;
  diff: Map<string, string>;
  history: Map<string, string>;
}

async function renderEverything(s: string, dir: string): Promise<Rendered & { reportModel: AnalysedReport }> {
  const { waivers, mapping } = sideFiles(dir, s);
  clearKnowledgeCache();
  const knowledge = loadKnowledge({ mappingFile: mapping });
  const waiverList = parseWaivers(readFileSync(waivers, 'utf8'), waivers);
  const analyseLog = async (text: string, name: string) => {
    const parsed = await ingestText(text, { name });
    for (const run of parsed.runs) run.host = `host ${s}`;
    return analyse(parsed, knowledge, { generatedAt: GENERATED_AT, waivers: waiverList });
  };
  const after = await analyseLog(hostileLog(s, false), `after ${s}.json`);
  const before = await analyseLog(hostileLog(s, true), `before ${s}.json`);
  const compared = [
    { report: before, run: before.runs[0]! },
    { report: after, run: after.runs[0]! },
  ];
  const out: Rendered = { report: new Map(), diff: new Map(), history: new Map() };
  for (const f of FORMATS) out.report.set(f, (await loadRenderer(f))!(after, { top: 3 }));
  const diff = diffRuns(compared[0]!, compared[1]!, { generatedAt: GENERATED_AT });
  for (const f of DIFF_FORMATS) out.diff.set(f, (await loadDiffRenderer(f))!(diff));
  const history = historyOf(compared, { generatedAt: GENERATED_AT });
  for (const f of HISTORY_FORMATS) out.history.set(f, (await loadHistoryRenderer(f))!(history));
  return { ...out, reportModel: after };
}

// ---------------------------------------------------------------------------------------
// What "the same structure" and "present as data" mean per format.

/** Lone surrogates (ES2024's String#toWellFormed is not in our lib target). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const wellFormed = (s: string) => s.replace(LONE_SURROGATE, '\ufffd');
const isWellFormed = (s: string) => !new RegExp(LONE_SURROGATE.source).test(s);

const ANSI = /\u001b\[[0-?]{0,32}[ -/]{0,8}[@-~]|\u001b\][^\u0007\u001b]{0,512}(?:\u0007|\u001b\\)|\u009b[0-?]{0,32}[ -/]{0,8}[@-~]/g;

/**
 * The printable core of a string, for "is it still there" checks: escape sequences and
 * control characters dropped, lone surrogates as U+FFFD (renderers may do either), runs of
 * whitespace as one space.
 */
function visible(s: string): string {
  return wellFormed(s)
    .replace(ANSI, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufffd\ufffe\uffff]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Pieces of the hostile string long enough to identify it, whatever escaping did to its edges. */
function fragments(s: string): string[] {
  return visible(s)
    .split(' ')
    .filter((w) => w.replace(/[^A-Za-z0-9]/g, '').length >= 3);
}

function expectPresent(text: string, s: string, where: string): void {
  const haystack = visible(text);
  const missing = fragments(s).filter((f) => !haystack.includes(f));
  if (missing.length > 0) throw new Error(`${where}: the hostile string did not reach the output as data (missing ${JSON.stringify(missing)})`);
}

/** Raw characters a terminal acts on (C0 but tab/LF/CR, DEL, C1); text formats must not carry them. */
const TERMINAL_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

function expectNoTerminalControls(text: string, where: string): void {
  const m = TERMINAL_CONTROL.exec(text);
  if (m) throw new Error(`${where}: raw U+${m[0].charCodeAt(0).toString(16).padStart(4, '0')} at ${m.index}: ${JSON.stringify(text.slice(Math.max(0, m.index - 30), m.index + 30))}`);
}

/** Tags and their attribute names; `code` is left out, as code spans are in Markdown. */
function tagSkeleton(tags: readonly Tag[]): string[] {
  return tags.filter((t) => t.name !== 'code').map((t) => `${t.kind === 'close' ? '/' : ''}${t.name}[${t.attrs.map(([n]) => n).sort().join(',')}]`);
}

function firstDifference(a: readonly string[], b: readonly string[]): string | null {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) return `at #${i}: benign ${JSON.stringify(a.slice(Math.max(0, i - 2), i + 3))} vs hostile ${JSON.stringify(b.slice(Math.max(0, i - 2), i + 3))}`;
  }
  return null;
}

function checkHtml(hostile: string, benign: string, s: string, where: string): void {
  const h = scanHtml(hostile);
  const active = activeContent(h.tags);
  if (active.length > 0) throw new Error(`${where}: active content ${JSON.stringify(active.slice(0, 5))}`);
  const diff = firstDifference(tagSkeleton(scanHtml(benign).tags), tagSkeleton(h.tags));
  if (diff !== null) throw new Error(`${where}: the element structure changed ${diff}`);
  expectNoTerminalControls(hostile, where);
  expectPresent(h.text, s, where);
}

/**
 * Block and inline token types, with table shapes and inline HTML tags, depth first. Code
 * spans are left out (a renderer may show a value as escaped text instead of code when it
 * holds backticks or pipes: same text, same place), and so are autolinks (a URL in the data
 * shown as the link it spells: GFM does that to any text); their schemes are checked apart.
 */
function markdownSkeleton(tokens: readonly Token[], out: string[] = []): string[] {
  for (const t of tokens) {
    if (t.type === 'codespan' || (t.type === 'link' && (t.raw === t.text || t.raw === `<${t.text}>`))) continue;
    if (t.type === 'text' || t.type === 'escape' || t.type === 'space' || t.type === 'br') {
      if ('tokens' in t && Array.isArray(t.tokens)) markdownSkeleton(t.tokens as Token[], out);
      continue;
    }
    if (t.type === 'html') {
      // A line break inside a table cell is how a multi-line value is shown, not structure.
      for (const tag of tagSkeleton(scanHtml(t.raw).tags)) if (tag !== 'br[]' && tag !== '/br[]') out.push(`html:${tag}`);
      continue;
    }
    if (t.type === 'table') {
      out.push(`table:${t.header.length}x${t.rows.length}`);
      for (const cell of [...t.header, ...t.rows.flat()]) markdownSkeleton(cell.tokens, out);
      continue;
    }
    if (t.type === 'heading') out.push(`h${t.depth}`);
    else if (t.type === 'list') out.push(`list:${t.items.length}`);
    else out.push(t.type);
    if (t.type === 'list') for (const item of t.items) markdownSkeleton(item.tokens, out);
    else if ('tokens' in t && Array.isArray(t.tokens)) markdownSkeleton(t.tokens as Token[], out);
  }
  return out;
}

function markdownLinks(tokens: readonly Token[], out: string[] = []): string[] {
  marked.walkTokens(tokens as Token[], (t) => {
    if (t.type === 'link' || t.type === 'image') out.push(t.href);
  });
  return out;
}

function checkMarkdown(hostile: string, benign: string, s: string, where: string): void {
  const tokens = marked.lexer(hostile);
  const diff = firstDifference(markdownSkeleton(marked.lexer(benign)), markdownSkeleton(tokens));
  if (diff !== null) throw new Error(`${where}: the Markdown structure changed ${diff}`);
  const scripted = markdownLinks(tokens).filter((href) => /^\s*(javascript|vbscript|data):/i.test(href));
  if (scripted.length > 0) throw new Error(`${where}: script link ${JSON.stringify(scripted)}`);
  const html = marked.parse(hostile, { async: false });
  const active = activeContent(scanHtml(html).tags);
  if (active.length > 0) throw new Error(`${where}: rendered Markdown has active content ${JSON.stringify(active.slice(0, 5))}`);
  expectNoTerminalControls(hostile, where);
  expectPresent(scanHtml(html).text, s, where);
}

function jsonKeyPaths(value: unknown, path = '$', out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) jsonKeyPaths(v, `${path}[]`, out);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.add(`${path}.${k}`);
      jsonKeyPaths(v, `${path}.${k}`, out);
    }
  }
  return out;
}

function jsonStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) jsonStrings(v, out);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) jsonStrings(v, out);
  return out;
}

function checkJson(hostile: string, benign: string, s: string, where: string): unknown {
  // A lone surrogate must be written as a \u escape (or replaced): raw, it is not UTF-8.
  if (!isWellFormed(hostile)) throw new Error(`${where}: output holds a lone surrogate, which cannot be written as UTF-8`);
  // JSON.stringify escapes C0 but leaves DEL and C1 raw; `-f json` to a terminal must not
  // carry them (\u009b is the same value, escaped).
  expectNoTerminalControls(hostile, where);
  let doc: unknown;
  try {
    doc = JSON.parse(hostile);
  } catch (err) {
    throw new Error(`${where}: not valid JSON: ${(err as Error).message}`);
  }
  const benignKeys = jsonKeyPaths(JSON.parse(benign));
  const extra = [...jsonKeyPaths(doc)].filter((k) => !benignKeys.has(k) && !/^\$\.controls\./.test(k));
  if (extra.length > 0) throw new Error(`${where}: keys the benign report does not have: ${extra.slice(0, 5).join(', ')}`);
  // JSON keeps data exactly (that is its job): the string itself, not a sanitised copy.
  const strings = jsonStrings(doc);
  if (!strings.some((x) => x.includes(s) || x.includes(wellFormed(s)))) {
    expectPresent(strings.join(' '), s, where);
  }
  return doc;
}

function checkSarif(hostile: string, benign: string, s: string, where: string): void {
  const doc = checkJson(hostile, benign, s, where) as { runs: { tool: { driver: { rules?: { help?: { markdown?: string } }[] } }; results?: { message?: { markdown?: string } }[] }[] };
  // GitHub renders the markdown fields of SARIF: hold them to the Markdown rules.
  for (const run of doc.runs) {
    for (const rule of run.tool.driver.rules ?? []) {
      const md = rule.help?.markdown;
      if (md === undefined) continue;
      const tokens = marked.lexer(md);
      const scripted = markdownLinks(tokens).filter((href) => /^\s*(javascript|vbscript|data):/i.test(href));
      if (scripted.length > 0) throw new Error(`${where}: help.markdown has a script link ${JSON.stringify(scripted)}`);
      const active = activeContent(scanHtml(marked.parse(md, { async: false })).tags);
      if (active.length > 0) throw new Error(`${where}: help.markdown has active content ${JSON.stringify(active)}`);
      if (tokens.some((t) => t.type === 'html')) throw new Error(`${where}: help.markdown passes raw HTML: ${JSON.stringify(md.slice(0, 200))}`);
    }
  }
}

function xmlSkeleton(e: XmlElement, out: string[] = []): string[] {
  out.push(`${e.name}[${Object.keys(e.attributes).sort().join(',')}]`);
  for (const c of e.children) if (typeof c !== 'string') xmlSkeleton(c, out);
  out.push(`/${e.name}`);
  return out;
}

function xmlText(n: XmlNode, out: string[] = []): string[] {
  if (typeof n === 'string') out.push(n);
  else {
    out.push(...Object.values(n.attributes));
    for (const c of n.children) xmlText(c, out);
  }
  return out;
}

function checkJunit(hostile: string, benign: string, s: string, where: string): void {
  let doc: XmlElement;
  try {
    doc = parseXml(hostile);
  } catch (err) {
    throw new Error(`${where}: not well-formed XML: ${(err as Error).message}`);
  }
  const diff = firstDifference(xmlSkeleton(parseXml(benign)), xmlSkeleton(doc));
  if (diff !== null) throw new Error(`${where}: the XML structure changed ${diff}`);
  expectNoTerminalControls(hostile, where);
  expectPresent(xmlText(doc).join(' '), s, where);
}

const FORMULA = /^[=+\-@\t\r]/;

function checkCsv(hostile: string, benign: string, s: string, where: string): void {
  const rows = parseCsv(hostile, { relax_column_count: false, bom: false }) as string[][];
  const benignRows = parseCsv(benign) as string[][];
  if (rows[0]!.length !== benignRows[0]!.length) throw new Error(`${where}: ${rows[0]!.length} columns, the benign CSV has ${benignRows[0]!.length}`);
  if (rows.length !== benignRows.length) throw new Error(`${where}: ${rows.length} rows, the benign CSV has ${benignRows.length}`);
  const formulas = rows.flat().filter((cell) => FORMULA.test(cell));
  if (formulas.length > 0) throw new Error(`${where}: cells a spreadsheet runs as formulas: ${JSON.stringify(formulas.slice(0, 3))}`);
  // No terminal-control check: the CSV keeps every value exactly (it round-trips any string,
  // test/render-machine/csv.test.ts); on a terminal the CLI makes it inert (terminal.test.ts).
  expectPresent(rows.flat().join(' '), s, where);
}

type Checker = (hostile: string, benign: string, s: string, where: string) => void;
const CHECKERS: Record<string, Checker> = { json: checkJson, md: checkMarkdown, html: checkHtml, sarif: checkSarif, junit: checkJunit, csv: checkCsv };

// ---------------------------------------------------------------------------------------

describe('hostile strings in every field, through every renderer', () => {
  let dir: string;
  let benign: Rendered;
  const outputs = new Map<string, Rendered & { reportModel: AnalysedReport }>();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'stridebench-injection-'));
    benign = await renderEverything(BENIGN, dir);
    for (const [label, s] of HOSTILE) outputs.set(label, await renderEverything(s, dir));
  });
  afterAll(() => {
    clearKnowledgeCache();
    rmSync(dir, { recursive: true, force: true });
  });

  it('covers every renderer there is', () => {
    expect([...benign.report.keys()].sort()).toEqual(['csv', 'html', 'json', 'junit', 'md', 'sarif']);
    expect([...benign.diff.keys()].sort()).toEqual(['html', 'json', 'md']);
    expect([...benign.history.keys()].sort()).toEqual(['html', 'json', 'md']);
  });

  it.each(HOSTILE)('the hostile string reaches every field of the model: %s', (label, s) => {
    const model = outputs.get(label)!.reportModel;
    const results = model.runs[0]!.results;
    expect(model.input.name).toContain(s);
    expect(model.runs[0]!.host).toContain(s);
    expect(model.runs[0]!.toolVersion).toContain(s);
    // Readers trim, split lines and repair encodings: what must survive is the visible text.
    const reaches = (texts: (string | null)[]) => {
      const all = visible(texts.filter((t): t is string => t !== null).join(' '));
      return fragments(s).every((f) => all.includes(f));
    };
    expect(reaches(results.map((r) => r.title))).toBe(true);
    expect(reaches(results.flatMap((r) => r.details))).toBe(true);
    expect(reaches(results.map((r) => r.remediation))).toBe(true);
    expect(reaches(results.flatMap((r) => r.items))).toBe(true);
    expect(reaches(Object.values(model.controls).map((c) => c.title))).toBe(true);
    expect(model.waivers.applied.length + model.waivers.unused.length).toBe(2);
  });

  const table = HOSTILE.flatMap(([label]) =>
    [
      ...['json', 'md', 'html', 'sarif', 'junit', 'csv'].map((f) => ['report', f] as const),
      ...['json', 'md', 'html'].map((f) => ['diff', f] as const),
      ...['json', 'md', 'html'].map((f) => ['history', f] as const),
    ].map(([kind, format]) => [label, kind, format] as const),
  );

  it.each(table)('%s → %s %s', (label, kind, format) => {
    const s = HOSTILE.find(([l]) => l === label)![1];
    const hostile = outputs.get(label)![kind].get(format)!;
    const reference = benign[kind].get(format)!;
    CHECKERS[format]!(hostile, reference, s, `${kind} ${format}`);
  });
});

const CHROMIUM = '/usr/bin/chromium';
const browserDescribe = existsSync(CHROMIUM) ? describe : describe.skip;
if (!existsSync(CHROMIUM)) console.warn(`SKIPPED the in-browser injection check: ${CHROMIUM} is not installed`);

browserDescribe('every hostile string at once, in Chromium', () => {
  // What a browser does is the last word on "nothing executes": every page we write, and the
  // Markdown ones as a JS renderer (marked, no sanitiser) turns them into HTML, are loaded
  // with scripts enabled and watched for dialogs, errors, requests and live handlers.
  let browser: Browser;
  let dir: string;
  let pages: [string, string][];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'stridebench-injection-browser-'));
    const all = HOSTILE.map(([, s]) => s).join(' ');
    const out = await renderEverything(all, dir);
    pages = [];
    for (const kind of ['report', 'diff', 'history'] as const) {
      pages.push([`${kind}.html`, out[kind].get('html')!]);
      pages.push([`${kind}.md.html`, `<!doctype html><meta charset="utf-8">${marked.parse(out[kind].get('md')!, { async: false })}`]);
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    clearKnowledgeCache();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Load the page with scripts on; what ran, asked, failed or fetched, and what is live in the DOM. */
  async function watch(name: string, html: string): Promise<{ events: string[]; live: string[] }> {
    const file = join(dir, name);
    writeFileSync(file, html);
    const page = await browser.newPage();
    const events: string[] = [];
    page.on('dialog', async (d) => {
      events.push(`dialog: ${d.message()}`);
      await d.dismiss();
    });
    page.on('pageerror', (e) => events.push(`pageerror: ${e.message}`));
    page.on('request', (r) => {
      if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) events.push(`request: ${r.url()}`);
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    const live = await page.evaluate(() => {
      const found: string[] = [];
      for (const el of Array.from(document.querySelectorAll('*'))) {
        if (['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED'].includes(el.tagName)) found.push(el.tagName);
        for (const a of Array.from(el.attributes)) {
          if (a.name.startsWith('on')) found.push(`${el.tagName} ${a.name}`);
          if (/^\s*(javascript|vbscript):/i.test(a.value) && /href|src|action/.test(a.name)) found.push(`${el.tagName} ${a.name}=${a.value.slice(0, 30)}`);
        }
      }
      return found;
    });
    await page.close();
    return { events, live };
  }

  it('the watch sees an injection when there is one', async () => {
    const seen = await watch('self-check.html', '<!doctype html><p>x <img src=x onerror=alert(1)> <a href="javascript:alert(2)">y</a></p>');
    expect(seen.events).toContain('dialog: 1');
    expect(seen.live).toEqual(expect.arrayContaining(['IMG onerror', 'A href=javascript:alert(2)']));
  });

  it('no page runs anything', async () => {
    for (const [name, html] of pages) {
      expect({ name, ...(await watch(name, html)) }).toEqual({ name, events: [], live: [] });
    }
  }, 60_000);
});
