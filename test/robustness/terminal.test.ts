/**
 * What stridebench prints for people — the `controls` table, `explain`, error messages that
 * quote the input, warnings naming the input file, and any report sent to a terminal —
 * carries no terminal control character: an escape sequence from a scanned host or a shared
 * mapping file is shown (as U+FFFD or `?`), never run. Through the built CLI.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { CLI, FIXTURES, SAMPLES } from '../helpers/paths.js';

/** Clear screen, an OSC 52 clipboard write ended by BEL, a C1 CSI, C1 OSC … ST, DEL. */
const ESCAPES = '\u001b[2J\u001b[H \u001b]52;c;ZWNobyBwd25lZA==\u0007 \u009b31m \u009d0;title\u009c del\u007f';

/** C0 other than tab/LF/CR, DEL and C1 — what a terminal acts on. */
const TERMINAL_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

function expectInert(text: string, what: string): void {
  const m = TERMINAL_CONTROL.exec(text);
  if (m) throw new Error(`${what}: raw U+${m[0].charCodeAt(0).toString(16).padStart(4, '0')} in ${JSON.stringify(text.slice(Math.max(0, m.index - 40), m.index + 40))}`);
}

function csvCell(s: string): string {
  return `"${s.replaceAll('"', '""')}"`;
}

describe('terminal output', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'stridebench-terminal-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('controls and explain show titles from a --mapping file without running their escapes', () => {
    const mapping = join(dir, 'mapping.csv');
    writeFileSync(mapping, `key,title,rationale\ndocker.daemon.live-restore,${csvCell(`Live restore ${ESCAPES}`)},${csvCell(`Because ${ESCAPES}`)}\n`);
    const table = runCli(['controls', '--mapping', mapping]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/docker\.daemon\.live-restore .*Live restore .*\[2J/);
    expectInert(table.stdout, 'controls table');
    const explained = runCli(['explain', 'docker.daemon.live-restore', '--mapping', mapping]);
    expect(explained.code).toBe(0);
    expect(explained.stdout).toMatch(/Live restore .*\[2J/);
    expectInert(explained.stdout, 'explain');
  });

  it.each([
    ['the first line of an unknown file', `hello ${ESCAPES}\n`],
    ['an unknown JSON document', `{"x${ESCAPES}": 1}\n`],
    ['broken docker-bench JSON', `{"dockerbenchsecurity": "1.6.0", "tests": [{"id": "1", "desc": "x", "results": [{"id": "1.1", "desc": "${ESCAPES.replace(/[\u0000-\u001f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}", "result": "WARN"}, ${ESCAPES}`],
  ])('an error quoting %s is one inert line, exit 2', (_what, content) => {
    const file = join(dir, 'input.log');
    writeFileSync(file, content);
    const r = runCli(['parse', file]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expectInert(r.stderr, 'error message');
  });

  it('a warning naming an input file whose name holds an escape sequence', () => {
    // File names come from artifact names in CI; C0 and BEL are what a file name can hold here.
    const file = join(dir, 'host\u001b[2J\u001b]52;c;aGk=\u0007.log');
    copyFileSync(join(FIXTURES, 'robustness', 'nothing-assessed.log'), file);
    const r = runCli(['report', file, '--date', '2024-05-01']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/assessed nothing/);
    expectInert(r.stderr, 'report warning');
    const missing = runCli(['parse', join(dir, 'gone\u001b[2J.log')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no such file/);
    expectInert(missing.stderr, 'missing-file error');
  });

  it('parse prints JSON whose DEL and C1 controls are escapes, even into a pipe', () => {
    const r = runCli(['parse', '-'], { input: `[WARN] 1.1 - Ensure ${ESCAPES} (Automated)\n` });
    expect(r.code).toBe(0);
    expectInert(r.stdout, 'parse JSON');
    expect((JSON.parse(r.stdout) as { runs: { results: { title: string }[] }[] }).runs[0]!.results[0]!.title).toContain('\u009b31m');
  });

  const ttyDescribe = existsSync('/usr/bin/script') ? describe : describe.skip;
  if (!existsSync('/usr/bin/script')) console.warn('SKIPPED the pseudo-terminal tests: /usr/bin/script (util-linux) is not installed');

  ttyDescribe('a report printed to a terminal (through a pseudo-terminal)', () => {
    let input: string;
    beforeAll(() => {
      // The bundled JSON sample with the escapes in a title, a detail and an item.
      const doc = JSON.parse(readFileSync(join(SAMPLES, 'docker-bench-security-1.6.0.log.json'), 'utf8')) as { tests: { results: Record<string, unknown>[] }[] };
      const first = doc.tests[0]!.results[0]!;
      first.desc = `Ensure ${ESCAPES} (Automated)`;
      first.details = `Running as root: ${ESCAPES}`;
      first.items = [ESCAPES];
      input = join(dir, 'escapes.json');
      writeFileSync(input, JSON.stringify(doc));
    });

    it.each(['csv', 'json', 'md', 'html', 'sarif', 'junit'])('report -f %s', (format) => {
      const command = [process.execPath, CLI, 'report', input, '-f', format, '--date', '2024-05-01'].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
      const r = spawnSync('/usr/bin/script', ['-qec', command, '/dev/null'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      expect(r.status).toBe(0);
      // The pty's own CRLF translation aside, what reached the terminal is inert text.
      expectInert(r.stdout.replaceAll('\r', ''), `report -f ${format} on a terminal`);
      expect(r.stdout).toContain('[2J');
    });

    it('the same report into a pipe keeps the data exact (CSV round-trips any string)', () => {
      const r = runCli(['report', input, '-f', 'csv', '--date', '2024-05-01']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('\u001b[2J');
    });
  });
});

