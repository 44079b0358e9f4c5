/**
 * Image-history heuristics (caveats.md C-23).
 * - 4.7 flags any history line containing "update" (including the recommended
 *   `apt-get update && apt-get install …`) and 4.9 any uppercase ADD: their lists are
 *   hints for a manual review, never findings.
 * - 4.6 (HEALTHCHECK) looks at every local image, used or not, and a runtime
 *   `--health-cmd` does not count: a WARN is a finding only for images that back running
 *   containers (from the facts); otherwise it is a manual review.
 */
import type { DraftResult, RunView } from '../run-view.js';
import { label, listOf, note, type CaveatRule, type RuleEffect } from './rule.js';

export const imageHistory: CaveatRule = {
  id: 'image-history',
  title: 'Image history checks are heuristics over every local image',
  catalogue: ['C-23'],
  appliesTo: (run) => run.tool === 'docker-bench-security' && run.drafts.some((d) => d.concept === 'image-healthcheck' || d.concept === 'update-instructions' || d.concept === 'copy-not-add'),
  apply(run) {
    const effects: RuleEffect[] = [];
    for (const d of run.drafts) {
      if ((d.concept === 'update-instructions' || d.concept === 'copy-not-add') && d.result.status !== 'PASS' && d.verdict !== 'NOT_APPLICABLE') {
        const what = d.concept === 'update-instructions' ? 'any history line containing "update" (even `apt-get update && apt-get install`)' : 'any uppercase ADD in the image history';
        effects.push(note(d, `${label(d)} flags ${what}: review the listed images by hand.`, 'MANUAL_REVIEW'));
      } else if (d.concept === 'image-healthcheck' && d.result.status === 'WARN' && d.verdict === 'FINDING') {
        effects.push(healthcheck(run, d));
      }
    }
    return effects;
  },
};

function healthcheck(run: RunView, d: DraftResult): RuleEffect {
  const images = d.result.items.map((i) => i.replace(/^\[|\]$/g, '')).filter((i) => i !== '');
  const inUse = run.facts.imagesInUse;
  if (inUse === undefined) {
    return note(d, `${label(d)} lists every local image without a HEALTHCHECK, used or not (a runtime --health-cmd does not count): review the images that back running containers.`, 'MANUAL_REVIEW');
  }
  const used = images.filter((i) => inUse.includes(i));
  if (used.length > 0) return note(d, `Images in use without a HEALTHCHECK: ${listOf(used)} (from the facts).`);
  return note(d, `None of the listed images backs a running container (from the facts): nothing to fix now.`, 'MANUAL_REVIEW');
}
