/**
 * Image checks with no images (caveats.md C-04): 4.6 (HEALTHCHECK), 4.7 (update
 * instructions) and 4.9 (COPY instead of ADD) loop over the local images; with none they
 * PASS having looked at nothing. With 6.1 reporting zero images, those passes are
 * NOT_APPLICABLE.
 */
import { label, note, type CaveatRule } from './rule.js';

const IMAGE_LOOPS = new Set(['image-healthcheck', 'update-instructions', 'copy-not-add']);

export const noImages: CaveatRule = {
  id: 'no-images',
  title: 'Image checks pass vacuously when there are no images',
  catalogue: ['C-04'],
  appliesTo: (run) => run.isDocker && run.imageCount() === 0,
  apply: (run) =>
    run.drafts
      .filter((d) => d.concept !== null && IMAGE_LOOPS.has(d.concept) && d.result.status === 'PASS')
      .map((d) => note(d, `${label(d)} passes because there are no images to look at (6.1 reports none): not applicable.`, 'NOT_APPLICABLE')),
};
