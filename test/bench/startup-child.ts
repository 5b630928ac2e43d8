/**
 * One timed start of the app's data layer in a fresh process (test/bench/child.ts):
 * `node --import tsx test/bench/startup-child.ts <app|floor> <db>`. `app` is what the Electron
 * main process and the harness do before the window can ask anything: open the file (pragmas,
 * quick integrity check, schema check), then `onAppStart` (calendar seed, task generation for
 * today). The floor opens the same file with better-sqlite3 and runs the quick integrity check only.
 */
import { assertNodeVersion } from '../../electron/core/nodeVersion';

assertNodeVersion();
const [mode, dbFile] = process.argv.slice(2) as [string, string];
const { default: Database } = await import('better-sqlite3');
const { onAppStart, openAppContext } = await import('../../electron/core/context');
const { measure } = await import('./child');

await measure(mode, () => {
  if (mode === 'floor') {
    const db = new Database(dbFile, { fileMustExist: true });
    db.pragma('quick_check');
    db.close();
  } else {
    const ctx = openAppContext(dbFile, { mustExist: true });
    onAppStart(ctx);
    ctx.close();
  }
  return {};
});
