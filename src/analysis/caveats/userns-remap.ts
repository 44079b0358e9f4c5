/**
 * userns-remap interactions (caveats.md C-13).
 * - Without remapping, every container already shares the host user namespace with an
 *   empty UsernsMode, so the "host user namespace not shared" check (5.31) passes while no
 *   isolation exists, and `--userns=host` changes nothing: NOT_APPLICABLE, the risk stays
 *   on the remapping check (2.9).
 * - With remapping, privileged, host-network and host-PID containers must add
 *   `--userns=host`; those in the 5.31 list are explained by 5.5/5.10/5.16.
 * - With remapping but no authorization plugin, any API client can opt a container out
 *   with `--userns=host`.
 */
import { containerOfItem } from './scanner-container.js';
import { label, listOf, note, type CaveatRule, type RuleEffect } from './rule.js';

export const usernsRemap: CaveatRule = {
  id: 'userns-remap',
  title: 'The host-user-namespace check means nothing without userns-remap',
  catalogue: ['C-13'],
  appliesTo: (run) => run.isDocker && run.first('userns-remap') !== undefined && run.facts.rootless !== true,
  apply(run) {
    const effects: RuleEffect[] = [];
    const remap = run.first('userns-remap')!;
    const remapped = remap.result.status === 'PASS';
    const hostUserns = run.withConcept('host-userns');
    if (!remapped && remap.verdict !== 'UNVERIFIED') {
      for (const d of hostUserns) {
        if (d.verdict === 'NOT_ASSESSED') continue;
        effects.push(
          note(
            d,
            `${label(d)}: user-namespace remapping is off (${label(remap)}), so every container already shares the host user namespace and this check ` +
              `cannot fail meaningfully: not applicable. The risk is tracked on ${label(remap)}.`,
            'NOT_APPLICABLE',
          ),
        );
      }
      return effects;
    }
    if (!remapped) return effects;
    const explained = new Set(
      (['privileged-containers', 'host-network', 'host-pid'] as const).flatMap((c) => run.withConcept(c).flatMap((d) => d.result.items.map(containerOfItem))),
    );
    for (const d of hostUserns) {
      const names = d.result.items.map(containerOfItem);
      if (d.result.status !== 'PASS' && names.length > 0 && names.every((n) => explained.has(n))) {
        effects.push(note(d, `${listOf(names)} must use --userns=host because they are privileged or share the host network/PID namespace: fix those checks first.`));
      }
    }
    if (run.status('authz-plugin') !== 'PASS') {
      effects.push(note(remap, `${label(remap)} passes, but without an authorization plugin any API client can opt a container out of remapping with --userns=host.`));
    }
    return effects;
  },
};
