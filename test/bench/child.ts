/**
 * Timed runs in a fresh process, so each run's peak memory is its own. The parent side
 * (`runChild`) starts `node --import tsx test/bench/<script> …args` and reads the one JSON line it
 * prints; the child side (`measure`) times the work (wall and CPU), samples resident memory every
 * 5 ms and prints that line with the work's own fields.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const ROOT = path.resolve(import.meta.dirname, '../..');
const MB = 1024 * 1024;
const round = (x: number) => Math.round(x * 10) / 10;

/** What every child run reports besides its own fields. */
export interface Measured {
  mode: string;
  ms: number;
  cpuMs: number;
  baseRssMb: number;
  /** The larger of the sampled peak and the process's maxRSS. */
  peakRssMb: number;
  sampledPeakRssMb: number;
}

export function runChild<T>(
  script: string,
  args: string[],
  opts: { nodeArgs?: string[]; timeoutMs?: number } = {},
): Measured & T {
  const r = spawnSync(
    process.execPath,
    [...(opts.nodeArgs ?? []), '--import', 'tsx', path.join(ROOT, 'test/bench', script), ...args],
    { cwd: ROOT, encoding: 'utf8', timeout: opts.timeoutMs ?? 600_000 },
  );
  if (r.status !== 0) throw new Error(`bench child ${script} ${args[0] ?? ''} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Measured & T;
}

/** Time `work` in this (child) process and print one JSON line: the measurements and `work`'s fields. */
export async function measure<T extends object>(
  mode: string,
  work: () => Promise<T> | T,
  after: () => void = () => {},
): Promise<void> {
  const baseRss = process.memoryUsage().rss;
  let sampledPeak = baseRss;
  const sampler = setInterval(() => (sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss)), 5);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const fields = await work();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sampler);
  sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss);
  after();
  const measured: Measured = {
    mode,
    ms: round(ms),
    cpuMs: round((cpu.user + cpu.system) / 1000),
    baseRssMb: round(baseRss / MB),
    peakRssMb: round(Math.max(sampledPeak, process.resourceUsage().maxRSS * 1024) / MB),
    sampledPeakRssMb: round(sampledPeak / MB),
  };
  process.stdout.write(`${JSON.stringify({ ...measured, ...fields })}\n`);
}
