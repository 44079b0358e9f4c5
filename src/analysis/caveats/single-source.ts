/**
 * Options read from only one place (caveats.md C-10). dockerd takes each option as a flag
 * or in daemon.json; docker-bench-security (v1.3.6 and later) reads only one of them for:
 * - the log level (2.3): only daemon.json — `dockerd --log-level=debug` or `-D` still
 *   PASSes, and so does `"debug": true`. A PASS is UNVERIFIED unless the facts give
 *   dockerd's command line (then we judge it from that);
 * - the cgroup parent (2.10): only the flag — a `"cgroup-parent"` in daemon.json is never
 *   seen, so a PASS is UNVERIFIED when a daemon.json exists.
 * (2.7 TLS, which ignores flags too, has its own rule: tls-detection.)
 */
import { label, note, type CaveatRule, type RuleEffect } from './rule.js';

const NEWER_NUMBERINGS = new Set(['dbs-v1.3.6', 'dbs-v1.5.0', 'dbs-v1.6.1']);
/** Non-info log level or debug mode on dockerd's command line. Bounded alternatives only. */
const DEBUG_FLAGS = /--log-level[= ](debug|warn|error|fatal)\b|(^|\s)(-D|--debug)(\s|=true|$)/;

export const singleSource: CaveatRule = {
  id: 'single-source',
  title: 'Log level and cgroup parent are read from one configuration source only',
  catalogue: ['C-10'],
  appliesTo: (run) => run.tool === 'docker-bench-security' && (run.run.benchmark === null || NEWER_NUMBERINGS.has(run.run.benchmark)),
  apply(run) {
    const effects: RuleEffect[] = [];
    const commandLine = run.facts.dockerdCommandLine;
    for (const d of run.withConcept('log-level')) {
      if (d.result.status !== 'PASS') continue;
      if (commandLine === undefined) {
        effects.push(
          note(
            d,
            `${label(d)} only looked at daemon.json: \`dockerd --log-level=debug\` or \`-D\` on the command line (and \`"debug": true\`) would still pass. ` +
              `Unverified; confirm with \`ps -o args= -C dockerd\` (or give it as dockerdCommandLine in --facts).`,
            'UNVERIFIED',
          ),
        );
      } else if (DEBUG_FLAGS.test(commandLine)) {
        effects.push(note(d, `${label(d)} passed on daemon.json, but dockerd's command line (from the facts) sets a non-info log level or debug mode.`, 'FINDING'));
      }
    }
    const daemonJsonSeen = ['PASS', 'WARN'].includes(run.status('daemon-json-file') ?? '');
    if (daemonJsonSeen) {
      for (const d of run.withConcept('cgroup-parent')) {
        if (d.result.status !== 'PASS') continue;
        effects.push(note(d, `${label(d)} only looks at dockerd's flags and never at "cgroup-parent" in daemon.json, which exists on this host: unverified.`, 'UNVERIFIED'));
      }
    }
    return effects;
  },
};
