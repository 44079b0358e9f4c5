/**
 * aquasecurity/kube-bench text output: one section per target (`[INFO] 4 Worker Node
 * Security Configuration`), each with its groups, results, `== Remediations <type> ==` and
 * `== Summary <type> ==`, then `== Summary total ==`. One invocation over several targets is
 * one run whose sections are the targets. See docs/formats/kube-bench.md.
 */
import { detectAqua } from './aqua/detect.js';
import { AquaTextParser } from './aqua/text-parser.js';
import type { Reader } from './reader.js';

export const kubeBenchText: Reader = {
  format: 'kube-bench-text',
  tool: 'kube-bench',
  description: 'a kube-bench text report',
  detect: (head) => detectAqua(head).kubeText,
  start: (ctx) => new AquaTextParser('kube-bench', ctx),
};
