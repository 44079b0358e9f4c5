/**
 * Where `stridebench report` spends its start-up, measured in a fresh process (so every
 * import is cold): each stage the report command goes through, in its order, as wall time.
 * Prints JSON (used by bench/speed.ts); `node dist/bench/startup-child.js FILE FORMAT`.
 */
const started = performance.now();
const stages: [string, number][] = [];
let last = started;
const stage = (name: string) => {
  const now = performance.now();
  stages.push([name, now - last]);
  last = now;
};

const [file, format = 'md'] = process.argv.slice(2);
await import('yargs');
stage('import yargs (CLI parsing)');
const { ingestFile } = await import('../src/ingest/index.js');
stage('import the readers');
const parsed = await ingestFile(file!, { selection: { kind: 'index', index: -1 } });
stage('read the input');
const { analyse } = await import('../src/analysis/index.js');
const { loadKnowledge } = await import('../src/knowledge/index.js');
stage('import analysis and knowledge');
const knowledge = loadKnowledge();
stage('load the knowledge base (data/*.csv)');
const report = analyse(parsed, knowledge, { generatedAt: '2026-01-01T00:00:00.000Z' });
stage('analyse');
const { loadRenderer } = await import('../src/render/index.js');
const render = (await loadRenderer(format))!;
stage(`import the ${format} renderer`);
const text = render(report, { top: 3 });
stage(`render ${format} (first time: templates loaded, compiled if not precompiled)`);
render(report, { top: 3 });
stage(`render ${format} again (templates ready)`);
process.stdout.write(JSON.stringify({ stages, sinceProcessStart: performance.now(), bytes: text.length }));
