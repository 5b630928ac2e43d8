/**
 * One timed run of the report benchmark in a fresh process, so its peak memory is its own:
 * `node --import tsx test/bench/report-child.ts <xlsx|csv|floor> <db> <out> <week> <now>`.
 * Prints one JSON line: wall and CPU milliseconds, rows, bytes, resident memory at start and at peak.
 * The floor reads the same 明细 rows with one SELECT and writes them as plain CSV (no masking,
 * labels, escaping or quoting) through an fs write stream.
 */
import fs from 'node:fs';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { finished } from 'node:stream/promises';
import { assertNodeVersion } from '../../electron/core/nodeVersion';

assertNodeVersion();
const { openAppContext } = await import('../../electron/core/context');
const { DETAIL_SQL, detailParams } = await import('../../electron/core/reports/details');
const { writeWeeklyReport } = await import('../../electron/core/reports/weekly');

const [mode, dbFile, out, week, now] = process.argv.slice(2) as [string, string, string, string, string];
const MB = 1024 * 1024;
const ctx = openAppContext(dbFile, { mustExist: true });
const baseRss = process.memoryUsage().rss;
let sampledPeak = baseRss;
const sampler = setInterval(() => (sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss)), 5);

const t0 = performance.now();
const cpu0 = process.cpuUsage();
let rows = 0;
if (mode === 'floor') {
  const ws = fs.createWriteStream(out);
  for (const r of ctx.db.prepare(DETAIL_SQL).iterate(detailParams({ week })) as Iterable<Record<string, unknown>>) {
    rows++;
    if (!ws.write(`${Object.values(r).join(',')}\n`)) await once(ws, 'drain');
  }
  ws.end();
  await finished(ws);
} else {
  const r = await writeWeeklyReport(
    ctx.db,
    { week, format: mode as 'xlsx' | 'csv', language: 'zh-CN', out },
    new Date(now),
  );
  rows = r.records;
}
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
clearInterval(sampler);
sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss);
ctx.close();
const round = (x: number) => Math.round(x * 10) / 10;
process.stdout.write(
  `${JSON.stringify({
    mode,
    ms: round(ms),
    cpuMs: round((cpu.user + cpu.system) / 1000),
    rows,
    bytes: fs.statSync(out).size,
    baseRssMb: round(baseRss / MB),
    peakRssMb: round(Math.max(sampledPeak, process.resourceUsage().maxRSS * 1024) / MB),
    sampledPeakRssMb: round(sampledPeak / MB),
  })}\n`,
);
