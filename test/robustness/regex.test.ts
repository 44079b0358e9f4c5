/**
 * Every regular expression literal in src/ against 1 MB adversarial lines. Hostile inputs
 * reach most of them (titles, details, audit output, whole 64 KiB heads), so none may
 * backtrack catastrophically or quadratically. Each regex runs in a worker thread under a
 * watchdog: a hang is reported with the regex and the input, and the worker is replaced so
 * the rest are still checked.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Worker } from 'node:worker_threads';
import ts from 'typescript';
import { ROOT } from '../helpers/paths.js';
import { HANG_BUDGET_MS } from './harness.js';

interface FoundRegex {
  where: string;
  source: string;
  flags: string;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Regex literals found by the TypeScript parser (a grep would trip over `/` in strings and comments). */
function regexLiterals(): { found: FoundRegex[]; dynamic: string[] } {
  const found: FoundRegex[] = [];
  const dynamic: string[] = [];
  for (const file of tsFiles(join(ROOT, 'src'))) {
    const text = readFileSync(file, 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
    const where = (node: ts.Node) => `${relative(ROOT, file)}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`;
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const literal = node.getText(sf);
        const end = literal.lastIndexOf('/');
        found.push({ where: where(node), source: literal.slice(1, end), flags: literal.slice(end + 1) });
      } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
        dynamic.push(`${where(node)}: ${node.getText(sf).slice(0, 80)}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return { found, dynamic };
}

const N = 1_000_000;

/**
 * An adversarial line as a recipe (`prefix + unit × times + suffix`): the worker builds it,
 * so a thousand 1 MB strings are never copied between threads.
 */
interface Line {
  label: string;
  prefix: string;
  unit: string;
  times: number;
  suffix: string;
}
const line = (label: string, unit: string, times: number, suffix = '', prefix = ''): Line => ({ label, prefix, unit, times, suffix });

/** The shapes named in issue #8 and the classic pumps, whatever the regex. */
const GENERIC: readonly Line[] = [
  line('a×1M', 'a', N),
  line('space×1M + x', ' ', N, 'x'),
  line('[INFO] + "1."×500k', '1.', N / 2, '', '[INFO] '),
  line('tab×1M + x', '\t', N, 'x'),
  line('CR×1M + x + CR', '\r', N, 'x\r'),
  line('digits×1M + x', '1', N, 'x'),
  line('"a "×500k + NUL', 'a ', N / 2, '\0'),
  line('"- "×500k', '- ', N / 2),
  line('backslash×1M', '\\', N),
  line('ESC[×500k', '\x1b[', N / 2),
  line('newline×1M + x', '\n', N, 'x'),
  line('"# "×500k', '# ', N / 2),
];

/**
 * Characters a regex source mentions (literals, class members, escapes), for pumping that
 * regex specifically. Letters and digits behave alike in almost every pattern, so a few of
 * each are enough; punctuation and whitespace are where patterns differ.
 */
function mentionedChars(source: string): string[] {
  const chars = new Set<string>();
  const escapes: Record<string, string[]> = { s: [' ', '\t'], S: ['a'], d: ['1'], D: ['a'], w: ['a', '_'], W: [' ', '-'], r: ['\r'], n: ['\n'], t: ['\t'], b: [], B: [] };
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const e = source[i + 1] ?? '';
      i++;
      if (e === 'x') {
        chars.add(String.fromCharCode(parseInt(source.slice(i + 1, i + 3), 16)));
        i += 2;
      } else if (e === 'u') {
        chars.add(String.fromCharCode(parseInt(source.slice(i + 1, i + 5), 16)));
        i += 4;
      } else if (e in escapes) escapes[e]!.forEach((x) => chars.add(x));
      else chars.add(e);
    } else if (!'^$|?*+(){}[]'.includes(c) || c === '.') chars.add(c === '.' ? 'a' : c);
  }
  const all = [...chars].filter((c) => c.length === 1);
  const letters = all.filter((c) => /[A-Za-z]/.test(c)).slice(0, 3);
  const digits = all.filter((c) => /[0-9]/.test(c)).slice(0, 1);
  const others = all.filter((c) => !/[A-Za-z0-9]/.test(c)).slice(0, 10);
  return [...others, ...letters, ...digits];
}

function pumpsFor(source: string): Line[] {
  const chars = mentionedChars(source);
  const out: Line[] = [];
  for (const c of chars) {
    out.push(line(`${JSON.stringify(c)}×1M + NUL`, c, N, '\0'));
    out.push(line(`${JSON.stringify(c)}×1M + NUL + itself`, c, N, `\0${c}`));
  }
  for (let i = 0; i + 1 < chars.length && i < 6; i++) {
    const pair = chars[i]! + chars[i + 1]!;
    out.push(line(`${JSON.stringify(pair)}×500k + NUL`, pair, N / 2, '\0'));
  }
  return out;
}

/** Runs in the worker: plain JS, applies each regex to each input the ways the sources do. */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { regexes, start } = workerData;
for (let i = start; i < regexes.length; i++) {
  const { source, flags, inputs } = regexes[i];
  for (let j = 0; j < inputs.length; j++) {
    parentPort.postMessage({ kind: 'start', i, j });
    const re = new RegExp(source, flags);
    const l = inputs[j];
    const text = l.prefix + l.unit.repeat(l.times) + l.suffix;
    if (re.global || re.sticky) text.replace(re, '');
    else re.exec(text);
  }
}
parentPort.postMessage({ kind: 'done' });
`;

interface Hang {
  where: string;
  regex: string;
  input: string;
}

function runAll(regexes: (FoundRegex & { inputs: Line[] })[], budgetMs = HANG_BUDGET_MS): Promise<Hang[]> {
  const hangs: Hang[] = [];
  return new Promise((resolve, reject) => {
    const launch = (start: number) => {
      if (start >= regexes.length) {
        resolve(hangs);
        return;
      }
      const worker = new Worker(WORKER, { eval: true, workerData: { regexes, start } });
      let current = { i: start, j: 0 };
      let timer: NodeJS.Timeout;
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          const r = regexes[current.i]!;
          hangs.push({ where: r.where, regex: `/${r.source}/${r.flags}`, input: r.inputs[current.j]!.label });
          void worker.terminate();
          launch(current.i + 1);
        }, budgetMs);
      };
      arm();
      worker.on('message', (m: { kind: string; i: number; j: number }) => {
        if (m.kind === 'done') {
          clearTimeout(timer);
          void worker.terminate();
          resolve(hangs);
          return;
        }
        current = { i: m.i, j: m.j };
        arm();
      });
      worker.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    };
    launch(0);
  });
}

describe('regular expressions in src/ on 1 MB adversarial lines', () => {
  const { found, dynamic } = regexLiterals();

  it('finds the regex literals (and no RegExp built at run time that this test cannot see)', () => {
    expect(found.length).toBeGreaterThan(50);
    // A RegExp built from a string escapes this check; if one is needed, add its pattern here.
    expect(dynamic).toEqual([]);
  });

  it('the watchdog catches a quadratic regex (so a pass below means something)', async () => {
    const quadratic = { where: 'self-check', source: '\\s+$', flags: '', inputs: [line('space×1M + x', ' ', N, 'x')] };
    const linear = { where: 'self-check', source: '\\s{1,8}$', flags: '', inputs: [line('space×1M + x', ' ', N, 'x')] };
    expect(await runAll([quadratic, linear], 1000)).toEqual([{ where: 'self-check', regex: '/\\s+$/', input: 'space×1M + x' }]);
  });

  it('none backtracks catastrophically or quadratically', async () => {
    // Identical literals in several places are checked once.
    const unique = new Map<string, FoundRegex & { inputs: Line[] }>();
    for (const r of found) {
      const key = `/${r.source}/${r.flags}`;
      if (!unique.has(key)) unique.set(key, { ...r, inputs: [...GENERIC, ...pumpsFor(r.source)] });
    }
    const hangs = await runAll([...unique.values()]);
    expect(hangs).toEqual([]);
  }, 600_000);
});
