/** Every reader, in the order detection ties are broken. A new scanner = one module + one line here. */
import type { Reader } from './reader.js';
import { dockerBenchSecurityText } from './docker-bench-security-text.js';
import { dockerBenchSecurityJson } from './docker-bench-security-json.js';
import { aquaDockerBenchText } from './aqua-docker-bench-text.js';
import { aquaDockerBenchJson } from './aqua-docker-bench-json.js';
import { kubeBenchText } from './kube-bench-text.js';
import { kubeBenchJson } from './kube-bench-json.js';
import { markdownEmbedded } from './markdown.js';

export const READERS: readonly Reader[] = [
  markdownEmbedded,
  dockerBenchSecurityJson,
  aquaDockerBenchJson,
  kubeBenchJson,
  dockerBenchSecurityText,
  aquaDockerBenchText,
  kubeBenchText,
];

export function readerFor(format: string): Reader | undefined {
  return READERS.find((r) => r.format === format);
}
