/**
 * Build step: convert the knowledge base's own Markdown (every control's rationale and its
 * fix's action, impact and verification: what the report templates pass to their
 * `markdown` helper) for the Markdown and HTML reports once, into
 * `dist/generated/knowledge-text.{md,html}.json` (read by ./knowledge-text-cache.ts).
 *
 *   node dist/src/render/precompile-knowledge-text.js [OUT_DIR]    (default dist/generated)
 *
 * Run after `tsc` and the knowledge snapshot: the fingerprint it records is taken from the
 * compiled converter, and the texts come from the knowledge base as it loads now.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadKnowledge } from '../knowledge/index.js';
import type { KnowledgeBase } from '../knowledge/types.js';
import { InputError } from '../model/errors.js';
import { converterFingerprint, knowledgeTextFile, useKnowledgeTextCache, type ConvertedFormat, type KnowledgeTextFile } from './knowledge-text-cache.js';
import { knowledgeMarkdownToHtml, knowledgeMarkdownToMarkdown } from './markdown-text.js';

const CONVERTERS: Readonly<Record<ConvertedFormat, (markdown: string) => string>> = {
  md: knowledgeMarkdownToMarkdown,
  html: knowledgeMarkdownToHtml,
};

/** The distinct Markdown texts of the knowledge base that reports convert, sorted. */
export function knowledgeTexts(knowledge: KnowledgeBase): string[] {
  const texts = new Set<string>();
  for (const control of knowledge.controls()) {
    texts.add(control.rationale);
    if (control.fix) for (const text of [control.fix.action, control.fix.impact, control.fix.verify]) if (text !== null) texts.add(text);
  }
  texts.delete('');
  return [...texts].sort();
}

/** The cache file of one format, as text (deterministic: sorted keys). */
export function knowledgeTextCache(format: ConvertedFormat, texts: readonly string[]): string {
  // Convert with the converter itself, never through a cache an earlier build left behind.
  useKnowledgeTextCache(null);
  const file: KnowledgeTextFile = { fingerprint: converterFingerprint(), texts: {} };
  for (const text of texts) file.texts[text] = CONVERTERS[format](text);
  return `${JSON.stringify(file)}\n`;
}

export function writeKnowledgeTextCaches(outDir?: string, knowledge: KnowledgeBase = loadKnowledge()): string[] {
  const texts = knowledgeTexts(knowledge);
  const written: string[] = [];
  for (const format of Object.keys(CONVERTERS) as ConvertedFormat[]) {
    const target = knowledgeTextFile(format, outDir);
    mkdirSync(dirname(target), { recursive: true });
    const temp = `${target}.${process.pid}.tmp`;
    try {
      writeFileSync(temp, knowledgeTextCache(format, texts));
      renameSync(temp, target);
    } finally {
      rmSync(temp, { force: true });
    }
    written.push(target);
  }
  return written;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    writeKnowledgeTextCaches(process.argv[2]);
  } catch (err) {
    process.stderr.write(`precompile-knowledge-text: ${err instanceof InputError ? err.describe() : (err as Error).message}\n`);
    process.exitCode = 2;
  }
}
