/**
 * A missing check is never a pass (caveats.md C-26). An id absent from the output was not
 * run (`-c`/`-e` selections, a `grep FAIL` excerpt, a cut-off log). For a run the reader
 * marked partial, the run says so, and every check of its numbering the knowledge base
 * knows but the output lacks is listed as not assessed.
 */
import { compareIds } from '../../model/ids.js';
import { listOf, runNote, type CaveatRule, type RuleEffect } from './rule.js';

export const partialRun: CaveatRule = {
  id: 'partial-run',
  title: 'Checks missing from a partial run were not assessed',
  catalogue: ['C-26'],
  appliesTo: (run) => run.run.partial,
  apply(run) {
    const why = run.run.partialReasons.length > 0 ? run.run.partialReasons.join('; ') : 'the output holds only part of a run';
    const effects: RuleEffect[] = [
      runNote(
        `This run is partial (${why}): checks missing from it were not run or not shown, and none of them counts as passed.`,
        `Partial run: ${why}. Checks missing from the output were not assessed.`,
      ),
    ];
    // Only sections the output shows at all: a missing Enterprise or community section is normal.
    const printed = new Set(run.drafts.map((d) => d.result.id));
    const sections = new Set(run.drafts.map((d) => d.result.id.split('.')[0]));
    const missing = run.knownIds.filter((id) => !printed.has(id) && sections.has(id.split('.')[0]) && !id.includes('*')).sort(compareIds);
    if (missing.length > 0) {
      effects.push(runNote(`${missing.length} checks of this numbering are not in the output.`, `Not in the output, so not assessed: ${listOf(missing, 30)}.`));
    }
    return effects;
  },
};
