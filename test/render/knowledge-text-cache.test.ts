/**
 * The build-time conversions of the knowledge base's Markdown (src/render/knowledge-text-cache.ts):
 * used when they were made by the converter that runs now, ignored otherwise, and never a
 * change in what a report says. The cache is only ever read by the compiled code (from the
 * TypeScript sources it resolves to a folder no build writes), so these tests drive
 * dist/ in child processes; `npm test` builds first.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKnowledge } from '../../src/knowledge/index.js';
import { knowledgeTexts } from '../../src/render/precompile-knowledge-text.js';
import { CLI, ROOT, SAMPLES } from '../helpers/paths.js';

const DIST_RENDER = join(ROOT, 'dist', 'src', 'render');
const GENERATOR = join(DIST_RENDER, 'precompile-knowledge-text.js');

/** Run `body` as an ES module in a child node with the dist converter and cache imported. */
function inChild(body: string): string {
  const script = `
    import { useKnowledgeTextCache, converterFingerprint, knowledgeTextFile } from ${JSON.stringify(join(DIST_RENDER, 'knowledge-text-cache.js'))};
    import { knowledgeMarkdownToMarkdown, knowledgeMarkdownToHtml } from ${JSON.stringify(join(DIST_RENDER, 'markdown-text.js'))};
    import { writeFileSync } from 'node:fs';
    ${body}`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout;
}

describe('knowledge text cache', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'stridebench-ktc-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('covers what the templates convert: every rationale, and every fix action, impact and verification', () => {
    const kb = loadKnowledge();
    const texts = new Set(knowledgeTexts(kb));
    for (const control of kb.controls()) {
      for (const text of [control.rationale, control.fix?.action, control.fix?.impact, control.fix?.verify]) {
        if (typeof text === 'string' && text !== '') expect(texts.has(text)).toBe(true);
      }
    }
    expect([...texts]).toEqual([...texts].sort());
  });

  test('a conversion made by the current converter is used; one recorded under another fingerprint is not', () => {
    // A marker no converter would produce proves which path answered.
    const out = inChild(`
      const dir = ${JSON.stringify(dir)};
      const write = (fingerprint) => {
        writeFileSync(knowledgeTextFile('md', dir), JSON.stringify({ fingerprint, texts: { 'Some *text*.': 'FROM-CACHE' } }));
        writeFileSync(knowledgeTextFile('html', dir), JSON.stringify({ fingerprint, texts: { 'Some *text*.': 'FROM-CACHE' } }));
      };
      write(converterFingerprint());
      useKnowledgeTextCache(dir);
      const current = [knowledgeMarkdownToMarkdown('Some *text*.'), knowledgeMarkdownToHtml('Some *text*.'), knowledgeMarkdownToMarkdown('Other text.')];
      write('0'.repeat(64));
      useKnowledgeTextCache(dir);
      const stale = [knowledgeMarkdownToMarkdown('Some *text*.'), knowledgeMarkdownToHtml('Some *text*.')];
      writeFileSync(knowledgeTextFile('md', dir), '{"fingerprint": "');
      useKnowledgeTextCache(dir);
      const damaged = knowledgeMarkdownToMarkdown('Some *text*.');
      console.log(JSON.stringify({ current, stale, damaged }));
    `);
    const { current, stale, damaged } = JSON.parse(out) as { current: string[]; stale: string[]; damaged: string };
    expect(current).toEqual(['FROM-CACHE', 'FROM-CACHE', 'Other text.\n']);
    expect(stale).toEqual(['Some *text*.\n', '<p>Some <em>text</em>.</p>']);
    expect(damaged).toBe('Some *text*.\n');
  });

  test('the generator writes the same files twice, each holding what the converter gives', () => {
    const first = join(dir, 'a');
    const second = join(dir, 'b');
    for (const out of [first, second]) {
      const r = spawnSync(process.execPath, [GENERATOR, out], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    }
    for (const format of ['md', 'html']) {
      const a = readFileSync(join(first, `knowledge-text.${format}.json`), 'utf8');
      expect(readFileSync(join(second, `knowledge-text.${format}.json`), 'utf8')).toBe(a);
      const texts = (JSON.parse(a) as { texts: Record<string, string> }).texts;
      const sample = Object.keys(texts).filter((_, i) => i % 97 === 0);
      expect(sample.length).toBeGreaterThan(5);
      // Ask the converter itself, with no cache, for the same texts.
      const fresh = JSON.parse(
        inChild(`
          useKnowledgeTextCache(null);
          const f = ${format === 'md' ? 'knowledgeMarkdownToMarkdown' : 'knowledgeMarkdownToHtml'};
          console.log(JSON.stringify(${JSON.stringify(sample)}.map(f)));
        `),
      ) as string[];
      expect(sample.map((t) => texts[t])).toEqual(fresh);
    }
  });

  test.each(['md', 'html'])('report -f %s says the same with and without the built cache', (format) => {
    const sample = join(SAMPLES, 'docker-bench-security-1.6.0.log');
    const run = () => spawnSync(process.execPath, [CLI, 'report', sample, '-f', format, '--date', '2024-05-01'], { encoding: 'utf8' });
    const withCache = run();
    const cacheFile = join(ROOT, 'dist', 'generated', `knowledge-text.${format}.json`);
    const saved = readFileSync(cacheFile);
    writeFileSync(cacheFile, '{}');
    try {
      const withoutCache = run();
      expect(withoutCache.stdout).toBe(withCache.stdout);
      expect(withCache.stdout.length).toBeGreaterThan(10_000);
    } finally {
      writeFileSync(cacheFile, saved);
    }
  });
});
