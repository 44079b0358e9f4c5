/**
 * The fast argument path (src/cli/fast-args.ts) must hand a command's handler exactly what
 * yargs would, and must leave to yargs every command line yargs would refuse or answer
 * with help. Both are checked against the real yargs program of src/cli/program.ts.
 */
import fc from 'fast-check';
import { parseFast, type CommandModule } from '../../src/cli/fast-args.js';
import { COMMANDS, runYargs } from '../../src/cli/program.js';
import { SEED } from '../robustness/harness.js';

type Outcome = { ok: true; command: string; args: Record<string, unknown> } | { ok: false; error: string };

/** What yargs does with `argv`: the handler's arguments, or the error it raises. */
async function viaYargs(argv: string[]): Promise<Outcome> {
  let captured: Outcome | null = null;
  const capturing = COMMANDS.map((c) => ({
    ...c,
    handler: (args: Record<string, unknown>) => {
      captured = { ok: true, command: c.command, args: { ...args } };
    },
  })) as unknown as CommandModule[];
  try {
    await runYargs(argv, capturing);
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
  return captured ?? { ok: false, error: 'no handler ran' };
}

/** What the fast path does: null when it leaves the line to yargs. */
function viaFast(argv: string[]): Outcome | null {
  try {
    const fast = parseFast(argv, COMMANDS);
    return fast && { ok: true, command: fast.command.command, args: { ...fast.args } };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

describe('fast argument path', () => {
  const wellFormed: string[][] = [
    ['report', 'x.log'],
    ['report', 'x.log', '-f', 'html', '-o', 'out.html'],
    ['report', 'x.log', '--format=json', '--date', '2024-05-01', '--fail-on', 'high', '--top', '5'],
    ['report', '-', '-f', 'sarif', '--sarif-all', '--sarif-location', 'Dockerfile'],
    ['report', 'x.log', '--partial', 'findings=a.hbs', '--partial', 'summary=b.hbs', '--waivers', './w/../w.csv'],
    ['report', 'x.log', '--run', '-1', '--max-size', '2G', '--input-format', 'docker-bench-security-json'],
    ['report', 'x.log', '--no-sarif-all', '--host', 'web-01', '--mapping', 'm.csv', '--facts', 'f.json'],
    ['report', '123', '--top', 'abc'],
    ['report', 'x.log', '--failOn', 'low', '--fail-on-verdict', 'finding,caveat'],
    ['parse', 'x.log'],
    ['parse', 'x.log', '--all-runs', '-o', 'p.json'],
    ['parse', '-', '--run', '2'],
    ['diff', 'a.log', 'b.log'],
    ['diff', 'a.log', 'b.log', '--before-run', '1', '--after-run', '-1', '-f', 'json', '--fail-on', 'regressed'],
    ['history', 'a.log'],
    ['history', 'a.log', 'b.json', 'c.log', '-f', 'html', '-o', 'h.html'],
    ['explain', '2.15'],
    ['explain', 'docker.daemon.live-restore', '--format', 'json', '--benchmark', 'dbs-v1.6.1'],
    ['controls'],
    ['controls', '--stride', 'E', '--platform', 'docker', '--format', 'csv'],
  ];

  test.each(wellFormed.map((a) => [a.join(' '), a]))('%s: taken by the fast path, same arguments as yargs', async (_name, argv) => {
    const fast = viaFast(argv as string[]);
    expect(fast).not.toBeNull();
    expect(fast).toEqual(await viaYargs(argv as string[]));
  });

  const forYargs: string[][] = [
    [],
    ['--help'],
    ['-h'],
    ['--version'],
    ['-V'],
    ['report', 'x.log', '--help'],
    ['report', 'x.log', '-hf', 'md'],
    ['report', 'x.log', '-V'],
    ['report'],
    ['report', 'a.log', 'b.log'],
    ['report', 'x.log', '--bogus'],
    ['report', 'x.log', '-z'],
    ['report', 'x.log', '-f', 'pdf'],
    ['report', 'x.log', '--fail-on', 'urgent'],
    ['report', 'x.log', '--', '-f'],
    ['parse', 'x.log', '--run', '1', '--all-runs'],
    ['diff', 'a.log'],
    ['history'],
    ['explain'],
    ['explain', '2.15', '--format', 'yaml'],
    ['controls', 'extra'],
    ['controls', '--platform', 'windows'],
    ['reprot', 'x.log'],
    ['completion'],
  ];

  test.each(forYargs.map((a) => [a.join(' ') || '(nothing)', a]))('%s: left to yargs', (_name, argv) => {
    expect(viaFast(argv as string[])).toBeNull();
  });

  test.each([
    [['report', 'x.log', '-o', 'a.md', '--output', 'b.md'], '--output was given more than once; give it once'],
    [['report', 'x.log', '--mapping', 'a.csv', '--mapping', 'b.csv'], '--mapping was given more than once; give it once'],
    [['diff', 'a.log', 'b.log', '--date', '2024-01-01', '--date', '2024-02-01'], '--date was given more than once; give it once'],
  ])('%j: an option that takes one value, given twice, is a usage error on both paths', async (argv, message) => {
    expect(await viaYargs(argv)).toEqual({ ok: false, error: message });
    const fast = viaFast(argv);
    if (fast !== null) expect(fast).toEqual({ ok: false, error: message });
  });

  test('a repeatable option collects every value', async () => {
    const argv = ['report', 'x.log', '--partial', 'a=1.hbs', '--partial', 'b=2.hbs'];
    expect(viaFast(argv)).toMatchObject({ ok: true, args: { partial: ['a=1.hbs', 'b=2.hbs'] } });
    expect(await viaYargs(argv)).toMatchObject({ ok: true, args: { partial: ['a=1.hbs', 'b=2.hbs'] } });
  });

  test('a mangled command line is taken only when yargs takes it, and then with the same arguments', async () => {
    const words = [
      'report', 'parse', 'diff', 'history', 'explain', 'controls',
      'x.log', 'b.json', '-', '2.15', '3', '-1', '0', 'abc', 'a=b', '',
      '-f', '-o', '--format', '--output', '--format=md', '-fhtml', 'md', 'html', 'json', 'text', 'csv',
      '--top', '--run', '--all-runs', '--no-all-runs', '--max-size', '--date', '--partial', '--fail-on', 'high', 'regressed',
      '--fail-on-verdict', '--sarif-all', '--before-run', '--after-run', '--platform', 'docker', '--stride', '--benchmark',
      '--mapping', '--waivers', '--bogus', '-x', '--run=2', '--top=-3', '--input-format', 'kube-bench-json',
    ];
    let taken = 0;
    const command = fc.constantFrom(...words.slice(0, 6));
    const rest = fc.array(fc.constantFrom(...words), { maxLength: 8 });
    await fc.assert(
      fc.asyncProperty(command, rest, async (name, tail) => {
        const argv = [name, ...tail];
        const fast = viaFast(argv);
        if (fast === null) return;
        taken++;
        expect(fast).toEqual(await viaYargs(argv));
      }),
      { seed: SEED, numRuns: 600 },
    );
    // The property says something only if the fast path took a fair share of the lines.
    expect(taken).toBeGreaterThan(30);
  });
});
