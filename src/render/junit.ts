// PLACEHOLDER — replaced by the junit renderer.
import type { Renderer } from './types.js';

export const render: Renderer = () => {
  throw new Error('the junit renderer is not implemented yet');
};
