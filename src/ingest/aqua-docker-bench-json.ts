/**
 * aquasecurity/docker-bench `--json`: one compact `Controls` object per run,
 * `{id, text, tests: [{section, desc, results: [check…] | null}], total_*}`, or the Go
 * default key names of the 2017 builds (`ID`, `Description`, `Groups`, `Checks`, `State`).
 * See docs/formats/aqua-docker-bench.md.
 */
import { InputError } from '../model/errors.js';
import { emptyRun, type Result, type Run, type Section } from '../model/types.js';
import { recordBenchmarkAndCompleteness } from './aqua/completeness.js';
import { detectAqua } from './aqua/detect.js';
import { isObject, jsonReaderStart, type JsonInput, type JsonObject } from './aqua/json.js';
import { checksToResults, jsonTotals, KEYS, keyOf, pick, pickString } from './aqua/json-controls.js';
import { identifyDockerBenchmark } from './aqua/numbering.js';
import type { Reader, ReaderContext } from './reader.js';

export const aquaDockerBenchJson: Reader = {
  format: 'aqua-docker-bench-json',
  tool: 'aqua-docker-bench',
  description: 'an aquasecurity/docker-bench JSON report',
  detect: (head) => detectAqua(head).dockerJson,
  start: jsonReaderStart(readDocuments),
};

function readDocuments(input: JsonInput, ctx: ReaderContext): void {
  if (input.documents.length === 0) {
    throw new InputError('holds no JSON object (expected the output of docker-bench --json)', { file: ctx.file });
  }
  for (const doc of input.documents) {
    const items = Array.isArray(doc.value) ? doc.value.map((v, i) => ({ v, path: `$[${i}]` })) : [{ v: doc.value, path: '$' }];
    for (const { v, path } of items) {
      if (!isObject(v)) {
        ctx.warn(doc.line, 'unexpected-json', `${path} is not an object; skipped`);
        continue;
      }
      if (pick(v, ['Controls', 'Totals', 'node_type']) !== undefined) {
        throw new InputError('this is kube-bench JSON, not aquasecurity/docker-bench JSON (use --input-format kube-bench-json)', {
          file: ctx.file,
          line: input.lineOf(v),
        });
      }
      ctx.emitRun(controlsToRun(v, path, input, ctx));
    }
  }
}

function controlsToRun(obj: JsonObject, path: string, input: JsonInput, ctx: ReaderContext): Run {
  const run = emptyRun('aqua-docker-bench');
  const results: Result[] = [];
  const sections: Section[] = [];
  const groupsKey = keyOf(obj, KEYS.groups);
  const groups = obj[groupsKey];
  if (groups !== undefined && groups !== null && !Array.isArray(groups)) {
    ctx.warn(input.lineOf(obj), 'unexpected-json', `${path}.${groupsKey} is not an array; no results read from it`);
  }
  (Array.isArray(groups) ? groups : []).forEach((group, gi) => {
    const groupPath = `${path}.${groupsKey}[${gi}]`;
    if (!isObject(group)) return;
    const gid = pickString(group, KEYS.groupId)?.trim() ?? '';
    const title = pickString(group, KEYS.groupText) ?? '';
    const isSection = gid.length > 0 && !gid.includes('.');
    if (isSection && !sections.some((s) => s.id === gid)) sections.push({ id: gid, title });
    const checksKey = keyOf(group, KEYS.checks);
    const checks = group[checksKey];
    if (checks === null || checks === undefined) return; // header-only group ("1 Host Configuration")
    if (!Array.isArray(checks)) {
      ctx.warn(input.lineOf(group), 'unexpected-json', `${groupPath}.${checksKey} is not an array; skipped`);
      return;
    }
    const where = { section: null, group: isSection ? null : gid || null };
    for (const r of checksToResults(checks, `${groupPath}.${checksKey}`, group, where, input, ctx.warn)) {
      r.section = gid.length > 0 ? gid.split('.', 1)[0]! : r.id.includes('.') ? r.id.split('.', 1)[0]! : null;
      results.push(r);
    }
  });
  run.results = results;
  run.sections = sections;
  run.totals = jsonTotals(obj);
  const rawBanner = pickString(obj, KEYS.controlsId);
  const bannerText = pickString(obj, KEYS.controlsText);
  const choice = identifyDockerBenchmark({
    bannerId: rawBanner === null ? null : rawBanner.trim(),
    bannerText,
    results,
    commands: [],
    source: 'json',
  });
  recordBenchmarkAndCompleteness(run, choice, { tool: 'aqua-docker-bench', hasSummary: run.totals !== null, headerless: false, commands: [], sections: [] });
  const first = input.lineOf(obj);
  run.lines = first === null ? null : { first, last: input.endLineOf(obj) ?? first };
  return run;
}
