/**
 * Files that are not scanner outputs: the CLI exits 2, prints one line naming what the
 * file looks like and what was expected, and never a stack trace.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { CORPUS, corpusDescribe } from '../helpers/paths.js';

function expectCleanRefusal(r: { code: number; stdout: string; stderr: string }, looksLike: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(looksLike);
  expect(r.stderr).toMatch(/expected the text log or JSON of docker-bench-security|holds no check results|empty/);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
}

corpusDescribe('negative corpus files', () => {
  const rows = readFileSync(join(CORPUS, 'EXPECTED.tsv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split('\t'))
    .filter((cols) => (cols[12] ?? '').startsWith('negative'));

  it('has negative rows to check', () => {
    expect(rows.length).toBeGreaterThan(0);
  });

  it.each(rows.map((r) => [r[0]!]))('%s is refused with exit 2 and a description', (file) => {
    const r = runCli(['parse', join(CORPUS, file)]);
    expectCleanRefusal(r, /not a supported scanner output: this is/);
  });
});

describe('inputs that are not scanner outputs', () => {
  const cases: [string, string | Buffer, RegExp][] = [
    ['empty', '', /empty/],
    ['blank lines only', '\n\n  \n', /empty \(or only blank lines\)/],
    ['a PNG image', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), /PNG image/],
    ['gzip', Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 3]), /gzip/],
    ['an HTML page', '<!DOCTYPE html><html><body>hi</body></html>\n', /HTML page/],
    ['JUnit XML', '<testsuites>\n<testsuite name="x"></testsuite></testsuites>\n', /JUnit XML/],
    ['unrelated JSON', '{"name": "x", "version": "1"}\n', /JSON that is not a scanner output \(an object with keys name, version\)/],
    ['a shell error', 'bash: docker-bench-security.sh: command not found\n', /first line is|error message/],
  ];
  it.each(cases)('%s', (_name, input, looksLike) => {
    expectCleanRefusal(runCli(['parse', '-'], { input }), looksLike);
  });

  it('names the line of the first meaningful text', () => {
    const r = runCli(['parse', '-'], { input: '\n\nrandom words here\n' });
    expect(r.stderr).toMatch(/^stridebench: -:3: /);
  });

  it('refuses an input above --max-size', () => {
    const r = runCli(['parse', '-', '--max-size', '10'], { input: '[INFO] 1 - Host Configuration\n'.repeat(3) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/larger than the limit of 10 bytes \(raise it with --max-size\)/);
  });

  it('refuses a directory and a missing file', () => {
    expect(runCli(['parse', '/']).stderr).toMatch(/is a directory/);
    expect(runCli(['parse', '/no/such/file.log']).stderr).toMatch(/no such file/);
  });
});

describe('error messages on a terminal', () => {
  it('replace C0 and C1 control characters in a file name', () => {
    const r = runCli(['parse', '/no/such/\u009d\u001b[2Jfile.log']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('/no/such/??[2Jfile.log');
    expect(r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });
});
