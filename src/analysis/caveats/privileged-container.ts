/**
 * Privileged containers hide behind other passes (caveats.md C-14). The per-feature checks
 * inspect only explicit options: a `--privileged` container has an empty CapAdd (5.4
 * passes), no explicit `seccomp=unconfined` (5.22 passes) and an empty Devices list (5.18
 * lists nothing), yet it holds every capability, runs without seccomp and sees every host
 * device. For each privileged container those threats are reported as failed, whatever
 * the other checks said.
 */
import type { DraftResult, RunView } from '../run-view.js';
import { containerOfItem } from './scanner-container.js';
import { label, listOf, note, type CaveatRule, type RuleEffect } from './rule.js';

const HIDDEN_BEHIND: Readonly<Record<string, string>> = {
  capabilities: 'holds every Linux capability',
  'container-seccomp': 'runs without any seccomp profile',
  'host-devices': 'sees every host device',
};

export const privilegedContainer: CaveatRule = {
  id: 'privileged-container',
  title: 'Privileged containers pass the capability, seccomp and device checks',
  catalogue: ['C-14'],
  appliesTo: (run) => run.isDocker && privileged(run).length > 0,
  apply(run) {
    const names = privileged(run);
    const effects: RuleEffect[] = [];
    for (const d of run.drafts) {
      const hidden = d.concept !== null ? HIDDEN_BEHIND[d.concept] : undefined;
      if (hidden === undefined || d.verdict === 'NOT_ASSESSED') continue;
      const listed = new Set(d.result.items.map(containerOfItem));
      const missing = names.filter((n) => !listed.has(n));
      if (missing.length === 0) continue;
      const message = `${listOf(missing)} ${missing.length === 1 ? 'is' : 'are'} privileged, so ${missing.length === 1 ? 'it' : 'each'} ${hidden}, which ${label(d)} does not see (it inspects only explicit options).`;
      const turnsIntoFinding = d.result.status === 'PASS' && d.concept !== 'host-devices';
      effects.push(note(d, message, turnsIntoFinding ? 'FINDING' : undefined));
    }
    return effects;
  },
};

/** Names (or ids) of containers the privileged-containers check flagged. */
function privileged(run: RunView): string[] {
  const out = new Set<string>();
  for (const d of run.withConcept('privileged-containers')) {
    if (d.result.status === 'PASS') continue;
    for (const item of d.result.items) out.add(containerOfItem(item));
    for (const line of auditLines(d)) out.add(line);
  }
  return [...out].sort();
}

/** aqua's audit output: `<container id>:Privileged=true` lines name the privileged ones. */
function auditLines(d: DraftResult): string[] {
  const ids: string[] = [];
  for (const line of d.result.auditOutput) {
    const m = /^\s*([0-9a-f]{12,64})\s*:\s*Privileged=true\s*$/i.exec(line);
    if (m) ids.push(m[1]!.slice(0, 12));
  }
  return ids;
}
