/**
 * Backups from the running app (设置 → 备份与恢复): list them, make one now, describe one, and
 * restore one in place — the password asked again, the database closed, the file replaced (the old
 * one kept beside it), opened again, everyone signed out. Every restore (this one, the recovery
 * screen's in runtime.ts, the CLI's) writes the outbox continuation past the replaced file's numbers
 * and the `backup.restored` audit entry into the new file before it takes the name (`afterRestore`).
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import type { BackupDescriptionView, BackupEntryView } from '../../../shared/contract/backup';
import { AppError } from '../../../shared/result';
import { appendAudit } from '../audit/log';
import {
  BACKUPS_KEPT,
  backupDirFor,
  backupFile,
  checkBackup,
  listBackups,
  manualBackup,
  replaceWith,
  restoreFrom,
  type RestoreFinish,
} from './store';
import type { DoctorReport } from '../doctor';
import { onAppStart, type AppContext } from '../context';
import type { Db } from '../db/open';
import { continueOutboxAfter, outboxHighWater } from '../sync/outbox';

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

/**
 * What every restore does to the restored database before anything else writes to it, and before
 * it takes the database's name (backup.ts `replaceWith` runs it in the new file): the outbox
 * continues past every number the replaced file gave (so head office never gets one number twice
 * with different content), and the restore is written to the restored audit chain, with the
 * range of numbers skipped (`outboxOwnHighWater`, `outboxContinuesAfter`] that `doctor` accepts
 * as a gap.
 */
export function afterRestore(
  db: Db,
  actor: string | null,
  details: { backup: string; keptAs: string | null; via: 'settings' | 'recovery' | 'cli' },
  replacedHighWater: number | null,
  at: Date,
): number {
  return db.transaction(() => {
    const own = outboxHighWater(db);
    const after = continueOutboxAfter(db, replacedHighWater ?? own + UNKNOWN_OUTBOX_MARGIN);
    appendAudit(
      db,
      {
        actor,
        action: 'backup.restored',
        details: { ...details, outboxOwnHighWater: own, outboxContinuesAfter: after },
      },
      at,
    );
    return after;
  })();
}

/** The `finish` step of a restore (backup.ts): `afterRestore` in the new file, under the kept file's name. */
export function restoreFinish(
  actor: string | null,
  details: { backup: string; via: 'settings' | 'recovery' | 'cli' },
  at: Date,
): RestoreFinish {
  return (db, replacedHighWater, keptAs) =>
    afterRestore(db, actor, { ...details, keptAs: keptAs ? path.basename(keptAs) : null }, replacedHighWater, at);
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
  return restoreFrom(src, dbFile, now, restoreFinish(actor, { backup: path.basename(src), via: 'cli' }, now));
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
  const now = ctx.clock();
  const kept = ctx.swapDatabase(
    () => replaceWith(file, ctx.dbFile, now, restoreFinish(actor, { backup: name, via: 'settings' }, now)).keptAs,
  );
  const keptAs = kept ? path.basename(kept) : null;
  onAppStart(ctx);
  return { restored: name, keptAs };
}
