/**
 * The normalized model every reader produces and every later stage consumes.
 *
 * A reader turns one scanner output into `Run`s; nothing here knows about STRIDE,
 * verdicts or controls (that is the knowledge and analysis stages' business).
 * Everything is plain JSON-serialisable data so `stridebench parse` can print it as is.
 */

/** The scanners we read. */
export type ToolName = 'docker-bench-security' | 'aqua-docker-bench' | 'kube-bench';

/** A status exactly as the tool printed it (after upper-casing docker-bench's odd `info`). */
export type RawStatus = 'PASS' | 'FAIL' | 'WARN' | 'INFO' | 'NOTE';

export const RAW_STATUSES: readonly RawStatus[] = ['PASS', 'FAIL', 'WARN', 'INFO', 'NOTE'];

/** The concrete input layouts we can read (`--input-format` takes these names). */
export type InputFormat =
  | 'docker-bench-security-text'
  | 'docker-bench-security-json'
  | 'aqua-docker-bench-text'
  | 'aqua-docker-bench-json'
  | 'kube-bench-text'
  | 'kube-bench-json'
  | 'markdown-embedded';

export const INPUT_FORMATS: readonly InputFormat[] = [
  'docker-bench-security-text',
  'docker-bench-security-json',
  'aqua-docker-bench-text',
  'aqua-docker-bench-json',
  'kube-bench-text',
  'kube-bench-json',
  'markdown-embedded',
];

/** Where a piece of the model came from in the input. */
export interface SourceLocation {
  /** 1-based line number in the decoded input (for JSON: the line the value starts on). */
  line: number | null;
  /** JSON path such as `$.tests[4].results[2]`, for JSON inputs. */
  jsonPath?: string;
}

/** A message about the input that did not stop the read: a repair, a skipped line, a guess. */
export interface ParseWarning {
  /** 1-based line in the input, or null when the message is about the whole file. */
  line: number | null;
  /** Stable machine-readable code, e.g. `json-duplicate-key`, `run-without-results`. */
  code: string;
  message: string;
}

/**
 * One printed result. One per printed result: duplicates (per-container forks, grep
 * excerpts) are never merged here.
 */
export interface Result {
  /** The id as printed (`2.13.a`, `1.1.1`, `C.1`, `V-242386`). */
  id: string;
  /** True when the tool printed no id and the reader resolved it from the title. */
  idInferred: boolean;
  /** Status as the tool printed it (text tag or JSON `result`/`status`). */
  status: RawStatus;
  /** The title without the CIS assessment suffix and without run-time suffixes. */
  title: string;
  /** The CIS assessment suffix as printed, without brackets: `Scored`, `Not Scored`, `Automated`, `Manual`; null when none. */
  assessment: string | null;
  /** Run-time suffixes the tool appended, without brackets: `Deprecated`, `Swarm mode not enabled`, `Incompatible with swarm mode`. */
  runtimeSuffixes: string[];
  /** Top-level section id (`1`…`8`, `99`; kube-bench: the target's section id). */
  section: string | null;
  /** Sub-group id when printed (`1.1`, `4.2`), else null. */
  group: string | null;
  /** Free-text detail lines (docker-bench `     * …` lines, JSON `details`). */
  details: string[];
  /** Objects the result is about: containers, images, paths (docker-bench `items`, detail lines naming one object). */
  items: string[];
  /** Remediation text when the output carried it. */
  remediation: string | null;
  /** docker-bench-security's `Remediation Impact`, when printed. */
  remediationImpact: string | null;
  /** aqua tools: raw audit output lines (`--include-test-output`), the `actual_value` of JSON. */
  auditOutput: string[];
  /** aqua tools: `expected_result`, when known. */
  expected: string | null;
  /** aqua tools: the reason the check could not run or was skipped (`Test marked as skip`, audit errors). */
  reason: string | null;
  /** aqua tools: the `scored` flag from JSON; docker-bench: null (never printed). */
  scored: boolean | null;
  /** aqua tools: check type (`manual`, `skip`) when known. */
  checkType: string | null;
  source: SourceLocation;
}

/** A section or target header as printed (`[INFO] 1 - Host Configuration`, kube-bench `[INFO] 4 Worker Node …`). */
export interface Section {
  id: string;
  title: string;
  /** kube-bench node type of the section (`master`, `node`, `etcd`, `policies`, …). */
  nodeType?: string;
}

/** A tool's own totals, as printed, for cross-checking. */
export interface ToolTotals {
  /** docker-bench-security `Checks: N`. */
  checks?: number;
  /** docker-bench-security `Score: N`. */
  score?: number;
  pass?: number;
  fail?: number;
  warn?: number;
  info?: number;
}

/** One invocation of a scanner. */
export interface Run {
  /** 1-based position of the run in the file (set by the ingest driver). */
  index: number;
  tool: ToolName;
  /** The version the tool claims (banner, JSON header), verbatim; null when not printed. Often lies. */
  toolVersion: string | null;
  /**
   * The benchmark numbering the run actually uses, as one of the ids in `benchmarks.ts`
   * (`dbs-v1.6.1`, `aqua-cis-1.2`, `kube-cis-1.24`), detected from content; null when unknown.
   */
  benchmark: string | null;
  /** Why that numbering was chosen (human-readable). */
  benchmarkEvidence: string | null;
  /** True when the run is known to be incomplete (grep excerpt, trimmed write-up, truncated file, `-c` selection). */
  partial: boolean;
  /** Why the run is partial; empty when it is not. */
  partialReasons: string[];
  /** Start time as ISO 8601 when it could be parsed unambiguously, else null. */
  startedAt: string | null;
  /** Start time text exactly as printed (locale dates, offset-less timestamps). */
  startedAtRaw: string | null;
  endedAt: string | null;
  endedAtRaw: string | null;
  /** Host name when the output names it (rare). */
  host: string | null;
  sections: Section[];
  results: Result[];
  totals: ToolTotals | null;
  /** First and last input line of the run (1-based), when the input is line-oriented. */
  lines: { first: number; last: number } | null;
}

/** How the bytes were decoded. */
export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be';

export interface InputInfo {
  /** File name as given on the command line (`-` for stdin). */
  name: string;
  size: number;
  sha256: string;
  format: InputFormat;
  encoding: TextEncoding;
  /** How many runs the file holds (all of them, even when only some are kept in `runs`). */
  runCount: number;
  /** Which runs were kept: `all`, or the 1-based indexes kept. */
  selection: 'all' | number[];
  /** True when the embedding (Markdown write-up) was unwrapped to reach the scanner output. */
  embedded?: boolean;
}

/** What `stridebench parse` prints and every later stage reads. */
export interface ParsedInput {
  schemaVersion: string;
  input: InputInfo;
  runs: Run[];
  warnings: ParseWarning[];
}

/** Version of the model layout above; bump on any incompatible change. */
export const MODEL_SCHEMA_VERSION = '1.0';

/** A result with every optional field at its empty value; readers spread their fields over it. */
export function emptyResult(id: string, status: RawStatus, title: string, source: SourceLocation): Result {
  return {
    id,
    idInferred: false,
    status,
    title,
    assessment: null,
    runtimeSuffixes: [],
    section: null,
    group: null,
    details: [],
    items: [],
    remediation: null,
    remediationImpact: null,
    auditOutput: [],
    expected: null,
    reason: null,
    scored: null,
    checkType: null,
    source,
  };
}

/** A run with every optional field at its empty value. */
export function emptyRun(tool: ToolName): Run {
  return {
    index: 0,
    tool,
    toolVersion: null,
    benchmark: null,
    benchmarkEvidence: null,
    partial: false,
    partialReasons: [],
    startedAt: null,
    startedAtRaw: null,
    endedAt: null,
    endedAtRaw: null,
    host: null,
    sections: [],
    results: [],
    totals: null,
    lines: null,
  };
}
