/**
 * The one interface every input reader implements (one module per format, listed in
 * `registry.ts`). Readers are line-driven so that a 100 MB log appended run after run is
 * streamed, never held whole; a reader that needs the whole document (JSON) collects the
 * lines itself and parses in `end()`.
 */
import type { InputFormat, Run, ToolName } from '../model/types.js';

export interface ReaderContext {
  /** Input name for messages (`-` for stdin). */
  readonly file: string;
  /** Hand over a finished run, in file order. The driver numbers runs and may drop them (run selection). */
  emitRun(run: Run): void;
  /** Record a non-fatal problem (repair, skipped line, guess) with its 1-based line. */
  warn(line: number | null, code: string, message: string): void;
}

export interface LineParser {
  /** One input line: terminator removed (`\n`, `\r\n`), ANSI codes NOT removed, 1-based number. */
  line(text: string, lineNo: number): void;
  /** End of input: flush the last run. May throw InputError when the input cannot be read at all. */
  end(): void;
  /**
   * Optional: a wrapper (Markdown) tells the inner reader that a quoted block closed at this
   * line, so a block the scanner prints open-ended (kube-bench's remediations) ends there
   * instead of taking in the prose and the next quote.
   */
  boundary?(lineNo: number): void;
}

export interface Reader {
  readonly format: InputFormat;
  /** The tool whose output this is; null for wrappers (Markdown) that delegate to another reader. */
  readonly tool: ToolName | null;
  /** What this format is, for messages: "a docker-bench-security text log". */
  readonly description: string;
  /**
   * How sure the reader is that `head` (the first 64 KiB, decoded, ANSI codes kept) is its
   * format: 0 = certainly not, 1 = certainly. Must be cheap and must not throw.
   */
  detect(head: string): number;
  start(ctx: ReaderContext): LineParser;
}
