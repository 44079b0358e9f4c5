// PLACEHOLDER — replaced by the reader's implementation.
import type { Reader } from './reader.js';
import { InputError } from '../model/errors.js';

export const markdownEmbedded: Reader = {
  format: 'markdown-embedded',
  tool: null,
  description: 'markdown-embedded',
  detect: () => 0,
  start: (ctx) => ({ line: () => {}, end: () => { throw new InputError('reader not implemented yet', { file: ctx.file }); } }),
};
