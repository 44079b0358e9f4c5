/**
 * Every caveat rule is documented in docs/caveats.md and exercised by the rule tests; the
 * example waivers and facts files parse; a sample report runs end to end with them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CAVEAT_RULES } from '../../src/analysis/index.js';
import { parseFacts } from '../../src/analysis/facts.js';
import { parseWaivers } from '../../src/analysis/waivers.js';
import { ROOT, SAMPLES } from '../helpers/paths.js';
import { runCli } from '../helpers/cli.js';

const docs = readFileSync(join(ROOT, 'docs', 'caveats.md'), 'utf8');
const ruleTests = readdirSync(join(ROOT, 'test', 'analysis'))
  .filter((f) => f.startsWith('rules-') && f.endsWith('.test.ts'))
  .map((f) => readFileSync(join(ROOT, 'test', 'analysis', f), 'utf8'))
  .join('\n');

describe('the caveat rule catalogue', () => {
  it('has unique rule ids', () => {
    const ids = CAVEAT_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(CAVEAT_RULES.map((r) => [r.id, r] as const))('%s is documented and tested', (id, rule) => {
    // A section per rule: what misleads, how it is detected, what we do.
    const at = docs.indexOf(`### \`${id}\``);
    expect(at).toBeGreaterThanOrEqual(0);
    const section = docs.slice(at, docs.indexOf('\n### ', at + 4) === -1 ? undefined : docs.indexOf('\n### ', at + 4));
    expect(section).toMatch(/\*\*Misleads:\*\*/);
    expect(section).toMatch(/\*\*We do:\*\*/);
    for (const entry of rule.catalogue) expect(section).toContain(entry);
    // Tests name the rule when they assert it fired or did not.
    expect(ruleTests).toContain(`'${id}'`);
  });
});

describe('examples', () => {
  it('samples/waivers.csv and samples/facts.json are valid', () => {
    expect(parseWaivers(readFileSync(join(SAMPLES, 'waivers.csv'), 'utf8'), 'samples/waivers.csv').length).toBeGreaterThan(2);
    const facts = parseFacts(readFileSync(join(SAMPLES, 'facts.json'), 'utf8'), 'samples/facts.json');
    expect(facts.swarm).toBe('inactive');
    expect(facts.serverVersion).toBe('26.1.4');
  });

  it('a sample scan reports with both (needs the build)', () => {
    const r = runCli(['report', join(SAMPLES, 'docker-bench-security-1.6.0.log'), '-f', 'json', '--date', '2026-01-15', '--waivers', join(SAMPLES, 'waivers.csv'), '--facts', join(SAMPLES, 'facts.json')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { waivers: { applied: unknown[]; unused: unknown[]; expired: unknown[] } };
    expect(report.waivers.applied.length + report.waivers.unused.length + report.waivers.expired.length).toBe(4);
  });
});
