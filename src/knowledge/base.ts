/**
 * The knowledge base over validated data: lookups by key, by printed id, and the
 * resolver that ties a scanner result to its control (by id first, then by title).
 */
import { AQUA_NUMBERINGS, DBS_NUMBERINGS } from '../model/benchmarks.js';
import type { ToolName } from '../model/types.js';
import type { KnowledgeData } from './loader.js';
import { normalizeId, normalizeTitle } from './normalize.js';
import type { Control, IdMapping, KnowledgeBase, Resolution } from './types.js';

/** Least word overlap (Jaccard) for a title that is not identical to a known one to count as the same control. */
const FUZZY_TITLE_THRESHOLD = 0.75;

/**
 * Where a title-less id most likely comes from. docker-bench-security only omits titles in
 * its flat 2017–2018 JSON, written by untagged 1.3.4 builds with the CIS CE 1.1.0 ids.
 */
const LIKELY_NUMBERINGS: Readonly<Record<ToolName, readonly string[]>> = {
  'docker-bench-security': ['dbs-v1.3.3', ...DBS_NUMBERINGS.map((n) => n.id).reverse()],
  'aqua-docker-bench': AQUA_NUMBERINGS.map((n) => n.id),
  'kube-bench': [],
};

interface TitleEntry {
  normalized: string;
  words: Set<string>;
  /** Keys this title is printed for, with how many (numbering, id) rows say so. */
  keys: Map<string, number>;
}

/** The lookups by printed id: every resolve needs them. */
interface IdIndex {
  byId: Map<string, IdMapping[]>;
  byControl: Map<string, IdMapping[]>;
  /** Each tool's numberings, in the order the data first names them. */
  numberings: Map<ToolName, string[]>;
}

/**
 * Indexes are built on first use, each on its own: a report whose results all resolve by
 * id never pays for normalizing ~3,400 titles (~10 ms cold) nor for the locale-aware sort
 * of the controls (~5 ms, ICU start-up), and start-up is what issue #8 is about.
 */
export class Knowledge implements KnowledgeBase {
  readonly version: string;
  private readonly byKey: ReadonlyMap<string, Control>;
  private readonly allMappings: readonly IdMapping[];
  private sortedControls: readonly Control[] | null = null;
  private idIndex: IdIndex | null = null;
  private titleIndex: Map<ToolName, Map<string, TitleEntry>> | null = null;
  private readonly titleCache = new Map<string, { key: string; exact: boolean; ambiguous: string[] } | null>();

  constructor(data: KnowledgeData) {
    this.version = data.version;
    this.byKey = data.controls;
    this.allMappings = data.mappings;
  }

  private get ids(): IdIndex {
    if (this.idIndex) return this.idIndex;
    const index: IdIndex = { byId: new Map(), byControl: new Map(), numberings: new Map() };
    for (const m of this.allMappings) {
      push(index.byId, idKey(m.tool, m.benchmark, m.id), m);
      push(index.byControl, m.key, m);
      const numberings = index.numberings.get(m.tool) ?? [];
      if (!numberings.includes(m.benchmark)) numberings.push(m.benchmark);
      index.numberings.set(m.tool, numberings);
    }
    this.idIndex = index;
    return index;
  }

  private get titles(): Map<ToolName, Map<string, TitleEntry>> {
    if (this.titleIndex) return this.titleIndex;
    const titles = new Map<ToolName, Map<string, TitleEntry>>();
    for (const m of this.allMappings) {
      if (m.title === '') continue;
      const normalized = normalizeTitle(m.title);
      if (normalized === '') continue;
      const perTool = titles.get(m.tool) ?? new Map<string, TitleEntry>();
      titles.set(m.tool, perTool);
      const entry = perTool.get(normalized) ?? { normalized, words: new Set(normalized.split(' ')), keys: new Map() };
      entry.keys.set(m.key, (entry.keys.get(m.key) ?? 0) + 1);
      perTool.set(normalized, entry);
    }
    this.titleIndex = titles;
    return titles;
  }

  controls(): readonly Control[] {
    this.sortedControls ??= [...this.byKey.values()].sort((a, b) => a.key.localeCompare(b.key));
    return this.sortedControls;
  }

  control(key: string): Control | undefined {
    return this.byKey.get(key);
  }

  mappings(key: string): readonly IdMapping[] {
    return this.ids.byControl.get(key) ?? [];
  }

  idsOf(tool: ToolName, benchmark: string): readonly string[] {
    const ids = new Set<string>();
    for (const m of this.allMappings) if (m.tool === tool && m.benchmark === benchmark) ids.add(m.id);
    return [...ids];
  }

  /** Every numbering the data has ids for. */
  benchmarks(): string[] {
    return [...this.ids.numberings.values()].flat();
  }

  resolve(tool: ToolName, benchmark: string | null, id: string, title: string): Resolution {
    const printedId = normalizeId(id);
    if (benchmark !== null && printedId !== '') {
      const exact = this.lookupId(tool, benchmark, printedId);
      if (exact.length > 0) {
        // A group-level row ("4.2.*") only says which group the check is in; the title
        // usually names the precise control, which is worth more than the group.
        if (exact.every((r) => r.id.endsWith('.*'))) {
          const precise = this.refineWithinGroup(tool, exact, title);
          if (precise) return { control: precise, method: 'title', warning: null };
        }
        return this.pick(exact, title, `${printedId} in ${benchmark}`);
      }
    }
    const why =
      benchmark === null
        ? `the benchmark numbering of the run is unknown`
        : printedId === ''
          ? `the result has no id`
          : `id ${printedId} is not in numbering ${benchmark}`;
    if (title.trim() !== '') {
      const byTitle = this.matchTitle(tool, title);
      if (byTitle) {
        const control = this.byKey.get(byTitle.key)!;
        const how = byTitle.exact ? 'matched by its title' : 'matched by a similar title';
        const also = byTitle.ambiguous.length > 0 ? ` (the title is also used for ${byTitle.ambiguous.join(', ')})` : '';
        return { control, method: 'title', warning: `${why}; ${how} to ${control.key}${also}` };
      }
      return { control: null, method: 'none', warning: `${why}, and the title "${clip(title)}" matches no known ${tool} check` };
    }
    if (printedId !== '') {
      for (const likely of this.likelyNumberings(tool, benchmark)) {
        const found = this.lookupId(tool, likely, printedId);
        if (found.length > 0) {
          const control = this.byKey.get(found[0]!.key)!;
          return { control, method: 'id', warning: `${why} and the result has no title; assumed numbering ${likely}, where ${printedId} is ${control.key}` };
        }
      }
    }
    return { control: null, method: 'none', warning: `${why}, and ${printedId === '' ? 'no title either' : `${printedId} has no title and is in no known ${tool} numbering`}` };
  }

  find(query: string, benchmark?: string): Control[] {
    const q = query.trim();
    const byKey = this.byKey.get(q) ?? this.byKey.get(q.toLowerCase());
    if (byKey) return [byKey];
    const printedId = normalizeId(q);
    const keys = new Set<string>();
    for (const mappings of this.ids.byControl.values()) {
      for (const m of mappings) {
        if (m.id === printedId && (benchmark === undefined || m.benchmark === benchmark)) keys.add(m.key);
      }
    }
    if (keys.size === 0) {
      // "2.13" also names aqua's split sub-checks 2.13.a and 2.13.b.
      for (const mappings of this.ids.byControl.values()) {
        for (const m of mappings) {
          if (isSubCheckOf(m.id, printedId) && (benchmark === undefined || m.benchmark === benchmark)) keys.add(m.key);
        }
      }
    }
    if (keys.size === 0 && benchmark !== undefined) {
      // kube-bench group-level rows ("4.2.*") answer for every check of the group.
      for (const tool of this.ids.numberings.keys()) {
        for (const m of this.lookupId(tool, benchmark, printedId)) keys.add(m.key);
      }
    }
    return [...keys].sort().map((k) => this.byKey.get(k)!);
  }

  /** Exact rows for an id, else the group-level rows (`4.2.*`, then `4.*`) that cover it. */
  private lookupId(tool: ToolName, benchmark: string, printedId: string): IdMapping[] {
    const exact = this.ids.byId.get(idKey(tool, benchmark, printedId));
    if (exact) return exact;
    const parts = printedId.split('.');
    for (let n = parts.length - 1; n >= 1; n--) {
      const group = this.ids.byId.get(idKey(tool, benchmark, `${parts.slice(0, n).join('.')}.*`));
      if (group) return group;
    }
    return [];
  }

  /**
   * The precise control a title names within a group-level match. The same flag title can
   * belong to several components (`--anonymous-auth` on the API server and on the kubelet),
   * so among the controls printed with this exact title, the one of the group's component wins.
   */
  private refineWithinGroup(tool: ToolName, groupRows: IdMapping[], title: string): Control | null {
    const entry = this.titles.get(tool)?.get(normalizeTitle(title));
    if (!entry) return null;
    const groupComponents = new Set(groupRows.map((r) => this.byKey.get(r.key)?.component));
    const candidates = [...entry.keys.keys()].map((k) => this.byKey.get(k)!).filter(Boolean);
    const sameComponent = candidates.filter((c) => groupComponents.has(c.component));
    if (sameComponent.length >= 1) {
      const counts = new Map(sameComponent.map((c) => [c.key, entry.keys.get(c.key) ?? 0]));
      return this.byKey.get(mostUsed(counts).key) ?? null;
    }
    return candidates.length === 1 ? candidates[0]! : null;
  }

  /** One id, several controls (aqua cis-1.6.0 prints 5.12, 5.20 and 7.1 twice): decide by title. */
  private pick(rows: IdMapping[], title: string, where: string): Resolution {
    const keys = [...new Set(rows.map((r) => r.key))];
    if (keys.length === 1) return { control: this.byKey.get(keys[0]!)!, method: 'id', warning: null };
    const wanted = normalizeTitle(title);
    let best: { key: string; score: number } | null = null;
    for (const row of rows) {
      const score = similarity(wanted, normalizeTitle(row.title));
      if (!best || score > best.score) best = { key: row.key, score };
    }
    if (best && best.score > 0) return { control: this.byKey.get(best.key)!, method: 'id', warning: null };
    const fallback = this.byKey.get(keys[0]!)!;
    return {
      control: fallback,
      method: 'id',
      warning: `${where} is printed for several controls (${keys.join(', ')}) and the title does not say which; assumed ${fallback.key}`,
    };
  }

  private matchTitle(tool: ToolName, title: string): { key: string; exact: boolean; ambiguous: string[] } | null {
    const normalized = normalizeTitle(title);
    if (normalized === '') return null;
    const cacheKey = `${tool}|${normalized}`;
    const cached = this.titleCache.get(cacheKey);
    if (cached !== undefined) return cached;
    const perTool = this.titles.get(tool);
    let result: { key: string; exact: boolean; ambiguous: string[] } | null = null;
    const exact = perTool?.get(normalized);
    if (exact) {
      result = { ...mostUsed(exact.keys), exact: true };
    } else if (perTool) {
      const words = new Set(normalized.split(' '));
      let best: { entry: TitleEntry; score: number } | null = null;
      let tie = false;
      for (const entry of perTool.values()) {
        const score = jaccard(words, entry.words);
        if (!best || score > best.score) {
          tie = false;
          best = { entry, score };
        } else if (score === best.score && mostUsed(entry.keys).key !== mostUsed(best.entry.keys).key) {
          tie = true;
        }
      }
      if (best && best.score >= FUZZY_TITLE_THRESHOLD && !tie) result = { ...mostUsed(best.entry.keys), exact: false };
    }
    if (this.titleCache.size < 10_000) this.titleCache.set(cacheKey, result);
    return result;
  }

  private likelyNumberings(tool: ToolName, exclude: string | null): string[] {
    const known = this.ids.numberings.get(tool) ?? [];
    const preferred = LIKELY_NUMBERINGS[tool].filter((n) => known.includes(n));
    const rest = known.filter((n) => !preferred.includes(n)).sort().reverse();
    return [...preferred, ...rest].filter((n) => n !== exclude);
  }
}

/** `2.13.a` is a sub-check of `2.13`. */
export function isSubCheckOf(id: string, parent: string): boolean {
  return id.length === parent.length + 2 && id.startsWith(`${parent}.`) && /[a-z]$/.test(id);
}

function idKey(tool: string, benchmark: string, id: string): string {
  return `${tool}|${benchmark}|${id}`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function mostUsed(keys: Map<string, number>): { key: string; ambiguous: string[] } {
  const ranked = [...keys.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return { key: ranked[0]![0], ambiguous: ranked.slice(1).map(([k]) => k) };
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let common = 0;
  for (const w of a) if (b.has(w)) common++;
  const union = a.size + b.size - common;
  return union === 0 ? 0 : common / union;
}

function similarity(a: string, b: string): number {
  if (a === '' || b === '') return 0;
  if (a === b) return 2;
  return jaccard(new Set(a.split(' ')), new Set(b.split(' ')));
}

function clip(text: string): string {
  const oneLine = text.replace(/[\x00-\x1f\x7f]+/g, ' ');
  return oneLine.length > 100 ? `${oneLine.slice(0, 100)}…` : oneLine;
}
