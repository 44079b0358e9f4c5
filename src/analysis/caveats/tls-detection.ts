/**
 * TLS detection (caveats.md C-11, C-21). docker-bench-security's TLS check (2.7, 2.6 in
 * older numberings) is unreliable in every branch:
 * - since v1.3.6 the flag branch never runs (a non-breaking space after `||`), so a TCP
 *   listener set with `-H tcp://…` in the systemd unit reads as INFO "not listening";
 * - with jq installed, a daemon.json with `"tlsverify": true` still WARNs "without TLS";
 * - the TLS file checks (3.9–3.14) find certificates only from daemon.json or `--tls…=`
 *   flags, so their INFO "No TLS … found" is only as good as 2.7.
 *
 * With dockerd's command line in the facts we judge from it. Otherwise: WARN "without TLS"
 * while TLS files were found → UNVERIFIED (probably the jq bug); INFO "not listening" on
 * v1.3.6+ → UNVERIFIED; WARN with no TLS files anywhere stays a FINDING, one step more
 * severe (an unauthenticated, root-equivalent remote API). The TLS file checks' "No TLS …
 * found" is NOT_APPLICABLE only when the TCP verdict can be trusted, else NOT_ASSESSED.
 */
import type { Verdict } from '../../model/report.js';
import { mentions, type DraftResult, type RunView } from '../run-view.js';
import { label, note, type CaveatRule, type RuleEffect } from './rule.js';

const BROKEN_FLAG_BRANCH = new Set(['dbs-v1.3.6', 'dbs-v1.5.0', 'dbs-v1.6.1']);
const VERIFY = 'verify with `ss -ltnp | grep dockerd` and `docker info`';

export const tlsDetection: CaveatRule = {
  id: 'tls-detection',
  title: 'The daemon TLS check misses flag-configured listeners and misreads daemon.json',
  catalogue: ['C-11', 'C-21'],
  appliesTo: (run) => run.tool === 'docker-bench-security' && (run.first('daemon-tls') !== undefined || run.first('tls-file') !== undefined),
  apply(run) {
    const effects: RuleEffect[] = [];
    const tlsFilesSeen = run.withConcept('tls-file').some((d) => d.result.status === 'PASS' || d.result.status === 'WARN');
    const flagBranchBroken = run.run.benchmark === null || BROKEN_FLAG_BRANCH.has(run.run.benchmark);
    let trusted = true;
    for (const d of run.withConcept('daemon-tls')) {
      const judged = judge(run, d, tlsFilesSeen, flagBranchBroken);
      if (judged === null) continue;
      effects.push(judged);
      if (judged.verdict === 'UNVERIFIED') trusted = false;
    }
    for (const d of run.withConcept('tls-file')) {
      if (d.result.status !== 'INFO' || !mentions(d.result, /no tls\b.{0,60}\bfound/i)) continue;
      effects.push(
        trusted
          ? note(d, `${label(d)}: no TLS file is configured because the daemon does not listen on TCP: not applicable.`, 'NOT_APPLICABLE')
          : note(d, `${label(d)}: the scanner finds TLS files only from daemon.json or \`--tls…=\` flags, and whether dockerd listens on TCP is unverified here: not assessed.`, 'NOT_ASSESSED'),
      );
    }
    return effects;
  },
};

function judge(run: RunView, d: DraftResult, tlsFilesSeen: boolean, flagBranchBroken: boolean): (RuleEffect & { verdict?: Verdict }) | null {
  const commandLine = run.facts.dockerdCommandLine;
  const status = d.result.status;
  const withoutTls = status === 'WARN' && mentions(d.result, /without tls/i);
  const notListening = status === 'INFO' && mentions(d.result, /not listening/i);
  if (commandLine !== undefined && (status === 'INFO' || status === 'WARN')) {
    const tcp = /tcp:\/\//.test(commandLine);
    const tlsVerify = /--tlsverify\b/.test(commandLine);
    if (!tcp && notListening) return note(d, `${label(d)}: dockerd's command line (from the facts) has no TCP listener either: not applicable.`, 'NOT_APPLICABLE');
    if (tcp && tlsVerify) return note(d, `${label(d)}: dockerd's command line (from the facts) listens on TCP with --tlsverify.`, 'SATISFIED');
    if (tcp) return note(d, `${label(d)}: dockerd's command line (from the facts) listens on TCP without --tlsverify: an unauthenticated remote API.`, 'FINDING', 1);
  }
  if (withoutTls && tlsFilesSeen) {
    return note(d, `${label(d)} says "without TLS", yet the TLS file checks found certificates in the daemon configuration: probably the jq lookup bug (it asks for a key literally named "tlsverify":). Unverified; ${VERIFY}.`, 'UNVERIFIED');
  }
  if (withoutTls) {
    return note(d, `${label(d)}: dockerd listens on TCP and no TLS material is configured anywhere: a remote, unauthenticated, root-equivalent API.`, undefined, 1);
  }
  if (notListening && flagBranchBroken) {
    const extra = tlsFilesSeen ? ' TLS files ARE configured, so a listener was probably missed.' : '';
    return note(
      d,
      `${label(d)} cannot see a TCP listener set with \`-H tcp://\` on dockerd's command line (the systemd unit), a bug of this scanner release; "not listening" is unverified.${extra} Verify with \`ss -ltnp | grep dockerd\` and \`docker info\`.`,
      'UNVERIFIED',
    );
  }
  if (notListening) return note(d, `${label(d)}: the daemon does not listen on TCP, so TLS is not needed: not applicable.`, 'NOT_APPLICABLE');
  return null;
}
