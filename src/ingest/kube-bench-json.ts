/**
 * kube-bench `--json`, every layout it has had: `{"Controls":[…],"Totals":{…}}` (v0.5.0+), a
 * bare array of controls (v0.3.1–v0.4.x, or `--nototals`), and one controls object per line
 * (≤ v0.3.0, JSON lines), including the Go default key names of the 2017 releases. Whatever
 * the layout, one invocation is one run whose sections are the targets.
 * See docs/formats/kube-bench.md.
 */
import { InputError } from '../model/errors.js';
import { emptyRun, type Result, type Run, type Section, type ToolTotals } from '../model/types.js';
import { recordBenchmarkAndCompleteness } from './aqua/completeness.js';
import { detectAqua } from './aqua/detect.js';
import { sumTotals } from './aqua/grammar.js';
import { isObject, jsonReaderStart, type JsonInput, type JsonObject } from './aqua/json.js';
import { checksToResults, jsonTotals, KEYS, keyOf, pick, pickString } from './aqua/json-controls.js';
import { identifyKubeBenchmark, type ObservedSection } from './aqua/numbering.js';
import type { Reader, ReaderContext } from './reader.js';

export const kubeBenchJson: Reader = {
  format: 'kube-bench-json',
  tool: 'kube-bench',
  description: 'a kube-bench JSON report',
  detect: (head) => detectAqua(head).kubeJson,
  start: jsonReaderStart(readDocuments),
};

interface Control {
  obj: JsonObject;
  path: string;
}

/** One kube-bench invocation: its controls (targets) and its Totals when printed. */
interface Invocation {
  controls: Control[];
  totals: JsonObject | null;
}

function readDocuments(input: JsonInput, ctx: ReaderContext): void {
  if (input.documents.length === 0) {
    throw new InputError('holds no JSON object (expected the output of kube-bench --json)', { file: ctx.file });
  }
  const invocations: Invocation[] = [];
  // JSON lines (≤ v0.3.0): consecutive single-control documents belong to one invocation.
  let lines: Invocation | null = null;
  for (const doc of input.documents) {
    const v = doc.value;
    if (Array.isArray(v)) {
      lines = null;
      const controls: Control[] = [];
      v.forEach((item, i) => {
        if (isObject(item)) controls.push({ obj: item, path: `$[${i}]` });
        else ctx.warn(doc.line, 'unexpected-json', `$[${i}] is not an object; skipped`);
      });
      invocations.push({ controls, totals: null });
      continue;
    }
    if (!isObject(v)) {
      ctx.warn(doc.line, 'unexpected-json', 'a top-level JSON value that is not an object or array was skipped');
      continue;
    }
    const wrapped = pick(v, ['Controls']);
    if (wrapped !== undefined) {
      lines = null;
      const controls: Control[] = [];
      if (Array.isArray(wrapped)) {
        wrapped.forEach((item, i) => {
          if (isObject(item)) controls.push({ obj: item, path: `$.Controls[${i}]` });
          else ctx.warn(doc.line, 'unexpected-json', `$.Controls[${i}] is not an object; skipped`);
        });
      } else {
        ctx.warn(doc.line, 'unexpected-json', '$.Controls is not an array; no results read from it');
      }
      const totals = pick(v, ['Totals']);
      invocations.push({ controls, totals: isObject(totals) ? totals : null });
      continue;
    }
    if (pickString(v, ['dockerbenchsecurity']) !== null || (pickString(v, KEYS.controlsText) ?? '').includes('CIS Docker')) {
      throw new InputError('this is docker-bench JSON, not kube-bench JSON', { file: ctx.file, line: doc.line });
    }
    if (lines === null) {
      lines = { controls: [], totals: null };
      invocations.push(lines);
    }
    lines.controls.push({ obj: v, path: '$' });
  }
  for (const inv of invocations) {
    // The same target twice means a second invocation appended to the first.
    let batch: Control[] = [];
    const seen = new Set<string>();
    for (const c of inv.controls) {
      const id = pickString(c.obj, KEYS.controlsId) ?? '';
      if (seen.has(id) && batch.length > 0) {
        ctx.emitRun(invocationToRun(batch, null, input, ctx));
        batch = [];
        seen.clear();
      }
      seen.add(id);
      batch.push(c);
    }
    if (batch.length > 0 || inv.totals) ctx.emitRun(invocationToRun(batch, inv.totals, input, ctx));
  }
}

function invocationToRun(controls: readonly Control[], totalsObj: JsonObject | null, input: JsonInput, ctx: ReaderContext): Run {
  const run = emptyRun('kube-bench');
  const results: Result[] = [];
  const sections: Section[] = [];
  const observed: ObservedSection[] = [];
  const perSection: ToolTotals[] = [];
  let version: string | null = null;
  let detectedVersion: string | null = null;
  let first: number | null = null;
  let last: number | null = null;
  for (const { obj, path } of controls) {
    const sectionId = pickString(obj, KEYS.controlsId)?.trim() ?? '';
    const section: Section = { id: sectionId, title: pickString(obj, KEYS.controlsText) ?? '' };
    const nodeType = pickString(obj, KEYS.nodeType);
    if (nodeType) section.nodeType = nodeType;
    sections.push(section);
    const seen: ObservedSection = { id: section.id, title: section.title, groups: new Map(), results: 0 };
    observed.push(seen);
    version ??= emptyToNull(pickString(obj, KEYS.version));
    detectedVersion ??= emptyToNull(pickString(obj, KEYS.detectedVersion));
    const t = jsonTotals(obj);
    if (t) perSection.push(t);
    const start = input.lineOf(obj);
    const end = input.endLineOf(obj);
    if (start !== null) first = first === null ? start : Math.min(first, start);
    if (end !== null) last = last === null ? end : Math.max(last, end);
    const groupsKey = keyOf(obj, KEYS.groups);
    const groups = obj[groupsKey];
    if (!Array.isArray(groups)) continue;
    groups.forEach((group, gi) => {
      if (!isObject(group)) return;
      const groupPath = `${path}.${groupsKey}[${gi}]`;
      const gid = pickString(group, KEYS.groupId)?.trim() || null;
      const groupTitle = pickString(group, KEYS.groupText);
      if (gid !== null && groupTitle !== null) (seen.groupTitles ??= new Map()).set(gid, groupTitle);
      const checksKey = keyOf(group, KEYS.checks);
      const checks = group[checksKey];
      if (!Array.isArray(checks)) return;
      for (const r of checksToResults(checks, `${groupPath}.${checksKey}`, group, { section: sectionId || null, group: gid }, input, ctx.warn)) {
        results.push(r);
        seen.results++;
        const key = gid ?? sectionId;
        seen.groups.set(key, (seen.groups.get(key) ?? 0) + 1);
      }
    });
  }
  run.results = results;
  run.sections = sections;
  run.totals = totalsObj ? jsonTotals(totalsObj) : perSection.length > 0 ? sumTotals(perSection) : null;
  const choice = identifyKubeBenchmark({ version, detectedVersion, sections: observed, commands: [] });
  recordBenchmarkAndCompleteness(run, choice, { tool: 'kube-bench', hasSummary: run.totals !== null, headerless: false, commands: [], sections: observed });
  if (first !== null) run.lines = { first, last: last ?? first };
  return run;
}

function emptyToNull(s: string | null): string | null {
  return s === null || s.trim().length === 0 ? null : s.trim();
}
