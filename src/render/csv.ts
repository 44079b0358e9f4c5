// PLACEHOLDER — replaced by the csv renderer.
import type { Renderer } from './types.js';

export const render: Renderer = () => {
  throw new Error('the csv renderer is not implemented yet');
};
