/**
 * `--mapping FILE.csv`: an organisation's own threat model over ours. Same columns as the
 * controls CSV, every one except `key` optional, plus optional fix columns. A non-empty
 * cell replaces ours, an empty cell keeps ours, and `-` clears an optional cell
 * (stride_secondary, cis_reference, fix fields). A key we do not know adds a control; it
 * then needs title, stride_primary and rationale.
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../model/errors.js';
import { expectColumns, readCsv } from './csv-read.js';
import type { KnowledgeData } from './loader.js';
import type { Control, Fix } from './types.js';
import {
  CONTROL_COLUMNS,
  FIX_COLUMNS,
  fail,
  parseComponent,
  parseFix,
  parseKey,
  parseScope,
  parseStride,
  parseStrideList,
  platformOfKey,
  requireText,
  type CellAt,
  type FixCells,
} from './validate.js';

/** The cell value that means "no value" (as opposed to empty = "keep ours"). */
export const CLEAR = '-';

const OPTIONAL_COLUMNS = [...CONTROL_COLUMNS.filter((c) => c !== 'key'), ...FIX_COLUMNS.filter((c) => c !== 'key')];
const FIX_ONLY = FIX_COLUMNS.filter((c) => c !== 'key');

/** Apply the mapping file to a copy of `base`; `base` is left as it was. */
export function applyMapping(base: KnowledgeData, file: string): KnowledgeData {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'no such mapping file' : 'cannot read the mapping file', { file });
  }
  const table = readCsv(file, text);
  expectColumns(table, ['key'], OPTIONAL_COLUMNS);
  const controls = new Map<string, Control>();
  for (const [key, control] of base.controls) controls.set(key, control);
  const seen = new Map<string, number>();
  for (const row of table.rows) {
    const at = (column: string): CellAt => ({ file, line: row.line, column });
    const cells = row.cells;
    const key = parseKey(cells.key ?? '', at('key'));
    const first = seen.get(key);
    if (first !== undefined) fail(at('key'), `${key} appears twice in the mapping (first on line ${first})`);
    seen.set(key, row.line);
    const ours = controls.get(key);
    const given = (c: string) => (cells[c] ?? '').trim();
    let control: Control;
    if (ours) {
      control = { ...ours, stride: { primary: ours.stride.primary, secondary: [...ours.stride.secondary] } };
      if (given('title') !== '') control.title = given('title');
      if (given('rationale') !== '') control.rationale = given('rationale');
      if (given('component') !== '') control.component = parseComponent(given('component'), at('component'));
      if (given('scope') !== '') control.scope = parseScope(given('scope'), at('scope'));
      if (given('stride_primary') !== '') control.stride.primary = parseStride(given('stride_primary'), at('stride_primary'));
      if (given('stride_secondary') === CLEAR) control.stride.secondary = [];
      else if (given('stride_secondary') !== '') control.stride.secondary = parseStrideList(given('stride_secondary'), at('stride_secondary'));
      if (given('cis_reference') === CLEAR) control.cisReference = '';
      else if (given('cis_reference') !== '') control.cisReference = given('cis_reference');
    } else {
      const platform = platformOfKey(key);
      control = {
        key,
        platform,
        title: requireText(cells.title, at('title')),
        component: given('component') === '' ? (platform === 'docker' ? 'operations' : 'policies') : parseComponent(given('component'), at('component')),
        scope: given('scope') === '' ? (platform === 'docker' ? 'host' : 'cluster') : parseScope(given('scope'), at('scope')),
        stride: {
          primary: parseStride(requireText(cells.stride_primary, at('stride_primary')), at('stride_primary')),
          secondary: given('stride_secondary') === CLEAR ? [] : parseStrideList(given('stride_secondary'), at('stride_secondary')),
        },
        rationale: requireText(cells.rationale, at('rationale')),
        cisReference: given('cis_reference') === CLEAR ? '' : given('cis_reference'),
        fix: null,
      };
    }
    control.stride.secondary = control.stride.secondary.filter((s) => s !== control.stride.primary);
    if (FIX_ONLY.some((c) => given(c) !== '')) control.fix = mergeFix(control.fix, cells, file, row.line);
    controls.set(key, control);
  }
  return { version: base.version, controls, mappings: base.mappings };
}

/** Our fix with the mapping's cells laid over it; validated as a whole afterwards. */
function mergeFix(ours: Fix | null, cells: Record<string, string>, file: string, line: number): Fix {
  const merged: FixCells = ours ? fixToCells(ours) : {};
  for (const column of FIX_ONLY) {
    const value = (cells[column] ?? '').trim();
    if (value === CLEAR) merged[column] = '';
    else if (value !== '') merged[column] = value;
  }
  return parseFix(merged, file, line);
}

function fixToCells(fix: Fix): FixCells {
  return {
    action: fix.action,
    daemon_json_key: fix.daemonJson?.key ?? '',
    daemon_json_value: fix.daemonJson?.value ?? '',
    dockerd_flag: fix.dockerdFlag ?? '',
    run_flag: fix.runFlag ?? '',
    file_path: fix.file?.path ?? '',
    file_mode: fix.file?.mode ?? '',
    file_owner: fix.file?.owner ?? '',
    k8s_component: fix.k8sFlag?.component ?? '',
    k8s_flag: fix.k8sFlag?.flag ?? '',
    impact: fix.impact,
    verify: fix.verify ?? '',
    exclusive_sources: fix.exclusiveSources ? 'yes' : '',
  };
}
