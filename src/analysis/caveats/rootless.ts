/**
 * Rootless Docker (caveats.md C-12). The scanners assume a rootful daemon: they read
 * /etc/docker/daemon.json (a rootless daemon reads ~/.config/docker/daemon.json), look for
 * the socket at /var/run/docker.sock (rootless: $XDG_RUNTIME_DIR/docker.sock) and check
 * root ownership of files a user owns.
 * - Rootless confirmed by the facts: "run the daemon as non-root" (2.1) and user-namespace
 *   remapping (2.9, rootless already puts containers in a user namespace) are SATISFIED,
 *   the host-user-namespace check is NOT_APPLICABLE, and every other daemon and file
 *   verdict is UNVERIFIED: it describes files the daemon does not use.
 * - Suspected (the socket checks say "File not found" while the daemon plainly answered):
 *   the socket checks are NOT_ASSESSED and the run says the socket is elsewhere.
 */
import { mentions, type RunView } from '../run-view.js';
import { label, note, runNote, type CaveatRule, type RuleEffect } from './rule.js';

export const rootless: CaveatRule = {
  id: 'rootless',
  title: 'A rootless daemon keeps its configuration and socket where the scanner does not look',
  catalogue: ['C-12'],
  appliesTo: (run) => run.isDocker && (run.facts.rootless === true || (run.facts.rootless !== false && run.tool === 'docker-bench-security')),
  apply(run) {
    return run.facts.rootless === true ? confirmed(run) : suspected(run);
  },
};

function confirmed(run: RunView): RuleEffect[] {
  const effects: RuleEffect[] = [];
  for (const d of run.drafts) {
    if (d.concept === 'rootless') {
      effects.push(note(d, `${label(d)}: the daemon runs rootless (from the facts), which is what this control asks for.`, 'SATISFIED'));
    } else if (d.concept === 'userns-remap') {
      effects.push(note(d, `${label(d)}: a rootless daemon already runs every container in an unprivileged user namespace, an equivalent control.`, 'SATISFIED'));
    } else if (d.concept === 'host-userns') {
      effects.push(note(d, `${label(d)}: with a rootless daemon there is no host root namespace for a container to share: not applicable.`, 'NOT_APPLICABLE'));
    } else if ((d.area === 'daemon' || d.area === 'files') && (d.verdict === 'SATISFIED' || d.verdict === 'FINDING')) {
      effects.push(
        note(
          d,
          `${label(d)} looked at the rootful locations (/etc/docker/daemon.json, /var/run/docker.sock, root-owned files), but this daemon is rootless ` +
            `(~/.config/docker/daemon.json, $XDG_RUNTIME_DIR/docker.sock): unverified.`,
          'UNVERIFIED',
        ),
      );
    }
  }
  effects.push(runNote('The daemon runs rootless: daemon and file checks describe the rootful locations, which this daemon does not use.'));
  return effects;
}

function suspected(run: RunView): RuleEffect[] {
  const sockets = run.withConcept('docker-socket-file');
  if (sockets.length === 0 || !sockets.every((d) => d.result.status === 'INFO' && mentions(d.result, /file not found/i))) return [];
  const daemonAnswered = (run.runningContainers() ?? 0) > 0 || run.first('image-sprawl') !== undefined;
  if (!daemonAnswered) return [];
  return [
    ...sockets.map((d) =>
      note(d, `${label(d)}: /var/run/docker.sock does not exist although the daemon answered, so the socket is elsewhere (rootless, or a custom -H): not assessed.`, 'NOT_ASSESSED'),
    ),
    runNote('The daemon socket is not at /var/run/docker.sock although the daemon answered: a rootless daemon or a custom -H. If rootless, give "rootless": true in --facts.'),
  ];
}
