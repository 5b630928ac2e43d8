/**
 * Restore while the app runs (设置 → 备份与恢复) and recovery mode at start (issue 8), through the
 * runtime's dispatcher — the same one Electron IPC and the harness call. A restore brings back
 * exactly the backup's data (stats, audit chain) plus one audit entry for itself; a wrong password,
 * a busy import, foreign keys or a damaged backup change nothing; a damaged database starts in
 * recovery mode instead of crashing, offers only backups that pass every check, and opens again
 * after a restore.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { backupDirFor, backupTo, dailyBackup } from '../../electron/core/backup/store';
import { openAppContext } from '../../electron/core/context';
import { startRuntime, type Runtime } from '../../electron/core/runtime';
import type { Result } from '../../shared/result';
import { cli, cliInit, tempDb, TestClock } from '../helpers';
import { copyBranch } from '../sync/fixtures';

let template: string;
beforeAll(() => {
  template = tempDb();
  expect(cliInit(template).code).toBe(0);
  const seed = cli(['demo-seed', '--db', template, '--loans', '40', '--seed', '5', '--as-of', '2026-11-20', '--json']);
  expect(seed.code, seed.stderr).toBe(0);
}, 120_000);

const open: Runtime[] = [];
afterEach(() => {
  for (const r of open.splice(0)) r.close();
});

const quiet = { info() {}, warn() {}, error() {} };
function start(db: string, clock = new TestClock()): Runtime {
  const r = startRuntime(db, { clock: clock.now, log: quiet, dailyBackup: false });
  open.push(r);
  return r;
}
const stats = (db: string) => cli(['stats', '--db', db, '--json']).json;
/** The stats without the audit count (sign-ins and the restore itself add audit entries). */
const dataOf = (db: string) => {
  const { auditEntries: _a, ...rest } = stats(db) as { auditEntries: number };
  return rest;
};
const auditOf = (db: string) =>
  cli(['audit', 'verify', '--db', db, '--json']).json as { valid: boolean; entries: number };
/** The highest outbox number a file has given. */
const highWater = (db: string) => {
  const d = new Database(db);
  try {
    return (d.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'").pluck().get() as number) ?? 0;
  } finally {
    d.close();
  }
};
const lastAuditOf = (db: string, action: string) => {
  const d = new Database(db, { readonly: true });
  try {
    return d.prepare('SELECT details FROM audit_log WHERE action = ? ORDER BY seq DESC LIMIT 1').get(action) as {
      details: string;
    };
  } finally {
    d.close();
  }
};
const lastAudit = (db: string) => {
  const d = new Database(db, { readonly: true });
  try {
    return d.prepare('SELECT actor, action, details FROM audit_log ORDER BY seq DESC LIMIT 1').get() as {
      actor: string | null;
      action: string;
      details: string;
    };
  } finally {
    d.close();
  }
};
async function call<T = unknown>(r: Runtime, channel: string, input: unknown = {}): Promise<Result<T>> {
  return (await r.dispatch(channel, input)) as Result<T>;
}
async function value<T>(r: Runtime, channel: string, input: unknown = {}): Promise<T> {
  const res = await call<T>(r, channel, input);
  if (!res.ok) throw new Error(`${channel}: ${JSON.stringify(res.error)}`);
  return res.value;
}

/** Overwrite 64 KiB in the middle of the file: the integrity check at start fails. */
function damage(db: string): void {
  const fd = fs.openSync(db, 'r+');
  fs.writeSync(fd, Buffer.alloc(64 * 1024, 0x5a), 0, 64 * 1024, 8 * 4096);
  fs.closeSync(fd);
}

describe('restore from the settings page', () => {
  it('brings back exactly the backup, writes one audit entry and signs everyone out', async () => {
    const db = copyBranch(template);
    const rt = start(db);
    await value(rt, 'auth.login', { username: 'admin', password: 'admin-pass-1' });
    expect(await value(rt, 'backup.list')).toMatchObject({ dir: backupDirFor(db), keep: 14, backups: [] });
    const made = await value<{ name: string; kind: string; bytes: number }>(rt, 'backup.create');
    expect(made).toMatchObject({ kind: 'manual', name: expect.stringMatching(/^callback-desk-2026-11-20-\d{6}\.db$/) });
    // The backup was taken before its own audit entry was written.
    const atBackup = dataOf(path.join(backupDirFor(db), made.name));
    const auditAtBackup = auditOf(path.join(backupDirFor(db), made.name));

    // Work goes on after the backup: the task rules change.
    const rules = await value<{ horizonDays: number }>(rt, 'settings.taskRules');
    await value(rt, 'settings.setTaskRules', { rules: { ...rules, horizonDays: rules.horizonDays + 5 } });
    expect(dataOf(db)).not.toEqual(atBackup);

    const about = await value<{ loans: number; healthy: boolean; auditEntries: number }>(rt, 'backup.describe', {
      name: made.name,
    });
    expect(about).toMatchObject({ loans: 40, healthy: true, auditEntries: auditAtBackup.entries });

    // A wrong password is refused (and counted toward the lockout, audited) and restores nothing.
    const before = dataOf(db);
    const wrong = await call(rt, 'backup.restore', { name: made.name, password: 'not-my-password' });
    expect(wrong).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated', message: 'errors.invalidCredentials' },
    });
    expect(dataOf(db)).toEqual(before);
    expect(lastAudit(db).action).toBe('auth.confirm_failed');
    expect(await value(rt, 'auth.session')).toMatchObject({ user: { username: 'admin' } });

    const r = await value<{ restored: string; keptAs: string }>(rt, 'backup.restore', {
      name: made.name,
      password: 'admin-pass-1',
    });
    expect(r.restored).toBe(made.name);
    expect(fs.existsSync(path.join(path.dirname(db), r.keptAs))).toBe(true);
    // Signed out; the app goes on with the restored file.
    expect(await value(rt, 'auth.session')).toMatchObject({ user: null });
    expect(await call(rt, 'settings.taskRules')).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    await value(rt, 'auth.login', { username: 'admin', password: 'admin-pass-1' });
    expect((await value<{ horizonDays: number }>(rt, 'settings.taskRules')).horizonDays).toBe(rules.horizonDays);

    rt.close();
    open.length = 0;
    // Exactly the backup's data, plus the restore's own audit entry (and the sign-in after it).
    expect(dataOf(db)).toEqual(atBackup);
    expect(auditOf(db)).toMatchObject({ valid: true });
    const d = new Database(db, { readonly: true });
    const entries = d
      .prepare('SELECT actor, action, details FROM audit_log WHERE seq > ? ORDER BY seq')
      .all(auditAtBackup.entries) as { actor: string; action: string; details: string }[];
    d.close();
    expect(entries.map((e) => e.action)).toEqual(['backup.restored', 'auth.login']);
    expect(entries[0]).toMatchObject({ actor: 'admin' });
    // The outbox goes on past every number the replaced file gave: head office may hold those.
    const replacedHighWater = highWater(path.join(path.dirname(db), r.keptAs));
    expect(replacedHighWater).toBeGreaterThan(highWater(path.join(backupDirFor(db), made.name)));
    expect(JSON.parse(entries[0]!.details)).toEqual({
      backup: made.name,
      keptAs: r.keptAs,
      via: 'settings',
      outboxOwnHighWater: highWater(path.join(backupDirFor(db), made.name)),
      outboxContinuesAfter: replacedHighWater,
    });
    expect(highWater(db)).toBeGreaterThanOrEqual(replacedHighWater);
    // The replaced database still holds the later work.
    expect(dataOf(path.join(path.dirname(db), r.keptAs))).toEqual(before);
  });

  it('refuses while an import is being read or a backup written, and keeps the database open', async () => {
    const db = copyBranch(template);
    const ctx = openAppContext(db, { log: quiet });
    try {
      const up = ctx
        .imports()
        .upload('admin', { fileName: 'x.csv', chunk: Buffer.from('a,b\n1,2\n').toString('base64'), last: true });
      ctx.imports().analyse('admin', up.uploadId);
      expect(() => ctx.swapDatabase(() => 1)).toThrow(expect.objectContaining({ message: 'errors.restoreBusy' }));
      expect(ctx.db.open).toBe(true);
      ctx.imports().disposeAll();
      // Nor while a backup is being written from this connection; once it is done, the swap runs.
      const backup = backupTo(ctx.db, path.join(path.dirname(db), 'during.db'));
      expect(() => ctx.swapDatabase(() => 1)).toThrow(expect.objectContaining({ message: 'errors.restoreBusy' }));
      await backup;
      expect(ctx.swapDatabase(() => 2)).toBe(2);
      expect(ctx.db.open).toBe(true);
    } finally {
      ctx.close();
    }
  });

  it('refuses a backup made with other keys, a missing backup, other roles; the file is unchanged', async () => {
    const db = copyBranch(template);
    const dir = backupDirFor(db);
    fs.mkdirSync(dir, { recursive: true });
    const foreign = tempDb();
    expect(cliInit(foreign).code).toBe(0);
    fs.copyFileSync(foreign, path.join(dir, 'callback-desk-2026-11-19.db'));
    const before = dataOf(db);
    const rt = start(db);
    await value(rt, 'auth.login', { username: 'officer1', password: 'demo1234' });
    for (const ch of ['backup.list', 'backup.create'])
      expect(await call(rt, ch), ch).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await value(rt, 'auth.login', { username: 'admin', password: 'admin-pass-1' });
    const name = 'callback-desk-2026-11-19.db';
    expect(await call(rt, 'backup.describe', { name })).toMatchObject({
      ok: false,
      error: { message: 'errors.backupOtherKeys' },
    });
    expect(await call(rt, 'backup.restore', { name, password: 'admin-pass-1' })).toMatchObject({
      ok: false,
      error: { message: 'errors.backupOtherKeys' },
    });
    expect(await call(rt, 'backup.restore', { name: 'callback-desk-2026-01-01.db', password: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: 'errors.backupMissing' },
    });
    expect(await call(rt, 'backup.restore', { name: '../branch.db', password: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    // Still signed in and working on the same file.
    expect(await value(rt, 'auth.session')).toMatchObject({ user: { username: 'admin' } });
    expect(await call(rt, 'recovery.status')).toMatchObject({ ok: false, error: { message: 'errors.notInRecovery' } });
    rt.close();
    open.length = 0;
    expect(dataOf(db)).toEqual(before);
    expect(fs.readdirSync(path.dirname(db)).filter((f) => f.includes('before-restore'))).toEqual([]);
  });
});

describe('recovery mode at start', () => {
  it('a damaged database starts the recovery screen, offers good backups only, and opens after a restore', async () => {
    const db = copyBranch(template);
    const dir = backupDirFor(db);
    const clock = new TestClock(Date.parse('2026-11-18T02:00:00Z'));
    const atBackup = dataOf(db);
    const ctx = openAppContext(db, { clock: clock.now, log: quiet });
    await dailyBackup(ctx.db, dir, clock.now());
    clock.advance(86_400_000);
    await dailyBackup(ctx.db, dir, clock.now());
    ctx.close();
    fs.writeFileSync(path.join(dir, 'callback-desk-2026-11-20.db'), 'not a database'); // the newest is damaged
    const damagedHighWater = highWater(db);
    damage(db);
    const damagedBytes = fs.readFileSync(db);

    const rt = start(db, clock);
    expect(rt.context()).toBeNull();
    // Every channel but recovery's says so, typed; nobody can sign in.
    expect(await call(rt, 'auth.session')).toEqual({
      ok: false,
      error: { code: 'unavailable', message: 'errors.recoveryMode' },
    });
    expect(await call(rt, 'auth.login', { username: 'admin', password: 'admin-pass-1' })).toMatchObject({
      ok: false,
      error: { message: 'errors.recoveryMode' },
    });
    expect(await call(rt, 'no.such')).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await call(rt, 'recovery.restore', { name: 42 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    const status = await value<{
      file: string;
      error: { message: string };
      restorable: boolean;
      backups: { name: string }[];
    }>(rt, 'recovery.status');
    expect(status).toMatchObject({ file: path.resolve(db), restorable: true });
    // SQLite reports the overwritten pages at open (unreadable) or at the integrity check (corrupt).
    expect(['errors.dbCorrupt', 'errors.dbUnreadable']).toContain(status.error.message);
    expect(status.backups.map((b) => b.name)).toEqual(['callback-desk-2026-11-19.db', 'callback-desk-2026-11-18.db']);
    // Nothing was changed while in recovery mode.
    expect(fs.readFileSync(db).equals(damagedBytes)).toBe(true);
    // A backup that failed its checks cannot be chosen.
    expect(await call(rt, 'recovery.restore', { name: 'callback-desk-2026-11-20.db' })).toMatchObject({
      ok: false,
      error: { message: 'errors.backupUnhealthy' },
    });

    const r = await value<{ restored: string; keptAs: string }>(rt, 'recovery.restore', {
      name: 'callback-desk-2026-11-19.db',
    });
    expect(rt.context()).not.toBeNull();
    expect(await value(rt, 'auth.session')).toMatchObject({ user: null });
    await value(rt, 'auth.login', { username: 'admin', password: 'admin-pass-1' });
    expect(await call(rt, 'recovery.status')).toMatchObject({ ok: false, error: { message: 'errors.notInRecovery' } });
    rt.close();
    open.length = 0;
    // The damaged file is kept as it was; the restored one holds the backup's data.
    expect(fs.readFileSync(path.join(path.dirname(db), r.keptAs)).equals(damagedBytes)).toBe(true);
    // The outbox continues past the damaged file's numbers (read from it, or a margin when unreadable).
    const restored = JSON.parse(lastAuditOf(db, 'backup.restored').details) as { outboxContinuesAfter: number };
    expect(restored).toMatchObject({ backup: 'callback-desk-2026-11-19.db', keptAs: r.keptAs, via: 'recovery' });
    expect(restored.outboxContinuesAfter).toBeGreaterThanOrEqual(damagedHighWater);
    expect(highWater(db)).toBeGreaterThanOrEqual(damagedHighWater);
    expect(dataOf(db)).toEqual(atBackup);
    expect(auditOf(db)).toMatchObject({ valid: true });
    expect(cli(['doctor', '--db', db, '--json']).json).toMatchObject({ healthy: true });
  });

  it('a database from a newer version is not offered a backup and stays as it is', async () => {
    const db = copyBranch(template);
    const dir = backupDirFor(db);
    const ctx = openAppContext(db, { log: quiet });
    await dailyBackup(ctx.db, dir, new Date());
    ctx.close();
    const n = new Database(db);
    n.pragma('user_version = 999');
    n.close();
    const bytes = fs.readFileSync(db);
    const rt = start(db);
    const status = await value<{ restorable: boolean; backups: unknown[]; error: { message: string } }>(
      rt,
      'recovery.status',
    );
    expect(status).toMatchObject({ restorable: false, backups: [], error: { message: 'errors.schemaTooNew' } });
    const name = fs.readdirSync(dir)[0]!;
    expect(await call(rt, 'recovery.restore', { name })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'errors.recoveryNotRestorable' },
    });
    expect(fs.readFileSync(db).equals(bytes)).toBe(true);
  });
});
