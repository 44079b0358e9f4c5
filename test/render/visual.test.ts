/// <reference lib="dom" />
/**
 * Layout of the HTML pages in a real browser (Debian's Chromium through playwright-core), on
 * the inputs that broke it: a busy report whose items are long unbreakable image names and
 * digests and whose scanner output is one enormous line, a diff of files with long paths, a
 * history of many runs. On a 420 px phone nothing makes the page scroll sideways and a
 * finding reads as a block; on A4 paper nothing sticks out of the text column, badges keep
 * their colour without a background, and the raw scanner output is left to the input file.
 * Measures geometry only, never time.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { jest } from '@jest/globals';
import { chromium, type Browser, type Page } from 'playwright-core';
import { diffRuns } from '../../src/analysis/diff.js';
import { historyOf } from '../../src/analysis/history.js';
import { renderDiffHtml } from '../../src/render/diff-html.js';
import { renderHistoryHtml } from '../../src/render/history-html.js';
import { render } from '../../src/render/html.js';
import { compared, GENERATED_AT, type Spec } from '../diff/build.js';
import { largeReport } from './fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-component-update', '--disable-sync', '--disable-quic'];

const browserDescribe = existsSync(CHROMIUM) ? describe : describe.skip;
if (!existsSync(CHROMIUM)) {
  // eslint-disable-next-line no-console
  console.warn(`SKIPPED the visual layout tests: ${CHROMIUM} is not installed (apt-get install chromium; .ci/run does it)`);
}

jest.setTimeout(120_000);

/** An image reference as docker-bench prints it: no space, no hyphen for 80 characters. */
const IMAGE = (i: number) => `registry.example.internal/repository/team_${i}/service_name:u20_2.7.0_${'0123456789abcdef'.repeat(2)}_${i}`;
const DIGEST = `sha256:${'9f'.repeat(32)}`;
const LONG_PATH = `/var/lib/ci/workspace/${'nested_directory_name/'.repeat(6)}docker-bench-security-1.6.0-before-hardening.log`;

/** The large fixture, with the strings that used to widen the page. */
function busyReportHtml(): string {
  const report = largeReport(3, 12);
  const results = report.runs[0]!.results;
  results[1]!.items = [...Array.from({ length: 40 }, (_, i) => IMAGE(i)), DIGEST];
  results[1]!.details = [`Images w/o HEALTHCHECK: [${Array.from({ length: 200 }, (_, i) => IMAGE(i)).join(' ')}]`];
  results[2]!.items = [DIGEST];
  results[2]!.caveats = [{ rule: 'long', message: `Seen in \`${LONG_PATH}\` and ${DIGEST}.` }];
  report.input.name = LONG_PATH;
  return render(report, { top: 3 });
}

function diffHtml(): string {
  const before: Spec[] = [
    { id: '2.13', control: 'docker.daemon.live-restore', verdict: 'FINDING' },
    { id: '5.10', control: 'docker.container.memory-limit', verdict: 'FINDING', items: [IMAGE(1), IMAGE(2)] },
  ];
  const after: Spec[] = [
    { id: '2.13', control: 'docker.daemon.live-restore', verdict: 'SATISFIED' },
    { id: '5.10', control: 'docker.container.memory-limit', verdict: 'FINDING', items: [IMAGE(2)] },
  ];
  return renderDiffHtml(
    diffRuns(compared(before, { name: LONG_PATH, sha: 'b'.repeat(64) }), compared(after, { name: `${LONG_PATH}.after`, sha: 'c'.repeat(64) }), { generatedAt: GENERATED_AT }),
  );
}

function historyHtml(): string {
  const runs = Array.from({ length: 30 }, (_, i) =>
    compared(
      [
        { id: '2.13', control: 'docker.daemon.live-restore', verdict: i % 3 === 0 ? 'FINDING' : 'SATISFIED' },
        { id: '1.1.16', control: null, verdict: i < 20 ? 'FINDING' : 'SATISFIED', title: 'Audit containerd-shim-runc-v1 and a long tail' },
      ],
      { startedAt: `2024-05-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00Z`, name: LONG_PATH },
    ),
  );
  return renderHistoryHtml(historyOf(runs, { generatedAt: GENERATED_AT }));
}

browserDescribe('HTML layout in Chromium', () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    dir = mkdtempSync(join(tmpdir(), 'stridebench-visual-'));
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function open(html: string, name: string, width: number, media: 'screen' | 'print' = 'screen'): Promise<Page> {
    const file = join(dir, name);
    writeFileSync(file, html);
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    await page.emulateMedia({ media, colorScheme: 'light' });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    return page;
  }

  /** Elements whose right edge passes the page's, outside any box that scrolls or clips them. */
  function overflowing(page: Page): Promise<{ scrollWidth: number; width: number; outside: string[] }> {
    return page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const outside: string[] = [];
      for (const el of document.querySelectorAll('body *')) {
        let p = el.parentElement;
        let contained = false;
        for (; p; p = p.parentElement) {
          if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX)) contained = true;
        }
        const box = el.getBoundingClientRect();
        if (!contained && box.width > 0 && box.right > width + 0.5) outside.push(`<${el.tagName.toLowerCase()} class="${el.getAttribute('class') ?? ''}"> ${(el.textContent ?? '').slice(0, 40)}`);
      }
      return { scrollWidth: document.scrollingElement!.scrollWidth, width, outside: outside.slice(0, 5) };
    });
  }

  test.each([
    ['report', busyReportHtml],
    ['diff', diffHtml],
    ['history', historyHtml],
  ] as const)('the %s does not scroll sideways on a 420 px phone', async (name, html) => {
    const page = await open(html(), `${name}-420.html`, 420);
    const m = await overflowing(page);
    expect(m).toEqual({ scrollWidth: m.width, width: m.width, outside: [] });
    await page.close();
  });

  test('on a phone a finding is a block: id and title on the first line, the short fields under them', async () => {
    const page = await open(busyReportHtml(), 'rows-420.html', 420);
    const rows = await page.$$eval('table.findings tbody tr', (trs) =>
      trs.map((tr) => {
        const title = tr.querySelector('td.title')!.getBoundingClientRect();
        const id = tr.querySelector('th')!.getBoundingClientRect();
        const status = tr.querySelector('td[data-label="Status"]')!.getBoundingClientRect();
        const row = tr.getBoundingClientRect();
        return { display: getComputedStyle(tr).display, titleBesideId: Math.abs(title.top - id.top) < 4, statusBelow: status.top >= title.bottom - 1, titleShare: title.width / row.width };
      }),
    );
    expect(rows.length).toBe(36);
    for (const r of rows) {
      expect(r).toEqual({ display: 'flex', titleBesideId: true, statusBelow: true, titleShare: r.titleShare });
      expect(r.titleShare).toBeGreaterThan(0.6);
    }
    await page.close();
  });

  test.each([
    ['report', busyReportHtml],
    ['diff', diffHtml],
    ['history', historyHtml],
  ] as const)('printed, nothing in the %s is wider than the A4 text column', async (name, html) => {
    // 210 mm less the @page side margins (12 mm each) is 186 mm: 703 CSS px.
    const page = await open(html(), `${name}-print.html`, 703, 'print');
    const m = await overflowing(page);
    expect(m).toEqual({ scrollWidth: m.width, width: m.width, outside: [] });
    await page.close();
  });

  test('printed, badges are outlined in a dark colour, long lines wrap, the raw scanner output is left out', async () => {
    const page = await open(busyReportHtml(), 'print-style.html', 703, 'print');
    const style = await page.evaluate(() => {
      const lum = (c: string) => {
        const [r, g, b] = (c.match(/[\d.]+/g) ?? []).map(Number).map((v) => {
          const s = v / 255;
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
      };
      const badges = [...document.querySelectorAll('.badge')].map((b) => ({
        // Printed without backgrounds (the browsers' default), the text stands on white paper.
        contrastOnWhite: 1.05 / (lum(getComputedStyle(b).color) + 0.05),
        background: getComputedStyle(b).backgroundColor,
        text: b.textContent,
      }));
      return {
        weakBadges: badges.filter((b) => b.contrastOnWhite < 4.5 || b.background !== 'rgba(0, 0, 0, 0)').map((b) => b.text),
        badgeCount: badges.length,
        rawShown: [...document.querySelectorAll('details.raw')].filter((d) => getComputedStyle(d).display !== 'none').length,
        rawCount: document.querySelectorAll('details.raw').length,
        preWrap: [...document.querySelectorAll('pre, pre code')].every((p) => getComputedStyle(p).whiteSpace === 'pre-wrap'),
      };
    });
    expect(style.badgeCount).toBeGreaterThan(50);
    expect(style.weakBadges).toEqual([]);
    expect(style.rawCount).toBeGreaterThan(0);
    expect(style.rawShown).toBe(0);
    expect(style.preWrap).toBe(true);
    // The marks drawn as light text on a dark fill (STRIDE letters, harden-first ranks) too.
    const marks = await page.$$eval('.threat-category .letter, .fix .rank', (els) => els.map((e) => getComputedStyle(e).color));
    expect(marks.length).toBeGreaterThan(0);
    for (const c of marks) expect(c).toBe('rgb(0, 0, 0)');
    await page.close();
  });

  test('the controls × runs chart shows 30 characters of each label, all left of the marks', async () => {
    const page = await open(historyHtml(), 'matrix.html', 1366);
    const m = await page.$eval('svg[aria-labelledby^="history-matrix-title"]', (svg) => {
      const labels = [...svg.querySelectorAll('text.chart-label')].map((t) => (t as SVGTextElement).getBBox());
      const marks = [...svg.querySelectorAll('rect[class^="chart-"]')].filter((r) => r.querySelector('title')).map((r) => (r as SVGRectElement).getBBox().x);
      const shortest = Math.min(...[...svg.querySelectorAll('text.chart-label')].map((t) => t.textContent!.length));
      return { labels: labels.length, shortest, rightmostLabel: Math.max(...labels.map((b) => b.x + b.width)), leftmostMark: Math.min(...marks) };
    });
    expect(m.labels).toBe(2);
    // Long enough to tell "1.1.16 Audit containerd-shim-runc-v1" from "1.1.15 Audit containerd-shim".
    expect(m.shortest).toBeGreaterThanOrEqual(30);
    expect(m.rightmostLabel).toBeLessThan(m.leftmostMark);
    await page.close();
  });
});
