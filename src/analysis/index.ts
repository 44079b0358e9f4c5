/**
 * The analysis stage: parsed runs in, the analysed report out. Per result: its control
 * (knowledge base), STRIDE threats, a verdict (raw status, corrected by the caveat rules
 * in ./caveats), waivers, severity and hardening priority; per run: a summary, the
 * priority list and run-level caveats. Pure: no I/O and no clock — `generatedAt` is given.
 */
import type { Control, KnowledgeBase, Resolution } from '../knowledge/types.js';
import {
  REPORT_SCHEMA_VERSION,
  type AnalysedReport,
  type AnalysedResult,
  type AnalysedRun,
  type AppliedWaiver,
  type CaveatNote,
} from '../model/report.js';
import type { ParseWarning, ParsedInput, Run } from '../model/types.js';
import { VERSION } from '../version.js';
import { CAVEAT_RULES, type CaveatRule } from './caveats/index.js';
import { isScannerName, containerOfItem } from './caveats/scanner-container.js';
import type { RunFacts } from './facts.js';
import { prioritise } from './priority.js';
import { areaOfResult, conceptFor, RunView, type DraftResult } from './run-view.js';
import { severityOf } from './severity.js';
import { summarise } from './summary.js';
import { verdictFromStatus } from './verdict.js';
import { isExpired, namesResult, type Waiver } from './waivers.js';

export { CAVEAT_RULES } from './caveats/index.js';
export type { CaveatRule } from './caveats/index.js';
export { parseFacts, type RunFacts } from './facts.js';
export { parseWaivers, type Waiver } from './waivers.js';
export { assessedNothing } from './summary.js';

export interface AnalyseOptions {
  /** ISO 8601 generation time: the only time the analysis knows (waiver expiry is judged against it). */
  generatedAt: string;
  waivers?: readonly Waiver[];
  facts?: RunFacts;
  /** The rules to run (tests); default: every rule. */
  rules?: readonly CaveatRule[];
}

/** Rule id of the caveats waivers add. */
export const WAIVER_RULE = 'waiver';
/** Parse-warning code of knowledge resolution warnings. */
export const RESOLUTION_WARNING = 'control-resolution';

export function analyse(parsed: ParsedInput, knowledge: KnowledgeBase, options: AnalyseOptions): AnalysedReport {
  const facts = options.facts ?? {};
  const rules = options.rules ?? CAVEAT_RULES;
  const waivers = options.waivers ?? [];
  const usedWaivers = new Set<Waiver>();
  const controls = new Map<string, Control>();
  const resolutionWarnings: ParseWarning[] = [];
  const idsByNumbering = new Map<string, readonly string[]>();

  const runs = parsed.runs.map((run) => {
    const drafts = draftResults(run, knowledge, resolutionWarnings);
    for (const d of drafts) if (d.control) controls.set(d.control.key, d.control);
    const numbering = `${run.tool}\u0000${run.benchmark ?? ''}`;
    if (!idsByNumbering.has(numbering)) idsByNumbering.set(numbering, knownIds(run, knowledge));
    const view = new RunView(run, drafts, facts, warningsOfRun(run, parsed), idsByNumbering.get(numbering)!);
    const runCaveats: CaveatNote[] = [];
    const notAssessed: string[] = [];
    for (const rule of rules) {
      if (!rule.appliesTo(view)) continue;
      for (const effect of rule.apply(view)) {
        if (effect.kind === 'run') {
          pushUnique(runCaveats, { rule: rule.id, message: effect.message });
          if (effect.notAssessed !== undefined && !notAssessed.includes(effect.notAssessed)) notAssessed.push(effect.notAssessed);
          continue;
        }
        const draft = drafts[effect.index];
        if (!draft) continue;
        pushUnique(draft.caveats, { rule: rule.id, message: effect.message });
        if (effect.verdict !== undefined) draft.verdict = effect.verdict;
        if (effect.severityShift !== undefined) draft.severityShift += effect.severityShift;
      }
    }
    const applied = applyWaivers(drafts, waivers, options.generatedAt, usedWaivers);
    return finishRun(run, drafts, applied, runCaveats, notAssessed);
  });

  const sortedControls: Record<string, Control> = {};
  for (const key of [...controls.keys()].sort()) sortedControls[key] = controls.get(key)!;
  const expired = waivers.filter((w) => isExpired(w, options.generatedAt));
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    generator: { name: 'stridebench', version: VERSION, knowledgeVersion: knowledge.version },
    generatedAt: options.generatedAt,
    input: parsed.input,
    runs,
    controls: sortedControls,
    waivers: {
      applied: waivers.filter((w) => usedWaivers.has(w)).map(copyWaiver),
      expired: expired.map(copyWaiver),
      unused: waivers.filter((w) => !usedWaivers.has(w) && !expired.includes(w)).map(copyWaiver),
    },
    warnings: [...parsed.warnings, ...dedupeWarnings(resolutionWarnings)],
  };
}

function draftResults(run: Run, knowledge: KnowledgeBase, warnings: ParseWarning[]): DraftResult[] {
  return run.results.map((result, index) => {
    const resolution: Resolution = knowledge.resolve(run.tool, run.benchmark, result.id, result.title);
    if (resolution.warning) warnings.push({ line: result.source.line, code: RESOLUTION_WARNING, message: resolution.warning });
    return {
      index,
      result,
      control: resolution.control,
      resolution,
      concept: conceptFor(result, resolution.control, run.tool),
      area: areaOfResult(result, run),
      verdict: verdictFromStatus(result.status),
      caveats: [],
      severityShift: 0,
    };
  });
}

/**
 * The parse warnings of a run: inside its lines, or on the few lines just before its first
 * one (docker-bench prints "Some tests might require root to run" right before
 * `Initializing`). All of them for inputs without line ranges.
 */
function warningsOfRun(run: Run, parsed: ParsedInput): ParseWarning[] {
  const lines = run.lines;
  if (lines === null) return parsed.warnings;
  return parsed.warnings.filter((w) => w.line !== null && w.line >= lines.first - RUN_PREAMBLE_LINES && w.line <= lines.last);
}

/** Lines before a run's first line that still belong to it (the root warning and a blank line). */
const RUN_PREAMBLE_LINES = 3;

function knownIds(run: Run, knowledge: KnowledgeBase): readonly string[] {
  return run.benchmark === null ? [] : knowledge.idsOf(run.tool, run.benchmark);
}

/**
 * Waivers turn FINDINGs into WAIVED. A waiver naming an item covers that container or
 * image only: the result is waived when every item it lists is covered; otherwise it stays
 * a FINDING and says which items are waived. Expired waivers never apply.
 */
function applyWaivers(drafts: DraftResult[], waivers: readonly Waiver[], generatedAt: string, used: Set<Waiver>): Map<number, AppliedWaiver> {
  const applied = new Map<number, AppliedWaiver>();
  for (const d of drafts) {
    if (d.verdict !== 'FINDING') continue;
    const target = { id: d.result.id, control: d.control?.key ?? null };
    const matching = waivers.filter((w) => namesResult(w, target));
    for (const w of matching.filter((x) => isExpired(x, generatedAt))) {
      pushUnique(d.caveats, { rule: WAIVER_RULE, message: `The waiver on line ${w.line} (${w.reason}) expired on ${w.expires}; it no longer applies.` });
    }
    const live = matching.filter((w) => !isExpired(w, generatedAt));
    if (live.length === 0) continue;
    const whole = live.find((w) => w.item === null);
    if (whole) {
      used.add(whole);
      d.verdict = 'WAIVED';
      applied.set(d.index, copyWaiver(whole));
      pushUnique(d.caveats, { rule: WAIVER_RULE, message: waivedText(whole) });
      continue;
    }
    const items = d.result.items;
    const byItem = live.filter((w) => w.item !== null && items.some((i) => i === w.item || containerOfItem(i) === w.item));
    if (byItem.length === 0) continue;
    byItem.forEach((w) => used.add(w));
    const covered = (i: string) => byItem.some((w) => i === w.item || containerOfItem(i) === w.item);
    const rest = items.filter((i) => !covered(i));
    if (rest.length === 0) {
      d.verdict = 'WAIVED';
      applied.set(d.index, copyWaiver(byItem[0]!));
      for (const w of byItem) pushUnique(d.caveats, { rule: WAIVER_RULE, message: waivedText(w) });
    } else {
      const names = byItem.map((w) => w.item).join(', ');
      pushUnique(d.caveats, { rule: WAIVER_RULE, message: `Waived for ${names} only (${byItem.map((w) => w.reason).join('; ')}); still a finding for ${rest.join(', ')}.` });
    }
  }
  return applied;
}

function waivedText(w: Waiver): string {
  const who = w.owner ? ` (owner: ${w.owner}` + (w.expires ? `, until ${w.expires})` : ')') : w.expires ? ` (until ${w.expires})` : '';
  return `Waived${w.item ? ` for ${w.item}` : ''}: ${w.reason}${who}.`;
}

function finishRun(run: Run, drafts: DraftResult[], waivers: Map<number, AppliedWaiver>, caveats: CaveatNote[], notAssessed: string[]): AnalysedRun {
  const affected = drafts.map(affectedCount);
  const results: AnalysedResult[] = drafts.map((d) => ({
    ...d.result,
    control: d.control?.key ?? null,
    stride: d.control ? [d.control.stride.primary, ...d.control.stride.secondary.filter((c) => c !== d.control!.stride.primary)] : [],
    verdict: d.verdict,
    severity: severityOf({ result: d.result, control: d.control, verdict: d.verdict, affected: affected[d.index]!, shift: d.severityShift }),
    caveats: d.caveats,
    waiver: waivers.get(d.index) ?? null,
    priority: null,
  }));
  const priorities = prioritise(results, (i) => affected[i]!);
  priorities.forEach((index, rank) => {
    results[index]!.priority = rank + 1;
  });
  const { results: _omit, ...rest } = run;
  return { ...rest, results, summary: summarise(results, notAssessed), priorities, caveats };
}

/**
 * How many containers or images a result names: its items (the scanner's own container
 * not counted), else — for aqua's per-container audit output — the distinct container ids.
 */
function affectedCount(d: DraftResult): number {
  const items = new Set(d.result.items.map(containerOfItem).filter((n) => !isScannerName(n)));
  if (items.size > 0) return items.size;
  const ids = new Set<string>();
  for (const line of d.result.auditOutput) {
    const m = /^\s*([0-9a-f]{12,64}):/.exec(line);
    if (m) ids.add(m[1]!);
  }
  return ids.size;
}

function pushUnique(list: CaveatNote[], note: CaveatNote): void {
  if (!list.some((n) => n.rule === note.rule && n.message === note.message)) list.push(note);
}

function copyWaiver(w: Waiver): AppliedWaiver {
  return { target: w.target, item: w.item, reason: w.reason, owner: w.owner, expires: w.expires, line: w.line };
}

/** Each resolution warning once (a per-container duplicate, or the same id across appended runs). */
function dedupeWarnings(warnings: readonly ParseWarning[]): ParseWarning[] {
  const seen = new Set<string>();
  const out: ParseWarning[] = [];
  for (const w of warnings) {
    const key = `${w.code}\u0000${w.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(w);
  }
  return out;
}
