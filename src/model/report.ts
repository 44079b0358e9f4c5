/**
 * The analysed report: the parsed model plus, per result, its control, STRIDE threats,
 * verdict, severity and caveats. Produced by `src/analysis`, rendered by `src/render`
 * (every format renders this same object; `--template` users see it too, see
 * docs/templates.md). Renderers never go back to the input or the knowledge files: all
 * they need travels here.
 */
import type { Control, StrideCategory } from '../knowledge/types.js';
import type { InputInfo, ParseWarning, Result, Run } from './types.js';

export type Verdict =
  | 'SATISFIED'
  | 'FINDING'
  | 'NOT_APPLICABLE'
  | 'NOT_ASSESSED'
  | 'UNVERIFIED'
  | 'MANUAL_REVIEW'
  | 'WAIVED';

export const VERDICTS: readonly Verdict[] = [
  'FINDING',
  'UNVERIFIED',
  'MANUAL_REVIEW',
  'NOT_ASSESSED',
  'NOT_APPLICABLE',
  'WAIVED',
  'SATISFIED',
];

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** Why a verdict differs from the raw status, or what the reader must know about it. */
export interface CaveatNote {
  /** Rule id, e.g. `ab-pair`, `content-trust-env`. */
  rule: string;
  message: string;
}

export interface AppliedWaiver {
  /** Control key or printed id the waiver names. */
  target: string;
  item: string | null;
  reason: string;
  owner: string | null;
  /** ISO date (YYYY-MM-DD) or null for no expiry. */
  expires: string | null;
  /** 1-based line of the waiver in its CSV. */
  line: number;
}

export interface AnalysedResult extends Result {
  /** Stable control key, or null when the id matches no known control. */
  control: string | null;
  stride: StrideCategory[];
  verdict: Verdict;
  severity: Severity;
  caveats: CaveatNote[];
  waiver: AppliedWaiver | null;
  /** Position in the run's hardening priority list (1 = fix first); null when not a FINDING. */
  priority: number | null;
}

export interface RunSummary {
  verdicts: Record<Verdict, number>;
  /** FINDINGs per STRIDE category (a finding counts once under each of its categories). */
  stride: Record<StrideCategory, number>;
  severities: Record<Severity, number>;
  /** 0–100: share of assessed, scorable controls that are satisfied. */
  score: number | null;
  /** What was not assessed and why (partial run, section 5 without containers, …). */
  notAssessed: string[];
}

export interface AnalysedRun extends Omit<Run, 'results'> {
  results: AnalysedResult[];
  summary: RunSummary;
  /** Indexes into `results` of FINDINGs in hardening priority order. */
  priorities: number[];
  /** Caveats about the run as a whole (e.g. "no running containers"). */
  caveats: CaveatNote[];
}

export interface WaiverReport {
  applied: AppliedWaiver[];
  expired: AppliedWaiver[];
  unused: AppliedWaiver[];
}

export interface AnalysedReport {
  schemaVersion: string;
  generator: { name: 'stridebench'; version: string; knowledgeVersion: string };
  /** ISO 8601 generation time (fixed by --date / SOURCE_DATE_EPOCH for reproducible output). */
  generatedAt: string;
  input: InputInfo;
  runs: AnalysedRun[];
  /** Every control any result refers to, by key: what renderers need to explain and fix it. */
  controls: Record<string, Control>;
  waivers: WaiverReport;
  warnings: ParseWarning[];
}

export const REPORT_SCHEMA_VERSION = '1.0';
