/**
 * Issue 16 item 8: a restore killed at any moment. A child process restores two backups in turn
 * over the database (the CLI's `restore` path) and writes an outbox entry after each, and is killed
 * with SIGKILL at random delays, `RESTORE_KILLS` times (default 24). After every kill the database's
 * path holds a valid database (old or new: full integrity check, audit chain and row anchors hold),
 * and no outbox number is ever given twice: the live file's high water is at least every number
 * given before, and the next entry written gets a new number. A start that finds the database
 * missing beside a `.before-restore-*` or `.restoring` file goes to recovery mode (runtime and CLI),
 * never to a fresh empty database.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupTo } from '../../electron/core/backup/store';
import { openDatabase } from '../../electron/core/db/open';
import { doctor } from '../../electron/core/doctor';
import { enqueue, outboxHighWater } from '../../electron/core/sync/outbox';
import { startRuntime } from '../../electron/core/runtime';
import { cli, cliInit, ROOT, tempDir } from '../helpers';

const KILLS = Number(process.env.RESTORE_KILLS ?? 24);

let dir: string;
let db: string;
let backupA: string;
let backupB: string;

/** Write one outbox entry into the live file (what the app does next); returns its number. */
function give(file: string): number {
  const d = openDatabase(file, { mustExist: true });
  try {
    return d.transaction(() =>
      enqueue(d, { entity: 'task', op: 'update', id: 1, data: { loanNo: 'CRASH' } }, new Date()),
    )();
  } finally {
    d.close();
  }
}

beforeAll(async () => {
  dir = tempDir('cbd-restore-crash-');
  db = path.join(dir, 'branch.db');
  expect(cliInit(db).code).toBe(0);
  expect(cli(['demo-seed', '--db', db, '--loans', '20', '--as-of', '2026-11-20', '--json']).code).toBe(0);
  const d = openDatabase(db, { mustExist: true });
  try {
    backupA = (await backupTo(d, path.join(dir, 'a.db'))).file;
  } finally {
    d.close();
  }
  for (let i = 0; i < 5; i++) give(db);
  const d2 = openDatabase(db, { mustExist: true });
  try {
    backupB = (await backupTo(d2, path.join(dir, 'b.db'))).file;
  } finally {
    d2.close();
  }
  for (let i = 0; i < 5; i++) give(db);
}, 300_000);

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The highest outbox number the file at `file` has given. */
function highWaterOf(file: string): number {
  const d = openDatabase(file, { mustExist: true });
  try {
    return outboxHighWater(d);
  } finally {
    d.close();
  }
}

/** Deterministic pseudo-random numbers (the kills are random but repeatable). */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** Run the worker; kill it `delayMs` after it says it is ready. Resolves with the numbers it gave. */
function runWorker(delayMs: number): Promise<{ given: number[]; restored: number; log: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'test/crash/restore-worker.ts'), db, backupA, backupB],
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let log = '';
    let timer: NodeJS.Timeout | null = null;
    child.stderr.on('data', (d: Buffer) => {
      log += d.toString();
      if (timer === null && log.includes('ready\n')) timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.once('error', reject);
    child.once('close', () => {
      if (timer) clearTimeout(timer);
      const given = [...log.matchAll(/^given (\d+)$/gm)].map((m) => Number(m[1]));
      const restored = [...log.matchAll(/^restored \d+$/gm)].length;
      resolve({ given, restored, log });
    });
  });
}

describe('a restore killed at any moment', () => {
  it(`leaves a valid database at its path and never gives an outbox number twice (${KILLS} kills)`, async () => {
    const rand = lcg(16_008);
    let maxGiven = highWaterOf(db);
    let restores = 0;
    for (let k = 0; k < KILLS; k++) {
      // Spread over one to several restores: the check, the copy, the continuation, the swap.
      const delay = Math.floor(rand() * 2500);
      const run = await runWorker(delay);
      restores += run.restored;
      for (const g of run.given) {
        expect(g, `round ${k}: a number given twice`).toBeGreaterThan(maxGiven);
        maxGiven = g;
      }
      // The path always holds a whole, valid database.
      expect(fs.existsSync(db), `round ${k}: no database after a kill ${delay} ms in\n${run.log}`).toBe(true);
      const report = doctor(db);
      expect(report, `round ${k} (${delay} ms)`).toMatchObject({
        integrity: 'ok',
        foreignKeys: 'ok',
        auditChain: 'ok',
        healthy: true,
      });
      // Whatever file is live continues past every number given before it.
      const live = highWaterOf(db);
      expect(live, `round ${k}: the live file would give again a number already given`).toBeGreaterThanOrEqual(
        maxGiven,
      );
      const next = give(db);
      expect(next).toBeGreaterThan(maxGiven);
      maxGiven = next;
      // Kept copies of replaced files pile up over the rounds; the test removes them (an admin would).
      for (const f of fs.readdirSync(dir)) if (f.includes('.before-restore-')) fs.rmSync(path.join(dir, f));
    }
    // The kills landed among restores, not only before the first.
    expect(restores).toBeGreaterThan(KILLS / 2);
    // Temporary copies of killed restores are swept by the next restore.
    expect(cli(['restore', backupA, '--db', db, '--json']).code).toBe(0);
    expect(fs.readdirSync(dir).filter((f) => f.includes('.restoring'))).toEqual([]);
  }, 1_200_000);

  it('a start with the database missing beside a before-restore file goes to recovery, never to an empty database', async () => {
    const sub = path.join(dir, 'missing');
    fs.mkdirSync(sub);
    const db = path.join(sub, 'branch.db');
    const kept = `${db}.before-restore-2026-11-20T02-00-00-000Z`;
    fs.copyFileSync(backupA, kept); // what a restore killed between its two renames used to leave
    const quiet = { info() {}, warn() {}, error() {} };
    const rt = startRuntime(db, { log: quiet, dailyBackup: false });
    try {
      expect(rt.context()).toBeNull();
      const status = (await rt.dispatch('recovery.status', {})) as {
        ok: true;
        value: { restorable: boolean; error: { message: string; params: { left: string } } };
      };
      expect(status.ok).toBe(true);
      expect(status.value).toMatchObject({
        restorable: true,
        error: { message: 'errors.dbMissingRestoreLeft', params: { left: path.basename(kept) } },
      });
      expect(fs.existsSync(db)).toBe(false);
    } finally {
      rt.close();
    }
    // The CLI refuses too (exit 2, a plain message), and creates nothing.
    for (const args of [
      ['stats', '--db', db],
      ['demo-seed', '--db', db, '--loans', '1'],
    ]) {
      const r = cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain('不会新建空数据库');
      expect(fs.existsSync(db)).toBe(false);
    }
    // A `.restoring` copy left alone means the same.
    fs.renameSync(kept, `${db}.12345.restoring`);
    expect(cli(['stats', '--db', db]).code).toBe(2);
    expect(fs.existsSync(db)).toBe(false);
  });
});
