/**
 * Layout signatures of the aquasecurity benchmark definitions, used only to tell which
 * numbering a run follows (Run.benchmark) and whether a run holds fewer checks than its
 * numbering defines (a `--check` selection). Ids, assessment words and counts only: no
 * control text lives here (that is the knowledge base's business).
 *
 * Generated from the cfg folders of aquasecurity/docker-bench (main c463c39; cis-1.3.1 as of
 * v0.5.0; legacy 1.13.0/17.06/18.09 as of v0.2.2) and aquasecurity/kube-bench (a73ce378, removed
 * folders from their last commit). See docs/formats/aqua-docker-bench.md and kube-bench.md.
 */

export interface DockerLayoutSource {
  /** cfg folder (`cis-1.2`); the numbering id is `aqua-<folder>`. */
  folder: string;
  /** Banner id as printed (`18.09`); empty for the legacy folders that print `[INFO]   CIS …`. */
  banner: string;
  /** Check ids in print order, space-separated; a repeated id is printed again (cis-1.6.0 5.12, 5.20, 7.1). */
  ids: string;
  /** Ids whose title ends in `(Not Scored)` or `(Manual)` (the rest say `(Scored)` or `(Automated)`). */
  weakAssessment: string;
}

export const DOCKER_LAYOUT_SOURCES: readonly DockerLayoutSource[] = [
  {
    folder: 'cis-1.0',
    banner: '1.13.0',
    ids: '1.1 1.2 1.3 1.4 1.5 1.6 1.7 1.8 1.9 1.10 1.11 1.12 1.13 2.1 2.2.a 2.2.b 2.3 2.4 2.5 2.6.a 2.6.b 2.7 2.8 2.9.a 2.9.b 2.10.a 2.10.b 2.11.a 2.11.b 2.12 2.13 2.14.a 2.14.b 2.15 2.16 2.17 2.18.a 2.18.b 2.19 2.20 2.21 3.1 3.2 3.3 3.4 3.5 3.6 3.7 3.8 3.9 3.10 3.11 3.12 3.13 3.14 3.15 3.16 3.17 3.18 3.19 3.20 4.1 4.2 4.3 4.4 4.5 4.6 4.7 4.8 4.9 4.10 4.11 5.1 5.2 5.3 5.4 5.5 5.6 5.7 5.8 5.9 5.10 5.11 5.12 5.13 5.14 5.15 5.16 5.17 5.18 5.19 5.20 5.21 5.22 5.23 5.24 5.25.a 5.25.b 5.26 5.27 5.28 5.29 5.30 5.31 6.1 6.2 6.3 6.4 6.5 7.1 7.2 7.3 7.4 7.5 7.6 7.7 7.8 7.9 7.10',
    weakAssessment: '1.2 1.3 2.7 2.20 4.2 4.3 4.4 4.7 4.8 4.9 4.10 4.11 5.17 5.18 5.27 5.29 6.1 6.2 6.3 6.4 6.5 7.5 7.7 7.8 7.9 7.10',
  },
  {
    folder: 'cis-1.1',
    banner: '17.06',
    ids: '1.1 1.2 1.3 1.4 1.5 1.6 1.7 1.8 1.9 1.10 1.11 1.12 1.13 2.1 2.2.a 2.2.b 2.3 2.4 2.5 2.6.a 2.6.b 2.7 2.8 2.9.a 2.9.b 2.10.a 2.10.b 2.11.a 2.11.b 2.12 2.13 2.14.a 2.14.b 2.15.a 2.15.b 2.16 2.17 2.18.a 2.18.b 3.1 3.2 3.3 3.4 3.5 3.6 3.7 3.8 3.9 3.10 3.11 3.12 3.13 3.14 3.15 3.16 3.17 3.18 3.19 3.20 4.1 4.2 4.3 4.4 4.5 4.6 4.7 4.8 4.9 4.10 4.11 5.1 5.2 5.3 5.4 5.5 5.6 5.7 5.8 5.9 5.10 5.11 5.12 5.13 5.14 5.15 5.16 5.17 5.18 5.19 5.20 5.21 5.22 5.23 5.24 5.25 5.26 5.27 5.28 5.29 5.30 5.31 6.1 6.2 7.1 7.2 7.3 7.4 7.5 7.6 7.7 7.8 7.9 7.10',
    weakAssessment: '1.2 1.3 2.7 2.16 4.2 4.3 4.4 4.7 4.8 4.9 4.10 4.11 5.17 5.18 5.27 5.29 6.1 6.2 7.5 7.7 7.8 7.9 7.10',
  },
  {
    folder: 'cis-1.2',
    banner: '18.09',
    ids: '1.1.1 1.1.2 1.2.1 1.2.2 1.2.3 1.2.4 1.2.5 1.2.6 1.2.7 1.2.8 1.2.9 1.2.10 1.2.11 1.2.12 2.1 2.2.a 2.2.b 2.3 2.4 2.5 2.6.a 2.6.b 2.7 2.8 2.9.a 2.9.b 2.10.a 2.10.b 2.11.a 2.11.b 2.12 2.13.a 2.13.b 2.14.a 2.14.b 2.15 2.16 2.17.a 2.17.b 3.1 3.2 3.3 3.4 3.5 3.6 3.7 3.8 3.9 3.10 3.11 3.12 3.13 3.14 3.15 3.16 3.17 3.18 3.19 3.20 3.21 3.22 4.1 4.2 4.3 4.4 4.5 4.6 4.7 4.8 4.9 4.10 4.11 5.1 5.2 5.3 5.4 5.5 5.6 5.7 5.8 5.9 5.10 5.11 5.12 5.13 5.14 5.15 5.16 5.17 5.18 5.19 5.20 5.21 5.22 5.23 5.24 5.25 5.26 5.27 5.28 5.29 5.30 5.31 6.1 6.2 7.1 7.2 7.3 7.4 7.5 7.6 7.7 7.8 7.9 7.10 8.1.1 8.1.2 8.1.3 8.1.4 8.1.5 8.1.6 8.1.7 8.2.1',
    weakAssessment: '1.1.1 1.1.2 2.7 2.15 4.2 4.3 4.4 4.7 4.8 4.9 4.10 4.11 5.8 5.17 5.18 5.23 5.27 5.29 6.1 6.2 7.5 7.7 7.8 7.9 7.10 8.1.3 8.1.4',
  },
  {
    folder: 'cis-1.3.1',
    banner: '20.04',
    ids: '1.1.1 1.1.2 1.1.3 1.1.4 1.1.5 1.1.6 1.1.7 1.1.8 1.1.9 1.1.10 1.1.11 1.1.12 1.1.13 1.1.14 1.1.15 1.1.16 1.1.17 1.1.18 1.2.1 1.2.2 2.1 2.2 2.3 2.4 2.5 2.6 2.7 2.8 2.9 2.10 2.11 2.12 2.13 2.14 2.15 2.16 2.17 2.18 3.1 3.2 3.3 3.4 3.5 3.6 3.7 3.8 3.9 3.10 3.11 3.12 3.13 3.14 3.15 3.16 3.17 3.18 3.19 3.20 3.21 3.22 3.23 3.24 4.1 4.2 4.3 4.4 4.5 4.6 4.7 4.8 4.9 4.10 4.11 5.1 5.2 5.3 5.4 5.5 5.6 5.7 5.8 5.9 5.10 5.11 5.12 5.13 5.14 5.15 5.16 5.17 5.18 5.19 5.20 5.21 5.22 5.23 5.24 5.25 5.26 5.27 5.28 5.29 5.30 5.31 6.1 6.2 7.1 7.2 7.3 7.4 7.5 7.6 7.7 7.8 7.9 7.10',
    weakAssessment: '1.2.1 1.2.2 2.1 2.8 2.17 4.2 4.3 4.4 4.7 4.8 4.9 4.10 4.11 5.8 5.17 5.18 5.23 5.27 5.29 6.1 6.2 7.5 7.7 7.8 7.9 7.10',
  },
  {
    folder: 'cis-1.6.0',
    banner: '20.10',
    ids: '1.1.1 1.1.2 1.1.3 1.1.4 1.1.5 1.1.6 1.1.7 1.1.8 1.1.9 1.1.10 1.1.11 1.1.12 1.1.13 1.1.14 1.1.15 1.1.16 1.1.17 1.1.18 1.2.1 1.2.2 2.1 2.2 2.3 2.4 2.5 2.6 2.7 2.8 2.9 2.10 2.11 2.12 2.13 2.14 2.15 2.16 2.17 2.18 3.1 3.2 3.3 3.4 3.5 3.6 3.7 3.8 3.9 3.10 3.11 3.12 3.13 3.14 3.15 3.16 3.17 3.18 3.19 3.20 3.21 3.22 3.23 3.24 4.1 4.2 4.3 4.4 4.5 4.6 4.7 4.8 4.9 4.10 4.11 4.12 5.1 5.2 5.3 5.4 5.5 5.6 5.7 5.8 5.9 5.10 5.11 5.12 5.12 5.14 5.15 5.16 5.17 5.18 5.19 5.20 5.20 5.22 5.23 5.24 5.25 5.26 5.27 5.28 5.29 5.30 5.31 5.32 6.1 6.2 7.1 7.1 7.2 7.3 7.4 7.5 7.6 7.7 7.8 7.9',
    weakAssessment: '1.1.1 1.1.2 1.1.5 1.1.15 1.1.17 1.1.18 1.2.1 1.2.2 2.1 2.2 2.3 2.4 2.5 2.6 2.7 2.8 2.9 2.10 2.11 2.12 2.13 2.14 2.15 2.16 2.17 2.18 3.9 3.10 3.11 3.12 3.13 3.14 3.17 3.18 3.19 3.20 3.21 3.22 4.1 4.2 4.3 4.4 4.5 4.6 4.7 4.8 4.9 4.10 4.11 4.12 5.1 5.2 5.3 5.4 5.5 5.6 5.7 5.8 5.9 5.10 5.11 5.12 5.12 5.14 5.15 5.16 5.17 5.18 5.19 5.20 5.20 5.22 5.23 5.24 5.25 5.26 5.27 5.28 5.30 5.31 5.32 6.1 6.2 7.1 7.2 7.3 7.4 7.5 7.6 7.7 7.8 7.9',
  },
  {
    folder: 'ocp-3.9',
    banner: 'ocp-3.9',
    ids: '1.1 1.2 1.3 1.4 1.5 1.6 1.7 1.8 1.9 1.10 1.11 1.12 1.13 2.1 2.2.a 2.2.b 2.3 2.4 2.5 2.6.a 2.6.b 2.7 2.8 2.9.a 2.9.b 2.10.a 2.10.b 2.11.a 2.11.b 2.12 2.13 2.14.a 2.14.b 2.15 2.18.a 2.18.b 2.19 2.20 2.21 3.1 3.2 3.3 3.4 3.5 3.6 3.7 3.8 3.15 3.16 4.1 4.2 4.3 4.4 4.5 4.6 4.7 4.8 4.9 4.10 4.11 5.2 5.3 5.4 5.5 5.6 5.7 5.8 5.9 5.10 5.11 5.12 5.13 5.14 5.15 5.16 5.17 5.18 5.19 5.20 5.21 5.22 5.23 5.24 5.25.a 5.25.b 5.26 5.27 5.28 5.29 5.30 5.31 6.1 6.2 6.3 6.4 6.5',
    weakAssessment: '1.2 1.3 2.7 2.20 4.2 4.3 4.4 4.7 4.8 4.9 4.10 4.11 5.17 5.18 5.27 5.29 6.1 6.2 6.3 6.4 6.5',
  },
  {
    folder: '1.13.0',
    banner: '',
    ids: '1.1 1.2 1.3 1.4 1.5 1.6 1.7 1.8 1.9 1.10 1.11 1.12 1.13 2.1 2.2 2.3 2.4 2.5 2.6 2.7 2.8 2.9 2.10 2.11 2.12 2.13 2.14 2.15 2.16 2.17 2.18 2.19 2.20 2.21 3.1 3.2 3.3 3.4 3.5 3.6 3.7 3.8 3.9 3.10 3.11 3.12 3.13 3.14 3.15 3.16 3.17 3.18 3.19 3.20 4.1 4.2 4.3 4.4 4.5 4.6 4.7 4.8 4.9 4.10 4.11 5.1 5.2 5.3 5.4 5.5 5.6 5.7 5.8 5.9 5.10 5.11 5.12 5.13 5.14 5.15 5.16 5.17 5.18 5.19 5.20 5.21 5.22 5.23 5.24 5.25 5.26 5.27 5.28 5.29 5.30 5.31 6.1 6.2 6.3 6.4 6.5 7.1 7.2 7.3 7.4 7.5 7.6 7.7 7.8 7.9 7.10',
    weakAssessment: '1.2 1.3 2.7 2.20 4.2 4.3 4.4 4.7 4.8 4.9 4.10 4.11 5.17 5.18 5.27 5.29 6.1 6.2 6.3 6.4 6.5 7.5 7.7 7.8 7.9 7.10',
  },
  {
    folder: '17.06',
    banner: '',
    ids: '1.1 1.2 1.3 1.4 1.5 1.6 1.7 1.8 1.9 1.10 1.11 1.12 1.13 2.1 2.2 2.3 2.4 2.5 2.6 2.7 2.8 2.9 2.10 2.11 2.12 2.13 2.14 2.15 2.16 2.17 2.18 3.1 3.2 3.3 3.4 3.5 3.6 3.7 3.8 3.9 3.10 3.11 3.12 3.13 3.14 3.15 3.16 3.17 3.18 3.19 3.20 4.1 4.2 4.3 4.4 4.5 4.6 4.7 4.8 4.9 4.10 4.11 5.1 5.2 5.3 5.4 5.5 5.6 5.7 5.8 5.9 5.10 5.11 5.12 5.13 5.14 5.15 5.16 5.17 5.18 5.19 5.20 5.21 5.22 5.23 5.24 5.25 5.26 5.27 5.28 5.29 5.30 5.31 6.1 6.2 7.1 7.2 7.3 7.4 7.5 7.6 7.7 7.8 7.9 7.10',
    weakAssessment: '1.2 1.3 2.7 2.16 4.2 4.3 4.4 4.7 4.8 4.9 4.10 4.11 5.17 5.18 5.27 5.29 6.1 6.2 7.5 7.7 7.8 7.9 7.10',
  },
  {
    folder: '18.09',
    banner: '18.09',
    ids: '1.1.1 1.1.2 1.2.1 1.2.2 1.2.3 1.2.4 1.2.5 1.2.6 1.2.7 1.2.8 1.2.9 1.2.10 1.2.11 1.2.12 2.1 2.2 2.3 2.4 2.5 2.6 2.7 2.8 2.9 2.10 2.11 2.12 2.13 2.14 2.15 2.16 2.17 3.1 3.2 3.3 3.4 3.5 3.6 3.7 3.8 3.9 3.10 3.11 3.12 3.13 3.14 3.15 3.16 3.17 3.18 3.19 3.20 3.21 3.22 4.1 4.2 4.3 4.4 4.5 4.6 4.7 4.8 4.9 4.10 4.11 5.1 5.2 5.3 5.4 5.5 5.6 5.7 5.8 5.9 5.10 5.11 5.12 5.13 5.14 5.15 5.16 5.17 5.18 5.19 5.20 5.21 5.22 5.23 5.24 5.25 5.26 5.27 5.28 5.29 5.30 5.31 6.1 6.2 7.1 7.2 7.3 7.4 7.5 7.6 7.7 7.8 7.9 7.10 8.1.1 8.1.2 8.1.3 8.1.4 8.1.5 8.1.6 8.1.7 8.2.1',
    weakAssessment: '1.1.1 1.1.2 2.7 2.15 4.2 4.3 4.4 4.7 4.8 4.9 4.10 4.11 5.8 5.17 5.18 5.23 5.27 5.29 6.1 6.2 7.5 7.7 7.8 7.9 7.10 8.1.3 8.1.4',
  },
];

export interface KubeLayoutSource {
  /** cfg folder (`cis-1.24`); the numbering id is `kube-<folder>`. */
  folder: string;
  /** The `version` the folder's YAML (and so the JSON output) carries. */
  version: string;
  /** True for folders kube-bench no longer ships. */
  removed: boolean;
  /**
   * Sections separated by `;`, each `<id>|<node type>|<title>|<group id>:<checks>,…`.
   */
  sections: string;
}

export const KUBE_LAYOUT_SOURCES: readonly KubeLayoutSource[] = [
  {
    folder: 'ack-1.0',
    version: 'ack-1.0',
    removed: false,
    sections: '1|master|Master Node Security Configuration|1.1:21,1.2:33,1.3:7,1.4:2;2|etcd|Etcd Node Configuration|2:7;3|controlplane|Control Plane Configuration|3.1:1,3.2:2;4|node|Worker Node Security Configuration|4.1:10,4.2:10;5|policies|Kubernetes Policies|5.1:6,5.2:9,5.3:2,5.4:2,5.5:1,5.6:4;6|managedservices|Managed Services|6.1:4,6.2:1,6.3:5,6.4:1,6.5:1,6.6:5',
  },
  {
    folder: 'aks-1.0',
    version: 'aks-1.0',
    removed: false,
    sections: '1|master|Control Plane Components|;2|controlplane|Control Plane Configuration|2.1:1;3|node|Worker Node Security Configuration|3.1:4,3.2:11;4|policies|Policies|4.1:6,4.2:9,4.3:0,4.4:2,4.5:2,4.6:1,4.7:3;5|managedservices|Managed Services|5.1:4,5.2:1,5.3:1,5.4:5,5.5:2,5.6:2',
  },
  {
    folder: 'aks-1.7',
    version: 'aks-1.7',
    removed: false,
    sections: '1|master|Control Plane Components|;2|controlplane|Control Plane Configuration|2.1:1;3|node|Worker Node Security Configuration|3.1:4,3.2:9;4|policies|Policies|4.1:6,4.2:5,4.3:0,4.4:2,4.5:2,4.6:3;5|managedservices|Managed Services|5.1:4,5.2:1,5.3:1,5.4:5,5.5:2',
  },
  {
    folder: 'aks-1.8',
    version: 'aks-1.8',
    removed: false,
    sections: '1|master|Control Plane Components|;2|controlplane|Control Plane Configuration|2.1:1;3|node|Worker Node Security Configuration|3.1:4,3.2:9;4|policies|Policies|4.1:12,4.2:5,4.3:0,4.4:2,4.5:2,4.6:3;5|managedservices|Managed Services|5.1:4,5.2:1,5.3:1,5.4:5,5.5:2',
  },
  {
    folder: 'cis-1.10',
    version: 'cis-1.10',
    removed: false,
    sections: '1|master|Control Plane Security Configuration|1.1:21,1.2:29,1.3:7,1.4:2;2|etcd|Etcd Node Configuration|2:7;3|controlplane|Control Plane Configuration|3.1:3,3.2:2;4|node|Worker Node Security Configuration|4.1:10,4.2:13,4.3:1;5|policies|Kubernetes Policies|5.1:13,5.2:13,5.3:2,5.4:2,5.5:1,5.7:4',
  },
  {
    folder: 'cis-1.11',
    version: 'cis-1.11',
    removed: false,
    sections: '1|master|Control Plane Security Configuration|1.1:21,1.2:30,1.3:7,1.4:2;2|etcd|Etcd Node Configuration|2:7;3|controlplane|Control Plane Configuration|3.1:3,3.2:2;4|node|Worker Node Security Configuration|4.1:10,4.2:15,4.3:1;5|policies|Kubernetes Policies|5.1:13,5.2:13,5.3:2,5.4:2,5.5:1,5.6:4',
  },
  {
    folder: 'cis-1.12',
    version: 'cis-1.12',
    removed: false,
    sections: '1|master|Control Plane Security Configuration|1.1:21,1.2:30,1.3:7,1.4:2;2|etcd|Etcd Node Configuration|2:7;3|controlplane|Control Plane Configuration|3.1:3,3.2:2;4|node|Worker Node Security Configuration|4.1:10,4.2:14,4.3:1;5|policies|Kubernetes Policies|5.1:13,5.2:12,5.3:2,5.4:2,5.5:1,5.6:4',
  },
  {
    folder: 'cis-1.20',
    version: 'cis-1.20',
    removed: false,
    sections: '1|master|Master Node Security Configuration|1.1:21,1.2:34,1.3:7,1.4:2;2|etcd|Etcd Node Configuration|2:7;3|controlplane|Control Plane Configuration|3.1:1,3.2:2;4|node|Worker Node Security Configuration|4.1:10,4.2:13;5|policies|Kubernetes Policies|5.1:8,5.2:9,5.3:2,5.4:2,5.5:1,5.7:4',
  },
  {
    folder: 'cis-1.23',
    version: 'cis-1.23',
    removed: false,
    sections: '1|master|Control Plane Security Configuration|1.1:21,1.2:32,1.3:7,1.4:2;2|etcd|Etcd Node Configuration|2:7;3|controlplane|Control Plane Configuration|3.1:1,3.2:2;4|node|Worker Node Security Configuration|4.1:10,4.2:13;5|policies|Kubernetes Policies|5.1:8,5.2:13,5.3:2,5.4:2,5.5:1,5.7:4',
  },
  {
    folder: 'cis-1.24',
    version: 'cis-1.24',
    removed: false,
    sections: '1|master|Control Plane Security Configuration|1.1:21,1.2:31,1.3:7,1.4:2;2|etcd|Etcd Node Configuration|2:7;3|controlplane|Control Plane Configuration|3.1:1,3.2:2;4|node|Worker Node Security Configuration|4.1:10,4.2:13;5|policies|Kubernetes Policies|5.1:8,5.2:13,5.3:2,5.4:2,5.5:1,5.7:4',
  },
  {
    folder: 'cis-1.24-microk8s',
    version: 'cis-1.24',
    removed: false,
    sections: '1|master|Control Plane Security Configuration|1.1:21,1.2:31,1.3:7,1.4:2;2|etcd|Etcd Node Configuration|2:7;3|controlplane|Control Plane Configuration|3.1:1,3.2:2;4|node|Worker Node Security Configuration|4.1:10,4.2:13;5|policies|Kubernetes Policies|5.1:8,5.2:13,5.3:2,5.4:2,5.5:1,5.7:4',
  },
  {
    folder: 'cis-1.5',
    version: 'cis-1.5',
    removed: false,
    sections: '1|master|Master Node Security Configuration|1.1:21,1.2:35,1.3:7,1.4:2;2|etcd|Etcd Node Configuration|2:7;3|controlplane|Control Plane Configuration|3.1:1,3.2:2;4|node|Worker Node Security Configuration|4.1:10,4.2:13;5|policies|Kubernetes Policies|5.1:6,5.2:9,5.3:2,5.4:2,5.5:1,5.7:4',
  },
  {
    folder: 'cis-1.6',
    version: 'cis-1.6',
    removed: false,
    sections: '1|master|Master Node Security Configuration|1.1:21,1.2:35,1.3:7,1.4:2;2|etcd|Etcd Node Configuration|2:7;3|controlplane|Control Plane Configuration|3.1:1,3.2:2;4|node|Worker Node Security Configuration|4.1:10,4.2:13;5|policies|Kubernetes Policies|5.1:6,5.2:9,5.3:2,5.4:2,5.5:1,5.7:4',
  },
  {
    folder: 'cis-1.6-k3s',
    version: 'cis-1.6-k3s',
    removed: false,
    sections: '1|master|Master Node Security Configuration|1.1:21,1.2:35,1.3:7,1.4:2;2|etcd|Etcd Node Configuration|2:7;3|controlplane|Control Plane Configuration|3.1:1,3.2:2;4|node|Worker Node Security Configuration|4.1:10,4.2:13;5|policies|Kubernetes Policies|5.1:6,5.2:9,5.3:2,5.4:2,5.5:1,5.7:4',
  },
  {
    folder: 'cis-1.7',
    version: 'cis-1.7',
    removed: false,
    sections: '1|master|Control Plane Security Configuration|1.1:21,1.2:31,1.3:7,1.4:2;2|etcd|Etcd Node Configuration|2:7;3|controlplane|Control Plane Configuration|3.1:3,3.2:2;4|node|Worker Node Security Configuration|4.1:10,4.2:13;5|policies|Kubernetes Policies|5.1:13,5.2:13,5.3:2,5.4:2,5.5:1,5.7:4',
  },
  {
    folder: 'cis-1.8',
    version: 'cis-1.8',
    removed: false,
    sections: '1|master|Control Plane Security Configuration|1.1:21,1.2:30,1.3:7,1.4:2;2|etcd|Etcd Node Configuration|2:7;3|controlplane|Control Plane Configuration|3.1:3,3.2:2;4|node|Worker Node Security Configuration|4.1:10,4.2:13;5|policies|Kubernetes Policies|5.1:13,5.2:13,5.3:2,5.4:2,5.5:1,5.7:4',
  },
  {
    folder: 'cis-1.9',
    version: 'cis-1.9',
    removed: false,
    sections: '1|master|Control Plane Security Configuration|1.1:21,1.2:29,1.3:7,1.4:2;2|etcd|Etcd Node Configuration|2:7;3|controlplane|Control Plane Configuration|3.1:3,3.2:2;4|node|Worker Node Security Configuration|4.1:10,4.2:13,4.3:1;5|policies|Kubernetes Policies|5.1:13,5.2:13,5.3:2,5.4:2,5.5:1,5.7:4',
  },
  {
    folder: 'eks-1.0.1',
    version: 'eks-1.0.1',
    removed: false,
    sections: '1|master|Control Plane Components|;2|controlplane|Control Plane Configuration|2.1:1;3|node|Worker Node Security Configuration|3.1:4,3.2:11;4|policies|Policies|4.1:6,4.2:9,4.3:2,4.4:2,4.5:1,4.6:3;5|managedservices|Managed Services|5.1:4,5.2:1,5.3:1,5.4:5,5.5:1,5.6:1',
  },
  {
    folder: 'eks-1.1.0',
    version: 'eks-1.1.0',
    removed: false,
    sections: '1|master|Control Plane Components|;2|controlplane|Control Plane Configuration|2.1:1;3|node|Worker Node Security Configuration|3.1:4,3.2:11,3.3:1;4|policies|Policies|4.1:6,4.2:9,4.3:2,4.4:2,4.5:0,4.6:3;5|managedservices|Managed Services|5.1:4,5.2:1,5.3:1,5.4:5,5.5:1,5.6:1',
  },
  {
    folder: 'eks-1.2.0',
    version: 'eks-1.2.0',
    removed: false,
    sections: '1|master|Control Plane Components|;2|controlplane|Control Plane Configuration|2.1:1;3|node|Worker Node Security Configuration|3.1:4,3.2:11,3.3:1;4|policies|Policies|4.1:8,4.2:8,4.3:2,4.4:2,4.5:0,4.6:3;5|managedservices|Managed Services|5.1:4,5.2:1,5.3:1,5.4:5,5.5:1,5.6:1',
  },
  {
    folder: 'eks-1.5.0',
    version: 'eks-1.5.0',
    removed: false,
    sections: '1|master|Control Plane Components|;2|controlplane|Control Plane Configuration|2.1:1;3|node|Worker Node Security Configuration|3.1:4,3.2:9;4|policies|Policies|4.1:8,4.2:5,4.3:2,4.4:2,4.5:3;5|managedservices|Managed Services|5.1:4,5.2:1,5.3:1,5.4:5,5.5:1',
  },
  {
    folder: 'eks-1.7.0',
    version: 'eks-1.7.0',
    removed: false,
    sections: '1|master|Control Plane Components|;2|controlplane|Control Plane Configuration|2.1:2;3|node|Worker Nodes|3.1:4,3.2:9;4|policies|Policies|4.1:8,4.2:5,4.3:2,4.4:2,4.5:2;5|managedservices|Managed Services|5.1:4,5.2:1,5.3:1,5.4:5,5.5:1',
  },
  {
    folder: 'eks-1.8.0',
    version: 'eks-1.8.0',
    removed: false,
    sections: '1|master|Control Plane Components|;2|controlplane|Control Plane Configuration|2.1:2;3|node|Worker Nodes|3.1:4,3.2:9;4|policies|Policies|4.1:12,4.2:5,4.3:2,4.4:2,4.5:2;5|managedservices|Managed Services|5.1:4,5.2:1,5.3:1,5.4:5,5.5:1',
  },
  {
    folder: 'eks-stig-kubernetes-v1r6',
    version: 'eks-stig-kubernetes-v1r6',
    removed: false,
    sections: '1|master|Control Plane Components|;2|controlplane|Control Plane Configuration|2.1:2,2.2:8,2.2:1;3|node|Worker Node Security Configuration|3.1:18;4|policies|Policies|4.1:3;5|managedservices|Managed Services|5.1:4,5.2:59',
  },
  {
    folder: 'gke-1.0',
    version: 'gke-1.0',
    removed: false,
    sections: '1|master|Control Plane Components|1.1:21,1.2:35,1.3:7,1.4:2;2|etcd|Etcd Node Configuration|2:7;3|controlplane|Control Plane Configuration|3.1:1,3.2:2;4|node|Worker Node Security Configuration|4.1:10,4.2:13;5|policies|Kubernetes Policies|5.1:6,5.2:9,5.3:2,5.4:2,5.5:1,5.6:4;6|managedservices|Managed Services|6.1:4,6.2:2,6.3:1,6.4:2,6.5:7,6.6:8,6.7:2,6.8:4,6.9:1,6.10:6',
  },
  {
    folder: 'gke-1.2.0',
    version: 'gke-1.2.0',
    removed: false,
    sections: '1|master|Control Plane Components|;2|controlplane|Control Plane Configuration|2.1:1,2.2:2;3|node|Worker Node Security Configuration|3.1:4,3.2:12;4|policies|Kubernetes Policies|4.1:6,4.2:9,4.3:2,4.4:2,4.5:1,4.6:4;5|managedservices|Managed Services|5.1:4,5.2:2,5.3:1,5.4:2,5.5:7,5.6:8,5.7:2,5.8:4,5.9:1,5.10:6',
  },
  {
    folder: 'gke-1.6.0',
    version: 'gke-1.6.0',
    removed: false,
    sections: '1|master|Control Plane Components|;2|controlplane|Control Plane Configuration|2.1:1;3|node|Worker Node Security Configuration|3.1:4,3.2:9;4|policies|Kubernetes Policies|4.1:10,4.2:1,4.3:2,4.4:2,4.5:1,4.6:4;5|managedservices|Managed Services|5.1:4,5.2:2,5.3:1,5.4:1,5.5:7,5.6:7,5.7:2,5.8:3,5.9:2,5.10:5',
  },
  {
    folder: 'gke-1.8.0',
    version: 'gke-1.8.0',
    removed: false,
    sections: '1|master|Control Plane Components|;2|controlplane|Control Plane Configuration|;3|node|Worker Nodes|3.1:4;4|policies|Kubernetes Policies|4.1:10,4.2:1,4.3:2,4.4:2,4.5:1,4.6:4;5|managedservices|Managed Services|5.1:4,5.2:2,5.3:1,5.4:1,5.5:7,5.6:7,5.7:2,5.8:3,5.9:2,5.10:4',
  },
  {
    folder: 'gke-1.9.0',
    version: 'gke-1.9.0',
    removed: false,
    sections: '1|master|Control Plane Components|;2|controlplane|Control Plane Configuration|;3|node|Worker Nodes|3.1:4;4|policies|Kubernetes Policies|4.1:10,4.2:1,4.3:2,4.4:2,4.5:1,4.6:4;5|managedservices|Managed Services|5.1:4,5.2:2,5.3:1,5.4:1,5.5:7,5.6:7,5.7:2,5.8:3,5.9:2,5.10:4',
  },
  {
    folder: 'k3s-cis-1.23',
    version: 'k3s-cis-1.23',
    removed: false,
    sections: '1|master|Control Plane Security Configuration|1.1:21,1.2:32,1.3:7,1.4:2;2|etcd|Etcd Node Configuration|2:7;3|controlplane|Control Plane Configuration|3.1:1,3.2:2;4|node|Worker Node Security Configuration|4.1:10,4.2:13;5|policies|Kubernetes Policies|5.1:8,5.2:13,5.3:2,5.4:2,5.5:1,5.7:4',
  },
  {
    folder: 'k3s-cis-1.24',
    version: 'k3s-cis-1.24',
    removed: false,
    sections: '1|master|Control Plane Security Configuration|1.1:21,1.2:32,1.3:7,1.4:2;2|etcd|Etcd Node Configuration|2:7;3|controlplane|Control Plane Configuration|3.1:1,3.2:2;4|node|Worker Node Security Configuration|4.1:10,4.2:13;5|policies|Kubernetes Policies|5.1:8,5.2:13,5.3:2,5.4:2,5.5:1,5.7:4',
  },
  {
    folder: 'k3s-cis-1.7',
    version: 'k3s-cis-1.7',
    removed: false,
    sections: '1|master|Control Plane Security Configuration|1.1:21,1.2:31,1.3:7,1.4:2;2|etcd|Etcd Node Configuration|2:7;3|controlplane|Control Plane Configuration|3.1:3,3.2:2;4|node|Worker Node Security Configuration|4.1:10,4.2:13;5|policies|Kubernetes Policies|5.1:13,5.2:13,5.3:2,5.4:2,5.5:1,5.7:4',
  },
  {
    folder: 'k3s-cis-1.8',
    version: 'k3s-cis-1.8',
    removed: false,
    sections: '1|master|Control Plane Security Configuration|1.1:21,1.2:30,1.3:7,1.4:2;2|etcd|Etcd Node Configuration|2:7;3|controlplane|Control Plane Configuration|3.1:3,3.2:2;4|node|Worker Node Security Configuration|4.1:10,4.2:13;5|policies|Kubernetes Policies|5.1:13,5.2:13,5.3:2,5.4:2,5.5:1,5.7:4',
  },
  {
    folder: 'k3s-cis-1.9',
    version: 'k3s-cis-1.9',
    removed: false,
    sections: '1|master|Control Plane Security Configuration|1.1:21,1.2:29,1.3:7,1.4:2;2|etcd|Etcd Node Configuration|2:7;3|controlplane|Control Plane Configuration|3.1:3,3.2:2;4|node|Worker Node Security Configuration|4.1:10,4.2:13,4.3:1;5|policies|Kubernetes Policies|5.1:13,5.2:13,5.3:2,5.4:2,5.5:1,5.7:4',
  },
  {
    folder: 'rh-0.7',
    version: 'rh-0.7',
    removed: false,
    sections: '1|master|Securing the OpenShift Master|1:37,2:1,3:7,4:18,5:9,6:9;2|node|Worker Node Security Configuration|7:15,8:8',
  },
  {
    folder: 'rh-1.0',
    version: 'rh-1.0',
    removed: false,
    sections: '1|master|Master Node Security Configuration|1.1:21,1.2:35,1.3:7,1.4:2;2|etcd|Etcd Node Configuration|2:7;3|controlplane|Control Plane Configuration|3.1:1,3.2:2;4|node|Worker Node Security Configuration|4.1:10,4.2:13;5|policies|Kubernetes Policies|5.1:6,5.2:9,5.3:2,5.4:2,5.5:1,5.7:4',
  },
  {
    folder: 'rh-1.4',
    version: 'rh-1.4',
    removed: false,
    sections: '1|master|Control Plane Components|1.1:21,1.2:33,1.3:5,1.4:2;2|etcd|Etcd|2:7;3|controlplane|Control Plane Configuration|3.1:1,3.2:2;4|node|Worker Nodes|4.1:10,4.2:12;5|policies|Policies|5.1:6,5.2:10,5.3:2,5.4:2,5.5:1,5.7:4',
  },
  {
    folder: 'rh-1.8',
    version: 'rh-1.8',
    removed: false,
    sections: '1|master|Control Plane Components|1.1:21,1.2:31,1.3:4,1.4:2;2|etcd|Etcd|2:7;3|controlplane|Control Plane Configuration|3.1:1,3.2:2;4|node|Worker Nodes|4.1:10,4.2:12;5|policies|Policies|5.1:6,5.2:10,5.3:2,5.4:2,5.5:1,5.7:4',
  },
  {
    folder: 'rke-cis-1.23',
    version: 'rke-cis-1.23',
    removed: false,
    sections: '1|master|Control Plane Security Configuration|1.1:21,1.2:32,1.3:7,1.4:2;2|etcd|Etcd Node Configuration|2:7;3|controlplane|Control Plane Configuration|3.1:1,3.2:2;4|node|Worker Node Security Configuration|4.1:10,4.2:13;5|policies|Kubernetes Policies|5.1:8,5.2:13,5.3:2,5.4:2,5.5:1,5.7:4',
  },
  {
    folder: 'rke-cis-1.24',
    version: 'rke-cis-1.24',
    removed: false,
    sections: '1|master|Control Plane Security Configuration|1.1:21,1.2:32,1.3:7,1.4:2;2|etcd|Etcd Node Configuration|2:7;3|controlplane|Control Plane Configuration|3.1:1,3.2:2;4|node|Worker Node Security Configuration|4.1:10,4.2:13;5|policies|Kubernetes Policies|5.1:8,5.2:13,5.3:2,5.4:2,5.5:1,5.7:4',
  },
  {
    folder: 'rke-cis-1.7',
    version: 'rke-cis-1.7',
    removed: false,
    sections: '1|master|Control Plane Security Configuration|1.1:21,1.2:31,1.3:7,1.4:2;2|etcd|Etcd Node Configuration|2:7;3|controlplane|Control Plane Configuration|3.1:3,3.2:2;4|node|Worker Node Security Configuration|4.1:10,4.2:13;5|policies|Kubernetes Policies|5.1:13,5.2:13,5.3:2,5.4:2,5.5:1,5.7:4',
  },
  {
    folder: 'rke2-cis-1.23',
    version: 'rke2-cis-1.23',
    removed: false,
    sections: '1|master|Control Plane Security Configuration|1.1:21,1.2:32,1.3:7,1.4:2;2|etcd|Etcd Node Configuration|2:7;3|controlplane|Control Plane Configuration|3.1:1,3.2:2;4|node|Worker Node Security Configuration|4.1:10,4.2:13;5|policies|Kubernetes Policies|5.1:8,5.2:13,5.3:2,5.4:2,5.5:1,5.7:4',
  },
  {
    folder: 'rke2-cis-1.24',
    version: 'rke2-cis-1.24',
    removed: false,
    sections: '1|master|Control Plane Security Configuration|1.1:21,1.2:32,1.3:7,1.4:2;2|etcd|Etcd Node Configuration|2:7;3|controlplane|Control Plane Configuration|3.1:1,3.2:2;4|node|Worker Node Security Configuration|4.1:10,4.2:13;5|policies|Kubernetes Policies|5.1:8,5.2:13,5.3:2,5.4:2,5.5:1,5.7:4',
  },
  {
    folder: 'rke2-cis-1.7',
    version: 'rke2-cis-1.7',
    removed: false,
    sections: '1|master|Control Plane Security Configuration|1.1:21,1.2:31,1.3:7,1.4:2;2|etcd|Etcd Node Configuration|2:7;3|controlplane|Control Plane Configuration|3.1:3,3.2:2;4|node|Worker Node Security Configuration|4.1:10,4.2:13;5|policies|Kubernetes Policies|5.1:13,5.2:13,5.3:2,5.4:2,5.5:1,5.7:4',
  },
  {
    folder: 'rke2-cis-1.8',
    version: 'rke2-cis-1.8',
    removed: false,
    sections: '1|master|Control Plane Security Configuration|1.1:21,1.2:30,1.3:7,1.4:2;2|etcd|Etcd Node Configuration|2:7;3|controlplane|Control Plane Configuration|3.1:3,3.2:2;4|node|Worker Node Security Configuration|4.1:10,4.2:13;5|policies|Kubernetes Policies|5.1:13,5.2:13,5.3:2,5.4:2,5.5:1,5.7:4',
  },
  {
    folder: 'tkgi-1.2.53',
    version: 'tkgi-1.2.53',
    removed: false,
    sections: '1|master|Master Node Security Configuration|1.1:21,1.2:35,1.3:7,1.4:2;2|etcd|Etcd Node Configuration|2:7;3|controlplane|Control Plane Configuration|3.1:1,3.2:2;4|node|Worker Node Security Configuration|4.1:10,4.2:13;5|policies|Kubernetes Policies|5.1:6,5.2:9,5.3:2,5.4:2,5.5:1,5.7:4',
  },
  {
    folder: '1.11',
    version: '1.11',
    removed: true,
    sections: '1|master|Master Node Security Configuration|1.1:40,1.2:2,1.3:7,1.4:18,1.5:7,1.6:8,1.7:7;2|node|Worker Node Security Configuration|2.1:15,2.2:10',
  },
  {
    folder: '1.11-json',
    version: '1.11',
    removed: true,
    sections: '2|node|Worker Node Security Configuration|2.1:15,2.2:10',
  },
  {
    folder: '1.13',
    version: '1.13',
    removed: true,
    sections: '1|master|Master Node Security Configuration|1.1:40,1.2:2,1.3:7,1.4:21,1.5:7,1.6:8,1.7:7;2|node|Worker Node Security Configuration|2.1:14,2.2:10',
  },
  {
    folder: '1.13-json',
    version: '1.13',
    removed: true,
    sections: '2|node|Worker Node Security Configuration|2.1:14,2.2:10',
  },
  {
    folder: '1.6',
    version: '1.6',
    removed: true,
    sections: '1|master|Master Node Security Configuration|1.1:31,1.2:1,1.3:6,1.4:12,1.5:9,1.6:8;2|node|Worker Node Security Configuration|2.1:13,2.2:6;3|federated|Federated Deployments|3.1:19,3.2:1',
  },
  {
    folder: '1.7',
    version: '1.7',
    removed: true,
    sections: '1|master|Master Node Security Configuration|1.1:35,1.2:1,1.3:7,1.4:12,1.5:9,1.6:8;2|node|Worker Node Security Configuration|2.1:15,2.2:8;3|federated|Federated Deployments|3.1:19,3.2:1',
  },
  {
    folder: '1.8',
    version: '1.8',
    removed: true,
    sections: '1|master|Master Node Security Configuration|1.1:37,1.2:1,1.3:7,1.4:18,1.5:9,1.6:9;2|node|Worker Node Security Configuration|2.1:15,2.2:8;3|federated|Federated Deployments|3.1:19,3.2:1',
  },
  {
    folder: 'cis-1.3',
    version: '1.11',
    removed: true,
    sections: '1|master|Master Node Security Configuration|1.1:40,1.2:2,1.3:7,1.4:18,1.5:7,1.6:8,1.7:7;2|node|Worker Node Security Configuration|2.1:15,2.2:10',
  },
  {
    folder: 'cis-1.4',
    version: '1.13',
    removed: true,
    sections: '1|master|Master Node Security Configuration|1.1:40,1.2:2,1.3:7,1.4:21,1.5:7,1.6:8,1.7:7;2|node|Worker Node Security Configuration|2.1:14,2.2:10',
  },
  {
    folder: 'eks-1.0',
    version: 'eks-1.0',
    removed: true,
    sections: '1|master|Control Plane Components|;2|controlplane|Control Plane Configuration|2.1:1;3|node|Worker Node Security Configuration|3.1:4,3.2:11;4|policies|Policies|4.1:6,4.2:9,4.3:2,4.4:2,4.5:1,4.6:4;5|managedservices|Managed Services|5.1:4,5.2:1,5.3:1,5.4:5,5.5:1,5.6:1',
  },
  {
    folder: 'ocp-3.10',
    version: '',
    removed: true,
    sections: '1|master|Securing the OpenShift Master|1:37,2:1,3:7,4:18,5:9,6:9;2|node|Worker Node Security Configuration|7:15,8:8',
  },
  {
    folder: 'ocp-3.11',
    version: '',
    removed: true,
    sections: '1|master|Securing the OpenShift Master|1:37,2:1,3:7,4:18,5:9,6:9;2|node|Worker Node Security Configuration|7:15,8:8',
  },
];
