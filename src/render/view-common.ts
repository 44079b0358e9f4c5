/**
 * What the parts of the report view share (./view-model.ts builds the view from
 * ./view-summary.ts, ./view-threats.ts, ./view-harden.ts, ./view-findings.ts and
 * ./view-provenance.ts): the labels, descriptions and wording, the severity order, and
 * de-duplication. The diff and history views use the same labels.
 */
import { AQUA_NUMBERINGS, DBS_NUMBERINGS, kubeBenchNumbering } from '../model/benchmarks.js';
import { SEVERITIES, type CaveatNote, type Severity, type Verdict } from '../model/report.js';
import type { ToolName } from '../model/types.js';
import { STRIDE_LABELS, STRIDE_LETTERS, type Component, type StrideCategory } from '../knowledge/types.js';
import type { StrideCount } from './view-model.js';

/** Item lists longer than this are folded (`<details>`) rather than shown inline. */
export const INLINE_ITEMS = 3;

// ---------------------------------------------------------------------------------------
// Labels and wording.

export const VERDICT_LABELS: Readonly<Record<Verdict, string>> = {
  FINDING: 'Finding',
  UNVERIFIED: 'Unverified',
  MANUAL_REVIEW: 'Manual review',
  NOT_ASSESSED: 'Not assessed',
  NOT_APPLICABLE: 'Not applicable',
  WAIVED: 'Waived',
  SATISFIED: 'Satisfied',
};

export const VERDICT_DESCRIPTIONS: Readonly<Record<Verdict, string>> = {
  FINDING: 'failed: needs a fix',
  UNVERIFIED: 'the scanner’s verdict is known to be unreliable here',
  MANUAL_REVIEW: 'the scanner cannot judge it; a person must',
  NOT_ASSESSED: 'the scanner could not see it',
  NOT_APPLICABLE: 'does not apply to this host',
  WAIVED: 'a finding accepted by a waiver',
  SATISFIED: 'passes',
};

export const SEVERITY_LABELS: Readonly<Record<Severity, string>> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
};

export const STRIDE_DESCRIPTIONS: Readonly<Record<StrideCategory, string>> = {
  Spoofing: 'Posing as a trusted user, registry, daemon or client.',
  Tampering: 'Changing code, configuration, images or data without authorisation.',
  Repudiation: 'Acting without leaving evidence of who did what.',
  InformationDisclosure: 'Exposing data, secrets or traffic to those who should not see them.',
  DenialOfService: 'Exhausting or stopping the host, the daemon or the containers.',
  ElevationOfPrivilege: 'Turning a foothold into more privilege, up to root on the host.',
};

/** The threat sentence per category; `%` is replaced by the component's label. */
export const THREAT_STATEMENTS: Readonly<Record<StrideCategory, string>> = {
  Spoofing: 'An attacker can pose as a trusted party to the %',
  Tampering: 'The % can be changed without authorisation',
  Repudiation: 'Actions on the % may go unrecorded',
  InformationDisclosure: 'Data held by or passing through the % can be exposed',
  DenialOfService: 'The % can be exhausted or stopped',
  ElevationOfPrivilege: 'A foothold in the % can be turned into more privilege',
};

export const COMPONENT_LABELS: Readonly<Record<Component, string>> = {
  host: 'host',
  daemon: 'Docker daemon',
  'daemon-files': 'daemon configuration files',
  socket: 'Docker API socket',
  registry: 'registry connection',
  image: 'container images',
  'container-runtime': 'container runtime',
  'host-kernel': 'host kernel',
  swarm: 'swarm cluster',
  operations: 'operations',
  enterprise: 'enterprise features',
  'api-server': 'Kubernetes API server',
  etcd: 'etcd',
  'controller-manager': 'controller manager',
  scheduler: 'scheduler',
  kubelet: 'kubelet',
  'kube-proxy': 'kube-proxy',
  'control-plane-files': 'control-plane configuration files',
  'worker-files': 'worker node configuration files',
  policies: 'cluster policies',
  'managed-service': 'managed service',
};

export const TOOL_LABELS: Readonly<Record<ToolName, string>> = {
  'docker-bench-security': 'docker-bench-security',
  'aqua-docker-bench': 'aquasecurity docker-bench',
  'kube-bench': 'kube-bench',
};

/** Label of a component key we may not know (a user's mapping file can name others). */
export function componentLabel(component: string): string {
  return (COMPONENT_LABELS as Record<string, string>)[component] ?? component;
}

/** A numbering id as readers know it (`docker-bench-security v1.3.5 (CIS Docker v1.2.0)`); an unknown id as is. */
export function benchmarkLabel(id: string | null): string {
  if (id === null) return 'unknown numbering';
  const known = [...DBS_NUMBERINGS, ...AQUA_NUMBERINGS].find((n) => n.id === id);
  if (known) return known.label;
  if (id.startsWith('kube-')) return kubeBenchNumbering(id.slice('kube-'.length)).label;
  return id;
}

// ---------------------------------------------------------------------------------------
// Orders and de-duplication.

/** Most severe first: critical = 0. */
export const severityRank = (s: Severity) => SEVERITIES.indexOf(s);

/** One labelled count per category, in the order given. */
export function strideCounts(categories: readonly StrideCategory[], count: (c: StrideCategory) => number): StrideCount[] {
  return categories.map((category) => ({
    category,
    label: STRIDE_LABELS[category],
    letter: STRIDE_LETTERS[category],
    count: count(category),
  }));
}

/** `1 check`, `3 checks`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A byte count as readers take it in: `1.5 KiB (1536 bytes)`. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB (${bytes} bytes)`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB (${bytes} bytes)`;
  return `${bytes} bytes`;
}

/** The values without repeats, first occurrence kept. */
export function unique(values: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const v of values) {
    if (!seen.has(v)) {
      seen.add(v);
      out.push(v);
    }
  }
  return out;
}

/** The caveats without repeats (same rule and message), first occurrence kept. */
export function uniqueCaveats(caveats: CaveatNote[]): CaveatNote[] {
  const seen = new Set<string>();
  const out: CaveatNote[] = [];
  for (const c of caveats) {
    const k = `${c.rule}\u0000${c.message}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push({ rule: c.rule, message: c.message });
    }
  }
  return out;
}
