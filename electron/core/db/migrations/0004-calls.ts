/** 0004: published call scripts, attempts, drafts, finalized records (versioned) and risk flags. */
import type { Migration } from './types';

const immutable = (table: string) => `
  CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
    BEGIN SELECT RAISE(ABORT, '${table} rows are immutable'); END;
  CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
    BEGIN SELECT RAISE(ABORT, '${table} rows are immutable'); END;`;

export const m0004: Migration = {
  version: 4,
  name: 'calls',
  up(db) {
    db.exec(`
      CREATE TABLE scripts (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL,
        version INTEGER NOT NULL,
        task_type TEXT NOT NULL,
        definition TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        published_at TEXT NOT NULL,
        UNIQUE (key, version)
      );
      ${immutable('scripts')}
      ALTER TABLE tasks ADD COLUMN retry_after TEXT;
      ALTER TABLE tasks ADD COLUMN escalated_at TEXT;
      ALTER TABLE tasks ADD COLUMN escalation_reason TEXT;
      CREATE TABLE attempts (
        id INTEGER PRIMARY KEY,
        task_id INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
        officer_id INTEGER NOT NULL REFERENCES users (id),
        script_id INTEGER NOT NULL REFERENCES scripts (id),
        started_at TEXT NOT NULL,
        ended_at TEXT NOT NULL,
        duration_s INTEGER,
        call_date TEXT NOT NULL,
        outcome TEXT NOT NULL,
        note TEXT,
        booked_at TEXT,
        outside_hours INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX attempts_task ON attempts (task_id, started_at);
      CREATE INDEX attempts_started ON attempts (started_at);
      CREATE INDEX attempts_officer ON attempts (officer_id, started_at);
      CREATE TABLE drafts (
        task_id INTEGER PRIMARY KEY REFERENCES tasks (id) ON DELETE CASCADE,
        user_id INTEGER NOT NULL REFERENCES users (id),
        script_id INTEGER NOT NULL REFERENCES scripts (id),
        started_at TEXT NOT NULL,
        state TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE records (
        id INTEGER PRIMARY KEY,
        task_id INTEGER NOT NULL REFERENCES tasks (id),
        version INTEGER NOT NULL,
        script_id INTEGER NOT NULL REFERENCES scripts (id),
        attempt_id INTEGER REFERENCES attempts (id),
        outcome TEXT NOT NULL,
        answers TEXT NOT NULL,
        reads TEXT NOT NULL,
        note TEXT,
        reason TEXT,
        finalized_by INTEGER NOT NULL REFERENCES users (id),
        finalized_at TEXT NOT NULL,
        UNIQUE (task_id, version)
      );
      CREATE INDEX records_finalized ON records (finalized_at);
      ${immutable('records')}
      CREATE TABLE record_items (
        record_id INTEGER NOT NULL REFERENCES records (id),
        key TEXT NOT NULL,
        pos INTEGER NOT NULL,
        item TEXT NOT NULL,
        party_id INTEGER REFERENCES parties (id),
        result TEXT CHECK (result IN ('match', 'mismatch', 'unverifiable')),
        stated TEXT NOT NULL,
        note TEXT NOT NULL,
        on_file TEXT,
        PRIMARY KEY (record_id, key)
      ) WITHOUT ROWID;
      ${immutable('record_items')}
      CREATE TABLE flags (
        id INTEGER PRIMARY KEY,
        loan_id INTEGER NOT NULL REFERENCES loans (id),
        task_id INTEGER REFERENCES tasks (id),
        record_id INTEGER REFERENCES records (id),
        attempt_id INTEGER REFERENCES attempts (id),
        code TEXT NOT NULL,
        item TEXT,
        party_id INTEGER REFERENCES parties (id),
        severity TEXT NOT NULL CHECK (severity IN ('high', 'medium', 'low')),
        status TEXT NOT NULL DEFAULT 'open',
        note TEXT,
        created_by INTEGER REFERENCES users (id),
        created_at TEXT NOT NULL
      );
      CREATE INDEX flags_status ON flags (status, created_at);
      CREATE INDEX flags_loan ON flags (loan_id);
    `);
  },
};
