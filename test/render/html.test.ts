/**
 * The HTML report: self-contained and strict (CSP, no scripts, no external references),
 * accessible structure, content in the required order, escaping of hostile input,
 * determinism, user templates. The browser test (browser.test.ts) checks the rendered page.
 */
import { createHash } from 'node:crypto';
import { jest } from '@jest/globals';
import { InputError } from '../../src/model/errors.js';
import type { AnalysedReport } from '../../src/model/report.js';
import { render } from '../../src/render/html.js';
import { CONTROLS, NOT_ASSESSED_NOTE, fixtureReport, twoRunReport } from './fixture.js';
import { HOSTILE_STRINGS, hostileReport } from './hostile.js';
import { decodeHtml, htmlAttr, htmlSectionById, htmlTags, htmlText } from './inspect.js';

const html = (report: AnalysedReport = fixtureReport(), top = 3, extra: Record<string, unknown> = {}) => render(report, { top, ...extra });
const findings = (report: AnalysedReport) => report.runs[0]!.results.filter((r) => r.verdict === 'FINDING');

const MAJOR_SECTIONS = ['summary', 'threats', 'harden-first', 'daemon-json', 'findings', 'caveats', 'waivers', 'provenance'];

/** Every element we write ourselves; anything else in the output came from input. */
const OUR_TAGS = new Set(
  'html head meta title link style body a header h1 h2 h3 h4 p code nav ol ul li main section dl dt dd div span table caption thead tbody tr th td colgroup col svg rect text desc details summary pre article small strong em br abbr time footer del blockquote hr'.split(' '),
);

describe('HTML report: a strict, self-contained document', () => {
  const out = html();
  const tags = htmlTags(out);

  test('is a complete English UTF-8 document with the CSP first in the head', () => {
    expect(out.startsWith('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy"')).toBe(true);
    expect(out.trimEnd().endsWith('</html>')).toBe(true);
  });

  test('the CSP allows nothing but its own stylesheet (by hash) and data: images', () => {
    const csp = htmlAttr(tags.find((t) => t.name === 'meta' && t.attrs.includes('Content-Security-Policy'))!.attrs, 'content')!;
    const style = /<style>([\s\S]*?)<\/style>/.exec(out)![1]!;
    const hash = createHash('sha256').update(style, 'utf8').digest('base64');
    expect(csp).toBe(`default-src 'none'; style-src 'sha256-${hash}'; img-src data:; base-uri 'none'; form-action 'none'`);
    expect(out.match(/<style>/g)).toHaveLength(1);
  });

  test('has no script, no inline style or event handler, no external reference', () => {
    expect(out).not.toMatch(/<script/i);
    for (const t of tags) {
      expect(t.attrs).not.toMatch(/\sstyle=/);
      expect(t.attrs).not.toMatch(/\son[a-z]+=/i);
      for (const attr of ['href', 'src', 'action', 'xlink:href']) {
        const value = htmlAttr(t.attrs, attr);
        if (value !== null) expect(value).toMatch(/^(#|data:)/);
      }
    }
    expect(out).not.toMatch(/@import|url\(/);
  });

  test('has landmarks, a labelled navigation, and scoped table headers', () => {
    for (const landmark of ['header', 'nav', 'main', 'footer']) expect(tags.filter((t) => t.name === landmark)).toHaveLength(1);
    expect(tags.find((t) => t.name === 'nav')!.attrs).toContain('aria-labelledby="toc-heading"');
    const ths = tags.filter((t) => t.name === 'th');
    expect(ths.length).toBeGreaterThan(20);
    for (const th of ths) expect(htmlAttr(th.attrs, 'scope')).toMatch(/^(col|row)$/);
  });

  test('ids are unique and every in-page link has a target', () => {
    const ids = tags.map((t) => htmlAttr(t.attrs, 'id')).filter((id): id is string => id !== null);
    expect(new Set(ids).size).toBe(ids.length);
    const links = tags.filter((t) => t.name === 'a').map((t) => htmlAttr(t.attrs, 'href')!);
    expect(links.length).toBeGreaterThan(20);
    for (const link of links) expect(ids).toContain(link.slice(1));
  });

  test('charts are inline SVG images with a title and a description', () => {
    const svgs = [...out.matchAll(/<svg\b[^>]*>[\s\S]*?<\/svg>/g)].map((m) => m[0]);
    expect(svgs).toHaveLength(2);
    for (const svg of svgs) {
      const labelledBy = htmlAttr(htmlTags(svg)[0]!.attrs, 'aria-labelledby')!.split(' ');
      expect(htmlAttr(htmlTags(svg)[0]!.attrs, 'role')).toBe('img');
      expect(svg).toContain(`<title id="${labelledBy[0]}">`);
      expect(svg).toContain(`<desc id="${labelledBy[1]}">`);
    }
    // The STRIDE chart states the numbers the analysis counted.
    const stride = fixtureReport().runs[0]!.summary.stride;
    expect(svgs[1]).toContain(`Elevation of privilege: ${stride.ElevationOfPrivilege}`);
  });
});

describe('HTML report content', () => {
  const report = fixtureReport();
  const out = html(report);

  test('has the major sections in the required order', () => {
    const order = [...out.matchAll(/<section class="major" id="([^"]+)"/g)].map((m) => m[1]);
    expect(order).toEqual(MAJOR_SECTIONS);
  });

  test('the summary gives the posture, the counts and what was not assessed', () => {
    const summary = htmlText(htmlSectionById(out, 'summary'));
    expect(summary).toContain(`${findings(report).length} findings to fix`);
    expect(summary).toContain(NOT_ASSESSED_NOTE);
    expect(summary).toMatch(/the scanner could not see: 5\.1/);
  });

  test.each([0, 1, 3, 50])('harden first shows the top %i fixes', (top) => {
    const section = htmlSectionById(html(report, top), 'harden-first');
    const groups = new Set(findings(report).map((r) => r.control ?? r.id)).size;
    expect(section.match(/<article class="fix"/g) ?? []).toHaveLength(Math.min(top, groups));
  });

  test('the merged daemon.json snippet is valid JSON with the expected keys, and exclusive keys are warned about', () => {
    const section = htmlSectionById(out, 'daemon-json');
    const snippet = decodeHtml(/<pre><code>([\s\S]*?)<\/code><\/pre>/.exec(section)![1]!);
    const merged = JSON.parse(snippet) as Record<string, unknown>;
    expect(Object.keys(merged)).toEqual(['icc', 'live-restore', 'no-new-privileges', 'userns-remap']);
    const warnings = [...section.matchAll(/<li><code>"([a-z-]+)"<\/code>: remove <code>([^<]+)<\/code>/g)].map((m) => [m[1], decodeHtml(m[2]!)]);
    expect(warnings).toEqual([
      ['icc', CONTROLS['docker.daemon.icc']!.fix!.dockerdFlag],
      ['live-restore', CONTROLS['docker.daemon.live-restore']!.fix!.dockerdFlag],
      ['no-new-privileges', CONTROLS['docker.daemon.no-new-privileges']!.fix!.dockerdFlag],
    ]);
  });

  test('every result has a row in its section, linked from the threat model', () => {
    const section = htmlSectionById(out, 'findings');
    expect(section.match(/<tr id="finding-\d+">/g)).toHaveLength(report.runs[0]!.results.length);
    const threats = htmlSectionById(out, 'threats');
    for (const m of threats.matchAll(/href="#(finding-\d+)"/g)) expect(section).toContain(`<tr id="${m[1]}">`);
  });

  test('long item lists fold into <details>', () => {
    const row = /<tr id="finding-\d+">\n<th scope="row"><code>4\.1<\/code>[\s\S]*?<\/tr>/.exec(out)![0];
    expect(row).toMatch(/<details><summary>5 items<\/summary>/);
  });

  test('caveats and waivers (applied, expired, unused) are listed', () => {
    const caveats = htmlText(htmlSectionById(out, 'caveats'));
    expect(caveats).toMatch(/ab-pair aqua docker-bench checks live-restore twice.* 2\.13\.a ?, 2\.13\.b/);
    const waivers = htmlText(htmlSectionById(out, 'waivers'));
    expect(waivers).toMatch(/Applied docker\.host\.audit-var-lib-docker all .* 1\.2\.4/);
    expect(waivers).toMatch(/Expired 2\.8 all userns rollout planned .*2020-01-01/);
    expect(waivers).toMatch(/Unused docker\.container\.cpu-shares batch batch jobs may burst platform never/);
  });

  test('knowledge Markdown becomes HTML with its raw HTML escaped', () => {
    const harden = htmlSectionById(out, 'harden-first');
    expect(harden).toContain('<code>&quot;icc&quot;: false</code>');
    expect(harden).toContain('&lt;script&gt;alert(&quot;kb&quot;)&lt;/script&gt;');
    expect(harden).not.toContain('<b>Only</b>');
  });

  test('a report with several runs prefixes every id and keeps them unique', () => {
    const two = html(twoRunReport());
    const order = [...two.matchAll(/<section class="major" id="([^"]+)"/g)].map((m) => m[1]);
    expect(order).toEqual([
      ...MAJOR_SECTIONS.slice(0, 6).map((s) => `r1-${s}`),
      ...MAJOR_SECTIONS.slice(0, 6).map((s) => `r2-${s}`),
      'waivers',
      'provenance',
    ]);
    const ids = htmlTags(two).map((t) => htmlAttr(t.attrs, 'id')).filter((id): id is string => id !== null);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('HTML escaping of hostile input', () => {
  const benign = html(hostileReport('benign'));
  // Rows sort by their text, so compare which elements exist and how many, not their order.
  // <code> is left out: analysis messages show their backtick spans as code on purpose.
  const shape = (out: string) => htmlTags(out).map((t) => t.name).filter((n) => n !== 'code').sort();
  const benignShape = shape(benign);

  test.each(HOSTILE_STRINGS.map((s) => [s]))('%j stays text: same elements, no handler, no script', (hostile) => {
    const out = html(hostileReport(hostile));
    const tags = htmlTags(out);
    // The element structure is exactly the benign report's: the string added no element.
    expect(shape(out)).toEqual(benignShape);
    for (const t of tags) {
      expect(OUR_TAGS.has(t.name)).toBe(true);
      expect(t.attrs).not.toMatch(/\son[a-z]+=/i);
    }
    expect(out).not.toMatch(/<script|<img|href="javascript:/i);
    // And a reader sees it, verbatim (control characters shown as U+FFFD).
    // eslint-disable-next-line no-control-regex
    const expected = hostile.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '\uFFFD').replace(/\s+/g, ' ').trim();
    expect(htmlText(out)).toContain(expected);
  });
});

describe('HTML determinism and user templates', () => {
  test('the same report renders byte-identical, whatever the clock says', () => {
    jest.useFakeTimers({ now: new Date('2001-02-03T04:05:06Z') });
    const a = html();
    jest.setSystemTime(new Date('2031-12-31T23:59:59Z'));
    const b = html();
    jest.useRealTimers();
    expect(b).toBe(a);
  });

  test('--template renders the same documented object, HTML-escaped', () => {
    const template = '<h1>{{title}}</h1>{{#each runs}}<ol>{{#each hardenFirst}}<li>{{title}}</li>{{/each}}</ol>{{/each}}<style>{{{css}}}</style>';
    const report = fixtureReport();
    report.input.name = '<img src=x onerror=alert(1)>';
    const out = html(report, 2, { template });
    expect(out.startsWith('<h1>Hardening report: &lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;</h1><ol><li>No privileged containers</li><li>Restrict inter-container traffic')).toBe(true);
    expect(out).toContain('--chart-finding');
  });

  test('a partial override replaces one piece of the built-in template', () => {
    const out = html(fixtureReport(), 3, { partials: { footer: '<footer><p>Audited by {{provenance.input.name}}</p></footer>' } });
    expect(out).toContain('<footer><p>Audited by captures/host-01 &lt;b&gt;before&lt;/b&gt;.txt</p></footer>');
    expect(out).toContain('<section class="major" id="harden-first"');
  });

  test('a broken partial override is an InputError naming it', () => {
    expect(() => html(fixtureReport(), 3, { partials: { footer: '{{#if x}}' } })).toThrow(InputError);
  });
});
