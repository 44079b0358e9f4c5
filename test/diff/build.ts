/**
 * Hand-made analysed runs for the diff and history tests: only the fields the comparison
 * reads are set on purpose (control, id, title, verdict, raw status, items, caveats,
 * waiver, stride); the rest take their empty values. A run is built from short result
 * specs so each test states exactly the host state it compares.
 */
import type { Control, Scope, StrideCategory } from '../../src/knowledge/types.js';
import { STRIDE_CATEGORIES } from '../../src/knowledge/types.js';
import type { ComparedRun } from '../../src/analysis/diff.js';
import {
  REPORT_SCHEMA_VERSION,
  SEVERITIES,
  VERDICTS,
  type AnalysedReport,
  type AnalysedResult,
  type AnalysedRun,
  type AppliedWaiver,
  type CaveatNote,
  type Severity,
  type Verdict,
} from '../../src/model/report.js';
import { emptyResult, emptyRun, type RawStatus, type ToolName } from '../../src/model/types.js';

export interface Spec {
  id: string;
  /** Control key; null for an id no knowledge maps. */
  control: string | null;
  verdict: Verdict;
  /** Raw status; default: the one the verdict comes from without caveats. */
  status?: RawStatus;
  title?: string;
  items?: string[];
  caveats?: CaveatNote[];
  waiver?: AppliedWaiver | null;
  severity?: Severity;
  stride?: StrideCategory[];
}

const STATUS_OF: Record<Verdict, RawStatus> = {
  FINDING: 'WARN',
  WAIVED: 'WARN',
  SATISFIED: 'PASS',
  UNVERIFIED: 'WARN',
  MANUAL_REVIEW: 'INFO',
  NOT_ASSESSED: 'INFO',
  NOT_APPLICABLE: 'INFO',
};

/** Scope of the controls the tests use (the knowledge base says it for real ones). */
const SCOPES: Record<string, Scope> = {
  'docker.container.memory-limit': 'container',
  'docker.container.pids-limit': 'container',
  'docker.container.read-only-rootfs': 'container',
  'docker.image.healthcheck': 'image',
};

export function control(key: string, title = `Control ${key}`): Control {
  return {
    key,
    platform: 'docker',
    title,
    component: 'daemon',
    scope: SCOPES[key] ?? 'daemon',
    stride: { primary: 'Tampering', secondary: [] },
    rationale: '',
    cisReference: '',
    fix: null,
  };
}

export function result(spec: Spec, line: number): AnalysedResult {
  const base = emptyResult(spec.id, spec.status ?? STATUS_OF[spec.verdict], spec.title ?? `Title of ${spec.id}`, { line });
  return {
    ...base,
    items: spec.items ?? [],
    control: spec.control,
    stride: spec.stride ?? (spec.control === null ? [] : ['Tampering']),
    verdict: spec.verdict,
    severity: spec.severity ?? (spec.verdict === 'FINDING' ? 'medium' : 'info'),
    caveats: spec.caveats ?? [],
    waiver: spec.waiver ?? null,
    priority: null,
  };
}

export interface RunOptions {
  tool?: ToolName;
  benchmark?: string | null;
  startedAt?: string | null;
  host?: string | null;
  partial?: boolean;
  index?: number;
  name?: string;
  sha?: string;
  notAssessed?: string[];
}

export function compared(specs: Spec[], options: RunOptions = {}): ComparedRun {
  const results = specs.map((s, i) => result(s, i + 1));
  const verdicts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  const stride = Object.fromEntries(STRIDE_CATEGORIES.map((c) => [c, 0])) as Record<StrideCategory, number>;
  const severities = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const r of results) {
    verdicts[r.verdict]++;
    if (r.verdict === 'FINDING') for (const c of r.stride) stride[c]++;
  }
  const scorable = verdicts.SATISFIED + verdicts.FINDING;
  const { results: _none, ...base } = emptyRun(options.tool ?? 'docker-bench-security');
  const run: AnalysedRun = {
    ...base,
    index: options.index ?? 1,
    benchmark: options.benchmark === undefined ? 'dbs-v1.6.1' : options.benchmark,
    startedAt: options.startedAt ?? null,
    startedAtRaw: options.startedAt ?? null,
    host: options.host ?? null,
    partial: options.partial ?? false,
    partialReasons: options.partial ? ['grep excerpt'] : [],
    results,
    summary: {
      verdicts,
      stride,
      severities,
      score: scorable === 0 ? null : Math.round((verdicts.SATISFIED / scorable) * 100),
      notAssessed: options.notAssessed ?? [],
    },
    priorities: [],
    caveats: [],
  };
  const controls: Record<string, Control> = {};
  for (const r of results) if (r.control !== null) controls[r.control] = control(r.control);
  const report: AnalysedReport = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    generator: { name: 'stridebench', version: '0.0.0-test', knowledgeVersion: 'test' },
    generatedAt: '2026-01-01T00:00:00.000Z',
    input: {
      name: options.name ?? 'run.log',
      size: 100,
      sha256: options.sha ?? 'a'.repeat(64),
      format: 'docker-bench-security-text',
      encoding: 'utf-8',
      runCount: 1,
      selection: [run.index],
    },
    runs: [run],
    controls,
    waivers: { applied: [], expired: [], unused: [] },
    warnings: [],
  };
  return { report, run };
}

export const GENERATED_AT = '2026-01-01T00:00:00.000Z';
