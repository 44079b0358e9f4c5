/**
 * a/b pairs (caveats.md C-02; FORMATS.md §2.6 for the split ids per definitions folder).
 *
 * aquasecurity/docker-bench's cis-1.0, cis-1.1, cis-1.2 (and ocp-3.9) definitions split a
 * daemon option into `X.a`, which reads the running dockerd command line (`ps -ef | grep
 * dockerd`), and `X.b`, which greps /etc/docker/daemon.json. dockerd refuses to start when
 * an option is given both ways, so on a correctly configured host one variant always
 * fails. This rule judges the pair as one control:
 *
 * - options that must be set (TLS, authorization plugin, live restore, userland proxy off,
 *   no-new-privileges): either variant passing satisfies the control, and the failing one
 *   says why it failed and that it will keep failing on every re-run; both passing means
 *   daemon.json was edited after dockerd started, and dockerd will refuse its next start;
 * - options that must keep their default (log level, cgroup parent, base device size):
 *   `.a` passing means the command line does not change it, and `.b` failing because
 *   daemon.json (or the key) is absent means the compliant default applies — satisfied;
 *   a `.b` whose captured output shows the key set to something else, or a failing `.a`
 *   (the command line changes it), is a real finding.
 */
import type { Concept } from '../concepts.js';
import type { DraftResult, RunView } from '../run-view.js';
import { label, note, runNote, type CaveatRule, type RuleEffect } from './rule.js';

const PAIR_ID = /^(\d+(?:\.\d+)+)\.([ab])$/;

/** What each split control is about, for messages. */
const OPTIONS: Partial<Record<Concept, { option: string; mustSet: boolean; defaultText?: string }>> = {
  'daemon-tls': { option: 'TLS (tlsverify, tlscacert, tlscert, tlskey)', mustSet: true },
  'authz-plugin': { option: 'authorization-plugins', mustSet: true },
  'live-restore': { option: 'live-restore', mustSet: true },
  'userland-proxy': { option: 'userland-proxy=false', mustSet: true },
  'daemon-no-new-privileges': { option: 'no-new-privileges', mustSet: true },
  'container-no-new-privileges': { option: 'no-new-privileges', mustSet: true },
  'log-level': { option: 'log-level', mustSet: false, defaultText: 'the default log level (info)' },
  'cgroup-parent': { option: 'cgroup-parent', mustSet: false, defaultText: 'the default cgroup parent' },
  'storage-base-size': { option: 'storage-opts dm.basesize', mustSet: false, defaultText: 'the default base device size' },
};

const DAEMON_JSON_MISSING = /daemon\.json: no such file or directory/i;

interface Pair {
  parent: string;
  a: DraftResult | undefined;
  b: DraftResult | undefined;
}

export const abPair: CaveatRule = {
  id: 'ab-pair',
  title: 'aqua docker-bench a/b variants: one always fails on a correctly configured host',
  catalogue: ['C-02'],
  appliesTo: (run) => run.isDocker && run.drafts.some((d) => PAIR_ID.test(d.result.id)),
  apply(run) {
    const effects: RuleEffect[] = [];
    const testOutputCaptured = run.drafts.some((d) => d.result.status === 'FAIL' && d.result.auditOutput.some((l) => l.trim() !== ''));
    const daemonJsonMissing = run.drafts.some((d) => /\.b$/.test(d.result.id) && mentionsText(d, DAEMON_JSON_MISSING));
    for (const pair of pairs(run)) {
      const { a, b } = pair;
      const any = a ?? b!;
      const what = any.concept !== null ? (OPTIONS[any.concept] ?? null) : null;
      if (!a || !b) {
        effects.push(...lonelyVariant(run, pair, any));
        continue;
      }
      if (!isJudged(a) || !isJudged(b)) continue;
      const sourceA = any.concept === 'container-no-new-privileges' ? "every container's security options" : 'the running dockerd command line';
      const option = what?.option ?? `the option of ${pair.parent}`;
      const aPass = a.result.status === 'PASS';
      const bPass = b.result.status === 'PASS';
      if (what === null || what.mustSet) {
        if (aPass && bPass) {
          const msg =
            `${option} is set both on ${sourceA} (${label(a)}) and in /etc/docker/daemon.json (${label(b)}). dockerd refuses to start ` +
            `when an option is given both as a flag and in daemon.json, so daemon.json was edited after the daemon started: ` +
            `dockerd will refuse to start on its next restart. Remove one of the two.`;
          effects.push(note(a, msg), note(b, msg), runNote(`Configuration drift on ${pair.parent}: ${msg}`));
        } else if (aPass || bPass) {
          const [passing, failing] = aPass ? [a, b] : [b, a];
          const where = aPass ? `on ${sourceA}` : 'in /etc/docker/daemon.json';
          const failingReads = aPass ? 'greps /etc/docker/daemon.json' : `reads ${sourceA}`;
          effects.push(
            note(
              failing,
              `${label(failing)} ${failingReads}, but ${option} is set ${where} (${label(passing)} passes). dockerd refuses an option given in both places, ` +
                `so this variant fails on every correctly configured host: expected, and it will stay so on every re-run. No action.`,
              'SATISFIED',
            ),
          );
          if (!aPass && daemonJsonMissing) {
            effects.push(
              note(
                passing,
                `${label(passing)} passes although other checks report /etc/docker/daemon.json missing, so its pass may be vacuous; ` +
                  `confirm ${option} with \`docker info\`.`,
              ),
            );
          }
        } else if (any.concept === 'daemon-tls' && mentionsText(b, DAEMON_JSON_MISSING) && noTcpListener(a) !== null) {
          // TLS protects a TCP socket; a daemon with neither a tcp:// flag nor a daemon.json (its `hosts`) has none.
          const msg =
            `dockerd's command line (${label(a)}: \`${noTcpListener(a)}\`) opens no TCP socket and /etc/docker/daemon.json does not exist (${label(b)}), ` +
            `so the daemon is reachable only through its local Unix socket and TLS has nothing to protect: not applicable. Both variants fail on every such host. ` +
            `Keep it so (reach remote daemons over ssh:// contexts); a tcp:// listener added later needs mutual TLS.`;
          effects.push(note(a, msg, 'NOT_APPLICABLE'), note(b, msg, 'NOT_APPLICABLE'));
        } else {
          const msg =
            `${label(a)} and ${label(b)} are one control: set ${option} in ONE place (dockerd flag or daemon.json, never both — dockerd ` +
            `refuses to start with both). After the fix the other variant keeps failing on every re-run, as expected.`;
          effects.push(note(a, msg), note(b, msg));
        }
        continue;
      }
      // Options that must keep their default.
      if (!aPass) {
        effects.push(note(a, `${label(a)} fails: the dockerd command line changes ${option} (${label(b)} only looks at daemon.json).`));
        if (bPass) effects.push(note(b, `${label(b)} passes, but ${label(a)} shows the command line changes ${option}: the control is not met (see ${label(a)}).`));
        continue;
      }
      if (bPass) continue;
      const setValue = valueShown(b, what.option.split(' ')[0]!);
      if (setValue !== null) {
        effects.push(
          note(b, `daemon.json sets ${option} to ${setValue}, so ${what.defaultText} does not apply (${label(a)} only shows the command line does not set it).`),
          note(a, `${label(a)} passes because the command line does not set ${option}, but daemon.json does (${label(b)}).`),
        );
        continue;
      }
      const absent = mentionsText(b, DAEMON_JSON_MISSING) || (testOutputCaptured && !b.result.auditOutput.some((l) => l.trim() !== ''));
      const because = absent
        ? 'daemon.json does not set it (the file or the key is absent)'
        : "daemon.json's content was not captured; if it sets a non-default value, that is a finding (check with grep)";
      effects.push(
        note(
          b,
          `${label(b)} expects ${option} in /etc/docker/daemon.json, but ${because}, and ${label(a)} shows the command line does not set it either: ` +
            `${what.defaultText} applies and complies. This variant fails on every host that keeps the default: expected, and it will stay so on every re-run.`,
          'SATISFIED',
        ),
        note(a, `Neither the dockerd command line nor daemon.json sets ${option}: ${what.defaultText} applies and complies.`),
      );
    }
    return effects;
  },
};

function pairs(run: RunView): Pair[] {
  const byParent = new Map<string, Pair>();
  for (const d of run.drafts) {
    const m = PAIR_ID.exec(d.result.id);
    if (!m) continue;
    const parent = m[1]!;
    const pair = byParent.get(parent) ?? { parent, a: undefined, b: undefined };
    // Keep the first of each variant: a repeated id (a grep excerpt pasted twice) adds nothing.
    if (m[2] === 'a') pair.a ??= d;
    else pair.b ??= d;
    byParent.set(parent, pair);
  }
  return [...byParent.values()];
}

/** Only PASS/FAIL/WARN are verdicts of the variant's test (INFO = skipped). */
function isJudged(d: DraftResult): boolean {
  return d.result.status === 'PASS' || d.result.status === 'FAIL' || d.result.status === 'WARN';
}

/** One variant printed without the other: a partial output (grep FAIL) hides the other. */
function lonelyVariant(run: RunView, pair: Pair, present: DraftResult): RuleEffect[] {
  if (present.result.status === 'PASS' || !isJudged(present)) return [];
  const other = `${pair.parent}.${pair.a ? 'b' : 'a'}`;
  if (run.run.partial) {
    return [
      note(
        present,
        `${label(present)} fails, but its other half ${other} is not in this partial output. In a \`grep FAIL\` excerpt that means ${other} did not fail, ` +
          `i.e. the option is probably set in the other place: the control cannot be judged from this excerpt.`,
        'UNVERIFIED',
      ),
    ];
  }
  return [note(present, `${label(present)} is half of an a/b pair whose other half ${other} is missing from the output; the control is judged on this half alone.`)];
}

/**
 * The dockerd command line a `.a` variant captured (`ps -ef | grep dockerd`), from `dockerd` on, when
 * it opens no TCP socket (no tcp:// host); null when none was captured (only the grep line, or no
 * output) or it does listen on TCP.
 */
function noTcpListener(a: DraftResult): string | null {
  const daemons = a.result.auditOutput.filter((l) => /\bdockerd\b/.test(l) && !/\bgrep\b/.test(l));
  if (daemons.length === 0 || daemons.some((l) => /tcp:\/\//i.test(l))) return null;
  const line = daemons[0]!;
  // From the start of the word holding "dockerd" (its path); a backwards scan, not /\S*dockerd/, which is quadratic on long lines.
  let start = line.search(/dockerd\b/);
  while (start > 0 && !/\s/.test(line[start - 1]!)) start--;
  return line.slice(start, start + 160).trim();
}

function mentionsText(d: DraftResult, pattern: RegExp): boolean {
  const r = d.result;
  return (r.reason !== null && pattern.test(r.reason)) || r.auditOutput.some((l) => pattern.test(l));
}

/** The value a `.b` grep printed for the key (`"log-level": "debug"` → `"debug"`), or null. */
function valueShown(d: DraftResult, key: string): string | null {
  for (const line of d.result.auditOutput) {
    const at = line.indexOf(`"${key}"`);
    if (at < 0) continue;
    const colon = line.indexOf(':', at);
    if (colon < 0) continue;
    const value = line.slice(colon + 1, colon + 200).trim().replace(/,$/, '');
    if (value !== '') return value;
  }
  return null;
}
