import { ingestText } from '../../src/ingest/index.js';
import { InputError } from '../../src/model/errors.js';
import { LineSplitter, sniffEncoding, stripAnsi } from '../../src/ingest/decode.js';
import { runCli } from '../helpers/cli.js';

describe('line splitting', () => {
  it('splits LF, CRLF and keeps chunk boundaries invisible', () => {
    const lines: string[] = [];
    const s = new LineSplitter((l) => lines.push(l));
    s.push('a\r');
    s.push('\nb\nc');
    s.push('d\r\n\r\ne');
    s.end();
    expect(lines).toEqual(['a', 'b', 'cd', '', 'e']);
  });
});

describe('encoding sniffing', () => {
  it('recognises BOMs and BOM-less UTF-16', () => {
    expect(sniffEncoding(Uint8Array.from([0xef, 0xbb, 0xbf, 0x41]), 'f')).toBe('utf-8-bom');
    expect(sniffEncoding(Uint8Array.from([0xff, 0xfe, 0x41, 0]), 'f')).toBe('utf-16le');
    expect(sniffEncoding(Buffer.from('[INFO] 1 - Host Configuration\n', 'utf16le'), 'f')).toBe('utf-16le');
    expect(sniffEncoding(Buffer.from('plain text'), 'f')).toBe('utf-8');
  });
  it('names binary formats', () => {
    expect(() => sniffEncoding(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), 'x.png')).toThrow(/PNG image/);
  });
  it('strips colour codes', () => {
    expect(stripAnsi('\x1b[1;34m[INFO]\x1b[0m 1 - Host')).toBe('[INFO] 1 - Host');
  });
});

describe('driver errors', () => {
  it('refuses an empty input', async () => {
    await expect(ingestText('')).rejects.toThrow(/empty/);
  });
  it('says what an unknown text looks like, with its line', async () => {
    const err = await ingestText('\n\nhello world\n').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).line).toBe(3);
    expect((err as InputError).message).toMatch(/"hello world"/);
  });
});

describe('CLI', () => {
  it('exits 2 with a one-line message and no stack trace for a non-scanner file', () => {
    const r = runCli(['parse', '-'], { input: 'docker: Error response from daemon: something\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Docker error message/);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
    expect(r.stdout).toBe('');
  });
  it('prints --version from package.json', () => {
    const r = runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
