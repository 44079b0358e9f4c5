/// <reference lib="dom" />
/**
 * The HTML report in a real browser (Debian's Chromium through playwright-core): it loads
 * with no console error, no network request and no dialog, its table of contents works, its
 * charts have a size, its colours hold up in light and dark mode, hostile strings stay text,
 * and a large report prints to a multi-page PDF. Also leaves screenshots in /tmp for a human
 * to look at (report.png, report-dark.png).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { jest } from '@jest/globals';
import { chromium, type Browser, type Page } from 'playwright-core';
import { render } from '../../src/render/html.js';
import { fixtureReport, HOSTILE, largeReport } from './fixture.js';
import { HOSTILE_STRINGS, hostileReport } from './hostile.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-component-update', '--disable-sync', '--disable-quic'];

const browserDescribe = existsSync(CHROMIUM) ? describe : describe.skip;
if (!existsSync(CHROMIUM)) {
  // eslint-disable-next-line no-console
  console.warn(`SKIPPED the browser tests: ${CHROMIUM} is not installed (apt-get install chromium; .ci/run does it)`);
}

jest.setTimeout(120_000);

interface Loaded {
  page: Page;
  consoleErrors: string[];
  requests: string[];
  dialogs: string[];
  url: string;
}

browserDescribe('HTML report in Chromium', () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    dir = mkdtempSync(join(tmpdir(), 'stridebench-browser-'));
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function open(html: string, name: string, colorScheme: 'light' | 'dark' = 'light'): Promise<Loaded> {
    const file = join(dir, name);
    writeFileSync(file, html);
    const url = pathToFileURL(file).href;
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const loaded: Loaded = { page, consoleErrors: [], requests: [], dialogs: [], url };
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') loaded.consoleErrors.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => loaded.consoleErrors.push(`pageerror: ${e.message}`));
    page.on('request', (r) => loaded.requests.push(r.url()));
    page.on('dialog', async (d) => {
      loaded.dialogs.push(d.message());
      await d.dismiss();
    });
    await page.emulateMedia({ colorScheme });
    await page.goto(url, { waitUntil: 'load' });
    return loaded;
  }

  test('loads clean: no console error, no request but the document, styles applied under the CSP', async () => {
    const { page, consoleErrors, requests, dialogs, url } = await open(render(fixtureReport(), { top: 3 }), 'report.html');
    expect(consoleErrors).toEqual([]);
    expect(requests.filter((r) => r !== url && !r.startsWith('data:'))).toEqual([]);
    expect(dialogs).toEqual([]);
    // The hashed stylesheet is in force: the table of contents has its border and panel.
    const border = await page.$eval('nav.toc', (el) => getComputedStyle(el).borderTopStyle);
    expect(border).toBe('solid');
    await page.screenshot({ path: '/tmp/report.png', fullPage: true });
    await page.close();
  });

  test('every table-of-contents link targets an element that exists, and following it scrolls there', async () => {
    const { page } = await open(render(fixtureReport(), { top: 3 }), 'toc.html');
    const targets = await page.$$eval('nav a[href^="#"]', (links) =>
      links.map((a) => {
        const id = decodeURIComponent((a as HTMLAnchorElement).hash.slice(1));
        return { id, exists: document.getElementById(id) !== null };
      }),
    );
    expect(targets.length).toBeGreaterThanOrEqual(8);
    for (const t of targets) expect(t).toEqual({ id: t.id, exists: true });
    // Every other in-page link too (threat model → finding rows, harden-first → rows).
    const dangling = await page.$$eval('a[href^="#"]', (links) =>
      links.map((a) => (a as HTMLAnchorElement).hash.slice(1)).filter((id) => document.getElementById(decodeURIComponent(id)) === null),
    );
    expect(dangling).toEqual([]);
    await page.click('nav a[href="#daemon-json"]');
    await page.waitForFunction(() => location.hash === '#daemon-json');
    const top = await page.$eval('#daemon-json', (el) => el.getBoundingClientRect().top);
    expect(Math.abs(top)).toBeLessThan(5);
    await page.close();
  });

  test('the charts render with a size and an accessible name', async () => {
    const { page } = await open(render(fixtureReport(), { top: 3 }), 'charts.html');
    const charts = await page.$$eval('svg[role="img"]', (svgs) =>
      svgs.map((svg) => {
        const box = svg.getBoundingClientRect();
        const title = svg.querySelector('title')?.textContent ?? '';
        const bars = [...svg.querySelectorAll('rect')].filter((r) => r.getBoundingClientRect().width > 0).length;
        return { width: box.width, height: box.height, title, bars };
      }),
    );
    expect(charts).toHaveLength(2);
    for (const c of charts) {
      expect(c.width).toBeGreaterThan(100);
      expect(c.height).toBeGreaterThan(50);
      expect(c.title.length).toBeGreaterThan(0);
      expect(c.bars).toBeGreaterThan(0);
    }
    await page.close();
  });

  test.each(['light', 'dark'] as const)('text and badges have enough contrast in %s mode', async (scheme) => {
    const { page } = await open(render(fixtureReport(), { top: 3 }), `contrast-${scheme}.html`, scheme);
    const pairs = await page.$$eval('body, .badge, nav.toc a, .posture, td, th, .meta, footer', (els) =>
      els.map((el) => {
        const parse = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
        const lum = ([r, g, b]: number[]) => {
          const ch = (v: number) => {
            const s = v / 255;
            return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
          };
          return 0.2126 * ch(r!) + 0.7152 * ch(g!) + 0.0722 * ch(b!);
        };
        // The background is the nearest ancestor's that is not transparent.
        let bgEl: Element | null = el;
        let bg = 'rgba(0, 0, 0, 0)';
        while (bgEl) {
          const c = getComputedStyle(bgEl).backgroundColor;
          if (parse(c).length === 3 || (parse(c)[3] ?? 0) > 0) {
            bg = c;
            break;
          }
          bgEl = bgEl.parentElement;
        }
        const fg = getComputedStyle(el).color;
        const l1 = lum(parse(fg));
        const l2 = lum(parse(bg));
        return { what: `${el.tagName.toLowerCase()}.${el.className}`, ratio: (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05) };
      }),
    );
    expect(pairs.length).toBeGreaterThan(50);
    const weak = pairs.filter((p) => p.ratio < 4.5);
    expect(weak).toEqual([]);
    const background = await page.$eval('body', (b) => getComputedStyle(b).backgroundColor);
    expect(background).toBe(scheme === 'dark' ? 'rgb(13, 17, 23)' : 'rgb(255, 255, 255)');
    if (scheme === 'dark') await page.screenshot({ path: '/tmp/report-dark.png', fullPage: false });
    await page.close();
  });

  test('hostile strings stay text: no element, no handler, no dialog', async () => {
    for (const [i, hostile] of HOSTILE_STRINGS.entries()) {
      const { page, consoleErrors, requests, dialogs, url } = await open(render(hostileReport(hostile), { top: 3 }), `hostile-${i}.html`);
      const dom = await page.evaluate(() => ({
        images: document.images.length,
        scripts: document.scripts.length,
        iframes: document.querySelectorAll('iframe').length,
        handlers: [...document.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => a.name.startsWith('on'))).length,
        openDetails: document.querySelectorAll('details[open]').length,
        text: document.body.textContent ?? '',
      }));
      expect({ hostile, images: dom.images, scripts: dom.scripts, iframes: dom.iframes, handlers: dom.handlers, openDetails: dom.openDetails }).toEqual({
        hostile,
        images: 0,
        scripts: 0,
        iframes: 0,
        handlers: 0,
        openDetails: 0,
      });
      // eslint-disable-next-line no-control-regex
      const shown = hostile.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '\uFFFD').replace(/\s+/g, ' ').trim();
      expect(dom.text.replace(/\s+/g, ' ')).toContain(shown);
      expect(dialogs).toEqual([]);
      expect(consoleErrors).toEqual([]);
      expect(requests.filter((r) => r !== url && !r.startsWith('data:'))).toEqual([]);
      await page.close();
    }
    // The fixture's own hostile container name is shown as the literal text it is.
    const { page } = await open(render(fixtureReport(), { top: 3 }), 'container.html');
    const codes = await page.$$eval('code', (els) => els.map((e) => e.textContent));
    expect(codes).toContain(HOSTILE.container);
    await page.close();
  });

  test('a large report prints to a PDF of several pages', async () => {
    const { page, consoleErrors } = await open(render(largeReport(), { top: 5 }), 'large.html');
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
    expect(pages).toBeGreaterThan(5);
    expect(consoleErrors).toEqual([]);
    // Print styles: each major section starts a page; a finding prints as one block (no
    // column header to repeat) that is not split across pages (test/render/visual.test.ts
    // checks the layout itself).
    const print = await page.evaluate(() => ({
      sectionBreak: getComputedStyle(document.querySelectorAll('section.major')[1]!).breakBefore,
      rowBreak: getComputedStyle(document.querySelector('table.findings tbody tr')!).breakInside,
      rowDisplay: getComputedStyle(document.querySelector('table.findings tbody tr')!).display,
      header: getComputedStyle(document.querySelector('table.findings thead')!).display,
    }));
    expect(print).toEqual({ sectionBreak: 'page', rowBreak: 'avoid', rowDisplay: 'flex', header: 'none' });
    writeFileSync('/tmp/report-large.pdf', pdf);
    await page.close();
  });
});
