/** 0002: the import log and per-loan change events written by imports. */
import type { Migration } from './types';

export const m0002: Migration = {
  version: 2,
  name: 'imports',
  up(db) {
    db.exec(`
      CREATE TABLE imports (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        file_name TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        format TEXT NOT NULL,
        encoding TEXT,
        rows_total INTEGER NOT NULL,
        imported INTEGER NOT NULL,
        updated INTEGER NOT NULL,
        unchanged INTEGER NOT NULL,
        rejected INTEGER NOT NULL,
        skip_invalid INTEGER NOT NULL
      );
      CREATE INDEX imports_at ON imports (at);
      CREATE TABLE loan_events (
        id INTEGER PRIMARY KEY,
        loan_id INTEGER NOT NULL REFERENCES loans (id) ON DELETE CASCADE,
        import_id INTEGER REFERENCES imports (id),
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('created', 'updated')),
        field TEXT,
        old_value TEXT,
        new_value TEXT
      );
      CREATE INDEX loan_events_loan ON loan_events (loan_id, id);
      CREATE INDEX loan_events_import ON loan_events (import_id);
    `);
  },
};
