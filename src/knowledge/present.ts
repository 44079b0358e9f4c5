/**
 * Plain-text and data views of controls for `explain` and `controls`: pure functions from
 * the knowledge base to strings or JSON-ready objects (the commands only print them).
 */
import { AQUA_NUMBERINGS, DBS_NUMBERINGS } from '../model/benchmarks.js';
import { compareIds } from '../model/ids.js';
import { strideLetter } from './stride.js';
import { STRIDE_LABELS, type Control, type IdMapping, type KnowledgeBase } from './types.js';

const TOOL_ORDER = ['docker-bench-security', 'aqua-docker-bench', 'kube-bench'];
const NUMBERING_ORDER = [...DBS_NUMBERINGS, ...AQUA_NUMBERINGS].map((n) => n.id);

/** Every numbering the knowledge base has ids for, in release order (kube-bench folders by name). */
export function knownBenchmarks(kb: KnowledgeBase): string[] {
  const all = new Set<string>();
  for (const c of kb.controls()) for (const m of kb.mappings(c.key)) all.add(m.benchmark);
  return [...all].sort(compareNumberings);
}

export function compareNumberings(a: string, b: string): number {
  const ia = NUMBERING_ORDER.indexOf(a);
  const ib = NUMBERING_ORDER.indexOf(b);
  if (ia >= 0 && ib >= 0) return ia - ib;
  if (ia >= 0) return -1;
  if (ib >= 0) return 1;
  return a.localeCompare(b, 'en', { numeric: true });
}

/** One numbering's ids for a control, with the title printed there. */
export interface IdGroup {
  tool: string;
  benchmark: string;
  ids: string[];
  titles: string[];
}

/** A control's ids grouped by tool and numbering, in release order. */
export function groupIds(mappings: readonly IdMapping[]): IdGroup[] {
  const groups = new Map<string, IdGroup>();
  for (const m of mappings) {
    const k = `${m.tool}|${m.benchmark}`;
    const g = groups.get(k) ?? { tool: m.tool, benchmark: m.benchmark, ids: [], titles: [] };
    if (!g.ids.includes(m.id)) g.ids.push(m.id);
    if (m.title !== '' && !g.titles.includes(m.title)) g.titles.push(m.title);
    groups.set(k, g);
  }
  for (const g of groups.values()) g.ids.sort(compareIds);
  return [...groups.values()].sort((a, b) => TOOL_ORDER.indexOf(a.tool) - TOOL_ORDER.indexOf(b.tool) || compareNumberings(a.benchmark, b.benchmark));
}

/** `E (Elevation of privilege)` style label. */
export function strideText(category: Control['stride']['primary']): string {
  return `${STRIDE_LABELS[category]} (${strideLetter(category)})`;
}

/** The full text explanation of one control. `matchedIn` lists the numberings a queried printed id was found in. */
export function explainText(kb: KnowledgeBase, control: Control, matchedIn: { id: string; benchmarks: string[] } | null): string {
  const out: string[] = [];
  out.push(`${control.key} — ${control.title}`);
  if (matchedIn) out.push(`  id ${matchedIn.id} means this control in: ${matchedIn.benchmarks.join(', ')}`);
  out.push('');
  out.push(`  Platform:       ${control.platform}`);
  out.push(`  Component:      ${control.component}`);
  out.push(`  Scope:          ${control.scope}`);
  out.push(`  STRIDE primary: ${strideText(control.stride.primary)}`);
  out.push(`  STRIDE also:    ${control.stride.secondary.length === 0 ? 'none' : control.stride.secondary.map(strideText).join(', ')}`);
  out.push(`  CIS reference:  ${control.cisReference || 'none'}`);
  out.push('');
  out.push('Why it matters');
  out.push(...wrap(control.rationale, 4));
  out.push('');
  out.push('Fix');
  const fix = control.fix;
  if (!fix) out.push('    Nothing to fix: this control is informational and never fails.');
  else {
    out.push(...wrap(fix.action, 4));
    if (fix.daemonJson) out.push(`    daemon.json:    {"${fix.daemonJson.key}": ${fix.daemonJson.value}}   (/etc/docker/daemon.json)`);
    if (fix.dockerdFlag) out.push(`    dockerd flag:   ${fix.dockerdFlag}`);
    if (fix.runFlag) out.push(`    docker run:     ${fix.runFlag}`);
    if (fix.file) {
      const extra = [fix.file.mode ? `mode ${fix.file.mode}` : '', fix.file.owner ? `owner ${fix.file.owner}` : ''].filter(Boolean).join(', ');
      out.push(`    file:           ${fix.file.path}${extra ? ` (${extra})` : ''}`);
    }
    if (fix.k8sFlag) out.push(`    ${(fix.k8sFlag.component || 'flag').padEnd(15)} ${fix.k8sFlag.flag}`);
    if (fix.exclusiveSources) {
      out.push(...wrap('Note: set this either in daemon.json or as a dockerd flag, not both: dockerd refuses to start when the same option is given both ways.', 4));
    }
    if (fix.impact) {
      out.push('  Impact');
      out.push(...wrap(fix.impact, 4));
    }
    if (fix.verify) {
      out.push('  Verify');
      out.push(...wrap(fix.verify, 4));
    }
  }
  out.push('');
  out.push('Ids across scanner versions');
  let tool = '';
  for (const g of groupIds(kb.mappings(control.key))) {
    if (g.tool !== tool) {
      tool = g.tool;
      out.push(`  ${tool}`);
    }
    out.push(`    ${g.benchmark.padEnd(18)} ${g.ids.join(', ').padEnd(15)} ${g.titles[0] ?? ''}`.trimEnd());
  }
  return out.join('\n');
}

/** JSON view of a control for `explain --format json`. */
export function explainJson(kb: KnowledgeBase, control: Control, matchedIn: { id: string; benchmarks: string[] } | null) {
  return { ...control, matchedIn, ids: groupIds(kb.mappings(control.key)) };
}

/** Word-wrap a paragraph (keeps existing line breaks) at 96 columns with an indent. */
export function wrap(text: string, indent: number, width = 96): string[] {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      if (word === '') continue;
      if (line !== '' && pad.length + line.length + 1 + word.length > width) {
        lines.push(pad + line);
        line = word;
      } else line = line === '' ? word : `${line} ${word}`;
    }
    lines.push(pad + line);
  }
  return lines;
}
