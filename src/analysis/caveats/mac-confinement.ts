/**
 * AppArmor and SELinux are one control (caveats.md C-22, 5.2/5.3). A host runs one Linux
 * security module, so on every host one of the two checks WARNs for every container;
 * and the SELinux check ignores the labels moby assigns automatically. A container is
 * confined when either check passes for it:
 * - one check passes outright → the other's WARN is SATISFIED;
 * - both WARN → the containers on both lists are unconfined or unknown: UNVERIFIED unless
 *   the facts name the host's LSM (then the other module's check is NOT_APPLICABLE);
 *   containers on only one list are confined by the other module.
 */
import type { DraftResult, RunView } from '../run-view.js';
import { containerOfItem } from './scanner-container.js';
import { label, listOf, note, type CaveatRule, type RuleEffect } from './rule.js';

export const macConfinement: CaveatRule = {
  id: 'mac-confinement',
  title: 'AppArmor and SELinux checks judge one control; one always WARNs',
  catalogue: ['C-22'],
  appliesTo: (run) => run.tool === 'docker-bench-security' && run.first('apparmor') !== undefined && run.first('selinux') !== undefined,
  apply(run) {
    const apparmor = run.withConcept('apparmor').filter(active);
    const selinux = run.withConcept('selinux').filter(active);
    if (apparmor.length === 0 || selinux.length === 0) return [];
    const lsm = run.facts.lsm?.toLowerCase();
    if (lsm === 'apparmor' || lsm === 'selinux') return byFacts(lsm, apparmor, selinux);
    const aaPass = apparmor.every((d) => d.result.status === 'PASS');
    const sePass = selinux.every((d) => d.result.status === 'PASS');
    if (aaPass || sePass) {
      const [confining, other] = aaPass ? ['AppArmor', selinux] : ['SELinux', apparmor];
      return other
        .filter((d) => d.result.status !== 'PASS')
        .map((d) => note(d, `${label(d)}: a host runs one security module, and ${confining} confines every container here; this check WARNs for the module the host does not use.`, 'SATISFIED'));
    }
    return bothWarn(run, apparmor, selinux);
  },
};

function active(d: DraftResult): boolean {
  return d.verdict !== 'NOT_ASSESSED' && d.verdict !== 'NOT_APPLICABLE';
}

function byFacts(lsm: string, apparmor: DraftResult[], selinux: DraftResult[]): RuleEffect[] {
  const [unused, used] = lsm === 'apparmor' ? [selinux, apparmor] : [apparmor, selinux];
  const effects: RuleEffect[] = unused.map((d) =>
    note(d, `${label(d)}: the host uses ${lsm === 'apparmor' ? 'AppArmor' : 'SELinux'} (from the facts), so this module's check does not apply.`, 'NOT_APPLICABLE'),
  );
  if (lsm === 'selinux') {
    for (const d of used) {
      if (d.result.status === 'PASS') continue;
      effects.push(note(d, `${label(d)} ignores the SELinux labels the daemon assigns automatically, so its WARN may be wrong: check \`docker inspect -f '{{.ProcessLabel}}'\`.`, 'UNVERIFIED'));
    }
  }
  return effects;
}

function bothWarn(run: RunView, apparmor: DraftResult[], selinux: DraftResult[]): RuleEffect[] {
  const names = (ds: DraftResult[]) => new Set(ds.flatMap((d) => d.result.items.map(containerOfItem)));
  const aa = names(apparmor);
  const se = names(selinux);
  const both = [...aa].filter((n) => se.has(n)).sort();
  if (aa.size > 0 && se.size > 0 && both.length === 0) {
    return [...apparmor, ...selinux].map((d) => note(d, `${label(d)}: every container it lists is confined by the other security module.`, 'SATISFIED'));
  }
  const who = both.length > 0 ? `${listOf(both)} ${both.length === 1 ? 'is' : 'are'} on both lists` : 'both checks WARN';
  return [...apparmor, ...selinux].map((d) =>
    note(
      d,
      `${label(d)}: a host runs one security module, so one of the AppArmor/SELinux checks WARNs for every container; ${who}, so confinement is unknown. ` +
        'Give the host\'s module ("lsm" in --facts) or check `docker inspect -f \'{{.AppArmorProfile}} {{.ProcessLabel}}\'`.',
      'UNVERIFIED',
    ),
  );
}
