/**
 * The ingest limits and the run selection: what the command line needs to describe its
 * options, kept apart from the driver so that declaring `--max-size` does not load every
 * reader (commands that never read scanner output start faster).
 */

export type RunSelection =
  | { kind: 'all' }
  /** 1-based from the start when positive, from the end when negative (-1 = last). */
  | { kind: 'index'; index: number };

export const DEFAULT_MAX_SIZE = 512 * 1024 * 1024;
/**
 * Results one run may hold. No scanner prints near this many (a docker-bench fork that prints
 * one result per container and check: ~62,000 for 2,000 containers); more means a generated
 * or hostile file. Checked as
 * each run ends; while a run is being read, MAX_RUN_BYTES bounds it.
 */
export const MAX_RESULTS_PER_RUN = 200_000;
/** Results of all the runs kept together: what analysis and rendering hold (--run keeps one). */
export const MAX_RESULTS_PER_FILE = 1_000_000;
/**
 * Input bytes one run may span. A reader holds the run it is reading (a JSON reader the
 * whole document) until the run ends, at 30–40 times its size in memory, so a 150 MB
 * single-run file exhausted the heap. Real runs are a few MiB at most (docker-bench with
 * 2,000 containers: ~0.7 MiB of text); past this much input without a complete run the
 * input is refused before memory runs out. Appended logs are unaffected: each run ends.
 */
export const MAX_RUN_BYTES = 16 * 1024 * 1024;
