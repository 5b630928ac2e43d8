/**
 * Applies pending migrations in one transaction and tracks them with PRAGMA user_version.
 * A file written by a newer build is refused rather than guessed at.
 */
import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/result';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations/index';
import type { Migration } from './migrations/types';

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function assertNotNewer(db: Database.Database, latest = SCHEMA_VERSION): void {
  const current = schemaVersion(db);
  if (current > latest) {
    throw new AppError('conflict', 'errors.schemaTooNew', { found: current, supported: latest });
  }
}

/** Migrate up to `target` (default: latest). Returns the versions applied. */
export function migrate(
  db: Database.Database,
  target = SCHEMA_VERSION,
  migrations: readonly Migration[] = MIGRATIONS,
): number[] {
  assertNotNewer(db, migrations[migrations.length - 1]?.version ?? 0);
  const current = schemaVersion(db);
  const pending = migrations.filter((m) => m.version > current && m.version <= target);
  if (pending.length === 0) return [];
  db.transaction(() => {
    for (const m of pending) {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }
  })();
  return pending.map((m) => m.version);
}
