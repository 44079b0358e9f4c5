// PLACEHOLDER — replaced by the reader's implementation.
import type { Reader } from './reader.js';
import { InputError } from '../model/errors.js';

export const aquaDockerBenchJson: Reader = {
  format: 'aqua-docker-bench-json',
  tool: 'aqua-docker-bench',
  description: 'aqua-docker-bench-json',
  detect: () => 0,
  start: (ctx) => ({ line: () => {}, end: () => { throw new InputError('reader not implemented yet', { file: ctx.file }); } }),
};
