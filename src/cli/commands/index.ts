/** Commands other than `parse`, one module each (a module exports command, describe, builder, handler). */
import * as explain from './explain.js';
import * as controls from './controls.js';
import * as report from './report.js';
import * as diff from './diff.js';
import * as history from './history.js';

export const EXTRA_COMMANDS: readonly object[] = [
  explain,
  controls,
  report,
  diff,
  history,
];
