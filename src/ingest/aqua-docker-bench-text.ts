// PLACEHOLDER — replaced by the reader's implementation.
import type { Reader } from './reader.js';
import { InputError } from '../model/errors.js';

export const aquaDockerBenchText: Reader = {
  format: 'aqua-docker-bench-text',
  tool: 'aqua-docker-bench',
  description: 'aqua-docker-bench-text',
  detect: () => 0,
  start: (ctx) => ({ line: () => {}, end: () => { throw new InputError('reader not implemented yet', { file: ctx.file }); } }),
};
