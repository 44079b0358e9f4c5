/**
 * Generates docker-bench-security v1.6.0-style text logs appended run after run (`tee -a`),
 * with ANSI colours as the real `-l` log has them. ~10 KB per run.
 */
import type { Writable } from 'node:stream';
import { once } from 'node:events';

const C = { info: '\x1b[1;34m[INFO]\x1b[0m', pass: '\x1b[1;32m[PASS]\x1b[0m', warn: '\x1b[1;31m[WARN]\x1b[0m', note: '\x1b[1;33m[NOTE]\x1b[0m' };

/** One complete T3 run of ~117 checks with `containers` running containers. */
export function generateRun(runIndex: number, containers = 3): string {
  const out: string[] = [];
  const ts = new Date(Date.UTC(2024, 0, 1) + runIndex * 3600_000).toISOString().replace(/\.\d+Z$/, '+00:00');
  out.push(`Initializing ${ts}`, '', '', '\x1b[1;33mSection A - Check results\x1b[0m', '');
  const sections: [string, string, number][] = [
    ['1', 'Host Configuration', 20],
    ['2', 'Docker daemon configuration', 18],
    ['3', 'Docker daemon configuration files', 24],
    ['4', 'Container Images and Build File', 11],
    ['5', 'Container Runtime', 31],
    ['6', 'Docker Security Operations', 2],
    ['7', 'Docker Swarm Configuration', 9],
  ];
  let checks = 0;
  let score = 0;
  for (const [id, title, n] of sections) {
    out.push(`${C.info} ${id} - ${title}`);
    for (let i = 1; i <= n; i++) {
      const checkId = id === '1' ? `1.${i <= 18 ? 1 : 2}.${i <= 18 ? i : i - 18}` : `${id}.${i}`;
      const kind = (i + runIndex) % 5 === 0 ? 'warn' : i % 7 === 0 ? 'note' : i % 3 === 0 ? 'info' : 'pass';
      out.push(`${C[kind]} ${checkId} - Ensure that synthetic control number ${checkId} holds (Automated)`);
      if (kind === 'warn') {
        score--;
        if (id === '5') for (let c = 0; c < containers; c++) out.push(`${C.warn}      * Running as root: container-${c}`);
      } else if (kind === 'pass') score++;
      checks++;
    }
    out.push('');
  }
  out.push('', '\x1b[1;33mSection C - Score\x1b[0m', '', `${C.info} Checks: ${checks}`, `${C.info} Score: ${score}`, '');
  return out.join('\n') + '\n';
}

export async function generateAppendedLog(stream: Writable, runs: number): Promise<void> {
  for (let i = 0; i < runs; i++) {
    if (!stream.write(generateRun(i))) await once(stream, 'drain');
  }
  stream.end();
  await once(stream, 'finish');
}
