/**
 * aquasecurity/docker-bench text output (bench-common `PrettyPrint`): banner, group headers,
 * `[STATUS] <id> <title>` results, tab-indented audit output, the `== Remediations ==` and
 * `== Summary ==` blocks. Several banners in one file are several runs. The grammar and the
 * parser are shared with kube-bench (./aqua/); see docs/formats/aqua-docker-bench.md.
 */
import { detectAqua } from './aqua/detect.js';
import { AquaTextParser } from './aqua/text-parser.js';
import type { Reader } from './reader.js';

export const aquaDockerBenchText: Reader = {
  format: 'aqua-docker-bench-text',
  tool: 'aqua-docker-bench',
  description: 'an aquasecurity/docker-bench text report',
  detect: (head) => detectAqua(head).dockerText,
  start: (ctx) => new AquaTextParser('aqua-docker-bench', ctx),
};
