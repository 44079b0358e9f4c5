/**
 * "File not found" / "Directory not found" (caveats.md C-06, C-08): docker-bench-security
 * prints INFO when the file a check is about does not exist — `/etc/default/docker` on a
 * RHEL host, `/etc/sysconfig/docker` on Debian, a legacy shim. There is nothing to audit or
 * protect: NOT_APPLICABLE, not a manual review. aquasecurity/docker-bench FAILs the
 * daemon.json ownership and mode checks when the file is missing, which its own `.b`
 * checks show ("daemon.json: No such file or directory"): NOT_APPLICABLE as well. It FAILs
 * every other file check whose target is missing too, and with --include-test-output shows
 * why: `stat: cannot stat '/etc/docker/certs.d/*': No such file or directory` (no registry
 * certificates), `/etc/sysconfig/docker` on Debian, `/etc/default/docker` on RHEL —
 * NOT_APPLICABLE, like docker-bench-security's INFO "File not found" for the same files.
 * (The socket files are left alone here, as are docker-bench-security's: rules further down
 * the list revisit them, since their absence can also mean the scanner could not see them.)
 */
import { mentions, type DraftResult, type RunView } from '../run-view.js';
import { label, note, type CaveatRule } from './rule.js';

const NOT_FOUND = /^\s*(file|directory) not found\s*$/i;
/** GNU stat's message for a missing path (`stat` or `statx` by coreutils version); group 1 is the path. */
const STAT_MISSING = /stat: cannot statx? '([^']{1,300})': No such file or directory/i;

export const targetNotFound: CaveatRule = {
  id: 'target-not-found',
  title: 'INFO "File not found" means the target does not exist',
  catalogue: ['C-06', 'C-08'],
  appliesTo: (run) => run.isDocker,
  apply(run) {
    if (run.tool === 'aqua-docker-bench') {
      const daemonJsonMissing = run.drafts.some((d) => mentions(d.result, /daemon\.json: no such file or directory/i));
      return run.drafts.flatMap((d) => {
        if (d.result.status !== 'FAIL' || d.verdict !== 'FINDING' || d.area !== 'files') return [];
        if (d.concept === 'docker-socket-file' || d.concept === 'containerd-socket-file') return [];
        const missing = statMissing(d.result.auditOutput, d.result.reason);
        if (missing !== null) return [note(d, `${label(d)} fails because ${missing} on this host (the scanner's \`stat\` says "No such file or directory"): nothing to protect.`, 'NOT_APPLICABLE')];
        if (daemonJsonMissing && d.concept === 'daemon-json-file') {
          return [note(d, `${label(d)} fails because /etc/docker/daemon.json does not exist (other checks report it missing): nothing to protect.`, 'NOT_APPLICABLE')];
        }
        const family = otherFamilyPasses(run, d);
        if (family !== null && !d.result.auditOutput.some((l) => l.trim() !== '')) {
          return [
            note(
              d,
              `${label(d)} fails without output, and this host keeps dockerd's environment file in ${family.present} (its checks pass): ${family.missing} probably does not exist here, ` +
                `and the scanner FAILs a missing file. Unverified; check with \`ls -l ${family.missing}\`.`,
              'UNVERIFIED',
            ),
          ];
        }
        return [];
      });
    }
    return run.drafts
      .filter((d) => d.result.status === 'INFO' && mentions(d.result, NOT_FOUND))
      .map((d) => note(d, `${label(d)}: the file or directory it is about does not exist on this host, so there is nothing to protect.`, 'NOT_APPLICABLE'));
  },
};

/** What aqua's `stat` audit could not find ("X does not exist"), from its captured output or reason; null when none. */
function statMissing(auditOutput: readonly string[], reason: string | null): string | null {
  for (const line of [...auditOutput, reason ?? '']) {
    const path = STAT_MISSING.exec(line)?.[1];
    if (path === undefined) continue;
    // A glob that matched nothing (`/etc/docker/certs.d/*`): the directory is empty or absent.
    return path.endsWith('/*') ? `there is nothing in ${path.slice(0, -2)}` : `${path} does not exist`;
  }
  return null;
}

/** Debian-family hosts keep dockerd's environment file in /etc/default/docker, RHEL-family ones in /etc/sysconfig/docker. */
const ENV_FILES = ['/etc/default/docker', '/etc/sysconfig/docker'] as const;

/**
 * For a check of one distribution family's environment file: the other family's file when
 * every check of it passed (so this one most likely does not exist); null otherwise.
 */
function otherFamilyPasses(run: RunView, d: DraftResult): { missing: string; present: string } | null {
  const missing = ENV_FILES.find((f) => d.result.title.includes(f));
  const present = ENV_FILES.find((f) => f !== missing);
  if (missing === undefined || present === undefined) return null;
  const others = run.drafts.filter((o) => o.area === 'files' && o.result.title.includes(present));
  return others.length > 0 && others.every((o) => o.result.status === 'PASS') ? { missing, present } : null;
}
