// PLACEHOLDER — replaced by the sarif renderer.
import type { Renderer } from './types.js';

export const render: Renderer = () => {
  throw new Error('the sarif renderer is not implemented yet');
};
