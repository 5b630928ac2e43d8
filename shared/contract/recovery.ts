/**
 * The `recovery.*` channels, answered only in recovery mode (runtime.ts), before anyone can sign in
 * to a damaged file: why the file failed to open, and a restore from one of its backups.
 */
import { z } from 'zod';
import { appErrorSchema } from '../result';
import { backupEntrySchema, backupNameInputSchema, restoredSchema } from './backup';
import { channel, empty } from './channel';

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

export const recoveryChannels = {
  'recovery.status': channel({ input: empty, output: recoveryStatusSchema, role: 'public' }),
  'recovery.restore': channel({ input: backupNameInputSchema, output: restoredSchema, role: 'public' }),
} as const;
