/**
 * Output writing for the CLI: stdout, or a file written atomically (temp file in the same
 * folder, then rename) so an existing report is never left half-written.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, realpathSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError, UsageError } from '../model/errors.js';

/**
 * Text made safe to show in a terminal: C0 controls other than tab and line feed (a CR
 * only as part of CRLF), DEL and C1 become U+FFFD, so an escape sequence from a scanned
 * host (ESC [ 2 J, OSC 52 clipboard writes, U+009B CSI) is shown, never run. One pass,
 * one character class: linear.
 */
// eslint-disable-next-line no-control-regex
const TERMINAL_CONTROLS = /\r(?!\n)|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
export function terminalText(text: string): string {
  return text.replace(TERMINAL_CONTROLS, '\uFFFD');
}

/**
 * Write `content` to `path` atomically, or to stdout when `path` is undefined or `-`. On a
 * terminal the content is passed through terminalText; into a pipe or a file it is written
 * exactly (a CSV or JSON consumer gets the data as the renderer made it).
 */
export function writeOutput(path: string | undefined, content: string, inputs: readonly string[] = []): void {
  if (path === undefined || path === '-') {
    process.stdout.write(process.stdout.isTTY ? terminalText(content) : content);
    return;
  }
  const target = resolve(path);
  for (const input of inputs) {
    if (input !== '-' && sameFile(input, target)) {
      throw new UsageError(`refusing to overwrite the input file ${input} with the output`);
    }
  }
  // A SIGKILL leaves the temp file behind; in a container every run may have the same pid,
  // so a random part keeps the next run from colliding with it (`wx` refuses existing files).
  const tmp = join(dirname(target), `.${basename(target)}.stridebench-tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
  let fd: number;
  try {
    fd = openSync(tmp, 'wx', 0o644);
  } catch (err) {
    throw new InputError(`cannot write the output: ${errnoText(err)}`, { file: path });
  }
  const cleanup = () => {
    try {
      unlinkSync(tmp);
    } catch {
      /* already gone */
    }
  };
  // A kill between open and rename must not leave the temp file behind.
  const onSignal = () => {
    cleanup();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, target);
  } catch (err) {
    cleanup();
    throw new InputError(`cannot write the output: ${errnoText(err)}`, { file: path });
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

function sameFile(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return resolve(a) === b;
  }
}

function errnoText(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'ENOENT':
      return 'the folder does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EROFS':
      return 'read-only file system';
    default:
      return e?.message ?? String(err);
  }
}
