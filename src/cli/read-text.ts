/** Read a small option file (waivers, facts, templates, mapping) or fail with a one-line InputError. */
import { readFileSync } from 'node:fs';
import { InputError } from '../model/errors.js';

export function readOptionFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory, not a file' : (err as Error).message;
    throw new InputError(why, { file: path });
  }
}
