/** The a/b pair rule (caveats.md C-02) on aqua docker-bench cis-1.2 output shaped like the real thing. */
import { analyseFixture, analyseText, aquaLog, caveat, lastRun, result, rules } from './helpers.js';

describe('ab-pair: options that must be set', () => {
  it('satisfies the control when the command-line variant passes and explains the failing daemon.json one', async () => {
    const report = await analyseFixture('aqua-cis-1.2-ab-pairs.txt');
    const a = result(report, '2.17.a');
    const b = result(report, '2.17.b');
    expect(a.verdict).toBe('SATISFIED');
    expect(b.status).toBe('FAIL');
    expect(b.verdict).toBe('SATISFIED');
    const why = caveat(b, 'ab-pair');
    expect(why).toMatch(/greps \/etc\/docker\/daemon\.json/);
    expect(why).toMatch(/command line/);
    expect(why).toMatch(/every re-run/);
  });

  it('satisfies the control when only the daemon.json variant passes', async () => {
    const report = await analyseFixture('aqua-cis-1.2-ab-pairs.txt');
    expect(result(report, '2.13.b').verdict).toBe('SATISFIED');
    const a = result(report, '2.13.a');
    expect(a.status).toBe('FAIL');
    expect(a.verdict).toBe('SATISFIED');
    expect(caveat(a, 'ab-pair')).toMatch(/set in \/etc\/docker\/daemon\.json \(2\.13\.b passes\)/);
  });

  it('warns that dockerd will refuse its next start when both variants pass', async () => {
    const report = await analyseFixture('aqua-cis-1.2-ab-pairs.txt');
    for (const id of ['2.14.a', '2.14.b']) {
      expect(result(report, id).verdict).toBe('SATISFIED');
      expect(caveat(result(report, id), 'ab-pair')).toMatch(/refuse to start on its next restart/);
    }
    expect(lastRun(report).caveats.some((c) => c.rule === 'ab-pair' && /drift on 2\.14/i.test(c.message))).toBe(true);
  });

  it('keeps both variants as findings, and says to set the option in one place, when both fail', async () => {
    const report = await analyseFixture('aqua-cis-1.2-ab-pairs.txt');
    for (const id of ['2.11.a', '2.11.b']) {
      const r = result(report, id);
      expect(r.verdict).toBe('FINDING');
      expect(caveat(r, 'ab-pair')).toMatch(/ONE place/);
    }
  });

  it('does not fire on ids without a variant suffix', async () => {
    const report = await analyseFixture('aqua-cis-1.2-ab-pairs.txt');
    expect(rules(result(report, '2.1'))).not.toContain('ab-pair');
    expect(result(report, '2.1').verdict).toBe('FINDING');
  });

  it('leaves a pair whose variants both pass without notes when nothing must be said (must-keep-default options)', async () => {
    const report = await analyseFixture('aqua-cis-1.2-ab-pairs.txt');
    expect(rules(result(report, '2.9.a'))).not.toContain('ab-pair');
    expect(rules(result(report, '2.9.b'))).not.toContain('ab-pair');
  });
});

describe('ab-pair: options that must keep their default', () => {
  it('says the compliant default applies when neither place sets the option', async () => {
    const report = await analyseFixture('aqua-cis-1.2-ab-pairs.txt');
    const b = result(report, '2.2.b');
    expect(b.verdict).toBe('SATISFIED');
    expect(caveat(b, 'ab-pair')).toMatch(/default log level \(info\) applies and complies/);
    expect(caveat(result(report, '2.2.a'), 'ab-pair')).toMatch(/Neither the dockerd command line nor daemon\.json sets log-level/);
  });

  it('keeps a finding when the captured daemon.json output shows a changed value', async () => {
    const report = await analyseFixture('aqua-cis-1.2-ab-pairs.txt');
    const b = result(report, '2.10.b');
    expect(b.verdict).toBe('FINDING');
    expect(caveat(b, 'ab-pair')).toMatch(/dm\.basesize=20G/);
  });

  it('keeps a finding when the command line changes the option, even though daemon.json passes', async () => {
    const report = await analyseText(
      aquaLog(
        `[INFO] 2 Docker daemon configuration
[FAIL] 2.2.a Ensure the logging level is set to 'info' (Scored)
\t root  1021  1  0 09:12 ?  00:00:04 /usr/bin/dockerd -H fd:// --log-level=debug
\t 
[PASS] 2.2.b Ensure the logging level is set to 'info' (Scored)`,
      ),
    );
    expect(result(report, '2.2.a').verdict).toBe('FINDING');
    expect(result(report, '2.2.b').verdict).toBe('SATISFIED');
    expect(caveat(result(report, '2.2.b'), 'ab-pair')).toMatch(/not met/);
  });
});

describe('ab-pair: half a pair', () => {
  it('marks a lone failing variant of a partial grep-FAIL excerpt unverified', async () => {
    const text = ['[FAIL] 2.13.a Ensure live restore is Enabled (Scored)', '[FAIL] 2.6.a Ensure TLS authentication for Docker daemon is configured (Scored)', '[FAIL] 2.6.b Ensure TLS authentication for Docker daemon is configured (Scored)', '3 checks FAIL', ''].join('\n');
    const report = await analyseText(text);
    expect(lastRun(report).partial).toBe(true);
    const lone = result(report, '2.13.a');
    expect(lone.verdict).toBe('UNVERIFIED');
    expect(caveat(lone, 'ab-pair')).toMatch(/2\.13\.b is not in this partial output/);
    // Both halves present and failing: still findings.
    expect(result(report, '2.6.a').verdict).toBe('FINDING');
  });
});
