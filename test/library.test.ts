/** The public library API runs the same stages as the CLI, end to end. */
import { join } from 'node:path';
import { analyse, ingestFile, loadKnowledge, loadRenderer, VERDICTS } from '../src/index.js';
import { SAMPLES } from './helpers/paths.js';

describe('library API', () => {
  it('ingests, analyses and renders a bundled sample', async () => {
    const parsed = await ingestFile(join(SAMPLES, 'docker-bench-security-1.6.0.log'), { selection: { kind: 'index', index: -1 } });
    expect(parsed.runs).toHaveLength(1);
    const report = analyse(parsed, loadKnowledge(), { generatedAt: '2026-01-01T00:00:00.000Z' });
    const run = report.runs[0]!;
    expect(run.results.length).toBe(parsed.runs[0]!.results.length);
    for (const r of run.results) expect(VERDICTS).toContain(r.verdict);
    const total = Object.values(run.summary.verdicts).reduce((a, b) => a + b, 0);
    expect(total).toBe(run.results.length);
    const md = (await loadRenderer('md'))!(report, { top: 3 });
    expect(md).toContain('docker-bench-security-1.6.0.log');
    expect(await loadRenderer('no-such-format')).toBeUndefined();
  });
});
