/**
 * Every reader, forced with --input-format and through detection, on hostile bytes:
 * arbitrary bytes, and our own real-shaped samples mutated (lines dropped, truncated at every
 * offset, bytes flipped, runs doubled, encodings mixed, a 1 MB line). The only allowed
 * outcomes are a model that keeps its invariants or an InputError/UsageError with a one-line
 * message, within the hang budget (see harness.ts).
 */
import fc from 'fast-check';
import { analyseAndRender, FORMATS, ownSamples, parseOutcome, SEED, type Sample } from './harness.js';
import type { InputFormat } from '../../src/model/types.js';

const SAMPLES = ownSamples();
/** `undefined` = detection. */
const MODES: readonly (InputFormat | undefined)[] = [undefined, ...FORMATS];
const modeName = (m: InputFormat | undefined) => m ?? 'detection';

const enc = new TextEncoder();
const dec = new TextDecoder();

function splitLines(bytes: Uint8Array): Uint8Array[] {
  const lines: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a) {
      lines.push(bytes.subarray(start, i + 1));
      start = i + 1;
    }
  }
  if (start < bytes.length) lines.push(bytes.subarray(start));
  return lines;
}

function join(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function utf16le(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'utf16le'));
}

/** One mutation of a byte string; positions are fractions so they fit any sample. */
type Mutation =
  | { op: 'drop-lines'; at: number; count: number }
  | { op: 'truncate'; at: number }
  | { op: 'flip'; at: number; mask: number }
  | { op: 'double-run'; at: number; count: number; to: number }
  | { op: 'insert'; at: number; bytes: Uint8Array; label: string }
  | { op: 'utf16-lines'; at: number; count: number };

/** A position as a fraction of the input, so it fits any sample (integers: fc.double clusters near 0). */
const position = fc.integer({ min: 0, max: 9999 }).map((n) => n / 10000);

/** Byte sequences that real captures mix in: stray encodings, BOMs, NULs, control codes. */
const FOREIGN_BYTES: readonly [string, Uint8Array][] = [
  ['latin-1 é', Uint8Array.from([0xe9])],
  ['invalid utf-8 pair', Uint8Array.from([0xc3, 0x28])],
  ['overlong slash', Uint8Array.from([0xc0, 0xaf])],
  ['lone surrogate as utf-8', Uint8Array.from([0xed, 0xa0, 0x80])],
  ['BOM mid-file', Uint8Array.from([0xef, 0xbb, 0xbf])],
  ['UTF-16 BOM mid-file', Uint8Array.from([0xff, 0xfe])],
  ['NUL', Uint8Array.from([0x00])],
  ['CR alone', enc.encode('\r')],
  ['ESC sequences', enc.encode('\x1b[2J\x1b]52;c;aGk=\x07\x1b[')],
  ['C1 CSI', Uint8Array.from([0xc2, 0x9b])],
  ['JSON breakers', enc.encode('"}]\\u12')],
  ['fence', enc.encode('\n```\n')],
  ['tag run', enc.encode('[INFO] [PASS] [WARN] [FAIL] ')],
];

/** Mostly the damage real files show (cut, lines lost or repeated, a flipped byte); foreign bytes less often. */
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('drop-lines' as const), at: position, count: fc.integer({ min: 1, max: 20 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: position }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('flip' as const), at: position, mask: fc.integer({ min: 1, max: 255 }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('double-run' as const), at: position, count: fc.integer({ min: 1, max: 60 }), to: position }) },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom(...FOREIGN_BYTES)
      .chain(([label, bytes]) => fc.record({ op: fc.constant('insert' as const), at: position, bytes: fc.constant(bytes), label: fc.constant(label) })),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('utf16-lines' as const), at: position, count: fc.integer({ min: 1, max: 10 }) }) },
);

function mutate(bytes: Uint8Array, m: Mutation): Uint8Array {
  const index = (frac: number, length: number) => Math.min(length, Math.floor(frac * (length + 1)));
  switch (m.op) {
    case 'truncate':
      return bytes.subarray(0, index(m.at, bytes.length));
    case 'flip': {
      if (bytes.length === 0) return bytes;
      const out = bytes.slice();
      const i = Math.min(out.length - 1, index(m.at, out.length));
      out[i]! ^= m.mask;
      return out;
    }
    case 'insert': {
      const i = index(m.at, bytes.length);
      return join([bytes.subarray(0, i), m.bytes, bytes.subarray(i)]);
    }
    default: {
      const lines = splitLines(bytes);
      const i = index(m.at, lines.length);
      if (m.op === 'drop-lines') return join([...lines.slice(0, i), ...lines.slice(i + m.count)]);
      if (m.op === 'utf16-lines') {
        // Part of the file re-encoded, as when a PowerShell `>>` appends to a UTF-8 log.
        const middle = lines.slice(i, i + m.count).map((l) => utf16le(dec.decode(l)));
        return join([...lines.slice(0, i), ...middle, ...lines.slice(i + m.count)]);
      }
      // double-run: a block of lines repeated elsewhere, as `tee -a` of overlapping runs does.
      const block = lines.slice(i, i + m.count);
      const to = index(m.to, lines.length);
      return join([...lines.slice(0, to), ...block, ...lines.slice(to)]);
    }
  }
}

const describeMutations = (ms: readonly Mutation[]) =>
  ms.map((m) => (m.op === 'insert' ? `insert ${m.label}@${m.at.toFixed(3)}` : JSON.stringify(m))).join(', ');

describe('readers on hostile input', () => {
  it('has samples of every kind to mutate', () => {
    // Detection of the unmutated samples covers the three tools and the Markdown wrapper.
    expect(SAMPLES.length).toBeGreaterThanOrEqual(3);
  });

  it.each(MODES.map((m) => [modeName(m), m] as const))('arbitrary bytes (%s)', async (_name, mode) => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 2048 }),
          fc.string({ unit: 'binary', maxLength: 1024 }).map((s) => enc.encode(s)),
          // Text made of the tokens readers look for, in random order: reaches deep states.
          fc
            .array(
              fc.constantFrom(
                '[INFO]', '[PASS]', '[WARN]', '[FAIL]', '[NOTE]', ' 1 - ', '1.1.1 ', ' - ', '\n', '\r\n', '  * ', 'Initializing ',
                'Section A - Check results', 'Section B - Remediation', 'Checks: 3', 'Score: -1', '# Docker Bench for Security v1.6.0',
                '{', '}', '[', ']', '"tests":', '"results":', '"id":', '"desc":', '"result":', '"Controls":', '"test_number":', ',', ':',
                '"', '\\', '```', '> ', '| ', '== Summary ==', '== Remediations ==', '\x1b[1;34m', '$\\color{red}{', '(Automated)', 'x',
              ),
              { maxLength: 300 },
            )
            .map((tokens) => enc.encode(tokens.join(''))),
        ),
        async (bytes) => {
          await parseOutcome(bytes, { inputFormat: mode });
        },
      ),
      { seed: SEED, numRuns: 120 },
    );
  });

  /** The format each unmutated sample is detected as, so a forced reader mostly gets its own format. */
  const formatOf = new Map<Sample, InputFormat>();
  beforeAll(async () => {
    for (const sample of SAMPLES) {
      const outcome = await parseOutcome(sample.bytes);
      if (outcome.kind === 'parsed') formatOf.set(sample, outcome.parsed.input.format);
    }
  });

  it.each(MODES.map((m) => [modeName(m), m] as const))('mutated samples (%s)', async (_name, mode) => {
    const own = SAMPLES.filter((s) => mode === undefined || formatOf.get(s) === mode);
    const pool = own.length > 0 ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...own) }, { weight: 1, arbitrary: fc.constantFrom(...SAMPLES) }) : fc.constantFrom(...SAMPLES);
    const tally = { parsed: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(pool, fc.array(mutation, { minLength: 1, maxLength: 3 }), async (sample, mutations) => {
        const bytes = mutations.reduce(mutate, sample.bytes);
        try {
          const outcome = await parseOutcome(bytes, { inputFormat: mode });
          tally[outcome.kind]++;
          // Detection is what users run: take those models through analysis and every renderer.
          if (mode === undefined && outcome.kind === 'parsed') await analyseAndRender(outcome.parsed); 
        } catch (err) {
          throw new Error(`${sample.name} after [${describeMutations(mutations)}]: ${(err as Error).message}`);
        }
      }),
      { seed: SEED, numRuns: 150 },
    );
    // Enough damaged files must still be read, or the property would only exercise refusals
    // (JSON readers refuse more: one flipped brace can leave nothing to repair).
    if (own.length > 0) expect(tally.parsed).toBeGreaterThan((tally.parsed + tally.refused) / 5);
  });
});

/** The small samples the truncation sweep uses: one per reader that has one. */
function smallSamplePerFormat(): Map<InputFormat, Sample> {
  const byFormat = new Map<InputFormat, Sample>();
  return byFormat;
}

describe('truncation at every offset', () => {
  const chosen = smallSamplePerFormat();
  it('finds a small sample for the readers', async () => {
    for (const sample of [...SAMPLES].sort((a, b) => a.bytes.length - b.bytes.length)) {
      if (sample.bytes.length < 600) continue; // too little of the format to be worth sweeping
      const outcome = await parseOutcome(sample.bytes);
      if (outcome.kind === 'parsed' && !chosen.has(outcome.parsed.input.format)) chosen.set(outcome.parsed.input.format, sample);
    }
    expect(chosen.size).toBeGreaterThanOrEqual(2);
  });

  it('every cut of each small sample gives a model or a one-line refusal (own reader and detection)', async () => {
    let parses = 0;
    for (const [format, sample] of chosen) {
      // Every offset of the small ones; a fixed step on bigger ones keeps the sweep bounded.
      const step = Math.max(1, Math.ceil(sample.bytes.length / 1500));
      for (let cut = 0; cut <= sample.bytes.length; cut += step) {
        const bytes = sample.bytes.subarray(0, cut);
        for (const mode of [format, undefined]) {
          try {
            await parseOutcome(bytes, { inputFormat: mode });
          } catch (err) {
            throw new Error(`${sample.name} cut at byte ${cut} (${modeName(mode)}): ${(err as Error).message}`);
          }
          parses++;
        }
      }
    }
    expect(parses).toBeGreaterThan(0);
  });
});

describe('enormous lines', () => {
  /** 1 MB lines of the shapes readers inspect most: text after a tag, a JSON string, a run of digits. */
  const LONG_LINES: readonly [string, string][] = [
    ['letters', 'a'.repeat(1_000_000)],
    ['spaces then x', `${' '.repeat(1_000_000)}x`],
    ['tagged id run', `[INFO] ${'1.'.repeat(500_000)}`],
    ['tagged detail', `[WARN]      * Running as root: ${'c'.repeat(1_000_000)}`],
    ['check title', `[WARN] 5.1 - ${'Ensure '.repeat(150_000)}(Automated)`],
    ['JSON string', `{"desc": "${'\\"'.repeat(500_000)}`],
    ['brackets', '['.repeat(1_000_000)],
    ['braces', `${'{"a":'.repeat(200_000)}`],
    ['quote markers', '> '.repeat(500_000)],
    // Ends in two CRs: the line splitter removes one, the readers' CR trimming sees the rest.
    ['CRs', `${'\r'.repeat(1_000_000)}x\r\r`],
    ['digits', `${'1'.repeat(1_000_000)}x`],
    ['tagged digits detail', `[INFO]      * ${'1'.repeat(1_000_000)}x`],
    ['ANSI openers', '\x1b['.repeat(500_000)],
    ['backslashes', '\\'.repeat(1_000_000)],
  ];
  const hosts = SAMPLES.filter((s) => /t3-v1\.6\.1|docker-bench-security-1\.6\.0\.log\.json$|kube-multi-target|docker-controls\.json|two-runs\.md/.test(s.name));

  it('has host samples', () => {
    expect(hosts.length).toBeGreaterThanOrEqual(3);
  });

  it.each(LONG_LINES)('a 1 MB line of %s, alone and inside real samples, through every reader', async (_label, line) => {
    const long = enc.encode(line);
    const inputs: [string, Uint8Array][] = [['alone', long]];
    for (const host of hosts) {
      const lines = splitLines(host.bytes);
      const middle = Math.floor(lines.length / 2);
      inputs.push([`${host.name} (middle)`, join([...lines.slice(0, middle), long, enc.encode('\n'), ...lines.slice(middle)])]);
    }
    for (const [where, bytes] of inputs) {
      for (const mode of MODES) {
        try {
          const outcome = await parseOutcome(bytes, { inputFormat: mode });
          if (mode === undefined && outcome.kind === 'parsed') await analyseAndRender(outcome.parsed);
        } catch (err) {
          throw new Error(`${where} (${modeName(mode)}): ${(err as Error).message}`);
        }
      }
    }
  });
});

describe('enormous detail lines the analysis reads', () => {
  // The caveat rules parse some details (container and image counts of 6.1/6.2, audit
  // output): a 1 MB detail under every check of a real log must not stall them either.
  const host = SAMPLES.find((s) => s.name === 'samples/docker-bench-security-1.6.0.log');
  const details: readonly [string, string][] = [
    ['digits', `${'1'.repeat(1_000_000)}x`],
    ['digits and spaces', `${'1 '.repeat(500_000)}x`],
    ['spaces inside', `x${' '.repeat(1_000_000)}x`],
    ['words', 'total of '.repeat(120_000)],
  ];

  it.each(details)('%s', async (_label, detail) => {
    expect(host).toBeDefined();
    const lines = dec.decode(host!.bytes).split('\n');
    // Every check of sections 5 and 6 gets the detail (section 5 is the largest, 6 holds the counts).
    const check = /\[(?:INFO|WARN|PASS|NOTE)\]\x1b\[0m [56]\.\d+ - /;
    const withDetail = lines.flatMap((l) => (check.test(l) ? [l, `[INFO]      * ${detail}`] : [l]));
    const outcome = await parseOutcome(withDetail.join('\n'));
    expect(outcome.kind).toBe('parsed');
    if (outcome.kind === 'parsed') {
      const withLong = outcome.parsed.runs[0]!.results.filter((r) => r.details.some((d) => d.length >= 500_000));
      expect(withLong.length).toBeGreaterThan(10);
      await analyseAndRender(outcome.parsed);
    }
  });
});

describe('one run with very many distinct checks', () => {
  // Readers index results by id, attach remediations and match titles; any of that done
  // per pair of results is quadratic, and a hostile run can hold tens of thousands of checks
  // well inside the input limits. Each shape: N distinct ids, each with a detail/remediation.
  const N = 50_000;
  const ids = Array.from({ length: N }, (_, i) => `5.${Math.floor(i / 1000)}.${i % 1000}`);
  const dbsText = (ids: readonly string[]) =>
    [
      'Initializing 2024-05-01T10:00:00+00:00',
      'Section A - Check results',
      '[INFO] 5 - Container Runtime',
      ...ids.flatMap((id) => [`[WARN] ${id} - Ensure check ${id} holds (Automated)`, `[WARN]      * Running as root: c-${id}`]),
      'Section B - Remediation measures',
      ...ids.map((id) => `[WARN] ${id} - Fix ${id}. Remediation Impact: None.`),
      'Section C - Score',
      `[INFO] Checks: ${ids.length}`,
      '[INFO] Score: 0',
    ].join('\n');
  const shapes: [string, () => string][] = [
    ['docker-bench-security text with Section B', () => dbsText(ids)],
    [
      'docker-bench-security JSON',
      () =>
        JSON.stringify({
          dockerbenchsecurity: '1.6.0',
          start: 1717059600,
          tests: [{ id: '5', desc: 'Container Runtime', results: ids.map((id) => ({ id, desc: `Ensure check ${id} holds (Automated)`, result: 'WARN', details: `Running as root: c-${id}`, items: [`c-${id}`], remediation: `Fix ${id}` })) }],
          checks: N,
          score: 0,
          end: 1717059700,
        }),
    ],
    [
      'aquasecurity docker-bench text with remediations',
      () =>
        [
          '[INFO] 5 Container Runtime Configuration',
          ...ids.map((id) => `[FAIL] ${id} Ensure check ${id} holds (Scored)`),
          '',
          '== Remediations ==',
          ...ids.flatMap((id) => [`${id} Fix ${id}.`, '']),
          '== Summary ==',
          `0 checks PASS\n${N} checks FAIL\n0 checks WARN\n0 checks INFO`,
        ].join('\n'),
    ],
    [
      'kube-bench JSON',
      () =>
        JSON.stringify({
          Controls: [
            {
              id: '4',
              version: 'cis-1.24',
              text: 'Worker Node Security Configuration',
              node_type: 'node',
              tests: [{ section: '4.1', desc: 'Worker Node Configuration Files', results: ids.map((id) => ({ test_number: id.replace(/^5/, '4'), test_desc: `Ensure check ${id} holds (Automated)`, status: 'FAIL', remediation: `Fix ${id}`, scored: true })) }],
            },
          ],
        }),
    ],
  ];

  it.each(shapes)('%s', async (_label, make) => {
    const outcome = await parseOutcome(make());
    expect(outcome.kind).toBe('parsed');
    if (outcome.kind === 'parsed') expect(outcome.parsed.runs[0]!.results.length).toBeGreaterThanOrEqual(N);
  });

  it('5,000 checks no knowledge knows, through the analysis and every renderer', async () => {
    // Per-rule work in a renderer is per unknown check here (SARIF took 14 s before it
    // grouped its rules in one pass).
    const outcome = await parseOutcome(dbsText(ids.slice(0, 5000)));
    expect(outcome.kind).toBe('parsed');
    if (outcome.kind !== 'parsed') return;
    expect(outcome.parsed.runs[0]!.results.length).toBe(5000);
    const outputs = await analyseAndRender(outcome.parsed);
    expect(JSON.parse(outputs.get('sarif')!).runs[0].tool.driver.rules.length).toBe(5000);
  });
});
