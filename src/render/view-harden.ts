/**
 * The harden-first part of the report view: the run's FINDINGs in fix order, grouped by
 * the control they share, each with its fix; and the daemon.json merged from those fixes.
 */
import { compareIds, compareText } from '../model/ids.js';
import type { AnalysedRun } from '../model/report.js';
import { STRIDE_CATEGORIES, type Control } from '../knowledge/types.js';
import { componentLabel, SEVERITY_LABELS, severityRank, strideCounts, unique, uniqueCaveats } from './view-common.js';
import type { DaemonJsonEntry, DaemonJsonView, FileFixView, FixView, HardenItemView } from './view-model.js';

/** Indexes of the run's FINDINGs, fix-first: the analysis's priority list, then any it left out by severity and id. */
export function findingsInPriorityOrder(run: AnalysedRun): number[] {
  const seen = new Set<number>();
  const out: number[] = [];
  for (const i of run.priorities) {
    if (run.results[i]?.verdict === 'FINDING' && !seen.has(i)) {
      seen.add(i);
      out.push(i);
    }
  }
  const rest: number[] = [];
  run.results.forEach((r, i) => {
    if (r.verdict === 'FINDING' && !seen.has(i)) rest.push(i);
  });
  rest.sort((x, y) => {
    const rx = run.results[x]!;
    const ry = run.results[y]!;
    return severityRank(rx.severity) - severityRank(ry.severity) || compareIds(rx.id, ry.id) || x - y;
  });
  return out.concat(rest);
}

/** FINDINGs that share a control share one fix (an aqua a/b pair is one change, not two). */
export interface FixGroup {
  key: string;
  control: Control | null;
  indexes: number[];
}

export function groupFixes(run: AnalysedRun, controls: Record<string, Control>, ordered: number[]): FixGroup[] {
  const groups: FixGroup[] = [];
  const byKey = new Map<string, FixGroup>();
  for (const i of ordered) {
    const r = run.results[i]!;
    const key = r.control ?? `id:${r.id}`;
    let g = byKey.get(key);
    if (!g) {
      g = { key, control: r.control ? controls[r.control] ?? null : null, indexes: [] };
      byKey.set(key, g);
      groups.push(g);
    }
    g.indexes.push(i);
  }
  return groups;
}

export function hardenItem(g: FixGroup, rank: number, run: AnalysedRun, rowAnchor: (i: number) => string): HardenItemView {
  const results = g.indexes.map((i) => run.results[i]!);
  const first = results[0]!;
  const severity = results.map((r) => r.severity).sort((x, y) => severityRank(x) - severityRank(y))[0]!;
  const categories = STRIDE_CATEGORIES.filter((c) => results.some((r) => r.stride.includes(c)));
  const control = g.control;
  // Every printed variant of the control in this run should pass after the fix: include
  // the sibling that already passed (2.2.a) so the reader re-checks the pair.
  const recheck = unique(
    run.results.filter((r) => g.control !== null && r.control === g.control.key).map((r) => r.id).concat(results.map((r) => r.id)),
  ).sort(compareIds);
  const caveats = uniqueCaveats(
    run.results.filter((r) => recheck.includes(r.id) && (g.control === null || r.control === g.control.key)).flatMap((r) => r.caveats),
  );
  return {
    rank,
    ids: unique(results.map((r) => r.id)),
    checks: g.indexes.map((i) => ({ id: run.results[i]!.id, anchor: rowAnchor(i) })),
    title: control?.title ?? first.title,
    controlKey: control?.key ?? null,
    severity,
    severityLabel: SEVERITY_LABELS[severity],
    stride: strideCounts(categories, (c) => results.filter((r) => r.stride.includes(c)).length),
    componentLabel: control ? componentLabel(control.component) : null,
    cisReference: control?.cisReference ?? null,
    why: control?.rationale ?? null,
    fix: control?.fix ? fixView(control.fix) : null,
    remediation: first.remediation,
    items: unique(results.flatMap((r) => r.items)),
    recheck,
    caveats,
  };
}

function fixView(fix: NonNullable<Control['fix']>): FixView {
  let daemonJson: FixView['daemonJson'] = null;
  if (fix.daemonJson) {
    const parsed = parseJsonValue(fix.daemonJson.value);
    const value = parsed.ok ? parsed.value : fix.daemonJson.value;
    daemonJson = {
      key: fix.daemonJson.key,
      value: fix.daemonJson.value,
      snippet: JSON.stringify({ [fix.daemonJson.key]: value }, null, 2),
    };
  }
  let file: FileFixView | null = null;
  if (fix.file) {
    const commands: string[] = [];
    if (fix.file.owner) commands.push(`chown ${fix.file.owner} ${shellWord(fix.file.path)}`);
    if (fix.file.mode) commands.push(`chmod ${fix.file.mode} ${shellWord(fix.file.path)}`);
    file = { path: fix.file.path, mode: fix.file.mode, owner: fix.file.owner, commands };
  }
  return {
    action: fix.action,
    daemonJson,
    dockerdFlag: fix.dockerdFlag,
    runFlag: fix.runFlag,
    file,
    k8sFlag: fix.k8sFlag ? { component: fix.k8sFlag.component, flag: fix.k8sFlag.flag } : null,
    impact: fix.impact,
    verify: fix.verify,
    exclusiveSources: fix.exclusiveSources,
  };
}

/** Quote a path for a shell command when it holds anything but plainly safe characters. */
function shellWord(path: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(path) ? path : `'${path.split("'").join("'\\''")}'`;
}

function parseJsonValue(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** Sorts object keys recursively so the snippet does not depend on knowledge-file order. */
function sortedJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedJson);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value as Record<string, unknown>).sort(compareText)) {
      out[k] = sortedJson((value as Record<string, unknown>)[k]);
    }
    return out;
  }
  return value;
}

export function buildDaemonJson(groups: FixGroup[], run: AnalysedRun): DaemonJsonView {
  const entries = new Map<string, DaemonJsonEntry & { parsed: unknown }>();
  const conflicts: string[] = [];
  for (const g of groups) {
    const fix = g.control?.fix;
    if (!fix?.daemonJson) continue;
    const ids = unique(g.indexes.map((i) => run.results[i]!.id));
    const { key, value } = fix.daemonJson;
    const parsed = parseJsonValue(value);
    const normalized = parsed.ok ? JSON.stringify(sortedJson(parsed.value)) : JSON.stringify(value);
    const existing = entries.get(key);
    if (existing) {
      if (existing.value !== normalized) {
        conflicts.push(
          `"${key}": ${ids.join(', ')} want ${normalized}, but ${existing.ids.join(', ')} (fixed first) want ${existing.value}; the snippet keeps ${existing.value}.`,
        );
      } else existing.ids.push(...ids.filter((id) => !existing.ids.includes(id)));
      existing.exclusiveSources ||= fix.exclusiveSources;
      existing.dockerdFlag ??= fix.dockerdFlag;
      continue;
    }
    entries.set(key, {
      key,
      value: normalized,
      parsed: parsed.ok ? sortedJson(parsed.value) : value,
      ids,
      dockerdFlag: fix.dockerdFlag,
      exclusiveSources: fix.exclusiveSources,
    });
  }
  const sorted = [...entries.values()].sort((x, y) => compareText(x.key, y.key));
  const merged: Record<string, unknown> = {};
  for (const e of sorted) merged[e.key] = e.parsed;
  const flagWarnings = sorted
    .filter((e) => e.exclusiveSources)
    .map((e) => {
      const flag = e.dockerdFlag ?? `--${e.key}`;
      const message = `"${e.key}" is now set in daemon.json: remove ${flag} from dockerd's command line (systemd unit, drop-ins, /etc/default/docker, /etc/sysconfig/docker), or dockerd refuses to start with "the following directives are specified both as a flag and in the configuration file".`;
      return { key: e.key, flag, message };
    });
  return {
    empty: sorted.length === 0,
    snippet: sorted.length === 0 ? '{}' : JSON.stringify(merged, null, 2),
    entries: sorted.map(({ parsed: _parsed, ...e }) => ({ ...e, ids: [...e.ids].sort(compareIds) })),
    flagWarnings,
    conflicts,
    placeholders: /<[^<>\n]{1,80}>/.test(sorted.length === 0 ? '' : JSON.stringify(merged)),
  };
}
