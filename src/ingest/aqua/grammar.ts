/**
 * The line grammar aquasecurity/docker-bench and kube-bench share (bench-common's
 * `PrettyPrint` and kube-bench's copy of it): status lines, the assessment suffix, the
 * docker banner, `== Remediations ==` and `== Summary ==` blocks and their count lines,
 * reasons printed in place of a remediation, and pasted command lines; and the small
 * helpers the text and the JSON readers both use on what they read.
 *
 * docs/formats/aqua-docker-bench.md and docs/formats/kube-bench.md describe every layout
 * and quirk handled here.
 */
import type { Result, ToolTotals } from '../../model/types.js';

export type AquaTool = 'aqua-docker-bench' | 'kube-bench';
export type AquaStatus = 'PASS' | 'FAIL' | 'WARN' | 'INFO';

export interface StatusLine {
  status: AquaStatus;
  /** Text up to the first space; empty for the legacy banner `[INFO]   CIS Docker…`. */
  id: string;
  /** The rest of the line, trimmed (assessment suffix still on). */
  text: string;
}

const AQUA_STATUSES = new Set<string>(['PASS', 'FAIL', 'WARN', 'INFO']);

/** `[STATUS] <id> <text>`, with ANSI codes already removed; null for any other line. */
export function parseStatusLine(line: string): StatusLine | null {
  let s = line;
  // Write-ups sometimes indent quoted output with spaces (never with tabs: a tab starts an audit line).
  if (s.charCodeAt(0) === 32) s = s.replace(/^ +/, '');
  if (s.length < 6 || s.charCodeAt(0) !== 91 /* [ */ || s.charCodeAt(5) !== 93 /* ] */) return null;
  const status = s.slice(1, 5);
  if (!AQUA_STATUSES.has(status)) return null;
  const rest = s.slice(6);
  if (rest.length === 0) return { status: status as AquaStatus, id: '', text: '' };
  if (rest.charCodeAt(0) !== 32) return null;
  const body = rest.slice(1);
  if (body.charCodeAt(0) === 32) return { status: status as AquaStatus, id: '', text: body.trim() };
  const space = body.indexOf(' ');
  if (space < 0) return { status: status as AquaStatus, id: body.trimEnd(), text: '' };
  return { status: status as AquaStatus, id: body.slice(0, space), text: body.slice(space + 1).trim() };
}

// Bounded, separator-delimited repetitions: linear on any input.
const CHECK_ID = /^(?:\d{1,4}(?:\.[0-9A-Za-z]{1,10}){0,8}|[A-Z]{1,8}-\d{1,10}(?:\.\d{1,4}){0,4})$/;

/** Check ids as the tools print them: `2.13.a`, `1.1.1`, `V-242386`. */
export function looksLikeCheckId(token: string): boolean {
  return token.length > 0 && token.length <= 40 && CHECK_ID.test(token);
}

const ASSESSMENT_WORDS: ReadonlyMap<string, string> = new Map([
  ['scored', 'Scored'],
  ['not scored', 'Not Scored'],
  ['automated', 'Automated'],
  ['manual', 'Manual'],
]);

/**
 * Split the CIS assessment suffix off a title. Copes with the printed defects: no space
 * before the bracket (`…are set(Automated)`) and a doubled closing bracket (`(Manual))`,
 * cis-1.3.1 at v0.5.0).
 */
export function splitAssessment(text: string): { title: string; assessment: string | null } {
  const t = text.trimEnd();
  let end = t.length;
  let closers = 0;
  while (end > 0 && t.charCodeAt(end - 1) === 41 /* ) */ && closers < 3) {
    end--;
    closers++;
  }
  if (closers === 0) return { title: t, assessment: null };
  const open = t.lastIndexOf('(', end);
  if (open < 0 || end - open > 16) return { title: t, assessment: null };
  const word = ASSESSMENT_WORDS.get(t.slice(open + 1, end).trim().toLowerCase());
  if (word === undefined) return { title: t, assessment: null };
  return { title: t.slice(0, open).trimEnd(), assessment: word };
}

const BANNER_ID = /^(?:\d{1,2}\.\d{1,2}(?:\.\d{1,2})?|ocp-\d{1,2}\.\d{1,2})$/;

/** docker-bench's first line: `[INFO] 18.09 CIS Docker Community Edition Benchmark` (or the legacy empty id). */
export function isDockerBanner(line: StatusLine): boolean {
  if (line.status !== 'INFO') return false;
  if (line.id !== '' && !BANNER_ID.test(line.id)) return false;
  return line.text.includes('CIS') && line.text.includes('Benchmark') && line.text.includes('Docker');
}

const BLOCK_HEADER = /^== (Remediations|Summary)(?: ([A-Za-z0-9_-]{1,40}))? ==\s*$/;

/** `== Remediations[ <node type>] ==` / `== Summary[ <node type>|total] ==`. */
export function parseBlockHeader(line: string): { kind: 'remediations' | 'summary'; label: string | null } | null {
  if (!line.startsWith('== ')) return null;
  const m = BLOCK_HEADER.exec(line);
  if (!m) return null;
  return { kind: m[1] === 'Remediations' ? 'remediations' : 'summary', label: m[2] ?? null };
}

const COUNT_LINE = /^(\d{1,9}) checks (PASS|FAIL|WARN|INFO)\s*$/;

/** `<n> checks PASS|FAIL|WARN|INFO`. */
export function parseCountLine(line: string): { status: AquaStatus; count: number } | null {
  const m = COUNT_LINE.exec(line);
  return m ? { status: m[2] as AquaStatus, count: Number(m[1]) } : null;
}

/** Fixed texts the tools print in place of a remediation (bench-common and kube-bench `reason` values). */
const KNOWN_REASONS = [
  'Test marked as skip',
  'Test marked as a manual test',
  'There are no test items',
  'There are no tests',
  'No tests defined',
  'Failed to find a valid sub check, check your constraints',
  'Test output contains a nil value',
];

const SHELL_PREFIX = /^(?:\/(?:usr\/)?bin\/)?(?:sh|bash|dash|ash|zsh|busybox): (?:line )?\d{1,6}: /;
const COMMAND_PREFIX = /^[a-z/][A-Za-z0-9_./+-]{0,63}: /;
const COMMAND_ERRORS = [
  'No such file or directory',
  'not found',
  'Permission denied',
  'illegal option',
  'invalid option',
  'unrecognized option',
  'cannot ',
  'Operation not permitted',
  'Is a directory',
  'missing operand',
  'No such process',
];

/**
 * Whether a remediation-block entry is a reason rather than a remediation: a fixed reason,
 * kube-bench's `audit test did not run: …`, or the raw error output of an audit command
 * (docker-bench prints it instead of the remediation when the audit exited non-zero).
 */
export function isReasonText(text: string, auditOutput: readonly string[]): boolean {
  const first = (text.split('\n', 1)[0] ?? '').trim();
  if (KNOWN_REASONS.some((r) => first === r)) return true;
  if (first.startsWith('audit test did not run:')) return true;
  if (auditOutput.length > 0 && text.trim() === auditOutput.join('\n').trim()) return true;
  if (first.length > 2000) return false;
  if (SHELL_PREFIX.test(first)) return true;
  if (/^Command \S{1,64}: not found/.test(first)) return true;
  if (/^usage: /i.test(first)) return true;
  if (first.startsWith('Error response from daemon') || first.startsWith('Cannot connect to the Docker daemon')) return true;
  if (/^exit status \d{1,4}$/.test(first)) return true;
  if (COMMAND_PREFIX.test(first) && COMMAND_ERRORS.some((e) => first.includes(e))) return true;
  return false;
}

/** Put a remediation-block entry where it belongs on its result. */
export function attachRemediationEntry(result: Result, text: string): void {
  if (text.length === 0) return;
  if (isReasonText(text, result.auditOutput)) {
    if (result.reason === null) result.reason = text;
  } else if (result.remediation === null) {
    result.remediation = text;
  }
}

const GREP_STATUS = /\|\s{0,8}grep\s{1,8}(?:-[A-Za-z0-9]{1,8}\s{1,8}){0,4}["']?(PASS|FAIL|WARN|INFO)\b/;
// Any other grep over the output (`| grep 1.2.12`, `| grep -i kubelet`): a filtered excerpt too.
const GREP_OTHER = /\|\s{0,8}grep\s{1,8}(?:-[A-Za-z0-9]{1,8}\s{1,8}){0,4}["']?([^\s"'|]{1,60})/;
// `--benchmark eks-1.0`, `--benchmark=eks-1.0`, and a job manifest's `["--benchmark", "eks-1.0"]`.
const BENCHMARK_FLAG = /--benchmark(?:[= ]{1,4}|["'],\s{0,4}["'])([A-Za-z0-9._-]{1,64})/;
const CHECK_FLAG = /(?:^|\s)(?:--check|-c)[= ]{1,4}[0-9]/;

/** What a pasted command line (shell prompt, `kubectl logs` header) tells us about the output after it. */
export interface CommandLineFacts {
  line: number;
  text: string;
  /** `command`: a pasted command line; `log`: kube-bench's own `-v` log (klog) naming the benchmark it ran. */
  origin?: 'command' | 'log';
  /** `grep FAIL` and friends: only lines with that status survive (or with that text: `grep 1.2.12`). */
  grepStatus: string | null;
  /** `--benchmark X`. */
  benchmark: string | null;
  /** `--check …` / `-c …`: a selection of checks. */
  selectsChecks: boolean;
}

// klog's prefix (`I0715 04:29:42.035103     885 common.go:299] `) on kube-bench's `-v N` lines.
const KLOG_PREFIX = /^[IWEF]\d{4} \d{2}:\d{2}:\d{2}\.\d{1,9} {1,12}\d{1,10} [\w.-]{1,64}:\d{1,6}\] /;
// What kube-bench logs about the cfg folder it uses (every version since v0.2 prints one of these at -v 1+).
const KLOG_BENCHMARK = [
  /\bto Benchmark version: "([A-Za-z0-9._-]{1,64})"/,
  /\bRunning checks for benchmark ([A-Za-z0-9._-]{1,64})\s*$/,
  /\bLooking for config specific CIS version "([A-Za-z0-9._-]{1,64})"/,
  /\bUsing (?:test|config|benchmark) file: (?:\S{0,200}\/)?cfg\/([A-Za-z0-9._-]{1,64})\//,
];

/**
 * kube-bench's own log line (`--logtostderr -v 3`) naming the benchmark folder it ran, else
 * null. Stronger than a pasted command line: it is what the tool actually loaded.
 */
export function parseLoggedBenchmark(line: string, lineNo: number): CommandLineFacts | null {
  if (line.length > 2000 || !KLOG_PREFIX.test(line)) return null;
  for (const re of KLOG_BENCHMARK) {
    const m = re.exec(line);
    if (m) return { line: lineNo, text: line.trim(), origin: 'log', grepStatus: null, benchmark: m[1]!, selectsChecks: false };
  }
  return null;
}

/** A shell command line naming one of the tools (or a grep over their output), else null. */
export function parseCommandLine(line: string, lineNo: number): CommandLineFacts | null {
  if (line.length > 2000) return null;
  if (!line.includes('docker-bench') && !line.includes('kube-bench')) return null;
  const grep = GREP_STATUS.exec(line) ?? GREP_OTHER.exec(line);
  const bench = BENCHMARK_FLAG.exec(line);
  return {
    line: lineNo,
    text: line.trim(),
    origin: 'command',
    grepStatus: grep ? grep[1]! : null,
    benchmark: bench ? bench[1]! : null,
    selectsChecks: CHECK_FLAG.test(line),
  };
}

// ---------------------------------------------------------------------------------------
// Shared by the text and the JSON readers

/** Audit output ends at its last non-blank line. */
export function trimTrailingEmpty(lines: string[]): void {
  while (lines.length > 0 && lines[lines.length - 1]!.trim().length === 0) lines.pop();
}

/** Totals added up key by key (a key only when some part has it). */
export function sumTotals(parts: readonly ToolTotals[]): ToolTotals {
  const out: ToolTotals = {};
  for (const p of parts) {
    for (const key of ['pass', 'fail', 'warn', 'info'] as const) {
      const v = p[key];
      if (v !== undefined) out[key] = (out[key] ?? 0) + v;
    }
  }
  return out;
}

/** Input text quoted in a message: control characters as `?`, at most `max` characters. */
export function clip(s: string, max = 80): string {
  const printable = s.replace(/[\x00-\x1f\x7f-\x9f]/g, '?');
  return printable.length > max ? `${printable.slice(0, max - 3)}...` : printable;
}
