/**
 * One version string, two numberings (caveats.md C-01). docker-bench-security prints
 * "1.6.0" both from git tag v1.6.0 (still the CIS 1.5.0 ids: 5.1 = AppArmor, 7.1 = swarm)
 * and from v1.6.1 onwards (5.1 = swarm, section 5 shifted by one); the Docker Hub image is
 * years old; untagged builds print 1.3.4. The readers detect the numbering from the check
 * titles; this rule says so when it disagrees with the banner, and when no numbering could
 * be told (then every control was matched by title).
 */
import { AQUA_NUMBERINGS, DBS_NUMBERINGS } from '../../model/benchmarks.js';
import { runNote, type CaveatRule, type RuleEffect } from './rule.js';

/** Numberings each printed docker-bench-security version can come with. */
const PRINTED_VERSIONS: Readonly<Record<string, readonly string[]>> = {
  '1.1.0': ['dbs-v1.1.0'],
  '1.2.0': ['dbs-v1.2.0'],
  '1.3.0': ['dbs-v1.3.0'],
  '1.3.1': ['dbs-v1.3.0'],
  '1.3.2': ['dbs-v1.3.0'],
  '1.3.3': ['dbs-v1.3.3'],
  '1.3.4': ['dbs-v1.3.3'],
  '1.3.5': ['dbs-v1.3.5', 'dbs-dev-2021'],
  '1.3.6': ['dbs-v1.3.6', 'dbs-dev-2021'],
  '1.5.0': ['dbs-v1.5.0'],
  '1.6.0': ['dbs-v1.6.1'],
};

export const numbering: CaveatRule = {
  id: 'numbering',
  title: 'The printed version does not say which check numbering a run uses',
  catalogue: ['C-01'],
  appliesTo: () => true,
  apply(run) {
    const r = run.run;
    const effects: RuleEffect[] = [];
    if (r.benchmark === null) {
      effects.push(runNote(`The check numbering of this ${r.tool} run could not be told from its titles${r.toolVersion ? ` (the banner says ${r.toolVersion})` : ''}: controls were matched by title where possible (see the warnings).`));
      return effects;
    }
    if (r.tool !== 'docker-bench-security' || r.toolVersion === null) return effects;
    const version = r.toolVersion.replace(/^v/, '').trim();
    const expected = PRINTED_VERSIONS[version];
    if (expected === undefined || expected.includes(r.benchmark)) return effects;
    const label = [...DBS_NUMBERINGS, ...AQUA_NUMBERINGS].find((n) => n.id === r.benchmark)?.label ?? r.benchmark;
    const tagNote = version === '1.6.0' && r.benchmark === 'dbs-v1.5.0' ? ' (git tag v1.6.0 still printed the CIS 1.5.0 ids: 5.1 is AppArmor and 7.1 is swarm mode)' : '';
    effects.push(
      runNote(
        `The banner says docker-bench-security ${version}, but the check titles follow the ${label} numbering${tagNote}` +
          `${r.benchmarkEvidence ? `: ${r.benchmarkEvidence}` : ''}. Ids were mapped with that numbering; do not compare them one-to-one with runs of other releases.`,
      ),
    );
    return effects;
  },
};
