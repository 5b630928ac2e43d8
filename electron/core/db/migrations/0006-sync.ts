/**
 * Sync to head office: the bundles that carry outbox ranges (`sync_bundles`, one row per bundle,
 * its range frozen once planned) and the history of exports and uploads (`sync_runs`).
 */
import type { Migration } from './types';

export const m0006: Migration = {
  version: 6,
  name: 'sync',
  up(db) {
    db.exec(`
      CREATE TABLE sync_bundles (
        id TEXT PRIMARY KEY,
        from_seq INTEGER NOT NULL,
        to_seq INTEGER NOT NULL,
        entries INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'planned'
          CHECK (status IN ('planned', 'exported', 'acknowledged', 'conflict', 'failed')),
        file_name TEXT NOT NULL,
        sha256 TEXT,
        bytes INTEGER,
        exported_at TEXT,
        pushed_at TEXT,
        acknowledged_at TEXT,
        received_at TEXT,
        ack_via TEXT CHECK (ack_via IN ('upload', 'receipt')),
        last_error TEXT,
        CHECK (from_seq <= to_seq)
      );
      CREATE UNIQUE INDEX sync_bundles_from ON sync_bundles (from_seq);
      CREATE TABLE sync_runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('export', 'push', 'ack')),
        actor TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        outcome TEXT CHECK (outcome IN ('ok', 'nothing', 'conflict', 'rejected', 'unreachable', 'cancelled', 'error')),
        bundles INTEGER NOT NULL DEFAULT 0,
        entries INTEGER NOT NULL DEFAULT 0,
        target TEXT,
        error TEXT
      );
    `);
  },
};
