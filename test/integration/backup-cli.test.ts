/**
 * `backup` and `restore` through the real CLI, and the app's daily rotating backup: a restore
 * brings back exactly the data (stats and the audit chain), and a damaged, newer or foreign
 * backup is refused with the current database left as it was.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { dailyBackup, restoreFrom, usableBackups } from '../../electron/core/backup/store';
import { restoreFinish } from '../../electron/core/backup/service';
import { openAppContext } from '../../electron/core/context';
import { cli, cliInit, tempDb, tempDir, TestClock } from '../helpers';
import { copyBranch } from '../sync/fixtures';

let template: string;
beforeAll(() => {
  template = tempDb();
  expect(cliInit(template).code).toBe(0);
  const seed = cli(['demo-seed', '--db', template, '--loans', '60', '--seed', '4', '--as-of', '2026-11-20', '--json']);
  expect(seed.code, seed.stderr).toBe(0);
}, 120_000);

const stats = (db: string) => cli(['stats', '--db', db, '--json']).json as Record<string, number>;

/** The highest outbox number a database file has given. */
function outboxSeq(file: string): number {
  const raw = new Database(file, { readonly: true });
  try {
    return (raw.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'").pluck().get() as number) ?? 0;
  } finally {
    raw.close();
  }
}

describe('backup and restore', () => {
  it('a restore brings back exactly the data of the backup, and keeps the replaced file', () => {
    const db = copyBranch(template);
    const out = path.join(tempDir(), 'branch-backup.db');
    const b = cli(['backup', '--db', db, '--out', out, '--json']);
    expect(b.code, b.stderr).toBe(0);
    expect(b.json).toMatchObject({ file: out, schemaVersion: expect.any(Number) });
    expect(fs.readdirSync(path.dirname(out)).filter((n) => n.includes('partial'))).toEqual([]);
    const atBackup = stats(db);
    const audit = cli(['audit', 'verify', '--db', db, '--json']).json as { entries: number };

    // Work goes on after the backup…
    const add = cli(
      [
        'users',
        'add',
        '--db',
        db,
        '--username',
        'later',
        '--role',
        'officer',
        '--display-name',
        '后来',
        '--password-stdin',
      ],
      {
        input: 'password-123\n',
      },
    );
    expect(add.code, add.stderr).toBe(0);
    // (new tasks: outbox entries head office may already hold)
    expect(cli(['tasks', 'generate', '--db', db, '--as-of', '2026-12-31', '--json']).code).toBe(0);
    expect(stats(db)).not.toEqual(atBackup);
    const highWater = outboxSeq(db);
    expect(highWater).toBeGreaterThan(outboxSeq(out));

    // …and the restore puts the backup's data back, plus the audit entry of the restore.
    const r = cli(['restore', out, '--db', db, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json).toMatchObject({ outboxContinuesAfter: highWater });
    const keptAs = (r.json as { keptAs: string }).keptAs;
    expect(fs.existsSync(keptAs)).toBe(true);
    expect(stats(db)).toEqual({ ...atBackup, auditEntries: atBackup.auditEntries! + 1 });
    expect(cli(['audit', 'verify', '--db', db, '--json']).json).toEqual({
      valid: true,
      entries: audit.entries + 1,
      firstBadSeq: null,
    });
    // No sequence number is given twice: the next entry comes after the replaced file's last.
    expect(outboxSeq(db)).toBe(highWater);
    const raw = new Database(db, { readonly: true });
    const last = raw.prepare('SELECT action, actor, details FROM audit_log ORDER BY seq DESC LIMIT 1').get() as {
      action: string;
      actor: string;
      details: string;
    };
    raw.close();
    expect(last.action).toBe('backup.restored');
    expect(last.actor).toMatch(/^cli/);
    expect(JSON.parse(last.details)).toMatchObject({
      backup: 'branch-backup.db',
      via: 'cli',
      outboxContinuesAfter: highWater,
    });
    expect(cli(['doctor', '--db', db, '--json']).json).toMatchObject({ healthy: true });
    // The kept file still holds the later work.
    expect(stats(keptAs)).not.toEqual(atBackup);
  });

  it('refuses a damaged, a newer or a foreign backup and leaves the database as it was', () => {
    const db = copyBranch(template);
    const before = stats(db);
    const dir = tempDir();
    const good = path.join(dir, 'good.db');
    expect(cli(['backup', '--db', db, '--out', good]).code).toBe(0);

    const garbage = path.join(dir, 'garbage.db');
    fs.writeFileSync(garbage, 'this is not a database');
    const damaged = path.join(dir, 'damaged.db');
    const bytes = fs.readFileSync(good);
    fs.writeFileSync(damaged, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const newer = path.join(dir, 'newer.db');
    fs.copyFileSync(good, newer);
    const n = new Database(newer);
    n.pragma('user_version = 999');
    n.close();
    const foreign = path.join(dir, 'foreign.db');
    expect(cliInit(foreign).code).toBe(0);

    for (const [file, text] of [
      [garbage, /未通过完整性检查/],
      [damaged, /未通过完整性检查/],
      [newer, /更新版本/],
      [foreign, /不是用密钥文件/],
    ] as const) {
      const r = cli(['restore', file, '--db', db]);
      expect(r.code, path.basename(file)).toBe(1);
      expect(r.stderr, path.basename(file)).toMatch(text);
      expect(stats(db)).toEqual(before);
    }
    expect(
      fs.readdirSync(path.dirname(db)).filter((f) => f.includes('before-restore') || f.includes('restoring')),
    ).toEqual([]);
    expect(cli(['restore', path.join(dir, 'missing.db'), '--db', db]).code).toBe(2);
    expect(cli(['backup', '--db', db, '--out', path.join(dir, 'no-such-folder', 'b.db')]).code).toBe(2);
  });

  it('the daily backup writes one file a day and keeps the newest 14', async () => {
    const clock = new TestClock(Date.parse('2026-11-01T02:00:00Z'));
    const ctx = openAppContext(copyBranch(template), { clock: clock.now });
    const dir = path.join(tempDir(), 'backups');
    try {
      for (let day = 0; day < 20; day++) {
        expect(await dailyBackup(ctx.db, dir, clock.now())).not.toBeNull();
        expect(await dailyBackup(ctx.db, dir, clock.now())).toBeNull(); // once a day
        clock.advance(86_400_000);
      }
    } finally {
      ctx.close();
    }
    const files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.db'))
      .sort();
    expect(files).toHaveLength(14);
    expect(files[0]).toBe('callback-desk-2026-11-07.db');
    expect(files[13]).toBe('callback-desk-2026-11-20.db');
    expect(cli(['doctor', '--db', path.join(dir, files[13]!), '--json']).json).toMatchObject({ healthy: true });
  });

  it('a damaged database is offered its newest good daily backup, and restoring it works', async () => {
    const db = copyBranch(template);
    const dir = path.join(path.dirname(db), 'backups');
    const clock = new TestClock(Date.parse('2026-11-18T02:00:00Z'));
    const atBackup = stats(db);
    const ctx = openAppContext(db, { clock: clock.now });
    await dailyBackup(ctx.db, dir, clock.now());
    clock.advance(86_400_000);
    await dailyBackup(ctx.db, dir, clock.now());
    ctx.close();
    fs.writeFileSync(path.join(dir, 'callback-desk-2026-11-20.db'), 'not a database'); // the newest is damaged
    // The database file itself gets damaged: its pages are overwritten in the middle.
    const fd = fs.openSync(db, 'r+');
    fs.writeSync(fd, Buffer.alloc(64 * 1024, 0x5a), 0, 64 * 1024, 8 * 4096);
    fs.closeSync(fd);
    expect(cli(['doctor', '--db', db, '--json']).json).toMatchObject({ healthy: false });
    const offered = usableBackups(dir, db);
    expect(offered.map((f) => path.basename(f))).toEqual([
      'callback-desk-2026-11-19.db',
      'callback-desk-2026-11-18.db',
    ]);
    const r = restoreFrom(
      offered[0]!,
      db,
      clock.now(),
      restoreFinish(null, { backup: 'b', via: 'recovery' }, clock.now()),
    );
    expect(fs.existsSync(r.keptAs!)).toBe(true);
    // The backup's data, plus the restore's own audit entry (written into the file before it took the name).
    expect(stats(db)).toEqual({ ...atBackup, auditEntries: atBackup.auditEntries! + 1 });
    expect(cli(['doctor', '--db', db, '--json']).json).toMatchObject({ healthy: true });
  });
});
