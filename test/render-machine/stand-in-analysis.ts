/**
 * A deliberately naive analysis for exercising the renderers on real corpus inputs before
 * (and independently of) the real analysis stage: controls from the real knowledge base,
 * verdicts straight from the raw status, no caveat rules. Real ids, titles, per-container
 * item lists and 90-run logs are what matter here, not the verdicts.
 */
import type { KnowledgeBase, StrideCategory } from '../../src/knowledge/types.js';
import { STRIDE_CATEGORIES } from '../../src/knowledge/types.js';
import type { ParsedInput, RawStatus } from '../../src/model/types.js';
import {
  REPORT_SCHEMA_VERSION,
  SEVERITIES,
  VERDICTS,
  type AnalysedReport,
  type AnalysedResult,
  type AnalysedRun,
  type Severity,
  type Verdict,
} from '../../src/model/report.js';
import type { Control } from '../../src/knowledge/types.js';

const VERDICT_OF: Record<RawStatus, Verdict> = {
  PASS: 'SATISFIED',
  FAIL: 'FINDING',
  WARN: 'FINDING',
  INFO: 'NOT_ASSESSED',
  NOTE: 'MANUAL_REVIEW',
};

const SEVERITY_OF_SCOPE: Record<string, Severity> = { daemon: 'high', host: 'medium', cluster: 'high', container: 'medium', image: 'low' };

function zero<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

export function standInAnalyse(parsed: ParsedInput, knowledge: KnowledgeBase, generatedAt: string): AnalysedReport {
  const controls: Record<string, Control> = {};
  const warnings = [...parsed.warnings];
  const runs: AnalysedRun[] = parsed.runs.map((run) => {
    const results: AnalysedResult[] = run.results.map((result) => {
      const resolution = knowledge.resolve(run.tool, run.benchmark, result.id, result.title);
      const control = resolution.control;
      if (control) controls[control.key] = control;
      const verdict = VERDICT_OF[result.status];
      const stride: StrideCategory[] = control ? [...new Set([control.stride.primary, ...control.stride.secondary])] : [];
      return {
        ...result,
        control: control?.key ?? null,
        stride,
        verdict,
        severity: verdict === 'FINDING' ? SEVERITY_OF_SCOPE[control?.scope ?? ''] ?? 'low' : 'info',
        caveats: resolution.warning ? [{ rule: 'unknown-control', message: resolution.warning }] : [],
        waiver: null,
        priority: null,
      };
    });
    const verdicts = zero(VERDICTS);
    const strideCounts = zero(STRIDE_CATEGORIES);
    const severities = zero(SEVERITIES);
    for (const r of results) {
      verdicts[r.verdict]++;
      if (r.verdict === 'FINDING') {
        severities[r.severity]++;
        for (const s of r.stride) strideCounts[s]++;
      }
    }
    const priorities = results.flatMap((r, i) => (r.verdict === 'FINDING' ? [i] : []));
    priorities.forEach((index, rank) => {
      results[index]!.priority = rank + 1;
    });
    const scorable = verdicts.SATISFIED + verdicts.FINDING;
    return {
      ...run,
      results,
      summary: {
        verdicts,
        stride: strideCounts,
        severities,
        score: scorable === 0 ? null : Math.round((verdicts.SATISFIED / scorable) * 100),
        notAssessed: [],
      },
      priorities,
      caveats: [],
    };
  });
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    generator: { name: 'stridebench', version: '0.0.0-test', knowledgeVersion: knowledge.version },
    generatedAt,
    input: parsed.input,
    runs,
    controls,
    waivers: { applied: [], expired: [], unused: [] },
    warnings,
  };
}
