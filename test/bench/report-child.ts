/**
 * One timed run of the report benchmark in a fresh process (test/bench/child.ts):
 * `node --import tsx test/bench/report-child.ts <xlsx|csv|floor> <db> <out> <week> <now>`.
 * Reports rows and bytes besides the measurements. The floor reads the same 明细 rows with one
 * SELECT and writes them as plain CSV (no masking, labels, escaping or quoting) through an fs
 * write stream.
 */
import fs from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { assertNodeVersion } from '../../electron/core/nodeVersion';

assertNodeVersion();
const { openAppContext } = await import('../../electron/core/context');
const { DETAIL_SQL, detailParams } = await import('../../electron/core/reports/details');
const { writeWeeklyReport } = await import('../../electron/core/reports/weekly');
const { measure } = await import('./child');

const [mode, dbFile, out, week, now] = process.argv.slice(2) as [string, string, string, string, string];
const ctx = openAppContext(dbFile, { mustExist: true });

await measure(
  mode,
  async () => {
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
    return { rows, bytes: fs.statSync(out).size };
  },
  () => ctx.close(),
);
