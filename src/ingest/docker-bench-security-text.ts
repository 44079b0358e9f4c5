// PLACEHOLDER — replaced by the reader's implementation.
import type { Reader } from './reader.js';
import { InputError } from '../model/errors.js';

export const dockerBenchSecurityText: Reader = {
  format: 'docker-bench-security-text',
  tool: 'docker-bench-security',
  description: 'docker-bench-security-text',
  detect: () => 0,
  start: (ctx) => ({ line: () => {}, end: () => { throw new InputError('reader not implemented yet', { file: ctx.file }); } }),
};
