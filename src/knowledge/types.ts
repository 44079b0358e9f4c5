/**
 * Types of the knowledge base: what stridebench knows about each CIS control that the
 * scanners do not say. Loaded from `data/*.csv` (see docs/stride.md for the columns).
 */
import type { ToolName } from '../model/types.js';

/** STRIDE categories, as stable identifiers (Microsoft threat-modelling names). */
export type StrideCategory =
  | 'Spoofing'
  | 'Tampering'
  | 'Repudiation'
  | 'InformationDisclosure'
  | 'DenialOfService'
  | 'ElevationOfPrivilege';

export const STRIDE_CATEGORIES: readonly StrideCategory[] = [
  'Spoofing',
  'Tampering',
  'Repudiation',
  'InformationDisclosure',
  'DenialOfService',
  'ElevationOfPrivilege',
];

/** Human labels for STRIDE categories. */
export const STRIDE_LABELS: Readonly<Record<StrideCategory, string>> = {
  Spoofing: 'Spoofing',
  Tampering: 'Tampering',
  Repudiation: 'Repudiation',
  InformationDisclosure: 'Information disclosure',
  DenialOfService: 'Denial of service',
  ElevationOfPrivilege: 'Elevation of privilege',
};

/** The one-letter abbreviation of each category (the S, T, R, I, D, E of STRIDE). */
export const STRIDE_LETTERS: Readonly<Record<StrideCategory, string>> = {
  Spoofing: 'S',
  Tampering: 'T',
  Repudiation: 'R',
  InformationDisclosure: 'I',
  DenialOfService: 'D',
  ElevationOfPrivilege: 'E',
};

/** What part of the system a control protects. */
export type Component =
  | 'host'
  | 'daemon'
  | 'daemon-files'
  | 'socket'
  | 'registry'
  | 'image'
  | 'container-runtime'
  | 'host-kernel'
  | 'swarm'
  | 'operations'
  | 'enterprise'
  | 'api-server'
  | 'etcd'
  | 'controller-manager'
  | 'scheduler'
  | 'kubelet'
  | 'kube-proxy'
  | 'control-plane-files'
  | 'worker-files'
  | 'policies'
  | 'managed-service';

/** How far a failing control reaches: daemon-wide settings weigh more than one container. */
export type Scope = 'host' | 'daemon' | 'image' | 'container' | 'swarm' | 'cluster' | 'node';

/** The concrete hardening action, in machine-usable form. Empty fields do not apply. */
export interface Fix {
  /** What to do, as Markdown (one short paragraph, may hold a code block). */
  action: string;
  /** daemon.json key and its value as JSON text (`true`, `"info"`, `["authz-broker"]`). */
  daemonJson: { key: string; value: string } | null;
  /** dockerd command-line flag equivalent (`--live-restore`). */
  dockerdFlag: string | null;
  /** `docker run` option (`--pids-limit 100`). */
  runFlag: string | null;
  /** File to fix, with mode and owner (`/etc/docker/daemon.json`, `644`, `root:root`). */
  file: { path: string; mode: string | null; owner: string | null } | null;
  /** Kubernetes component flag (`kube-apiserver --anonymous-auth=false`). */
  k8sFlag: { component: string; flag: string } | null;
  /** Operational impact: what can break, what to test. */
  impact: string;
  /** How to verify after the change (command or check). */
  verify: string | null;
  /**
   * True when the setting can be given both as a dockerd flag and in daemon.json and
   * dockerd refuses to start when both are set.
   */
  exclusiveSources: boolean;
}

export interface Control {
  /** Stable key, e.g. `docker.daemon.live-restore`. */
  key: string;
  platform: 'docker' | 'kubernetes';
  /** Our own short title (normalized; not a scanner's). */
  title: string;
  component: Component;
  scope: Scope;
  stride: { primary: StrideCategory; secondary: StrideCategory[] };
  /** One paragraph, our words: which threat it stops, against which component. */
  rationale: string;
  /** CIS reference (benchmark and section), e.g. `CIS Docker 1.6.0 §2.15`. */
  cisReference: string;
  /** Null only for controls that never fail (informational). */
  fix: Fix | null;
}

/** One (tool, numbering, id) → control mapping row. */
export interface IdMapping {
  tool: ToolName;
  /** Benchmark numbering id (see src/model/benchmarks.ts). */
  benchmark: string;
  /** The id as printed (`2.13.a`). */
  id: string;
  key: string;
  /** Title the scanner prints for this id in this numbering (normalized), for title fallback. */
  title: string;
}

/** How a result was tied to its control. */
export type ResolutionMethod = 'id' | 'title' | 'none';

export interface Resolution {
  control: Control | null;
  method: ResolutionMethod;
  /** Set when the resolution needed a fallback or failed. */
  warning: string | null;
}

/** The loaded, validated knowledge base (see src/knowledge/index.ts `loadKnowledge`). */
export interface KnowledgeBase {
  /** Version of the knowledge data (reports cite it). */
  readonly version: string;
  /** Every control, sorted by key. */
  controls(): readonly Control[];
  control(key: string): Control | undefined;
  /**
   * Tie a printed result to its control: by (tool, benchmark numbering, id) first; when the
   * numbering is unknown or the id is not in it, by normalized title (with a warning).
   */
  resolve(tool: ToolName, benchmark: string | null, id: string, title: string): Resolution;
  /** Every (tool, numbering, id) that maps to this control. */
  mappings(key: string): readonly IdMapping[];
  /** Every printed id a numbering of a tool maps to a control, each once, in data order. */
  idsOf(tool: ToolName, benchmark: string): readonly string[];
  /** Controls matching a user query: a stable key, or a printed id (optionally within one numbering). */
  find(query: string, benchmark?: string): Control[];
}
