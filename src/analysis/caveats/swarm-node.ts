/**
 * Swarm checks on a swarm node (caveats.md C-25).
 * - "Swarm mode is not enabled" WARNs on every swarm node, needed or not: a manual review
 *   of whether this host needs swarm.
 * - On a worker node, `docker node ls`, `docker swarm unlock-key` and `docker secret ls`
 *   are manager-only, so the manager-count and auto-lock checks WARN and the secrets
 *   check prints INFO whatever the cluster's configuration: NOT_ASSESSED (run the scanner
 *   on a manager). A worker is known from the facts, or suspected from exactly that
 *   pattern.
 * - The overlay-encryption check counts the default `ingress` network, unencrypted unless
 *   recreated, so it WARNs on nearly every swarm: when that is all it lists, one severity
 *   step lower.
 */
import type { Concept } from '../concepts.js';
import type { RunView } from '../run-view.js';
import { label, note, type CaveatRule, type RuleEffect } from './rule.js';

const MANAGER_ONLY: readonly Concept[] = ['swarm-managers', 'swarm-autolock', 'swarm-secrets', 'swarm-autolock-rotation', 'swarm-node-certs', 'swarm-ca-certs'];

export const swarmNode: CaveatRule = {
  id: 'swarm-node',
  title: 'Swarm checks on a worker node, the swarm-mode WARN and the default ingress network',
  catalogue: ['C-25'],
  appliesTo: (run) => run.isDocker && ['active', 'manager', 'worker'].includes(run.swarm()),
  apply(run) {
    const effects: RuleEffect[] = [];
    for (const d of run.withConcept('swarm-mode')) {
      if ((d.result.status === 'WARN' || d.result.status === 'FAIL') && d.verdict === 'FINDING') {
        effects.push(note(d, `${label(d)} fires on every swarm node: decide whether this host needs swarm at all.`, 'MANUAL_REVIEW'));
      }
    }
    const worker = workerEvidence(run);
    if (worker !== null) {
      for (const d of run.drafts) {
        if (d.concept === null || !MANAGER_ONLY.includes(d.concept) || d.result.status === 'PASS') continue;
        effects.push(note(d, `${label(d)} needs manager-only commands and ${worker}: not assessed here; run the scanner on a manager node.`, 'NOT_ASSESSED'));
      }
    }
    for (const d of run.withConcept('overlay-encryption')) {
      if (d.result.status !== 'WARN') continue;
      const names = d.result.items.filter((i) => !/^\(.*\)$/.test(i));
      if (names.length > 0 && names.every((n) => n === 'ingress')) {
        effects.push(note(d, `${label(d)} lists only the default ingress network, unencrypted unless recreated with --opt encrypted: lower severity.`, undefined, -1));
      }
    }
    return effects;
  },
};

function workerEvidence(run: RunView): string | null {
  if (run.facts.swarm === 'worker') return 'this is a worker node (from the facts)';
  if (run.facts.swarm === 'manager') return null;
  const pattern = run.status('swarm-managers') === 'WARN' && run.status('swarm-autolock') === 'WARN' && run.status('swarm-secrets') === 'INFO';
  return pattern ? 'the pattern of results (manager count and auto-lock WARN, secrets INFO) says this is probably a worker node' : null;
}
