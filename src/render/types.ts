/**
 * The one interface every output format implements: a pure function from the analysed
 * report to text (no I/O, no globals, no clock). The CLI alone writes files and sets exit
 * codes.
 */
import type { AnalysedReport } from '../model/report.js';

export interface RenderOptions {
  /** How many findings the "harden first" section lists. */
  top: number;
  /** A user's Handlebars template source replacing the built-in one (md/html). */
  template?: string;
  /** User partials by name, overriding built-in ones. */
  partials?: Record<string, string>;
  /** Free-form, format-specific options (e.g. SARIF location). */
  [key: string]: unknown;
}

export type Renderer = (report: AnalysedReport, options: RenderOptions) => string;
