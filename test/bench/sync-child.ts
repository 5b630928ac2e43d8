/**
 * One timed run of the sync benchmark in a fresh process (test/bench/child.ts):
 * `node --import tsx test/bench/sync-child.ts <export|floor> <db> <out-folder>`.
 * Reports entries, bytes and files written besides the measurements. The floor reads the same
 * outbox rows with one SELECT and writes them as the same NDJSON lines to one plain file (no
 * bundling, hashing, signing, compression or renames).
 */
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { assertNodeVersion } from '../../electron/core/nodeVersion';

assertNodeVersion();
const { openAppContext } = await import('../../electron/core/context');
const { exportBundles } = await import('../../electron/core/sync/export');
const { syncSource } = await import('../../electron/core/sync/service');
const { measure } = await import('./child');

const [mode, dbFile, out] = process.argv.slice(2) as [string, string, string];
const ctx = openAppContext(dbFile, { mustExist: true });
ctx.signing();
fs.mkdirSync(out, { recursive: true });

await measure(
  mode,
  async () => {
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
    const files = fs.readdirSync(out);
    return {
      entries,
      bytes: files.reduce((a, n) => a + fs.statSync(path.join(out, n)).size, 0),
      files: files.length,
    };
  },
  () => ctx.close(),
);
