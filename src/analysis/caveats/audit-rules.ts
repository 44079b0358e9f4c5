/**
 * Audit-rule checks (caveats.md C-06). They grep the loaded rules (`auditctl -l`) or, with
 * no auditctl, a rules file:
 * - aquasecurity/docker-bench runs `auditctl -l` and FAILs with "auditctl: not found" when
 *   it is missing (its container image has none): the rules were never read — UNVERIFIED;
 * - docker-bench-security WARNs every audit check when it runs without root, without
 *   auditd, or when rules sit in rules.d unloaded: when every evaluated audit check WARNs
 *   (none passes, at least 8 evaluated) audit coverage is unknown, not 16 separate findings;
 * - the grep is a substring match, so a rule on a child path satisfies its parent
 *   (/etc/docker/daemon.json satisfies /etc/docker; shim rules satisfy /usr/bin/containerd;
 *   containerd.sock satisfies /run/containerd): such passes get a note.
 */
import { label, note, runNote, type CaveatRule, type RuleEffect } from './rule.js';
import { mentions, type DraftResult, type RunView } from '../run-view.js';

/** "auditctl: not found" from sh, "xargs: auditctl: No such file or directory" when aqua pipes into it. */
const AUDITCTL_MISSING = /auditctl:? (command )?not found|auditctl command not found|auditctl: no such file or directory/i;
const MIN_EVALUATED = 8;

/** (parent path in the title, child pattern that also satisfies its grep). */
const PARENT_CHILD: readonly (readonly [RegExp, RegExp, string])[] = [
  [/- ?\/etc\/docker$/i, /\/etc\/docker\/daemon\.json/i, '/etc/docker/daemon.json'],
  [/- ?\/usr\/bin\/containerd$/i, /containerd-shim/i, 'a containerd-shim binary'],
  [/- ?\/run\/containerd$/i, /containerd\.sock/i, 'containerd.sock'],
];

export const auditRules: CaveatRule = {
  id: 'audit-rules',
  title: 'Audit-rule checks depend on auditctl, root and a substring grep',
  catalogue: ['C-06'],
  appliesTo: (run) => run.isDocker && run.first('audit-rule') !== undefined,
  apply(run) {
    const audits = run.withConcept('audit-rule');
    const effects: RuleEffect[] = [];
    const missing = audits.filter((d) => d.result.status !== 'PASS' && mentions(d.result, AUDITCTL_MISSING));
    const factsSayMissing = run.facts.auditctl === false;
    for (const d of audits) {
      if (d.result.status === 'PASS' || d.verdict !== 'FINDING') continue;
      if (missing.includes(d) || (factsSayMissing && run.tool === 'aqua-docker-bench')) {
        effects.push(note(d, `${label(d)} could not read the loaded audit rules: auditctl is not installed where the scanner ran. Audit coverage is unknown; check with \`auditctl -l\` on the host.`, 'UNVERIFIED'));
      }
    }
    if (run.tool === 'docker-bench-security') effects.push(...allWarn(run, audits));
    effects.push(...childSatisfiesParent(audits));
    if (missing.length > 0) effects.push(runNote(`auditctl was missing where the scanner ran, so ${missing.length} audit-rule checks judged nothing: audit coverage (Repudiation) is unknown.`));
    return effects;
  },
};

function allWarn(run: RunView, audits: DraftResult[]): RuleEffect[] {
  const evaluated = audits.filter((d) => d.result.status === 'PASS' || d.result.status === 'WARN');
  if (evaluated.length < MIN_EVALUATED || evaluated.some((d) => d.result.status === 'PASS')) return [];
  // Root with auditctl confirmed by the facts: the rules really are missing.
  if (run.facts.root === true && run.facts.auditctl === true) return [];
  const notRoot = run.facts.root === false || run.hasWarning((w) => /require root/i.test(w.message) || w.code === 'requires-root');
  const why = notRoot
    ? 'the scanner ran without root, so it could not list the loaded audit rules'
    : 'the usual causes are a scan without root, no auditd, or rules in /etc/audit/rules.d that were never loaded (augenrules --load)';
  const effects: RuleEffect[] = evaluated
    .filter((d) => d.verdict === 'FINDING')
    .map((d) => note(d, `Every audit-rule check WARNed: ${why}. Audit coverage is unknown rather than ${evaluated.length} separate gaps; check with \`auditctl -l\`.`, 'UNVERIFIED'));
  effects.push(runNote(`All ${evaluated.length} audit-rule checks WARNed: audit coverage (Repudiation) is unknown — ${why}.`));
  return effects;
}

function childSatisfiesParent(audits: DraftResult[]): RuleEffect[] {
  const effects: RuleEffect[] = [];
  for (const d of audits) {
    if (d.result.status !== 'PASS') continue;
    for (const [parent, child, childName] of PARENT_CHILD) {
      if (!parent.test(d.result.title.trim())) continue;
      const childPass = audits.some((o) => o !== d && o.result.status === 'PASS' && child.test(o.result.title));
      if (childPass) {
        effects.push(note(d, `${label(d)} greps the audit rules for a substring, so a rule on ${childName} alone (which also passes) satisfies it: the directory itself may not be watched.`));
      }
    }
  }
  return effects;
}
