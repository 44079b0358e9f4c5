/**
 * The check's own command failed (caveats.md C-24). aquasecurity/docker-bench evaluates a
 * check's test even when its audit command exits with an error, and prints the error as
 * the test output: `systemctl: command not found` (no systemd, or a container), `stat:
 * illegal option -- c` (BSD stat on macOS), `ausearch: command not found`. A FAIL built on
 * an error message judged nothing: UNVERIFIED. (Missing auditctl and an empty container
 * list have their own rules: audit-rules and no-running-containers.)
 */
import { label, note, type CaveatRule } from './rule.js';

/** Shell and tool errors; bounded alternatives only. */
const COMMAND_ERROR = /(\w[\w.-]{0,40}): (command )?not found|illegal option|invalid option|unrecognized option|^usage: /i;

export const auditCommandFailed: CaveatRule = {
  id: 'audit-command-failed',
  title: "A check failed because its own command failed, not because of the host's setting",
  catalogue: ['C-24'],
  appliesTo: (run) => run.tool === 'aqua-docker-bench',
  apply: (run) =>
    run.drafts.flatMap((d) => {
      if (d.result.status !== 'FAIL' || d.verdict !== 'FINDING' || d.concept === 'audit-rule') return [];
      const error = [d.result.reason ?? '', ...d.result.auditOutput].map((l) => l.trim()).find((l) => COMMAND_ERROR.test(l) && !/auditctl/.test(l));
      if (error === undefined) return [];
      return [note(d, `${label(d)} failed because its command failed ("${error.slice(0, 120)}"), so it judged nothing: unverified. Run the scanner on the Docker host itself, as root, with the tools it needs.`, 'UNVERIFIED')];
    }),
};
