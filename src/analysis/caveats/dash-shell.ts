/**
 * dash instead of bash (caveats.md C-09). The README says `sudo sh docker-bench-security.sh`,
 * and on Debian/Ubuntu `sh` is dash, which has no `[[ … ]]`. Six section-2 checks of recent
 * docker-bench-security read daemon.json with `[[ ]]`; under dash that test errors out (on
 * stderr only) and falls through: false WARNs (2.2 icc, 2.9 userns-remap, 2.12 authz) and
 * false PASSes (2.4 iptables, 2.5 insecure registries), 2.8 ulimits INFO.
 *
 * Certain when the facts say `"shell": "dash"` or the captured stderr holds `[[: not found`:
 * then those six are UNVERIFIED. Suspected when daemon.json exists and is read fine by the
 * checks that do not use `[[` (2.14 or 2.16 PASS) while 2.2, 2.9 and 2.12 all WARN — a
 * pattern a host hardened step by step also shows, so then only the PASSes that dash
 * would fake (2.4, 2.5) are UNVERIFIED, and the WARNs keep their verdict with a note.
 */
import type { Concept } from '../concepts.js';
import type { RunView } from '../run-view.js';
import { label, note, runNote, type CaveatRule, type RuleEffect } from './rule.js';

const AFFECTED: readonly Concept[] = ['icc', 'iptables', 'insecure-registries', 'default-ulimit', 'userns-remap', 'authz-plugin'];
/** Checks dash turns into false PASSes: never SATISFIED while dash is even suspected. */
const FALSE_PASSES: readonly Concept[] = ['iptables', 'insecure-registries'];

export const dashShell: CaveatRule = {
  id: 'dash-shell',
  title: 'Run under dash, six daemon.json checks give false WARNs and false PASSes',
  catalogue: ['C-09'],
  // The `[[ ]]` tests came with #541, after v1.6.0 was tagged; master still prints v1.6.0 in
  // its banner, so the error printed in the log is evidence whatever numbering the run got.
  appliesTo: (run) =>
    run.tool === 'docker-bench-security' && (run.run.benchmark === null || run.run.benchmark === 'dbs-v1.6.1' || run.hasWarning(isShellError)),
  apply(run) {
    const evidence = dashEvidence(run);
    if (evidence === null) return [];
    const effects: RuleEffect[] = [];
    for (const d of run.drafts) {
      if (d.concept === null || !AFFECTED.includes(d.concept)) continue;
      if (d.verdict === 'NOT_APPLICABLE' || d.verdict === 'NOT_ASSESSED') continue;
      const pass = d.result.status === 'PASS';
      const unverified = evidence.certain || (pass && FALSE_PASSES.includes(d.concept));
      effects.push(
        note(
          d,
          `${label(d)} reads daemon.json with bash's \`[[ ]]\`, which dash lacks (${evidence.why}); under dash that test errors out and the check ` +
            `${pass ? 'can PASS while the setting is wrong' : 'can WARN while the setting is right'}. Re-run the scanner with bash.`,
          unverified ? 'UNVERIFIED' : undefined,
        ),
      );
    }
    effects.push(
      runNote(
        `The scanner ${evidence.certain ? 'ran' : 'may have run'} under dash (${evidence.why}): section-2 checks that read daemon.json with \`[[ ]]\` are not reliable. Re-run with \`sudo bash docker-bench-security.sh\`.`,
      ),
    );
    return effects;
  },
};

/** Why we think dash ran the scanner, and whether we are sure; null when we do not. */
/** The reader's note that the log holds dash's `[[: not found` (or a captured stderr line saying so). */
function isShellError(w: { code: string; message: string }): boolean {
  return w.code === 'shell-not-bash' || w.message.includes('[[: not found');
}

function dashEvidence(run: RunView): { why: string; certain: boolean } | null {
  const shell = run.facts.shell?.toLowerCase();
  if (shell === 'dash') return { why: 'the facts say the scanner ran under dash', certain: true };
  if (shell !== undefined && shell !== 'sh') return null;
  if (run.hasWarning(isShellError)) return { why: 'the captured stderr shows `[[: not found`', certain: true };
  const daemonJsonSeen = ['PASS', 'WARN'].includes(run.status('daemon-json-file') ?? '');
  const readsFine = run.status('daemon-no-new-privileges') === 'PASS' || run.status('userland-proxy') === 'PASS';
  const falseWarns = (['icc', 'userns-remap', 'authz-plugin'] as const).every((c) => run.status(c) === 'WARN');
  return daemonJsonSeen && readsFine && falseWarns
    ? { why: 'suspected: daemon.json exists and 2.14/2.16 read it fine, yet icc, userns-remap and authz all WARN', certain: false }
    : null;
}
