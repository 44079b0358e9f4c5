/**
 * The ingest driver: bytes in, `ParsedInput` out. Streams the input (hashing as it goes),
 * picks a reader by content, feeds it lines and keeps only the runs the caller asked for,
 * so memory does not grow with the number of appended runs.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { TextDecoder } from 'node:util';
import { InputError, UsageError } from '../model/errors.js';
import { DEFAULT_MAX_SIZE, MAX_RESULTS_PER_FILE, MAX_RESULTS_PER_RUN, MAX_RUN_BYTES, type RunSelection } from './limits.js';
import {
  INPUT_FORMATS,
  MODEL_SCHEMA_VERSION,
  type InputFormat,
  type ParseWarning,
  type ParsedInput,
  type Run,
  type TextEncoding,
} from '../model/types.js';
import { decoderFor, LineSplitter, sniffEncoding } from './decode.js';
import { describeUnknown, detectReader, EXPECTED_INPUTS } from './detect.js';
import type { LineParser, Reader } from './reader.js';
import { readerFor } from './registry.js';

/** Which runs of a multi-run file to keep. */
export { DEFAULT_MAX_SIZE, MAX_RESULTS_PER_FILE, MAX_RESULTS_PER_RUN, MAX_RUN_BYTES, type RunSelection } from './limits.js';

/** Bytes used for format detection. */
const HEAD_SIZE = 64 * 1024;
/** Upper bound on warnings kept, so a hostile file cannot grow memory through them. */
const MAX_WARNINGS = 1000;

export interface IngestOptions {
  /** Name for messages and provenance; `-` for stdin. */
  name: string;
  /** Force a reader instead of detecting one. */
  inputFormat?: InputFormat;
  selection?: RunSelection;
  /** Refuse inputs larger than this many bytes. */
  maxSize?: number;
  /** Result and run-size limits (library and tests; the CLI uses the defaults above). */
  maxResultsPerRun?: number;
  maxResultsPerFile?: number;
  maxRunBytes?: number;
}

/** Parse the scanner output in a file (or `-` for stdin). */
export async function ingestFile(path: string, options: Partial<IngestOptions> = {}): Promise<ParsedInput> {
  const name = options.name ?? path;
  const maxSize = options.maxSize ?? DEFAULT_MAX_SIZE;
  if (path === '-') return ingestStream(process.stdin, { ...options, name, maxSize });
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new InputError('is a directory, not a file', { file: name });
    size = st.size;
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(fsMessage(err), { file: name });
  }
  if (size > maxSize) {
    throw new InputError(`is ${formatBytes(size)}, larger than the limit of ${formatBytes(maxSize)} (raise it with --max-size)`, { file: name });
  }
  return ingestStream(fileChunks(path, name), { ...options, name, maxSize });
}

const CHUNK_SIZE = 1024 * 1024;

/**
 * A file's bytes in 1 MiB chunks, read synchronously: a CLI has nothing else to do while it
 * reads, and the first asynchronous read costs a cold start ~5 ms (libuv's thread pool).
 * Each chunk is a fresh buffer, since the driver may hold on to the first ones for detection.
 */
function* fileChunks(path: string, name: string): Generator<Uint8Array> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    throw new InputError(fsMessage(err), { file: name });
  }
  try {
    for (;;) {
      const chunk = Buffer.allocUnsafe(CHUNK_SIZE);
      let n: number;
      try {
        n = readSync(fd, chunk, 0, CHUNK_SIZE, null);
      } catch (err) {
        throw new InputError(fsMessage(err), { file: name });
      }
      if (n === 0) return;
      yield n === CHUNK_SIZE ? chunk : chunk.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

/** Parse scanner output given as a string or bytes (tests, library use). */
export async function ingestText(text: string | Uint8Array, options: Partial<IngestOptions> = {}): Promise<ParsedInput> {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  return ingestStream([bytes], { name: options.name ?? '<input>', ...options });
}

/** Parse scanner output from any byte stream. */
export async function ingestStream(
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array>,
  options: IngestOptions,
): Promise<ParsedInput> {
  const file = options.name;
  const maxSize = options.maxSize ?? DEFAULT_MAX_SIZE;
  const selection = options.selection ?? { kind: 'all' };
  if (selection.kind === 'index' && (!Number.isInteger(selection.index) || selection.index === 0)) {
    throw new UsageError('--run takes a non-zero whole number (1 = first run, -1 = last run)');
  }
  const hash = createHash('sha256');
  const warnings: ParseWarning[] = [];
  let droppedWarnings = 0;
  const warn = (line: number | null, code: string, message: string) => {
    if (warnings.length < MAX_WARNINGS) warnings.push({ line, code, message });
    else droppedWarnings++;
  };

  const collector = new RunCollector(selection, warn, file, {
    perRun: options.maxResultsPerRun ?? MAX_RESULTS_PER_RUN,
    perFile: options.maxResultsPerFile ?? MAX_RESULTS_PER_FILE,
  });
  const maxRunBytes = options.maxRunBytes ?? MAX_RUN_BYTES;
  let size = 0;
  /** Input size when the last run ended (approximate: up to one chunk ahead). */
  let lastRunEnd = 0;
  let encoding: TextEncoding | null = null;
  let decoder: TextDecoder | null = null;
  let reader: Reader | null = null;
  let parser: LineParser | null = null;
  let splitter: LineSplitter | null = null;
  // Bytes and text held back until we have enough for detection.
  const headBytes: Uint8Array[] = [];
  let headLength = 0;

  const startReading = (final: boolean) => {
    const all = concat(headBytes, headLength);
    encoding = sniffEncoding(all, file);
    decoder = decoderFor(encoding);
    const headText = decoder.decode(all, { stream: !final });
    reader = options.inputFormat ? readerFor(options.inputFormat) ?? null : null;
    if (options.inputFormat && !reader) {
      throw new UsageError(`unknown input format "${options.inputFormat}"; known formats: ${INPUT_FORMATS.join(', ')}`);
    }
    if (!reader) {
      const detection = detectReader(headText);
      if (!detection) {
        const { what, line } = describeUnknown(headText);
        throw new InputError(`not a supported scanner output: ${what}; ${EXPECTED_INPUTS}`, { file, line });
      }
      reader = detection.reader;
    }
    parser = reader.start({
      file,
      emitRun: (run) => {
        lastRunEnd = size;
        collector.add(run);
      },
      warn,
    });
    const p = parser;
    splitter = new LineSplitter((line, no) => p.line(line, no));
    splitter.push(headText);
  };

  for await (const chunk of source as AsyncIterable<Uint8Array | string>) {
    const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
    size += bytes.length;
    if (size > maxSize) {
      throw new InputError(`is larger than the limit of ${formatBytes(maxSize)} (raise it with --max-size)`, { file });
    }
    // (The first 64 KiB are held for detection before any run can end: not counted.)
    if (splitter !== null && size - lastRunEnd > maxRunBytes) {
      throw new InputError(
        `holds more than ${formatBytes(maxRunBytes)} of input without a complete run; no scanner writes a run (or JSON document) that large, so it is refused before it exhausts memory`,
        { file },
      );
    }
    hash.update(bytes);
    if (!splitter) {
      headBytes.push(bytes);
      headLength += bytes.length;
      if (headLength >= HEAD_SIZE) startReading(false);
    } else {
      (splitter as LineSplitter).push((decoder as unknown as TextDecoder).decode(bytes, { stream: true }));
    }
  }
  if (size === 0) throw new InputError(`the file is empty; ${EXPECTED_INPUTS}`, { file });
  if (!splitter) startReading(true);
  else (splitter as LineSplitter).push((decoder as unknown as TextDecoder).decode());
  (splitter as unknown as LineSplitter).end();
  (parser as unknown as LineParser).end();

  const chosen = reader as unknown as Reader;
  const runs = collector.finish(file, chosen);
  if (droppedWarnings > 0) {
    warnings.push({ line: null, code: 'warnings-truncated', message: `${droppedWarnings} more warnings were not kept` });
  }
  return {
    schemaVersion: MODEL_SCHEMA_VERSION,
    input: {
      name: file,
      size,
      sha256: hash.digest('hex'),
      format: chosen.format,
      encoding: encoding as unknown as TextEncoding,
      runCount: collector.count,
      selection: selection.kind === 'all' ? 'all' : runs.map((r) => r.index),
    },
    runs,
    warnings,
  };
}

/**
 * Keeps the runs the selection asks for while they stream past: all of them, the N-th, or
 * a ring of the last |N|. Runs without a single result (a log cut off right after its
 * `Initializing` line) are not runs: they are dropped with a warning. A run, or the runs
 * kept together, holding more results than the limits is refused (InputError).
 */
class RunCollector {
  count = 0;
  private readonly kept: Run[] = [];
  private keptResults = 0;

  constructor(
    private readonly selection: RunSelection,
    private readonly warn: (line: number | null, code: string, message: string) => void,
    private readonly file: string,
    private readonly limits: { perRun: number; perFile: number },
  ) {}

  add(run: Run): void {
    if (run.results.length === 0) {
      this.warn(run.lines?.first ?? null, 'run-without-results', 'a run starts here but holds no check results (cut off?); it is ignored');
      return;
    }
    const line = run.lines?.first ?? null;
    if (run.results.length > this.limits.perRun) {
      throw new InputError(
        `a run holds ${run.results.length} results, more than the limit of ${this.limits.perRun} per run (no scanner prints that many); refusing it`,
        { file: this.file, line },
      );
    }
    this.count++;
    run.index = this.count;
    const sel = this.selection;
    if (sel.kind === 'all') this.keep(run);
    else if (sel.index > 0) {
      if (this.count === sel.index) this.keep(run);
    } else {
      this.keep(run);
      if (this.kept.length > -sel.index) this.keptResults -= this.kept.shift()!.results.length;
    }
    if (this.keptResults > this.limits.perFile) {
      throw new InputError(
        `the runs read hold more than ${this.limits.perFile} results together, the limit per file; keep fewer with --run (e.g. --run -1 for the last run)`,
        { file: this.file, line },
      );
    }
  }

  private keep(run: Run): void {
    this.kept.push(run);
    this.keptResults += run.results.length;
  }

  finish(file: string, reader: Reader): Run[] {
    if (this.count === 0) {
      throw new InputError(`looks like ${reader.description}, but it holds no check results`, { file });
    }
    const sel = this.selection;
    if (sel.kind === 'all') return this.kept;
    if (sel.index > 0) {
      if (this.kept.length === 0) throw new UsageError(`${file} holds ${this.count} run(s); --run ${sel.index} is out of range`);
      return this.kept;
    }
    if (this.kept.length < -sel.index) throw new UsageError(`${file} holds ${this.count} run(s); --run ${sel.index} is out of range`);
    return [this.kept[0]!];
  }
}

function concat(parts: Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}

function fsMessage(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory, not a file';
  return (err as Error)?.message ?? String(err);
}
