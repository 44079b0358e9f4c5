/**
 * Section 3 file checks are coarse (caveats.md C-21). docker-bench-security compares modes
 * as decimal numbers (`stat -c %a` ≤ 644), not as permission bits, so a group- or
 * world-writable 622 passes "644 or more restrictive" and 606 passes "660 or more
 * restrictive". A permissions PASS stays SATISFIED with a note to verify no group/other
 * write bit is set.
 */
import { label, note, type CaveatRule } from './rule.js';

export const coarseFileCheck: CaveatRule = {
  id: 'coarse-file-check',
  title: 'File permission checks compare modes as numbers',
  catalogue: ['C-21'],
  appliesTo: (run) => run.tool === 'docker-bench-security' && run.inArea('files').length > 0,
  apply: (run) =>
    run
      .inArea('files')
      .filter((d) => d.result.status === 'PASS' && /permissions/i.test(d.result.title))
      .map((d) =>
        note(
          d,
          `${label(d)} compared the mode as a decimal number, not as permission bits (622 passes "644 or more restrictive"): ` +
            'satisfied as far as it goes; verify no group/other write bit with `stat -c %A`.',
        ),
      ),
};
