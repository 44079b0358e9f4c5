// PLACEHOLDER — replaced by the markdown renderer.
import type { Renderer } from './types.js';

export const render: Renderer = () => {
  throw new Error('the markdown renderer is not implemented yet');
};
