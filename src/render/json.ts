/**
 * The JSON renderer: the analysed report exactly as `src/model/report.ts` describes it,
 * 2-space indented with a trailing newline. Pure; key order is the order the analysis
 * builds objects in, so the same report always prints the same bytes.
 */
import { escapeJsonControls } from './text.js';
import type { Renderer } from './types.js';

export const render: Renderer = (report) => `${escapeJsonControls(JSON.stringify(report, null, 2))}\n`;
