/**
 * `npm run bench [-- <name>…]`: runs the named benchmarks (all when none is named) and prints one
 * JSON array; each result carries its floor, measured in the same run, and the ratio to it.
 */
import { assertNodeVersion } from '../../electron/core/nodeVersion';

assertNodeVersion();
const { benchImport } = await import('./import');
const { benchQueue } = await import('./queue');
const { benchReport } = await import('./report');
const { benchSync } = await import('./sync');
const { benchStartup } = await import('./startup');

const BENCHES: Record<string, () => Promise<unknown>> = {
  import: () => benchImport(Number(process.env.BENCH_IMPORT_ROWS ?? 100_000)),
  queue: () =>
    benchQueue(Number(process.env.BENCH_QUEUE_LOANS ?? 100_000), Number(process.env.BENCH_QUEUE_ATTEMPTS ?? 1_000_000)),
  report: () => benchReport(Number(process.env.BENCH_REPORT_RECORDS ?? 50_000)),
  startup: () => benchStartup(Number(process.env.BENCH_STARTUP_LOANS ?? 100_000)),
  sync: () =>
    benchSync(
      Number(process.env.BENCH_SYNC_ENTRIES ?? 100_000),
      (process.env.BENCH_SYNC_MEMORY ?? '10000,100000,1000000').split(',').map(Number),
    ),
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((w) => !(w in BENCHES));
if (unknown.length > 0) {
  process.stderr.write(`unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}\n`);
  process.exit(2);
}
const results: unknown[] = [];
for (const name of wanted.length > 0 ? wanted : Object.keys(BENCHES)) {
  process.stderr.write(`[bench] ${name}…\n`);
  results.push(await BENCHES[name]!());
}
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
