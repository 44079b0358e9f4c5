/**
 * samples/ holds one example per supported input format (what users try first): each is
 * detected as its format, reads as one complete run, and makes a report through the CLI.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { INPUT_FORMATS } from '../src/model/types.js';
import { ingestFile } from '../src/ingest/index.js';
import { runCli } from './helpers/cli.js';
import { SAMPLES } from './helpers/paths.js';

const EXPECTED_FORMAT: Record<string, string> = {
  'docker-bench-security-1.6.0.log': 'docker-bench-security-text',
  'docker-bench-security-1.3.4.txt': 'docker-bench-security-text',
  'docker-bench-security-1.6.0.log.json': 'docker-bench-security-json',
  'aqua-docker-bench-cis-1.2.txt': 'aqua-docker-bench-text',
  'aqua-docker-bench-cis-1.2.json': 'aqua-docker-bench-json',
  'kube-bench-node.txt': 'kube-bench-text',
  'kube-bench.json': 'kube-bench-json',
  'docker-bench-security-writeup.md': 'markdown-embedded',
};

describe('bundled samples', () => {
  it('cover every input format', () => {
    expect(new Set(Object.values(EXPECTED_FORMAT))).toEqual(new Set(INPUT_FORMATS));
    const scannerOutputs = readdirSync(SAMPLES).filter((f) => !['waivers.csv', 'facts.json'].includes(f));
    expect(scannerOutputs.sort()).toEqual(Object.keys(EXPECTED_FORMAT).sort());
  });

  it.each(Object.entries(EXPECTED_FORMAT))('%s is read as %s, one complete run', async (file, format) => {
    const parsed = await ingestFile(join(SAMPLES, file));
    expect(parsed.input.format).toBe(format);
    expect(parsed.runs).toHaveLength(1);
    expect(parsed.runs[0]!.partial).toBe(false);
    expect(parsed.runs[0]!.benchmark).not.toBeNull();
    expect(parsed.runs[0]!.results.length).toBeGreaterThan(40);
  });

  it.each(Object.keys(EXPECTED_FORMAT))('%s makes an HTML report', (file) => {
    const r = runCli(['report', join(SAMPLES, file), '-f', 'html', '--date', '2026-01-01']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^<!DOCTYPE html>/i);
    expect(r.stdout).toContain('Threat model');
  });
});
