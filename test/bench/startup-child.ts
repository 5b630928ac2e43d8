/**
 * One timed start of the app's data layer in a fresh process: `node --import tsx
 * test/bench/startup-child.ts <app|floor> <db>`. `app` is what the Electron main process and the
 * harness do before the window can ask anything: open the file (pragmas, quick integrity check,
 * schema check), then `onAppStart` (calendar seed, task generation for today). The floor opens the
 * same file with better-sqlite3 and runs the quick integrity check only. Prints one JSON line.
 */
import { performance } from 'node:perf_hooks';
import { assertNodeVersion } from '../../electron/core/nodeVersion';

assertNodeVersion();
const [mode, dbFile] = process.argv.slice(2) as [string, string];
const { default: Database } = await import('better-sqlite3');
const { onAppStart, openAppContext } = await import('../../electron/core/context');

const t0 = performance.now();
if (mode === 'floor') {
  const db = new Database(dbFile, { fileMustExist: true });
  db.pragma('quick_check');
  db.close();
} else {
  const ctx = openAppContext(dbFile, { mustExist: true });
  onAppStart(ctx);
  ctx.close();
}
const ms = performance.now() - t0;
process.stdout.write(
  `${JSON.stringify({ mode, ms: Math.round(ms * 10) / 10, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`,
);
