/**
 * Benchmark numberings: which set of check ids a run uses. Ids of the same control move
 * between numberings, so the knowledge base maps (numbering, id) to a stable control key.
 *
 * Readers detect the numbering from check titles (the printed tool version lies; see
 * docs/formats.md) and store one of these ids in `Run.benchmark`.
 */
import type { ToolName } from './types.js';

export interface BenchmarkNumbering {
  id: string;
  tool: ToolName;
  /** Human description: which releases print this numbering, which CIS document it follows. */
  label: string;
}

const dbs = (id: string, label: string): BenchmarkNumbering => ({ id: `dbs-${id}`, tool: 'docker-bench-security', label });
const aqua = (id: string, label: string): BenchmarkNumbering => ({ id: `aqua-${id}`, tool: 'aqua-docker-bench', label });

/** docker/docker-bench-security numberings. Releases that print identical ids and titles share one entry. */
export const DBS_NUMBERINGS: readonly BenchmarkNumbering[] = [
  dbs('v1.1.0', 'docker-bench-security v1.1.0 (CIS Docker 1.11.0 v1.0.0)'),
  dbs('v1.2.0', 'docker-bench-security v1.2.0 (CIS Docker 1.12.0 v1.0.0)'),
  dbs('v1.3.0', 'docker-bench-security v1.3.0 – v1.3.2 (CIS Docker 1.13.0 v1.0.0)'),
  dbs('v1.3.3', 'docker-bench-security v1.3.3 and untagged 1.3.4 builds / Docker Hub image (CIS Docker CE v1.1.0)'),
  dbs('v1.3.5', 'docker-bench-security v1.3.5 (CIS Docker v1.2.0)'),
  dbs('dev-2021', 'docker-bench-security untagged 2021 builds with CIS 1.2.0 numbering in Section A/B/C frame'),
  dbs('v1.3.6', 'docker-bench-security v1.3.6 (CIS Docker v1.4.0)'),
  dbs('v1.5.0', 'docker-bench-security v1.5.0 – v1.6.0 (CIS Docker v1.5.0/v1.6.0)'),
  dbs('v1.6.1', 'docker-bench-security v1.6.1 and later (CIS Docker v1.6.0, section 5/7 renumbered)'),
];

/** docker-bench-security releases (keys of the reference check catalogue) → the numbering they print. */
export const DBS_REF_NUMBERING: Readonly<Record<string, string>> = {
  'v1.1.0': 'dbs-v1.1.0',
  'v1.2.0': 'dbs-v1.2.0',
  'v1.3.0': 'dbs-v1.3.0',
  'v1.3.1': 'dbs-v1.3.0',
  'v1.3.2': 'dbs-v1.3.0',
  'v1.3.3': 'dbs-v1.3.3',
  'v1.3.4-untagged': 'dbs-v1.3.3',
  'v1.3.5': 'dbs-v1.3.5',
  'v1.3.6-dev-2021-04': 'dbs-dev-2021',
  'v1.3.6': 'dbs-v1.3.6',
  'v1.5.0': 'dbs-v1.5.0',
  'v1.6.0': 'dbs-v1.5.0',
  'v1.6.1': 'dbs-v1.6.1',
  master: 'dbs-v1.6.1',
};

/** aquasecurity/docker-bench definitions folders. */
export const AQUA_NUMBERINGS: readonly BenchmarkNumbering[] = [
  aqua('cis-1.0', 'aqua docker-bench cfg/cis-1.0 (banner 1.13.0, a/b sub-checks)'),
  aqua('cis-1.1', 'aqua docker-bench cfg/cis-1.1 (banner 17.06, a/b sub-checks)'),
  aqua('cis-1.2', 'aqua docker-bench cfg/cis-1.2 (banner 18.09, a/b sub-checks)'),
  aqua('cis-1.3.1', 'aqua docker-bench cfg/cis-1.3.1 (banner 20.04 or 20.10)'),
  aqua('cis-1.6.0', 'aqua docker-bench cfg/cis-1.6.0 (banner 20.10)'),
  aqua('ocp-3.9', 'aqua docker-bench cfg/ocp-3.9'),
  aqua('1.13.0', 'aqua docker-bench legacy folder 1.13.0 (no a/b sub-checks)'),
  aqua('17.06', 'aqua docker-bench legacy folder 17.06 (no a/b sub-checks)'),
  aqua('18.09', 'aqua docker-bench legacy folder 18.09 (no a/b sub-checks)'),
];

/** kube-bench benchmark folders are numberings too: `kube-<folder>` (kube-cis-1.24, kube-eks-1.2.0, …). */
export function kubeBenchNumbering(folder: string): BenchmarkNumbering {
  return { id: `kube-${folder}`, tool: 'kube-bench', label: `kube-bench cfg/${folder}` };
}
