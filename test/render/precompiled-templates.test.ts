/**
 * The built-in templates precompiled at build time (src/render/precompile-templates.ts)
 * against the same templates compiled from source: the same bytes for every page on real
 * samples, the precompiled specs really rendered when they are fresh, ignored when a
 * template changed, was added, or the file is missing or was made by other code, user
 * templates still escaped and given our partials and helpers, and a `report -f md` process
 * that never loads the Handlebars compiler when the file is there.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { diffRuns } from '../../src/analysis/diff.js';
import { historyOf } from '../../src/analysis/history.js';
import type { AnalysedReport } from '../../src/model/report.js';
import { renderDiffHtml } from '../../src/render/diff-html.js';
import { renderDiffMarkdown } from '../../src/render/diff-markdown.js';
import {
  GENERATED_TEMPLATES_FILE,
  loadGeneratedTemplates,
  sourceHashes,
  templateSources,
  TEMPLATES_DIR,
  useGeneratedTemplates,
  type TemplateFormat,
} from '../../src/render/engine.js';
import { renderHistoryHtml } from '../../src/render/history-html.js';
import { renderHistoryMarkdown } from '../../src/render/history-markdown.js';
import { render as renderHtml } from '../../src/render/html.js';
import { render as renderMarkdown } from '../../src/render/markdown.js';
import { generatedModuleText, precompileTemplates, writePrecompiledTemplates } from '../../src/render/precompile-templates.js';
import { allRuns, analyseFile, GENERATED_AT, lastRun } from '../diff/pipeline.js';
import { CLI, ROOT, SAMPLES } from '../helpers/paths.js';
import { fixtureReport } from './fixture.js';

const SAMPLE = join(SAMPLES, 'docker-bench-security-1.6.0.log');
const OLDER_SAMPLE = join(SAMPLES, 'docker-bench-security-1.3.4.txt');
const FORMATS: TemplateFormat[] = ['md', 'html'];

interface Page {
  name: string;
  format: TemplateFormat;
  /** The main template: `templates/<template>.<format>.hbs`. */
  template: 'report' | 'diff' | 'history';
  render: () => string;
}

let work: string;
let report: AnalysedReport;
const pages: Page[] = [];

/** A copy of templates/ in a temp folder, for generating against changed sources. */
function templatesCopy(name: string): string {
  const dir = join(work, name);
  cpSync(TEMPLATES_DIR, dir, { recursive: true });
  return dir;
}

/** Render with the built-ins taken from `file` (null: compiled from source). */
function renderWith(file: string | null, render: () => string): string {
  useGeneratedTemplates(file);
  try {
    return render();
  } finally {
    useGeneratedTemplates(null);
  }
}

const marker = (file: string) => `PRECOMPILED:${file}`;
const markersIn = (text: string) => [...new Set(text.match(/PRECOMPILED:[\w./-]+/g) ?? [])].sort();

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'stridebench-precompiled-'));
  report = await analyseFile(SAMPLE);
  const diff = diffRuns(await lastRun(OLDER_SAMPLE), await lastRun(SAMPLE), { generatedAt: GENERATED_AT });
  const history = historyOf(await allRuns(OLDER_SAMPLE, SAMPLE), { generatedAt: GENERATED_AT });
  pages.push(
    { name: 'report md', format: 'md', template: 'report', render: () => renderMarkdown(report, { top: 3 }) },
    { name: 'report html', format: 'html', template: 'report', render: () => renderHtml(report, { top: 3 }) },
    { name: 'diff md', format: 'md', template: 'diff', render: () => renderDiffMarkdown(diff) },
    { name: 'diff html', format: 'html', template: 'diff', render: () => renderDiffHtml(diff) },
    { name: 'history md', format: 'md', template: 'history', render: () => renderHistoryMarkdown(history) },
    { name: 'history html', format: 'html', template: 'history', render: () => renderHistoryHtml(history) },
  );
});

afterAll(() => {
  useGeneratedTemplates(GENERATED_TEMPLATES_FILE);
  rmSync(work, { recursive: true, force: true });
});

describe('the generated module', () => {
  test('is deterministic and written where asked', () => {
    const text = generatedModuleText(precompileTemplates());
    expect(generatedModuleText(precompileTemplates())).toBe(text);
    const file = writePrecompiledTemplates(join(work, 'deterministic', 'templates.cjs'));
    expect(readFileSync(file, 'utf8')).toBe(text);
    // Written by rename: no temporary file left beside it.
    expect(readdirSync(join(work, 'deterministic'))).toEqual(['templates.cjs']);
  });

  test('holds every template of both formats, with the hash of its source', () => {
    const generated = precompileTemplates();
    for (const format of FORMATS) {
      const sources = templateSources(format);
      expect(generated.formats[format].sources).toEqual(sourceHashes(sources));
      const names = [...sources.keys()].map((f) => f.replace(/^partials\//, '').slice(0, -`.${format}.hbs`.length));
      expect([...Object.keys(generated.formats[format].partials), ...Object.keys(generated.formats[format].templates)].sort()).toEqual(names.sort());
    }
    expect(Object.keys(generated.formats.md.templates).sort()).toEqual(['diff', 'history', 'report']);
  });
});

describe('precompiled and compiled from source', () => {
  let fresh: string;
  let marked: string;

  beforeAll(() => {
    fresh = writePrecompiledTemplates(join(work, 'fresh.cjs'));
    // Precompiled from templates that each end with a marker, but recorded as made from the
    // real sources: the markers show which specs were rendered.
    const dir = templatesCopy('marked');
    for (const format of FORMATS) for (const file of templateSources(format, dir).keys()) appendFileSync(join(dir, file), `\n${marker(file)}\n`);
    const generated = precompileTemplates(dir);
    for (const format of FORMATS) generated.formats[format].sources = sourceHashes(templateSources(format));
    marked = join(work, 'marked.cjs');
    writeFileSync(marked, generatedModuleText(generated));
  });

  test('a fresh file is accepted for both formats', () => {
    for (const format of FORMATS) expect(loadGeneratedTemplates(fresh, format)).not.toBeNull();
  });

  test.each(['report md', 'report html', 'diff md', 'diff html', 'history md', 'history html'])('%s: byte-identical output', (name) => {
    const page = pages.find((p) => p.name === name)!;
    const precompiled = renderWith(fresh, page.render);
    const fromSource = renderWith(null, page.render);
    expect(precompiled.length).toBeGreaterThan(1000);
    expect(precompiled).toBe(fromSource);
  });

  test.each(['report md', 'report html', 'diff md', 'diff html', 'history md', 'history html'])('%s: the precompiled specs are the ones rendered', (name) => {
    const page = pages.find((p) => p.name === name)!;
    const found = markersIn(renderWith(marked, page.render));
    expect(found).toContain(marker(`${page.template}.${page.format}.hbs`));
    // Our partials too, when the page has any (the HTML history page has none).
    const callsPartials = /\{\{>/.test(readFileSync(join(TEMPLATES_DIR, `${page.template}.${page.format}.hbs`), 'utf8'));
    if (callsPartials) expect(found.some((m) => m.startsWith(marker('partials/')))).toBe(true);
    // None of the markers when compiled from source: the comparison above is between two paths.
    expect(markersIn(renderWith(null, page.render))).toEqual([]);
  });

  test.each(FORMATS)('%s: a user template and partial override get our partials, helpers and escaping', (format) => {
    const hostile = fixtureReport();
    const template =
      format === 'md'
        ? '{{#each runs}}{{#each sections}}- {{title}} {{code section}}\n{{/each}}{{/each}}{{> footer}}'
        : '<ul>{{#each runs}}{{#each sections}}<li class="{{token title}}">{{title}}</li>{{/each}}{{/each}}</ul>{{> footer}}';
    const options = { top: 3, template, templateName: 'mine.hbs', partials: { provenance: '{{plural 2 "override"}}' } };
    const render = () => (format === 'md' ? renderMarkdown(hostile, options) : renderHtml(hostile, options));
    const precompiled = renderWith(fresh, render);
    expect(precompiled).toBe(renderWith(null, render));
    expect(precompiled).not.toContain('<b>');
    if (format === 'md') expect(precompiled).toContain('Host &lt;b&gt;Configuration&lt;/b&gt; \\| \\*');
    // The built-in footer, from the precompiled file.
    expect(markersIn(renderWith(marked, render))).toEqual([marker(`partials/footer.${format}.hbs`)]);
    // A built-in template calling the override.
    const withOverride = renderWith(fresh, () => (format === 'md' ? renderMarkdown(hostile, { top: 3, partials: options.partials }) : renderHtml(hostile, { top: 3, partials: options.partials })));
    expect(withOverride).toContain('2 overrides');
  });
});

describe('a generated file that does not fit is ignored and the sources compiled', () => {
  test('a template changed since the build: that format compiles from source, the other stays precompiled', () => {
    const dir = templatesCopy('changed');
    appendFileSync(join(dir, 'partials', 'footer.md.hbs'), '\nSTALE-FOOTER\n');
    const stale = writePrecompiledTemplates(join(work, 'stale-footer.cjs'), dir);
    expect(loadGeneratedTemplates(stale, 'md')).toBeNull();
    expect(loadGeneratedTemplates(stale, 'html')).not.toBeNull();
    const render = () => renderMarkdown(report, { top: 3 });
    const out = renderWith(stale, render);
    expect(out).not.toContain('STALE-FOOTER');
    expect(out).toBe(renderWith(null, render));
  });

  test('a template removed since the build', () => {
    const dir = templatesCopy('one-more');
    // The build saw one partial more than there is now.
    writeFileSync(join(dir, 'partials', 'gone.html.hbs'), '<p>gone</p>\n');
    const stale = writePrecompiledTemplates(join(work, 'one-more.cjs'), dir);
    expect(loadGeneratedTemplates(stale, 'html')).toBeNull();
    expect(loadGeneratedTemplates(stale, 'md')).not.toBeNull();
  });

  test('made by another Handlebars or another compile pipeline', () => {
    const text = generatedModuleText(precompileTemplates());
    const otherVersion = join(work, 'other-version.cjs');
    writeFileSync(otherVersion, text.replace(/"handlebarsVersion": "[^"]*"/, '"handlebarsVersion": "0.0.1"'));
    const otherPipeline = join(work, 'other-pipeline.cjs');
    writeFileSync(otherPipeline, text.replace(/"pipeline": "[0-9a-f]{64}"/, `"pipeline": "${'0'.repeat(64)}"`));
    for (const format of FORMATS) {
      expect(loadGeneratedTemplates(otherVersion, format)).toBeNull();
      expect(loadGeneratedTemplates(otherPipeline, format)).toBeNull();
    }
  });

  test('missing or damaged', () => {
    const missing = join(work, 'nowhere', 'templates.cjs');
    const damaged = join(work, 'damaged.cjs');
    writeFileSync(damaged, generatedModuleText(precompileTemplates()).slice(0, 5000));
    for (const file of [missing, damaged]) {
      for (const format of FORMATS) expect(loadGeneratedTemplates(file, format)).toBeNull();
      for (const page of pages) expect(renderWith(file, page.render)).toBe(renderWith(null, page.render));
    }
  });
});

describe('a `report` process', () => {
  // The built code (npm test builds first): the generator and the engine of dist/ agree on
  // the compile pipeline, as they do after `npm run build`.
  const DIST_ENGINE = join(ROOT, 'dist', 'src', 'render', 'engine.js');
  const DIST_GENERATOR = join(ROOT, 'dist', 'src', 'render', 'precompile-templates.js');
  const COMPILER_MODULES = /[\\/]handlebars[\\/]dist[\\/]cjs[\\/]handlebars[\\/]compiler[\\/]/;

  /**
   * Run `stridebench report SAMPLE -f FORMAT` with the built-ins taken from `file`; return its
   * output and the CommonJS modules it loaded (Handlebars is CommonJS: every file of it that
   * ran is in require.cache, however it was imported).
   */
  function report(file: string, format: string): { stdout: string; loaded: string[] } {
    const loadedFile = join(work, `loaded-${Math.random().toString(36).slice(2)}.json`);
    const hook = join(work, `hook-${Math.random().toString(36).slice(2)}.mjs`);
    writeFileSync(
      hook,
      [
        "import { writeFileSync } from 'node:fs';",
        "import { createRequire } from 'node:module';",
        `import { useGeneratedTemplates } from ${JSON.stringify(pathToFileURL(DIST_ENGINE).href)};`,
        `useGeneratedTemplates(${JSON.stringify(file)});`,
        `process.on('exit', () => writeFileSync(${JSON.stringify(loadedFile)}, JSON.stringify(Object.keys(createRequire(import.meta.url).cache))));`,
      ].join('\n'),
    );
    const r = spawnSync(process.execPath, ['--import', pathToFileURL(hook).href, CLI, 'report', SAMPLE, '-f', format, '--date', '2024-05-01'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    return { stdout: r.stdout, loaded: JSON.parse(readFileSync(loadedFile, 'utf8')) as string[] };
  }

  let built: string;
  beforeAll(() => {
    built = join(work, 'built', 'templates.cjs');
    const r = spawnSync(process.execPath, [DIST_GENERATOR, built], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  test.each(['md', 'html'])('-f %s never loads the Handlebars compiler when the templates are precompiled', (format) => {
    const precompiled = report(built, format);
    expect(precompiled.loaded.filter((m) => COMPILER_MODULES.test(m))).toEqual([]);
    expect(precompiled.loaded.some((m) => m.endsWith(join('handlebars', 'dist', 'cjs', 'handlebars.runtime.js')))).toBe(true);
    // Without the file the same process compiles, and writes the same report.
    const compiled = report(join(work, 'built', 'missing.cjs'), format);
    expect(compiled.loaded.filter((m) => COMPILER_MODULES.test(m)).length).toBeGreaterThan(0);
    expect(precompiled.stdout).toBe(compiled.stdout);
  });
});
