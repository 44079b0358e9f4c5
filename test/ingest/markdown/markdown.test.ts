import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingestFile, ingestText } from '../../../src/ingest/index.js';
import { detectReader } from '../../../src/ingest/detect.js';
import { markdownEmbedded, markdownReady, unwrapLatex, unwrapMarkdownLine } from '../../../src/ingest/markdown.js';
import { dockerBenchSecurityText } from '../../../src/ingest/docker-bench-security-text.js';
import { InputError } from '../../../src/model/errors.js';
import { CORPUS, FIXTURES, corpusDescribe } from '../../helpers/paths.js';

const fixture = (name: string) => join(FIXTURES, 'markdown', name);
const read = (name: string) => ingestFile(fixture(name));

beforeAll(async () => {
  await markdownReady;
});

describe('unwrapping one line', () => {
  it('turns GitHub LaTeX colour markup back into the tag', () => {
    expect(unwrapLatex('$\\color{red}{\\textsf{[WARN]}}$ 1.1 - Ensure x')).toBe('[WARN] 1.1 - Ensure x');
    expect(unwrapLatex('${\\color{green}\\text{[PASS]}}$ 2.2 - y')).toBe('[PASS] 2.2 - y');
    expect(unwrapLatex('costs $5 and $6')).toBe('costs $5 and $6');
  });
  it('removes quote, list and inline-code wrapping but keeps fenced text as is', () => {
    const fence = { open: null };
    expect(unwrapMarkdownLine('> [WARN] 1.10  - Ensure x', fence)).toBe('[WARN] 1.10  - Ensure x');
    expect(unwrapMarkdownLine('* `[WARN] 2.8  - Enable user namespace support`', fence)).toBe('[WARN] 2.8  - Enable user namespace support');
    expect(unwrapMarkdownLine('| 1 | [PASS] 2.2  - Ensure y |', fence)).toBe('[PASS] 2.2  - Ensure y');
    expect(unwrapMarkdownLine('```text', fence)).toBe('');
    expect(unwrapMarkdownLine('> a shell continuation prompt', fence)).toBe('> a shell continuation prompt');
    expect(unwrapMarkdownLine('* `kept as printed`', fence)).toBe('* `kept as printed`');
    expect(unwrapMarkdownLine('```', fence)).toBe('');
    expect(fence.open).toBeNull();
    // A fence opened inside a quote: its lines carry the quote marker too.
    expect(unwrapMarkdownLine('> ```', fence)).toBe('');
    expect(unwrapMarkdownLine('> [INFO] 1 - Host Configuration', fence)).toBe('[INFO] 1 - Host Configuration');
    expect(unwrapMarkdownLine('> ```', fence)).toBe('');
  });
});

describe('hostile lines', () => {
  it('unwraps megabyte-long lines of markup in one pass each', async () => {
    const junk = `${'> '.repeat(500_000)}[WARN] 1.1  - x\n${'$\\color{red}'.repeat(80_000)}\n${'|'.repeat(1_000_000)}\n`;
    const quote = '> [WARN] 2.8  - Enable user namespace support\n';
    // Junk after the quoted line, and a long preamble before it.
    for (const doc of [`# Notes\n\n${quote}${junk}`, `# Notes\n\n${junk}${quote}`]) {
      const parsed = await ingestText(doc, { inputFormat: 'markdown-embedded' });
      expect(parsed.runs[0]!.results.map((r) => r.id)).toEqual(['2.8']);
    }
  });
});

describe('write-ups', () => {
  it('reads LaTeX-coloured list items', async () => {
    const parsed = await read('latex.md');
    expect(parsed.input.format).toBe('markdown-embedded');
    const [run] = parsed.runs;
    expect(run!.results.map((r) => `${r.id}:${r.status}`)).toEqual(['2.1:WARN', '2.8:WARN', '2.2:PASS', '4.2:NOTE']);
    expect(run!.results[1]!.title).toBe('Enable user namespace support');
    // Four findings and no section header: an excerpt.
    expect(run!.partial).toBe(true);
  });
  it('reads blockquoted lines with their details and original line numbers', async () => {
    const parsed = await read('blockquote.md');
    const [run] = parsed.runs;
    expect(run!.results.map((r) => r.id)).toEqual(['5.1', '5.4', '5.10']);
    expect(run!.results[0]!.items).toEqual(['web', 'db']);
    expect(run!.results[2]!.details).toEqual(['Container running without memory restrictions: web']);
    expect(run!.results.map((r) => r.source.line)).toEqual([6, 9, 10]);
    expect(run!.sections).toEqual([{ id: '5', title: 'Container Runtime' }]);
  });
  it('reads two quoted runs (``` and ~~~ fences) as two runs', async () => {
    const parsed = await read('two-runs.md');
    expect(parsed.runs.map((r) => [r.startedAt, r.totals?.score, r.results.map((x) => x.status).join(',')])).toEqual([
      ['2023-10-02T09:00:00Z', -2, 'WARN,WARN'],
      ['2023-10-05T09:00:00Z', 2, 'PASS,PASS'],
    ]);
    // Each quoted run holds a few sections (a selection), but neither is cut off.
    expect(parsed.runs.every((r) => r.partialReasons.every((x) => /selection of checks/.test(x)))).toBe(true);
    const last = await ingestFile(fixture('two-runs.md'), { selection: { kind: 'index', index: -1 } });
    expect(last.runs.map((r) => r.index)).toEqual([2]);
  });
  it('starts a new run when a block starts again at section 1', async () => {
    const parsed = await read('section-restart.md');
    expect(parsed.runs.map((r) => r.results.map((x) => `${x.id}:${x.status}`).join(' '))).toEqual([
      '1.1:WARN 1.3:PASS 2.1:WARN',
      '1.1:PASS 1.3:PASS',
    ]);
  });
  it('reads indented code blocks and fences inside list items', async () => {
    const parsed = await read('indented.md');
    const [run] = parsed.runs;
    expect(run!.results.map((r) => r.id)).toEqual(['1.1', '1.2', '1.4', '2.1']);
    expect(run!.results[2]!.details).toEqual(['docker:x:999:ubuntu']);
    expect(run!.startedAtRaw).toBe('Fri Nov  2 00:52:07 EDT 2018');
  });
  it('marks a list of a few findings partial', async () => {
    const parsed = await read('excerpt.md');
    const [run] = parsed.runs;
    expect(run!.results.map((r) => r.id)).toEqual(['2.8', '2.11', '2.12']);
    expect(run!.partial).toBe(true);
    expect(run!.partialReasons.length).toBeGreaterThan(0);
  });
});

describe('detection', () => {
  it('beats the plain reader on write-ups', () => {
    for (const name of ['latex.md', 'blockquote.md', 'two-runs.md', 'indented.md', 'excerpt.md', 'section-restart.md']) {
      const text = readFileSync(fixture(name), 'utf8');
      expect([name, detectReader(text)?.reader.format]).toEqual([name, 'markdown-embedded']);
      expect(markdownEmbedded.detect(text)).toBeGreaterThan(dockerBenchSecurityText.detect(text));
    }
  });
  it('stays out of plain logs, even console captures with banner and # comment lines', () => {
    const log = readFileSync(join(FIXTURES, 'dbs-text', 't1-v1.3.3-console.txt'), 'utf8');
    expect(markdownEmbedded.detect(log)).toBe(0);
    expect(markdownEmbedded.detect(`# Mount the Docker socket\n# This requires privileges\n${log}`)).toBe(0);
  });
  it('does not claim a write-up that quotes no scanner output', async () => {
    expect(markdownEmbedded.detect('# Title\n\n```\nnpm install\n```\n')).toBe(0);
    const err = await ingestText('# Title\n\n```\nnpm install\n```\n', { inputFormat: 'markdown-embedded' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
  });
});

corpusDescribe('write-ups quoting other scanners', () => {
  // Course notes quoting `docker-bench --version 18.09 | grep FAIL` (aquasecurity/docker-bench):
  // the inner reader is the aqua text reader; the EXPECTED.tsv row lists it under that kind.
  it('oyelowo-instructions-aquadb-cis1.2.md: 54 FAIL lines, partial', async () => {
    const parsed = await ingestFile(join(CORPUS, 'oyelowo-instructions-aquadb-cis1.2.md'));
    expect(parsed.input.format).toBe('markdown-embedded');
    expect(parsed.runs).toHaveLength(1);
    const [run] = parsed.runs;
    expect(run!.tool).toBe('aqua-docker-bench');
    expect(run!.results).toHaveLength(54);
    expect(run!.results.every((r) => r.status === 'FAIL')).toBe(true);
    expect(run!.partial).toBe(true);
  });
});
