/** Wall-clock timing of whole processes, shared by the benchmarks (figures, never assertions). */
import { spawnSync } from 'node:child_process';

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/**
 * Wall time of one `node ARGS` process, in ms. Exit codes up to `maxStatus` are results
 * (stridebench: 1 = a gate tripped, 2 = nothing assessed); anything else is a failure.
 */
export function wallMs(args: string[], maxStatus = 2): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const t1 = process.hrtime.bigint();
  if (r.status === null || r.status > maxStatus) throw new Error(`${args.join(' ')} exited ${r.status ?? r.signal}: ${r.stderr}`);
  return Number(t1 - t0) / 1e6;
}

/** Median wall time of `repeat` processes, after one run that warms the file cache. */
export function medianMs(args: string[], repeat: number, maxStatus = 2): number {
  wallMs(args, maxStatus);
  return median(Array.from({ length: repeat }, () => wallMs(args, maxStatus)));
}
