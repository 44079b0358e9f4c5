/**
 * Fixes from reading real reports end to end (the review of 2026-01), through the real
 * pipeline (readers, knowledge base, analysis, renderers) on the bundled samples and
 * scanner output shaped like them.
 */
import { join } from 'node:path';
import { analyse } from '../../src/analysis/index.js';
import { ingestFile, ingestText } from '../../src/ingest/index.js';
import { loadKnowledge } from '../../src/knowledge/index.js';
import type { AnalysedReport } from '../../src/model/report.js';
import { render as renderMd } from '../../src/render/markdown.js';
import { ROOT } from '../helpers/paths.js';
import { mdCodeBlocks, mdSection } from './inspect.js';

const GENERATED_AT = '2024-05-01T00:00:00.000Z';

async function analysedFile(path: string): Promise<AnalysedReport> {
  return analyse(await ingestFile(path, { selection: { kind: 'index', index: -1 } }), loadKnowledge(), { generatedAt: GENERATED_AT });
}

async function analysedText(text: string): Promise<AnalysedReport> {
  return analyse(await ingestText(text, { name: 'fixture' }), loadKnowledge(), { generatedAt: GENERATED_AT });
}

/** The data rows of the Markdown "Caveats applied" table. */
function caveatRows(md: string): { rule: string; message: string; checks: string }[] {
  return mdSection(md, 'Caveats applied')
    .split('\n')
    .filter((l) => l.startsWith('| `'))
    .map((l) => {
      const cells = l.slice(2, -2).split(' | ');
      return { rule: cells[0]!.replace(/`/g, ''), message: cells.slice(1, -1).join(' | '), checks: cells[cells.length - 1]! };
    });
}

describe('Caveats applied: one row per caveat, checks in numeric order', () => {
  test('the same caveat on several checks is one row listing them, 3.2 before 3.16', async () => {
    const md = renderMd(await analysedFile(join(ROOT, 'samples/docker-bench-security-1.6.0.log')), { top: 3 });
    const rows = caveatRows(md);
    const coarse = rows.filter((r) => r.rule === 'coarse-file-check');
    expect(coarse).toHaveLength(1);
    expect(coarse[0]!.message).toMatch(/^Each of these checks compared the mode as a decimal number/);
    expect(coarse[0]!.checks).toBe('`3.2`, `3.4`, `3.6`, `3.16`, `3.18`, `3.20`, `3.24`');
    const swarm = rows.filter((r) => r.rule === 'swarm-inactive');
    expect(swarm).toHaveLength(1);
    expect(swarm[0]!.checks.split(', ')[0]).toBe('`7.2`');
    expect(swarm[0]!.checks.split(', ').at(-1)).toBe('`7.10`');
    // A caveat on one check keeps its own wording, naming the check.
    expect(rows.find((r) => r.rule === 'socket-mount')!.message).toMatch(/^5\.31 only greps mounts/);
    // Rows of one rule follow their first check's id part by part: 2.3 before 2.10.
    expect(rows.filter((r) => r.rule === 'single-source').map((r) => r.checks)).toEqual(['`2.3`', '`2.10`']);
  });
});

describe('Proposed daemon.json never holds a TLS switch on its own', () => {
  test('a daemon WARNed "without TLS" gets the TLS fix described, not "tlsverify": true merged into daemon.json', async () => {
    const text = [
      'Initializing 2024-05-01T10:00:00+00:00',
      '',
      'Section A - Check results',
      '',
      '[INFO] 2 - Docker daemon configuration',
      '[WARN] 2.2 - Ensure network traffic is restricted between containers on the default bridge (Scored)',
      '[WARN] 2.7 - Ensure TLS authentication for Docker daemon is configured (Scored)',
      '[WARN]      * Docker daemon currently listening on TCP without TLS',
      '',
      'Section C - Score',
      '',
      '[INFO] Checks: 2',
      '[INFO] Score: -2',
      '',
    ].join('\n');
    const report = await analysedText(text);
    const tls = report.runs[0]!.results.find((r) => r.id === '2.7')!;
    expect(tls.verdict).toBe('FINDING');
    const md = renderMd(report, { top: 5 });
    const merged = JSON.parse(mdCodeBlocks(mdSection(md, 'Proposed daemon.json')).find((b) => b.lang === 'json')!.text) as Record<string, unknown>;
    expect(merged).toEqual({ icc: false });
    // dockerd refuses to start with tlsverify and no certificates: the fix says what else it needs.
    expect(mdSection(md, 'Harden first')).toMatch(/"tlscacert"/);
    expect(mdSection(md, 'Harden first')).toMatch(/Do not add `"tlsverify": true` on its own/);
  });
});

describe('Summary and harden-first wording', () => {
  const oneFinding = [
    'Initializing 2024-05-01T10:00:00+00:00',
    '',
    'Section A - Check results',
    '',
    '[INFO] 2 - Docker daemon configuration',
    '[WARN] 2.2 - Ensure network traffic is restricted between containers on the default bridge (Scored)',
    '[PASS] 2.3 - Ensure the logging level is set to \'info\' (Scored)',
    '',
    'Section C - Score',
    '',
    '[INFO] Checks: 2',
    '[INFO] Score: 0',
    '',
  ].join('\n');
  test('one change "removes" the most risk; several "remove" it', async () => {
    const md = renderMd(await analysedText(oneFinding), { top: 3 });
    expect(mdSection(md, 'Harden first')).toContain('The 1 change that removes the most risk first.');
    const kube = renderMd(await analysedFile(join(ROOT, 'samples/kube-bench-node.txt')), { top: 3 });
    expect(mdSection(kube, 'Harden first')).toContain('The 2 changes that remove the most risk first.');
  });
  test('"What was not assessed" with nothing to list is a sentence of its own', async () => {
    const md = renderMd(await analysedFile(join(ROOT, 'samples/kube-bench-node.txt')), { top: 3 });
    expect(mdSection(md, 'Summary')).toContain('**What was not assessed:**\nNothing: every check the scanner printed was assessed.');
  });
});
