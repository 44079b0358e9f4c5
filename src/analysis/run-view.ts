/**
 * What caveat rules see of one run: every result as a draft (its control, concept, area
 * and the verdict so far) plus facts derived once from the whole run — swarm state, how
 * many containers were running, how many images exist — and the optional run facts.
 */
import type { Control, Resolution } from '../knowledge/types.js';
import type { CaveatNote, Verdict } from '../model/report.js';
import type { ParseWarning, RawStatus, Result, Run, ToolName } from '../model/types.js';
import { conceptOf, type Concept } from './concepts.js';
import type { RunFacts } from './facts.js';

/** The part of a benchmark a check belongs to (sections are numbered differently by tool and release). */
export type Area =
  | 'host'
  | 'daemon'
  | 'files'
  | 'images'
  | 'runtime'
  | 'operations'
  | 'swarm'
  | 'enterprise'
  | 'community'
  | 'kubernetes'
  | 'other';

export interface DraftResult {
  /** Position in `run.results`. */
  readonly index: number;
  readonly result: Result;
  readonly control: Control | null;
  readonly resolution: Resolution;
  readonly concept: Concept | null;
  readonly area: Area;
  verdict: Verdict;
  caveats: CaveatNote[];
  /** Severity steps added by rules (negative lowers it), e.g. the default ingress network. */
  severityShift: number;
}

export type SwarmState = 'inactive' | 'active' | 'manager' | 'worker' | 'unknown';

const SECTION_TITLE_AREAS: readonly (readonly [RegExp, Area])[] = [
  [/configuration files/i, 'files'],
  [/container runtime/i, 'runtime'],
  [/swarm/i, 'swarm'],
  [/images/i, 'images'],
  [/host configuration/i, 'host'],
  [/daemon configuration/i, 'daemon'],
  [/security operations/i, 'operations'],
  [/enterprise/i, 'enterprise'],
  [/community/i, 'community'],
];

const SECTION_ID_AREAS: Readonly<Record<string, Area>> = {
  '1': 'host',
  '2': 'daemon',
  '3': 'files',
  '4': 'images',
  '5': 'runtime',
  '6': 'operations',
  '7': 'swarm',
  '8': 'enterprise',
  '99': 'community',
};

/** aqua docker-bench's skip reason when a group's constraint (swarm active) is not met. */
export const SKIP_REASON = /test marked as skip/i;

export class RunView {
  private swarmCache: SwarmState | undefined;
  private runningCache: number | null | undefined;
  private imagesCache: number | null | undefined;

  constructor(
    readonly run: Run,
    readonly drafts: readonly DraftResult[],
    readonly facts: RunFacts,
    /** Parse warnings that fall inside this run's lines. */
    readonly warnings: readonly ParseWarning[],
    /** Every id the knowledge base maps for this run's tool and numbering (empty when unknown). */
    readonly knownIds: readonly string[] = [],
  ) {}

  // Counts in details are bounded (\d{1,9}): a detail line may be 1 MB of hostile digits.

  get tool(): ToolName {
    return this.run.tool;
  }

  /** docker-bench-security or aquasecurity/docker-bench: the tools that check a Docker host. */
  get isDocker(): boolean {
    return this.run.tool !== 'kube-bench';
  }

  withConcept(concept: Concept): DraftResult[] {
    return this.drafts.filter((d) => d.concept === concept);
  }

  first(concept: Concept): DraftResult | undefined {
    return this.drafts.find((d) => d.concept === concept);
  }

  /** Raw status of the first result of that concept, or null when the run did not print it. */
  status(concept: Concept): RawStatus | null {
    return this.first(concept)?.result.status ?? null;
  }

  inArea(area: Area): DraftResult[] {
    return this.drafts.filter((d) => d.area === area);
  }

  /** A parse warning in this run whose code or message matches. */
  hasWarning(test: (w: ParseWarning) => boolean): boolean {
    return this.warnings.some(test);
  }

  /**
   * Swarm state of the scanned node: the facts when given; else docker-bench-security's
   * swarm-mode check (PASS = inactive, WARN = active) and its run-time suffixes; else aqua's
   * swarm group, which is skipped (INFO "Test marked as skip") exactly when swarm is inactive.
   */
  swarm(): SwarmState {
    if (this.swarmCache === undefined) this.swarmCache = this.deriveSwarm();
    return this.swarmCache;
  }

  private deriveSwarm(): SwarmState {
    if (this.facts.swarm !== undefined) return this.facts.swarm;
    if (!this.isDocker) return 'unknown';
    if (this.drafts.some((d) => d.result.runtimeSuffixes.some((s) => /incompatible with swarm/i.test(s)))) return 'active';
    if (this.drafts.some((d) => d.result.runtimeSuffixes.some((s) => /swarm mode not enabled/i.test(s)))) return 'inactive';
    const mode = this.first('swarm-mode');
    if (this.tool === 'docker-bench-security' && mode) {
      if (mode.result.status === 'PASS') return 'inactive';
      if (mode.result.status === 'WARN') return 'active';
    }
    if (this.tool === 'aqua-docker-bench') {
      const swarm = this.inArea('swarm');
      if (swarm.length > 0 && swarm.every((d) => d.result.status === 'INFO' && isSkipped(d.result))) return 'inactive';
      // aqua prints WARN for its manual swarm-mode check; only an evaluated FAIL/PASS says something.
      if (mode?.result.status === 'FAIL') return 'active';
      if (mode?.result.status === 'PASS') return 'inactive';
    }
    return 'unknown';
  }

  /**
   * How many containers were running when the scanner ran, or null when unknown. From the
   * facts, docker-bench's skip line (reader warning `no-running-containers`), 4.1's
   * "No containers running" detail, 6.2's count, or aqua's `docker inspect` erroring out
   * for lack of arguments (its container list was empty).
   */
  runningContainers(): number | null {
    if (this.runningCache === undefined) this.runningCache = this.deriveRunning();
    return this.runningCache;
  }

  private deriveRunning(): number | null {
    if (!this.isDocker) return null;
    if (this.hasWarning((w) => w.code === 'no-running-containers' || /no containers running/i.test(w.message))) return 0;
    const user = this.first('container-user');
    if (user && user.result.details.some((d) => /no containers running/i.test(d))) return 0;
    const sprawl = this.first('container-sprawl');
    if (sprawl) {
      for (const detail of sprawl.result.details) {
        const json = /(\d{1,9}) total\/(\d{1,9}) running/.exec(detail);
        if (json) return Number(json[2]);
        const text = /total of (\d{1,9}) containers?, with (\d{1,9}) of them/i.exec(detail);
        if (text) return Number(text[2]);
      }
    }
    if (this.tool === 'aqua-docker-bench') {
      const runtime = this.inArea('runtime');
      const emptyInspect = runtime.filter((d) => mentions(d.result, /requires at least 1 argument/i));
      if (emptyInspect.length > 0 && !runtime.some((d) => d.result.auditOutput.some((l) => /^[0-9a-f]{12,64}:/.test(l.trim())))) return 0;
      const ids = new Set<string>();
      for (const d of runtime) for (const l of d.result.auditOutput) {
        const m = /^([0-9a-f]{12,64}):/.exec(l.trim());
        if (m) ids.add(m[1]!);
      }
      if (ids.size > 0) return ids.size;
    }
    if (this.tool === 'docker-bench-security') {
      // Section 5 printed nothing but (in v1.6.1+) the swarm check: the skip line was there.
      const runtime = this.inArea('runtime').filter((d) => d.concept !== 'swarm-mode');
      const sectionPrinted = this.run.sections.some((s) => areaOfSection(s.id, s.title, this.tool) === 'runtime');
      if (sectionPrinted && runtime.length === 0 && !this.run.partial) return 0;
    }
    return null;
  }

  /** How many images exist on the host, or null when unknown (6.1's details). */
  imageCount(): number | null {
    if (this.imagesCache === undefined) this.imagesCache = this.deriveImages();
    return this.imagesCache;
  }

  private deriveImages(): number | null {
    const sprawl = this.first('image-sprawl');
    if (!sprawl) return null;
    for (const detail of sprawl.result.details) {
      const json = /(\d{1,9}) active\/(\d{1,9}) in use/.exec(detail);
      if (json) return Number(json[2]);
      const text = /there are currently:? (\d{1,9}) images?/i.exec(detail);
      if (text) return Number(text[1]);
    }
    return null;
  }
}

/** Did aqua skip this check (group constraint not met, or `type: skip`)? */
export function isSkipped(result: Result): boolean {
  return result.checkType === 'skip' || (result.reason !== null && SKIP_REASON.test(result.reason));
}

/** Does the result's reason, audit output or details mention this? */
export function mentions(result: Result, pattern: RegExp): boolean {
  if (result.reason !== null && pattern.test(result.reason)) return true;
  if (result.auditOutput.some((l) => pattern.test(l))) return true;
  return result.details.some((l) => pattern.test(l));
}

/** Area of a section by its printed title, else by its id (Docker benchmarks number sections alike). */
export function areaOfSection(id: string | null, title: string | null, tool: ToolName): Area {
  if (tool === 'kube-bench') return 'kubernetes';
  if (title) for (const [pattern, area] of SECTION_TITLE_AREAS) if (pattern.test(title)) return area;
  if (id !== null && SECTION_ID_AREAS[id] !== undefined) return SECTION_ID_AREAS[id]!;
  return 'other';
}

/** Area of one result: its section's title when the run printed one, else the id's first number. */
export function areaOfResult(result: Result, run: Run): Area {
  const sectionId = result.section ?? firstNumber(result.id);
  const section = run.sections.find((s) => s.id === sectionId);
  if (run.tool !== 'kube-bench' && /^C(\.|$)/.test(result.id)) return 'community';
  return areaOfSection(sectionId, section?.title ?? null, run.tool);
}

function firstNumber(id: string): string | null {
  const m = /^(\d+)/.exec(id);
  return m ? m[1]! : null;
}

/** The concept of a result, for Docker tools only (kube-bench titles share words with Docker ones). */
export function conceptFor(result: Result, control: Control | null, tool: ToolName): Concept | null {
  return tool === 'kube-bench' ? null : conceptOf(result.title, control);
}
