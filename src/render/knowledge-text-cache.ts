/**
 * The knowledge base's own Markdown (rationales, fixes), converted for the reports at build
 * time. A cold `report -f md|html` otherwise spends ~20 ms in marked's first few dozen
 * conversions (its regular expressions compiled and its code run cold) for text that is the
 * same on every run.
 *
 * The cache is keyed by the source text, so knowledge edited after the build, or a user's
 * `--mapping`, simply misses and is converted as before: a hit can only ever return what
 * the converter would. What it cannot see is the converter changing: the file records a
 * fingerprint of the converter's code (the compiled markdown-text and escape modules and
 * marked itself), and a file made by other code is ignored.
 *
 *   dist/generated/knowledge-text.md.json, dist/generated/knowledge-text.html.json
 *   (written by ./precompile-knowledge-text.ts as part of `npm run build`)
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type ConvertedFormat = 'md' | 'html';

export interface KnowledgeTextFile {
  fingerprint: string;
  /** Source Markdown → converted text. */
  texts: Record<string, string>;
}

/**
 * Resolved from this module, like the other generated files: `dist/generated/` from the
 * compiled code; `<root>/generated/`, where no build writes, from the TypeScript sources
 * the tests run, so tests always exercise the converter itself.
 */
const GENERATED_DIR = fileURLToPath(new URL('../../generated/', import.meta.url));

export function knowledgeTextFile(format: ConvertedFormat, dir: string = GENERATED_DIR): string {
  return join(dir, `knowledge-text.${format}.json`);
}

/** The code a conversion depends on; the compiled files are read as they are now. */
export function converterFingerprint(): string {
  const hash = createHash('sha256');
  for (const url of [new URL('./markdown-text.js', import.meta.url), new URL('./escape.js', import.meta.url), new URL(import.meta.resolve('marked'))]) {
    hash.update(readFileSync(fileURLToPath(url)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

let directory: string | null = GENERATED_DIR;
const caches = new Map<ConvertedFormat, ReadonlyMap<string, string> | null>();

/** Tests: read the cache files from another folder (null: none at all), and forget what was read. */
export function useKnowledgeTextCache(dir: string | null): void {
  directory = dir;
  caches.clear();
}

/** The build-time conversion of `markdown`, or undefined when there is none to trust. */
export function cachedConversion(format: ConvertedFormat, markdown: string): string | undefined {
  let cache = caches.get(format);
  if (cache === undefined) {
    cache = readCache(format);
    caches.set(format, cache);
  }
  return cache?.get(markdown);
}

function readCache(format: ConvertedFormat): ReadonlyMap<string, string> | null {
  if (directory === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(knowledgeTextFile(format, directory), 'utf8'));
  } catch {
    return null; // not built (a checkout, the tests) or damaged: convert as usual
  }
  const file = parsed as Partial<KnowledgeTextFile> | null;
  if (!file || typeof file.fingerprint !== 'string' || !file.texts || typeof file.texts !== 'object') return null;
  try {
    if (file.fingerprint !== converterFingerprint()) return null;
  } catch {
    return null;
  }
  const texts = new Map<string, string>();
  for (const [source, converted] of Object.entries(file.texts)) {
    if (typeof converted !== 'string') return null;
    texts.set(source, converted);
  }
  return texts;
}
