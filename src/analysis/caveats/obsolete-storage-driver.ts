/**
 * Checks made obsolete by engine changes (caveats.md C-18). aufs was removed in Docker
 * Engine 24.0 and devicemapper (whose base device size check is 2.11/2.10) in 25.0: on
 * those engines the checks can only pass. The engine version comes from the facts or from
 * the "Using <version>" detail of the up-to-date check.
 */
import { engineMajor } from '../facts.js';
import type { RunView } from '../run-view.js';
import { label, note, type CaveatRule, type RuleEffect } from './rule.js';

export const obsoleteStorageDriver: CaveatRule = {
  id: 'obsolete-storage-driver',
  title: 'aufs and devicemapper checks are moot on current engines',
  catalogue: ['C-18'],
  appliesTo: (run) => run.isDocker && (run.first('aufs') !== undefined || run.first('storage-base-size') !== undefined),
  apply(run) {
    const version = engineVersion(run);
    const major = engineMajor(version);
    if (major === null) return [];
    const effects: RuleEffect[] = [];
    for (const d of run.drafts) {
      if (d.concept === 'aufs' && major >= 24) {
        effects.push(note(d, `${label(d)}: Docker Engine ${version} no longer has the aufs driver (removed in 24.0): not applicable.`, 'NOT_APPLICABLE'));
      } else if (d.concept === 'storage-base-size' && major >= 25) {
        effects.push(note(d, `${label(d)}: Docker Engine ${version} no longer has the devicemapper driver whose base size this checks (removed in 25.0): not applicable.`, 'NOT_APPLICABLE'));
      }
    }
    return effects;
  },
};

/** The engine version: facts first, then docker-bench's `Using 24.0.7, verify …` detail. */
export function engineVersion(run: RunView): string | null {
  if (run.facts.serverVersion) return run.facts.serverVersion;
  for (const d of run.withConcept('docker-up-to-date')) {
    for (const detail of d.result.details) {
      const m = /using (\d{1,4}\.\d{1,4}(?:\.\d{1,4})?)/i.exec(detail);
      if (m) return m[1]!;
    }
  }
  return null;
}
