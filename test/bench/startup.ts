/**
 * Start-up benchmark: the app's data layer opening a branch file with 100k loans (and their
 * tasks), against a floor measured in the same run on the same file (open + quick integrity
 * check, which any start must do). Each start is a fresh child process (test/bench/startup-child.ts).
 * The first start of a day creates that day's new tasks; later starts find nothing to create.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openAppContext } from '../../electron/core/context';
import { Rng } from '../../electron/core/demo/random';
import { generateTasks } from '../../electron/core/tasks/generate';
import { runChild } from './child';
import type { BenchResult } from './import';
import { AS_OF, insertLoans } from './queue';

const start = (mode: 'app' | 'floor', db: string) => runChild<object>('startup-child.ts', [mode, db]);

export async function benchStartup(loans = 100_000): Promise<BenchResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cbd-bench-startup-'));
  try {
    const db = path.join(dir, 'branch.db');
    const ctx = openAppContext(db);
    ctx.db
      .prepare(`INSERT INTO branch (id, code, name, created_at) VALUES (1, 'BENCH', '基准测试支行', ?)`)
      .run(new Date().toISOString());
    insertLoans(ctx, new Rng(7), loans);
    generateTasks(ctx.db, { asOf: AS_OF, now: new Date(), actor: 'bench' });
    const tasks = ctx.db.prepare('SELECT count(*) FROM tasks').pluck().get() as number;
    const bytes = fs.statSync(db).size;
    ctx.close();
    start('floor', db); // warm the page cache
    const floor = start('floor', db);
    const firstOfDay = start('app', db);
    const steady = start('app', db);
    return {
      name: 'startup',
      loans,
      tasks,
      fileMb: Math.round(bytes / 1024 / 1024),
      firstStartOfDayMs: firstOfDay.ms,
      startMs: steady.ms,
      floorMs: floor.ms,
      ratio: Math.round((steady.ms / floor.ms) * 100) / 100,
      peakRssMb: steady.peakRssMb,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
