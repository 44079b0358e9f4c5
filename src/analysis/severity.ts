/**
 * Severity of a result, from the control's STRIDE category, its scope, whether the check
 * is scored, how many containers or images it affects, and rule adjustments. The formula
 * and a worked example are in docs/severity.md; keep both in step.
 */
import type { Control, Scope, StrideCategory } from '../knowledge/types.js';
import type { Severity, Verdict } from '../model/report.js';
import type { Result } from '../model/types.js';

/** How much each threat weighs: privilege escalation turns any other weakness into host root. */
export const STRIDE_WEIGHT: Readonly<Record<StrideCategory, number>> = {
  ElevationOfPrivilege: 4,
  Spoofing: 3,
  Tampering: 3,
  InformationDisclosure: 2.5,
  DenialOfService: 2,
  Repudiation: 1,
};

/** Reach of a failing control: daemon-wide settings affect every container. */
export const SCOPE_POINTS: Readonly<Record<Scope, number>> = {
  daemon: 2,
  host: 2,
  cluster: 2,
  swarm: 1.5,
  node: 1.5,
  image: 1,
  container: 1,
};

/** Points at or above which each severity starts, highest first. */
export const SEVERITY_THRESHOLDS: readonly (readonly [Severity, number])[] = [
  ['critical', 7.5],
  ['high', 5.5],
  ['medium', 4],
  ['low', 2],
];

/** Verdicts whose severity means something: what would need fixing. */
const GRADED: readonly Verdict[] = ['FINDING', 'WAIVED', 'UNVERIFIED'];

export interface SeverityInput {
  result: Result;
  control: Control | null;
  verdict: Verdict;
  /** Containers/images the result names (its items, scanner artefacts removed). */
  affected: number;
  /** Rule adjustments, in steps of one severity level. */
  shift: number;
}

/** Points of the formula in docs/severity.md, or null for results that are not graded. */
export function severityPoints(input: SeverityInput): number | null {
  const { result, control, verdict, affected, shift } = input;
  if (!GRADED.includes(verdict)) return null;
  let points: number;
  if (control === null) {
    // Unknown control: no threat model to go by, only the raw status.
    points = result.status === 'FAIL' ? 4 : 2.5;
  } else {
    const secondary = Math.min(control.stride.secondary.length * 0.5, 1);
    points = STRIDE_WEIGHT[control.stride.primary] + secondary + SCOPE_POINTS[control.scope];
    if (control.scope === 'container' || control.scope === 'image') points += breadthPoints(affected);
  }
  if (!isScored(result)) points -= 1;
  points += shift * 1.5;
  return points;
}

/** +0.5 per affected object beyond the first, at most +1.5: ten containers without a memory limit weigh more than one. */
export function breadthPoints(affected: number): number {
  return Math.min(Math.max(affected - 1, 0) * 0.5, 1.5);
}

/**
 * Is the check scored? The JSON flag when known; a FAIL (the aqua tools print FAIL only for
 * scored checks); else the CIS suffix (`Not Scored`/`Manual` = no).
 */
export function isScored(result: Result): boolean {
  if (result.scored !== null) return result.scored;
  if (result.status === 'FAIL' || result.assessment === null) return true;
  return !/not scored|manual/i.test(result.assessment);
}

export function severityOf(input: SeverityInput): Severity {
  const points = severityPoints(input);
  if (points === null) return 'info';
  for (const [severity, min] of SEVERITY_THRESHOLDS) if (points >= min) return severity;
  return 'info';
}

/** 0 = critical … 4 = info. */
export function severityRank(severity: Severity): number {
  return ['critical', 'high', 'medium', 'low', 'info'].indexOf(severity);
}

/** `--fail-on` threshold check: is `severity` at or above `threshold`? */
export function atOrAbove(severity: Severity, threshold: Severity): boolean {
  return severityRank(severity) <= severityRank(threshold);
}
