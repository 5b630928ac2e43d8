/**
 * Administrator-editable settings stored as JSON in the settings table, with typed defaults.
 * Every threshold the domain reference calls a default lives here, never in code paths.
 */
import { z } from 'zod';
import { DEFAULT_IMPORT_LIMITS } from '../../../shared/import/columns';
import { DEFAULT_TASK_RULES, taskRulesSchema } from '../../../shared/domain/taskRules';
import { callRulesSchema, DEFAULT_CALL_RULES } from '../../../shared/domain/calls';
import { AppError } from '../../../shared/result';
import { stmt, type Db } from '../db/open';

export const SETTINGS = {
  idleLockMinutes: { schema: z.number().int().min(1).max(240), default: 10 },
  maxFailedLogins: { schema: z.number().int().min(1).max(20), default: 5 },
  lockoutMinutes: { schema: z.number().int().min(1).max(1440), default: 15 },
  importMaxBytes: {
    schema: z
      .number()
      .int()
      .min(1024)
      .max(1024 * 1024 * 1024),
    default: DEFAULT_IMPORT_LIMITS.maxBytes,
  },
  importMaxRows: { schema: z.number().int().min(1).max(5_000_000), default: DEFAULT_IMPORT_LIMITS.maxRows },
  taskRules: { schema: taskRulesSchema, default: DEFAULT_TASK_RULES },
  callRules: { schema: callRulesSchema, default: DEFAULT_CALL_RULES },
  /** Searches by a full phone or ID number one user may make per window (`loanSearch.ts`). */
  personalSearchMax: { schema: z.number().int().min(1).max(1000), default: 20 },
  personalSearchWindowMinutes: { schema: z.number().int().min(1).max(1440), default: 10 },
  /** Share of each officer's weekly records drawn for quality sampling. */
  sampleRate: { schema: z.number().min(0.01).max(1), default: 0.05 },
  /**
   * Hosts whose https links the window may open in the system browser; empty (the default)
   * opens none: an offline branch app has no reason to open the web (electron/main/security.ts).
   */
  externalLinkHosts: {
    schema: z
      .array(
        z
          .string()
          .max(253)
          .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/),
      )
      .max(50),
    default: [] as string[],
  },
  importMaxFieldChars: { schema: z.number().int().min(100).max(100_000), default: DEFAULT_IMPORT_LIMITS.maxFieldChars },
  /** Most outbox entries in one sync bundle; more pending gives several bundles in order. */
  syncBundleMaxEntries: { schema: z.number().int().min(1).max(100_000), default: 10_000 },
  /** Tries per bundle when head office's server answers 5xx, times out or cannot be reached. */
  syncMaxTries: { schema: z.number().int().min(1).max(20), default: 5 },
  /** Head office's sync server (base URL); '' = upload not set up. */
  syncUrl: { schema: z.string().max(500), default: '' },
  /** Its bearer token, encrypted with the branch's data key ('' = none). */
  syncTokenEnc: { schema: z.string().max(10_000), default: '' },
  /** The folder the last export went to (offered again next time). */
  syncExportDir: { schema: z.string().max(1024), default: '' },
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.infer<(typeof SETTINGS)[K]['schema']>;

export function getSetting<K extends SettingKey>(db: Db, key: K): SettingValue<K> {
  const row = stmt<[string], { value: string }>(db, 'SELECT value FROM settings WHERE key = ?').get(key);
  if (!row) return SETTINGS[key].default as SettingValue<K>;
  const parsed = SETTINGS[key].schema.safeParse(JSON.parse(row.value));
  return (parsed.success ? parsed.data : SETTINGS[key].default) as SettingValue<K>;
}

export function setSetting<K extends SettingKey>(db: Db, key: K, value: SettingValue<K>, at: Date): void {
  const v = SETTINGS[key].schema.parse(value);
  stmt(
    db,
    `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(key, JSON.stringify(v), at.toISOString());
}

/**
 * Tie a key to this database: the first key used is recorded under `name` (e.g. `pii.keyId`);
 * later a different key is refused with `mismatchKey` naming `file`, where the key came from.
 */
export function bindKeyId(db: Db, name: string, keyId: string, mismatchKey: string, file: string, at: Date): void {
  const recorded = recordedKeyId(db, name);
  if (recorded && recorded !== keyId) throw new AppError('unavailable', mismatchKey, { file });
  if (!recorded)
    stmt(db, 'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)').run(
      name,
      JSON.stringify(keyId),
      at.toISOString(),
    );
}

/** The key id recorded under `name`, or null when this database has none yet. */
export function recordedKeyId(db: Db, name: string): string | null {
  const row = stmt<[string], { value: string }>(db, 'SELECT value FROM settings WHERE key = ?').get(name);
  return row ? (JSON.parse(row.value) as string) : null;
}
