/** Hostile input: huge lines and odd ids go through the analysis linearly and never throw. */
import { analyseText, dbsLog, lastRun } from './helpers.js';

describe('hostile input', () => {
  it('analyses a run whose details, titles and ids are huge without choking', async () => {
    const digits = '9'.repeat(200_000);
    const report = await analyseText(
      dbsLog(`[INFO] 2 - Docker daemon configuration
[WARN] 2.15 - Ensure live restore is enabled ${'x'.repeat(200_000)} (Scored)
[INFO] 5 - Container Runtime
[WARN] 5.11 - Ensure that the memory usage for containers is limited (Automated)
[WARN]       * Container running without memory restrictions: ${'a:'.repeat(100_000)}
[INFO] 6 - Docker Security Operations
[INFO] 6.1 - Ensure that image sprawl is avoided (Manual)
[INFO]      * There are currently: ${digits}
[INFO] 6.2 - Ensure that container sprawl is avoided (Manual)
[INFO]      * There are currently a total of ${digits} containers, with ${digits}`),
    );
    const run = lastRun(report);
    expect(run.results.length).toBeGreaterThanOrEqual(4);
    expect(run.results.every((r) => typeof r.verdict === 'string')).toBe(true);
  });
});
