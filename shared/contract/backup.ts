/** The `backup.*` channels and the backup views (设置 → 备份与恢复; the recovery screen lists them too). */
import { z } from 'zod';
import { channel, empty } from './channel';

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

export const backupChannels = {
  'backup.list': channel({ input: empty, output: backupsViewSchema, role: 'admin' }),
  'backup.create': channel({ input: empty, output: backupEntrySchema, role: 'admin' }),
  'backup.describe': channel({ input: backupNameInputSchema, output: backupDescriptionSchema, role: 'admin' }),
  'backup.restore': channel({ input: restoreInputSchema, output: restoredSchema, role: 'admin' }),
} as const;
