/**
 * The one interface every caveat rule implements (one rule per file in this folder, listed
 * in `index.ts`, each documented in docs/caveats.md). A rule looks at a whole run — most
 * caveats need several checks at once, e.g. an a/b pair or the swarm state — and returns
 * effects; it never mutates the run. The engine applies the effects in rule order, so a
 * later rule sees the verdicts earlier rules set.
 */
import type { Verdict } from '../../model/report.js';
import type { DraftResult, RunView } from '../run-view.js';

/** Something a rule says about one result: a note, and optionally a new verdict. */
export interface ResultEffect {
  kind: 'result';
  /** Index of the result in the run. */
  index: number;
  message: string;
  verdict?: Verdict;
  /** Severity steps to add (negative lowers it). */
  severityShift?: number;
}

/** Something a rule says about the run as a whole; `notAssessed` also lands in the summary's not-assessed list. */
export interface RunEffect {
  kind: 'run';
  message: string;
  notAssessed?: string;
}

export type RuleEffect = ResultEffect | RunEffect;

export interface CaveatRule {
  /** Stable id, printed in every caveat the rule adds (`ab-pair`, `content-trust-env`). */
  readonly id: string;
  /** One line: what misleads. */
  readonly title: string;
  /** The caveats.md entries it implements (`C-02`); empty for rules of our own. */
  readonly catalogue: readonly string[];
  /** Cheap test: can the rule say anything about this run at all? */
  appliesTo(run: RunView): boolean;
  apply(run: RunView): RuleEffect[];
}

/** Shorthands for rules. */
export function note(draft: DraftResult, message: string, verdict?: Verdict, severityShift?: number): ResultEffect {
  const effect: ResultEffect = { kind: 'result', index: draft.index, message };
  if (verdict !== undefined) effect.verdict = verdict;
  if (severityShift !== undefined) effect.severityShift = severityShift;
  return effect;
}

export function runNote(message: string, notAssessed?: string): RunEffect {
  return notAssessed === undefined ? { kind: 'run', message } : { kind: 'run', message, notAssessed };
}

/** `2.13.a` for messages: the printed id, or the title when the tool printed none. */
export function label(draft: DraftResult): string {
  return draft.result.id !== '' ? draft.result.id : `"${draft.result.title}"`;
}

/** A readable list of names, shortened after `max`. */
export function listOf(names: readonly string[], max = 5): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}
