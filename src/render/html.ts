// PLACEHOLDER — replaced by the html renderer.
import type { Renderer } from './types.js';

export const render: Renderer = () => {
  throw new Error('the html renderer is not implemented yet');
};
