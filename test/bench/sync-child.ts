/**
 * One timed run of the sync benchmark in a fresh process, so its peak memory is its own:
 * `node --import tsx test/bench/sync-child.ts <export|floor> <db> <out-folder>`.
 * Prints one JSON line: wall and CPU milliseconds, entries, bytes written, resident memory at
 * start and at peak. The floor reads the same outbox rows with one SELECT and writes them as the
 * same NDJSON lines to one plain file (no bundling, hashing, signing, compression or renames).
 */
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { finished } from 'node:stream/promises';
import { assertNodeVersion } from '../../electron/core/nodeVersion';

assertNodeVersion();
const { openAppContext } = await import('../../electron/core/context');
const { exportBundles } = await import('../../electron/core/sync/export');
const { syncSource } = await import('../../electron/core/sync/service');

const [mode, dbFile, out] = process.argv.slice(2) as [string, string, string];
const MB = 1024 * 1024;
const ctx = openAppContext(dbFile, { mustExist: true });
ctx.signing();
const baseRss = process.memoryUsage().rss;
let sampledPeak = baseRss;
const sampler = setInterval(() => (sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss)), 5);
fs.mkdirSync(out, { recursive: true });

const t0 = performance.now();
const cpu0 = process.cpuUsage();
let entries = 0;
if (mode === 'floor') {
  const ws = fs.createWriteStream(path.join(out, 'floor.ndjson'));
  const rows = ctx.db.prepare('SELECT seq, entity, op, entity_id, at, data FROM outbox ORDER BY seq');
  for (const r of rows.iterate() as Iterable<{
    seq: number;
    entity: string;
    op: string;
    entity_id: string;
    at: string;
    data: string;
  }>) {
    entries++;
    const line = `{"seq":${r.seq},"entity":${JSON.stringify(r.entity)},"op":${JSON.stringify(r.op)},"id":${JSON.stringify(r.entity_id)},"at":${JSON.stringify(r.at)},"data":${r.data}}\n`;
    if (!ws.write(line)) await once(ws, 'drain');
  }
  ws.end();
  await finished(ws);
} else {
  const r = await exportBundles(syncSource(ctx, 'bench'), out);
  entries = r.bundles.reduce((a, b) => a + b.entries, 0);
}
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
clearInterval(sampler);
sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss);
ctx.close();
const bytes = fs.readdirSync(out).reduce((a, n) => a + fs.statSync(path.join(out, n)).size, 0);
const round = (x: number) => Math.round(x * 10) / 10;
process.stdout.write(
  `${JSON.stringify({
    mode,
    ms: round(ms),
    cpuMs: round((cpu.user + cpu.system) / 1000),
    entries,
    bytes,
    files: fs.readdirSync(out).length,
    baseRssMb: round(baseRss / MB),
    peakRssMb: round(Math.max(sampledPeak, process.resourceUsage().maxRSS * 1024) / MB),
    sampledPeakRssMb: round(sampledPeak / MB),
  })}\n`,
);
