/**
 * Backups from the running app (设置 → 备份与恢复): list them, make one now, describe one, and
 * restore one in place — the password asked again, the database closed, the file replaced (the old
 * one kept beside it), opened again, the restore written to the restored audit chain, everyone
 * signed out. The recovery screen's restore (runtime.ts) ends the same way (`afterRestore`): the
 * outbox continues past the replaced file's numbers and the restore is audited.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import type { BackupDescriptionView, BackupEntryView } from '../../shared/backup';
import { AppError } from '../../shared/result';
import { appendAudit } from './audit';
import {
  BACKUPS_KEPT,
  backupDirFor,
  backupFile,
  checkBackup,
  listBackups,
  manualBackup,
  replaceWith,
  restoreFrom,
} from './backup';
import type { DoctorReport } from './doctor';
import { onAppStart, type AppContext } from './context';
import { openDatabase, type Db } from './db/open';
import { continueOutboxAfter, outboxHighWater } from './outbox';

export function backupsView(ctx: AppContext): { dir: string; keep: number; backups: BackupEntryView[] } {
  const dir = backupDirFor(ctx.dbFile);
  return { dir, keep: BACKUPS_KEPT, backups: listBackups(dir) };
}

export async function backupNow(ctx: AppContext, actor: string): Promise<BackupEntryView> {
  const dir = backupDirFor(ctx.dbFile);
  const r = await manualBackup(ctx.db, dir, ctx.clock());
  const name = path.basename(r.file);
  ctx.db.transaction(() =>
    appendAudit(ctx.db, { actor, action: 'backup.created', details: { backup: name, bytes: r.bytes } }, ctx.clock()),
  )();
  const entry = listBackups(dir).find((b) => b.name === name);
  if (!entry) throw new AppError('internal', 'errors.internal');
  return entry;
}

/** What a backup holds, after the same checks a restore makes (a failing backup is an error). */
export function describeBackup(ctx: AppContext, name: string): BackupDescriptionView {
  const file = backupFile(backupDirFor(ctx.dbFile), name);
  const report = checkBackup(file, ctx.dbFile, ctx.heldKeyIds());
  const db = new Database(file, { fileMustExist: true }); // read-write leaves no -wal/-shm (see backup.ts)
  try {
    const n = (sql: string) => (db.prepare(sql).pluck().get() as number | null) ?? 0;
    return {
      name,
      schemaVersion: report.schemaVersion,
      healthy: report.healthy,
      loans: n('SELECT count(*) FROM loans'),
      records: n('SELECT count(DISTINCT task_id) FROM records'),
      auditEntries: report.auditEntries,
      lastActivityAt: (db.prepare('SELECT max(at) FROM audit_log').pluck().get() as string | null) ?? null,
    };
  } finally {
    db.close();
  }
}

/**
 * When the replaced file cannot tell how far its outbox went (it is damaged), the restored outbox
 * continues this far past its own end: more entries than a branch writes between two daily backups.
 */
export const UNKNOWN_OUTBOX_MARGIN = 1_000_000;

/** How far the outbox of `file` went, read before a restore replaces it; null when it cannot be read. */
export function outboxHighWaterOf(file: string): number | null {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return outboxHighWater(db);
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}

/**
 * What every restore does to the restored database before anything else writes to it: the outbox
 * continues past every number the replaced file gave (so head office never gets one number twice
 * with different content), and the restore is written to the restored audit chain.
 */
export function afterRestore(
  db: Db,
  actor: string | null,
  details: { backup: string; keptAs: string | null; via: 'settings' | 'recovery' | 'cli' },
  replacedHighWater: number | null,
  at: Date,
): number {
  const after = continueOutboxAfter(db, replacedHighWater ?? outboxHighWater(db) + UNKNOWN_OUTBOX_MARGIN);
  db.transaction(() =>
    appendAudit(db, { actor, action: 'backup.restored', details: { ...details, outboxContinuesAfter: after } }, at),
  )();
  return after;
}

/**
 * `restore <file>` on the command line (the app closed): check, swap, bring an older backup up to
 * this version, then continue the outbox and audit the restore like every other restore.
 */
export function restoreFileInPlace(
  src: string,
  dbFile: string,
  actor: string,
  now: Date,
): { keptAs: string | null; report: DoctorReport; outboxContinuesAfter: number } {
  const highWater = outboxHighWaterOf(dbFile);
  const r = restoreFrom(src, dbFile, now);
  const db = openDatabase(dbFile, { mustExist: true });
  try {
    const keptAs = r.keptAs ? path.basename(r.keptAs) : null;
    const after = afterRestore(db, actor, { backup: path.basename(src), keptAs, via: 'cli' }, highWater, now);
    return { ...r, outboxContinuesAfter: after };
  } finally {
    db.close();
  }
}

/** 设置 → 恢复: only a backup from the app's own folder, only after the password is given again. */
export async function restoreBackup(
  ctx: AppContext,
  name: string,
  password: string,
): Promise<{ restored: string; keptAs: string | null }> {
  const file = backupFile(backupDirFor(ctx.dbFile), name);
  const actor = ctx.session.current?.username ?? null;
  await ctx.session.confirmPassword(password);
  // Checked while the database is still open, so a refused backup leaves the session as it was.
  checkBackup(file, ctx.dbFile, ctx.heldKeyIds());
  const highWater = outboxHighWater(ctx.db);
  const kept = ctx.swapDatabase(() => replaceWith(file, ctx.dbFile, ctx.clock()));
  const keptAs = kept ? path.basename(kept) : null;
  afterRestore(ctx.db, actor, { backup: name, keptAs, via: 'settings' }, highWater, ctx.clock());
  onAppStart(ctx);
  return { restored: name, keptAs };
}
