/** "Some tests might require root to run" is not a result, but travels as a warning on its line. */
import { ingestText } from '../../../src/ingest/index.js';

const LOG = [
  '\x1b[1;31m[WARN]\x1b[0m \x1b[1;33mSome tests might require root to run\x1b[0m',
  '',
  'Initializing 2023-12-20T10:00:00+00:00',
  '',
  '',
  'Section A - Check results',
  '',
  '[INFO] 1 - Host Configuration',
  '[INFO] 1.1 - Linux Hosts Specific Configuration',
  '[WARN] 1.1.1 - Ensure a separate partition for containers has been created (Automated)',
  '[PASS] 1.1.2 - Ensure only trusted users are allowed to control Docker daemon (Automated)',
  '',
].join('\n');

describe('root warning', () => {
  it('is not a result and is reported with its line', async () => {
    const parsed = await ingestText(LOG);
    expect(parsed.runs[0]!.results.map((r) => r.id)).toEqual(['1.1.1', '1.1.2']);
    const w = parsed.warnings.find((x) => x.code === 'requires-root');
    expect(w?.line).toBe(1);
  });
  it('is absent when the scanner ran as root', async () => {
    const parsed = await ingestText(LOG.split('\n').slice(2).join('\n'));
    expect(parsed.warnings.some((x) => x.code === 'requires-root')).toBe(false);
  });
});
