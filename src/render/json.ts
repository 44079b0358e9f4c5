// PLACEHOLDER — replaced by the json renderer.
import type { Renderer } from './types.js';

export const render: Renderer = () => {
  throw new Error('the json renderer is not implemented yet');
};
