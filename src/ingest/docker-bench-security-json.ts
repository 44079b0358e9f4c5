// PLACEHOLDER — replaced by the reader's implementation.
import type { Reader } from './reader.js';
import { InputError } from '../model/errors.js';

export const dockerBenchSecurityJson: Reader = {
  format: 'docker-bench-security-json',
  tool: 'docker-bench-security',
  description: 'docker-bench-security-json',
  detect: () => 0,
  start: (ctx) => ({ line: () => {}, end: () => { throw new InputError('reader not implemented yet', { file: ctx.file }); } }),
};
