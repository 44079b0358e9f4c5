/**
 * docs/cli.md is the command reference, made of each command's own --help text, so it
 * cannot drift from the code. Regenerate with: UPDATE_DOCS=1 npm test -- test/cli/cli-docs
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { ROOT } from '../helpers/paths.js';

const COMMANDS = ['report', 'diff', 'history', 'parse', 'explain', 'controls'];
const DOC = join(ROOT, 'docs', 'cli.md');

function help(args: string[]): string {
  const r = runCli([...args, '--help'], { env: { COLUMNS: '100' } });
  expect(r.code).toBe(0);
  return r.stdout.replace(/\s+$/, '');
}

function build(): string {
  const parts = [
    '# Command reference',
    '',
    'Generated from `stridebench … --help` (see test/cli/cli-docs.test.ts); every command also',
    "accepts `--help`. Exit codes: 0 success, 1 a `--fail-on` gate tripped, 2 bad input or usage.",
    '',
    '## stridebench',
    '',
    '```text',
    help([]),
    '```',
  ];
  for (const c of COMMANDS) parts.push('', `## stridebench ${c}`, '', '```text', help([c]), '```');
  return `${parts.join('\n')}\n`;
}

describe('docs/cli.md', () => {
  it('holds the current --help of every command', () => {
    const expected = build();
    if (process.env.UPDATE_DOCS) writeFileSync(DOC, expected);
    expect(readFileSync(DOC, 'utf8')).toBe(expected);
  });

  it('every command has a complete --help (description and options)', () => {
    for (const c of COMMANDS) {
      const text = help([c]);
      expect(text).toMatch(new RegExp(`stridebench ${c}`));
      expect(text).toMatch(/Options:/);
      expect(text).toMatch(/--help/);
    }
  });
});
