/**
 * The user's side files are input too, often copied from a ticket or generated: --waivers
 * CSV, --facts JSON, --mapping CSV. Hostile or broken ones give a result or an InputError
 * with a one-line message naming the file, never another exception or a hang.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseFacts, parseWaivers } from '../../src/analysis/index.js';
import { loadKnowledge } from '../../src/knowledge/index.js';
import { InputError } from '../../src/model/errors.js';
import { FIXTURES, SAMPLES } from '../helpers/paths.js';
import { HANG_BUDGET_MS, SEED } from './harness.js';

const WAIVERS = readFileSync(join(SAMPLES, 'waivers.csv'), 'utf8');
const FACTS = readFileSync(join(SAMPLES, 'facts.json'), 'utf8');
const MAPPING = readFileSync(join(FIXTURES, 'knowledge', 'mapping-override.csv'), 'utf8');

/** Run `fn`; anything but a value or a one-line InputError naming `file` fails, as does a hang. */
function expectValueOrInputError(fn: () => unknown, file: string): 'value' | 'refused' {
  const started = performance.now();
  let outcome: 'value' | 'refused';
  try {
    fn();
    outcome = 'value';
  } catch (err) {
    if (!(err instanceof InputError)) throw new Error(`a ${(err as Error)?.name} escaped: ${(err as Error)?.message}`);
    if (/[\r\n]/.test(err.describe())) throw new Error(`multi-line message: ${JSON.stringify(err.describe().slice(0, 200))}`);
    if (err.file !== file) throw new Error(`message names ${err.file}, not ${file}`);
    outcome = 'refused';
  }
  const elapsed = performance.now() - started;
  if (elapsed > HANG_BUDGET_MS) throw new Error(`took ${Math.round(elapsed)} ms, over the ${HANG_BUDGET_MS} ms hang budget`);
  return outcome;
}

/** A text with a few lines damaged: dropped, doubled, cut, or a hostile fragment spliced in. */
function damaged(text: string): fc.Arbitrary<string> {
  const fragment = fc.constantFrom('"', '""', ',', '\n', '\r', '#', '{', '}', '[', ']', ':', '\\', '\u0000', '\u001b[2J', '\ufeff', 'null', '1e999', '"__proto__"', '"constructor"');
  return fc
    .array(fc.tuple(fc.integer({ min: 0, max: 9999 }), fragment, fc.boolean()), { minLength: 1, maxLength: 4 })
    .map((edits) =>
      edits.reduce((t, [at, frag, cut]) => {
        const i = Math.floor((at / 10000) * (t.length + 1));
        return cut ? t.slice(0, i) + frag : t.slice(0, i) + frag + t.slice(i);
      }, text),
    );
}

const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), fc.string({ maxLength: 400 }));

describe('--waivers CSV', () => {
  it('arbitrary and damaged files', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, damaged(WAIVERS)), (text) => {
        expectValueOrInputError(() => parseWaivers(text, 'waivers.csv'), 'waivers.csv');
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});

describe('--facts JSON', () => {
  it('arbitrary and damaged files', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, damaged(FACTS), fc.json().map((j) => j)), (text) => {
        expectValueOrInputError(() => parseFacts(text, 'facts.json'), 'facts.json');
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});

describe('--mapping CSV', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'stridebench-mapping-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('arbitrary and damaged files', () => {
    let n = 0;
    fc.assert(
      fc.property(fc.oneof(anyText, damaged(MAPPING)), (text) => {
        // Each file gets its own name: the knowledge base is cached by file name.
        const file = join(dir, `mapping-${n++}.csv`);
        writeFileSync(file, text);
        expectValueOrInputError(() => loadKnowledge({ mappingFile: file }), file);
      }),
      { seed: SEED, numRuns: 150 },
    );
  });
});

describe('1 MB cells in the side files', () => {
  // csv-parse quotes the offending cell in its message; our clean-up of that message must
  // stay linear however long the cell is (it used to be quadratic in a run of spaces).
  const spaces = ' '.repeat(1_000_000);
  const cases: [string, string][] = [
    ['a stray quote after a 1 MB run of spaces', `x${spaces}"${spaces},y\n`],
    ['a 1 MB quoted cell left open', `"${spaces}`],
    ['a 1 MB unquoted cell', `${'a'.repeat(1_000_000)},y\n`],
  ];
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'stridebench-mapping-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(cases)('%s', (_label, row) => {
    const mapping = join(dir, `${_label.replace(/\W+/g, '-')}.csv`);
    writeFileSync(mapping, `key,title\n${row}`);
    expect(expectValueOrInputError(() => loadKnowledge({ mappingFile: mapping }), mapping)).toBe('refused');
    expectValueOrInputError(() => parseWaivers(`control,reason\n${row}`, 'waivers.csv'), 'waivers.csv');
    expectValueOrInputError(() => parseFacts(`{"shell": "${spaces}", ${row}`, 'facts.json'), 'facts.json');
  });
});
