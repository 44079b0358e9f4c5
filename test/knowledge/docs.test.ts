/** docs/stride.md is generated from the data; it must say what the data says. */
import { readFileSync } from 'node:fs';
import { renderStrideDoc, STRIDE_DOC } from '../../src/knowledge/generate-docs.js';
import { loadKnowledge } from '../../src/knowledge/index.js';

describe('docs/stride.md', () => {
  const kb = loadKnowledge();
  const doc = renderStrideDoc(kb);

  it('is up to date with data/*.csv (regenerate: npx tsc -p tsconfig.json && node dist/src/knowledge/generate-docs.js)', () => {
    const committed = readFileSync(STRIDE_DOC, 'utf8');
    expect(committed === doc).toBe(true);
  });

  it('explains the method and lists every control with its ids', () => {
    for (const heading of ['## How the STRIDE categories were chosen', '## How printed ids are tied to controls across versions', '## Overriding with --mapping']) {
      expect(doc).toContain(heading);
    }
    for (const c of kb.controls()) expect(doc).toContain(`| \`${c.key}\` |`);
    expect(doc).toContain('| `docker.daemon.live-restore` | Live restore enabled | D | – | 2.14 (dbs-v1.2.0, dbs-v1.3.0, dbs-v1.3.3, aqua-1.13.0, aqua-17.06)');
  });
});
