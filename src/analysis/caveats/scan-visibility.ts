/**
 * What the scanner could see (caveats.md C-24).
 * - Without root ("Some tests might require root to run", or the facts) file and audit
 *   checks cannot read what they check.
 * - As a container, the scanner needs `--pid host` to see dockerd, `--net host` for the
 *   swarm port check, and mounts for every file it checks; the README does not mount
 *   /run/containerd, so the containerd socket checks say "File not found" while the
 *   daemon plainly runs.
 * - aquasecurity/docker-bench shows its `ps -ef | grep dockerd` output with
 *   --include-test-output: when that output holds only the grep itself, dockerd was not
 *   visible (Docker Desktop's VM, a container without --pid host, a remote DOCKER_HOST),
 *   and every check failing on that output judged nothing: UNVERIFIED.
 * Each fires a run-level "scan visibility" note.
 */
import type { DraftResult, RunView } from '../run-view.js';
import { mentions } from '../run-view.js';
import { label, note, runNote, type CaveatRule, type RuleEffect } from './rule.js';

export const scanVisibility: CaveatRule = {
  id: 'scan-visibility',
  title: 'The scanner may not have seen the daemon, the files or the audit rules',
  catalogue: ['C-24'],
  appliesTo: (run) => run.isDocker,
  apply(run) {
    const effects: RuleEffect[] = [];
    if (run.facts.root === false || run.hasWarning((w) => w.code === 'requires-root' || /require root/i.test(w.message))) {
      effects.push(runNote('The scanner ran without root: file, audit-rule and process checks may not have been able to read what they check.'));
    }
    const containerSockets = run.withConcept('containerd-socket-file');
    const socketsUnseen = containerSockets.length > 0 && containerSockets.every((d) => d.result.status === 'INFO' && mentions(d.result, /file not found/i));
    if (run.facts.container === true) {
      effects.push(runNote('The scanner ran as a container: it sees dockerd only with --pid host, the network only with --net host, and only the host files mounted into it.'));
    } else if (socketsUnseen && (run.runningContainers() ?? 0) > 0) {
      effects.push(runNote('The containerd socket was "not found" while containers were running: probably a container-form scan without /run/containerd mounted, which also hides other host files.'));
      for (const d of containerSockets) effects.push(note(d, `${label(d)}: the socket exists whenever containers run, so the scanner could not see it (container form?): not assessed.`, 'NOT_ASSESSED'));
    }
    effects.push(...dockerdInvisible(run));
    return effects;
  },
};

/** aqua checks whose `ps -ef | grep dockerd` output shows only the grep: dockerd was not visible. */
function dockerdInvisible(run: RunView): RuleEffect[] {
  if (run.tool !== 'aqua-docker-bench') return [];
  const blind = run.drafts.filter(onlyGrepLine);
  if (blind.length === 0) return [];
  const effects: RuleEffect[] = [
    runNote(
      'The scanner could not see a dockerd process (its `ps -ef | grep dockerd` found only the grep): Docker Desktop, a container without --pid host, or a remote daemon. Checks of the daemon command line judged nothing.',
    ),
  ];
  for (const d of blind) {
    if (d.verdict !== 'FINDING') continue;
    effects.push(note(d, `${label(d)} read dockerd's command line, but the process was not visible to the scanner (only \`grep dockerd\` itself was listed): unverified.`, 'UNVERIFIED'));
  }
  // No dockerd and no /etc/docker/daemon.json either: the scanner looked at a machine without the daemon.
  const daemonJson = run.drafts.filter((d) => /\.b$/.test(d.result.id) && mentions(d.result, /daemon\.json: no such file or directory/i));
  if (daemonJson.length === 0) return effects;
  effects.push(runNote('Neither dockerd nor /etc/docker/daemon.json was visible: the scanner probably ran outside the daemon\'s machine (Docker Desktop keeps both inside its VM). Daemon configuration checks are unverified.'));
  for (const d of run.drafts) {
    if (!/\.b$/.test(d.result.id) || d.verdict !== 'FINDING') continue;
    effects.push(note(d, `${label(d)} found no /etc/docker/daemon.json, but dockerd was not visible either, so this is not the daemon's machine: unverified.`, 'UNVERIFIED'));
  }
  return effects;
}

function onlyGrepLine(d: DraftResult): boolean {
  const lines = d.result.auditOutput.map((l) => l.trim()).filter((l) => l !== '');
  return lines.length > 0 && lines.every((l) => /\bgrep (--color=\S+ )?dockerd\b/.test(l)) && d.result.status !== 'PASS';
}
