/** Paths tests share: the project root, fixtures, and the shared real-world corpus (may be absent). */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURES = join(ROOT, 'test', 'fixtures');
export const SAMPLES = join(ROOT, 'samples');
export const CORPUS = resolve(ROOT, '..', 'shared', 'corpus');
export const REFERENCE = resolve(ROOT, '..', 'shared', 'reference');
export const HAVE_CORPUS = existsSync(join(CORPUS, 'EXPECTED.tsv'));
export const CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');

/** `describe` that is skipped, with a visible message, when the shared corpus is not there. */
export function corpusDescribe(name: string, fn: () => void): void {
  if (HAVE_CORPUS) describe(name, fn);
  else {
    // eslint-disable-next-line no-console
    console.warn(`SKIPPED "${name}": the shared corpus is not at ${CORPUS}`);
    // The body is not run: it may read corpus files while the tests are being collected.
    describe(name, () => {
      it.skip(`needs the shared corpus at ${CORPUS}`, () => undefined);
    });
  }
}
