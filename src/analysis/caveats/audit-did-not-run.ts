/**
 * Checks whose test never ran (aquasecurity tools). kube-bench prints WARN with the reason
 * "audit test did not run: …" when the command or file a check needs is missing (the
 * component is not on this node, the config file is elsewhere); docker-bench prints
 * "There are no test items" or "Test output contains a nil value". Such a status judges
 * nothing: NOT_ASSESSED, with the reason.
 */
import { label, note, type CaveatRule } from './rule.js';

export const DID_NOT_RUN = /audit test did not run|there are no test items|test output contains a nil value|failed to find a valid sub check/i;

export const auditDidNotRun: CaveatRule = {
  id: 'audit-did-not-run',
  title: 'A check whose audit did not run judged nothing',
  catalogue: [],
  appliesTo: (run) => run.tool !== 'docker-bench-security',
  apply: (run) =>
    run.drafts
      .filter((d) => d.result.status !== 'PASS' && d.result.reason !== null && DID_NOT_RUN.test(d.result.reason))
      .map((d) => note(d, `${label(d)} did not run its test (${clip(d.result.reason!)}): not assessed.`, 'NOT_ASSESSED')),
};

function clip(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}
