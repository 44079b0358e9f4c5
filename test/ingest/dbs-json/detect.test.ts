import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectDockerBenchSecurityJson as detect } from '../../../src/ingest/docker-bench-security-json.js';
import { detectReader } from '../../../src/ingest/detect.js';
import { FIXTURES, REFERENCE } from '../../helpers/paths.js';

const head = (path: string) => new TextDecoder().decode(readFileSync(path).subarray(0, 64 * 1024));

describe('docker-bench-security JSON detection', () => {
  it('is certain for a JSON document naming dockerbenchsecurity at its start, in every layout', () => {
    for (const name of ['j1-flat-duplicate-keys.log.json', 'j2-compact.log.json', 'j3-remediation-truncated.log.json', 'array-of-runs.log.json']) {
      expect(detect(head(join(FIXTURES, 'dbs-json', name)))).toBe(1);
    }
  });

  it('is less sure, but still claims, a file with a stray line before the JSON', () => {
    const confidence = detect(head(join(FIXTURES, 'dbs-json', 'stray-and-trailing.log.json')));
    expect(confidence).toBeGreaterThanOrEqual(0.5);
    expect(confidence).toBeLessThan(1);
  });

  it('finds a docker-bench-like JSON without the version key likely, not certain', () => {
    const text = '{\n  "tests": [\n    {"id": "1", "desc": "Host Configuration", "results": [\n      {"id": "1.1", "desc": "x", "result": "PASS"}\n    ]}\n  ]\n}';
    expect(detect(text)).toBeGreaterThanOrEqual(0.5);
    expect(detect(text)).toBeLessThan(1);
  });

  it('does not claim the aqua docker-bench and kube-bench JSON layouts', () => {
    const aqua = '{"id":"1","version":"1.2","text":"Host Configuration","tests":[{"section":"1.1","desc":"General","results":[{"test_number":"1.1.1","test_desc":"Ensure a separate partition","status":"WARN","scored":true}]}]}';
    const kube = '{"Controls":[{"id":"4","version":"cis-1.24","node_type":"node","tests":[{"section":"4.1","desc":"Worker","results":[{"test_number":"4.1.1","test_desc":"x","status":"PASS"}]}]}],"Totals":{}}';
    expect(detect(aqua)).toBe(0);
    expect(detect(kube)).toBe(0);
    const examples = join(REFERENCE, 'aqua-docker-bench', 'examples');
    if (existsSync(examples)) {
      for (const name of readdirSync(examples).filter((n) => n.endsWith('.json'))) {
        expect([name, detect(head(join(examples, name)))]).toEqual([name, 0]);
      }
    }
  });

  it('does not claim Markdown, text logs or unrelated JSON', () => {
    expect(detect('# Report\n\n```json\n{\n  "dockerbenchsecurity": "1.6.0"\n}\n```\n')).toBe(0);
    expect(detect('[INFO] 1 - Host Configuration\n[WARN] 1.1.1 - Ensure a separate partition\n')).toBe(0);
    expect(detect('{"foo": 1}')).toBe(0);
    expect(detect('')).toBe(0);
  });

  it('wins detection for its files among all registered readers', () => {
    const detection = detectReader(head(join(FIXTURES, 'dbs-json', 'j3-remediation-truncated.log.json')));
    expect(detection?.reader.format).toBe('docker-bench-security-json');
  });
});
