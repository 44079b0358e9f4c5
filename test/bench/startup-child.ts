/**
 * Where `stridebench report` spends its start-up, measured in a fresh process (so every
 * import is cold): each stage the report command goes through, in its order, as wall time.
 * With `--imports-only` as a third argument it only loads what `report` loads: the floor
 * that no amount of faster parsing or rendering can go below.
 * Prints JSON (used by test/bench/speed.ts); `node dist/test/bench/startup-child.js FILE FORMAT`.
 */
const started = performance.now();
const stages: [string, number][] = [];
let last = started;
const stage = (name: string) => {
  const now = performance.now();
  stages.push([name, now - last]);
  last = now;
};

const [file, format = 'md', mode] = process.argv.slice(2);
const { parseFast } = await import('../../src/cli/fast-args.js');
const { COMMANDS } = await import('../../src/cli/program.js');
stage('import the CLI (argument parser, command table)');
parseFast(['report', file!, '-f', format], COMMANDS);
stage('parse the arguments');
const { ingestFile } = await import('../../src/ingest/index.js');
stage('import the readers');
if (mode === '--imports-only') {
  // The floor: every module `report` loads, and no work done with them.
  await import('../../src/analysis/index.js');
  await import('../../src/knowledge/index.js');
  const { loadRenderer } = await import('../../src/render/index.js');
  await loadRenderer(format);
  stage('import analysis, knowledge and the renderer');
  process.stdout.write(JSON.stringify({ stages, sinceProcessStart: performance.now(), bytes: 0 }));
  process.exit(0);
}
const parsed = await ingestFile(file!, { selection: { kind: 'index', index: -1 } });
stage('read the input');
const { analyse } = await import('../../src/analysis/index.js');
const { loadKnowledge } = await import('../../src/knowledge/index.js');
stage('import analysis and knowledge');
const knowledge = loadKnowledge();
stage('load the knowledge base (snapshot of data/*.csv)');
const report = analyse(parsed, knowledge, { generatedAt: '2026-01-01T00:00:00.000Z' });
stage('analyse');
const { loadRenderer } = await import('../../src/render/index.js');
const render = (await loadRenderer(format))!;
stage(`import the ${format} renderer`);
const text = render(report, { top: 3 });
stage(`render ${format} (first time: templates loaded, compiled if not precompiled)`);
render(report, { top: 3 });
stage(`render ${format} again (templates ready)`);
process.stdout.write(JSON.stringify({ stages, sinceProcessStart: performance.now(), bytes: text.length }));
