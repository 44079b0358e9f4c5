/**
 * Version-based checks are meaningless on current engines (caveats.md C-19).
 * - "Docker is up to date" compares the engine version with a date-derived `yy.mm` string;
 *   engine versions stopped being calendar-based with 23.0, so any engine above the
 *   current two-digit year "is current" and any below is flagged, whatever its patch
 *   level. It is a manual review showing the version to compare with current releases.
 * - The experimental-features check is only evaluated on engines up to 19.03; later it
 *   is a constant INFO "(Deprecated)": not assessed.
 */
import { engineVersion } from './obsolete-storage-driver.js';
import { label, note, type CaveatRule, type RuleEffect } from './rule.js';

export const versionCheck: CaveatRule = {
  id: 'version-check',
  title: 'The up-to-date and experimental-features checks say nothing on current engines',
  catalogue: ['C-19'],
  appliesTo: (run) => run.tool === 'docker-bench-security' && (run.first('docker-up-to-date') !== undefined || run.first('experimental') !== undefined),
  apply(run) {
    const effects: RuleEffect[] = [];
    const version = engineVersion(run);
    for (const d of run.withConcept('docker-up-to-date')) {
      const compare = version !== null ? `The engine is ${version}: compare it` : 'Compare the engine version';
      effects.push(
        note(
          d,
          `${label(d)} compares the engine version with a calendar date, which stopped meaning anything when Docker moved to semantic versions (23.0). ` +
            `${compare}, and containerd and runc, with the current releases by hand.`,
          'MANUAL_REVIEW',
        ),
      );
    }
    for (const d of run.withConcept('experimental')) {
      const deprecated = d.result.runtimeSuffixes.some((s) => /deprecated/i.test(s)) || d.result.idInferred;
      if (d.result.status !== 'INFO' || !deprecated) continue;
      effects.push(note(d, `${label(d)} is only evaluated on engines up to 19.03; on later engines the scanner prints a constant INFO: not assessed (check \`docker version -f '{{.Server.Experimental}}'\`).`, 'NOT_ASSESSED'));
    }
    return effects;
  },
};
