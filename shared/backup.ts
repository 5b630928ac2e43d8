/** Backup and recovery views carried over the contract (设置 → 备份与恢复, the recovery screen). */
import { z } from 'zod';
import { appErrorSchema } from './result';

/** A backup's own file name: `callback-desk-<date>.db` (daily) or `callback-desk-<date>-<hhmmss>.db`. */
export const BACKUP_NAME = /^callback-desk-\d{4}-\d{2}-\d{2}(-\d{6})?\.db$/;

export const backupEntrySchema = z.object({
  name: z.string(),
  kind: z.enum(['daily', 'manual']),
  at: z.string(),
  bytes: z.number().int().nonnegative(),
});
export type BackupEntryView = z.infer<typeof backupEntrySchema>;

export const backupNameInputSchema = z.strictObject({ name: z.string().max(64).regex(BACKUP_NAME) });

export const backupsViewSchema = z.object({
  dir: z.string(),
  keep: z.number().int().positive(),
  backups: z.array(backupEntrySchema),
});

export const backupDescriptionSchema = z.object({
  name: z.string(),
  schemaVersion: z.number().int(),
  healthy: z.boolean(),
  loans: z.number().int().nonnegative(),
  records: z.number().int().nonnegative(),
  auditEntries: z.number().int().nonnegative(),
  lastActivityAt: z.string().nullable(),
});
export type BackupDescriptionView = z.infer<typeof backupDescriptionSchema>;

export const restoreInputSchema = z.strictObject({
  name: z.string().max(64).regex(BACKUP_NAME),
  password: z.string().min(1).max(256),
});

export const restoredSchema = z.object({ restored: z.string(), keptAs: z.string().nullable() });

export const recoveryStatusSchema = z.object({
  /** The database file that failed to open. */
  file: z.string(),
  /** Why it failed (an i18n key with its parameters). */
  error: appErrorSchema,
  /** Whether a backup can mend it (a damaged or unreadable file; not one from a newer version). */
  restorable: z.boolean(),
  /** Backups that pass every check, newest first. */
  backups: z.array(backupEntrySchema),
});
