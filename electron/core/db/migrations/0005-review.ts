/**
 * 0005: the manager's desk. Review decisions on flags and escalated tasks (append-only, with
 * append-only comments), quality samples of finalized records with their scorecards, and the
 * outbox that carries decisions (and, later, all results) to head office in sequence order.
 */
import type { Migration } from './types';

const appendOnly = (table: string) => `
  CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
    BEGIN SELECT RAISE(ABORT, '${table} rows are append-only'); END;
  CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
    BEGIN SELECT RAISE(ABORT, '${table} rows are append-only'); END;`;

export const m0005: Migration = {
  version: 5,
  name: 'review',
  up(db) {
    db.exec(`
      ALTER TABLE flags ADD COLUMN decided_at TEXT;
      ALTER TABLE tasks ADD COLUMN reviewed_at TEXT;
      CREATE INDEX tasks_escalated ON tasks (escalated_at) WHERE status = 'escalated' AND reviewed_at IS NULL;
      CREATE INDEX tasks_completed ON tasks (completed_at) WHERE completed_at IS NOT NULL;
      CREATE INDEX tasks_due ON tasks (due_by);
      CREATE INDEX records_task ON records (task_id, version);
      CREATE TABLE reviews (
        id INTEGER PRIMARY KEY,
        flag_id INTEGER REFERENCES flags (id),
        task_id INTEGER REFERENCES tasks (id),
        decision TEXT NOT NULL CHECK (decision IN ('confirmed_risk', 'field_visit', 'false_alarm', 'needs_recall')),
        comment TEXT NOT NULL,
        created_task_id INTEGER REFERENCES tasks (id),
        decided_by INTEGER NOT NULL REFERENCES users (id),
        decided_at TEXT NOT NULL,
        CHECK ((flag_id IS NULL) <> (task_id IS NULL))
      );
      CREATE UNIQUE INDEX reviews_flag ON reviews (flag_id) WHERE flag_id IS NOT NULL;
      CREATE UNIQUE INDEX reviews_task ON reviews (task_id) WHERE task_id IS NOT NULL;
      CREATE INDEX reviews_decided ON reviews (decided_at);
      ${appendOnly('reviews')}
      CREATE TABLE review_comments (
        id INTEGER PRIMARY KEY,
        flag_id INTEGER REFERENCES flags (id),
        task_id INTEGER REFERENCES tasks (id),
        user_id INTEGER NOT NULL REFERENCES users (id),
        text TEXT NOT NULL,
        created_at TEXT NOT NULL,
        CHECK ((flag_id IS NULL) <> (task_id IS NULL))
      );
      CREATE INDEX review_comments_flag ON review_comments (flag_id) WHERE flag_id IS NOT NULL;
      CREATE INDEX review_comments_task ON review_comments (task_id) WHERE task_id IS NOT NULL;
      ${appendOnly('review_comments')}
      CREATE TABLE samples (
        id INTEGER PRIMARY KEY,
        record_id INTEGER NOT NULL UNIQUE REFERENCES records (id),
        week TEXT NOT NULL,
        officer_id INTEGER NOT NULL REFERENCES users (id),
        sampled_by INTEGER NOT NULL REFERENCES users (id),
        sampled_at TEXT NOT NULL,
        result TEXT CHECK (result IN ('pass', 'fail')),
        scorecard TEXT,
        comment TEXT,
        scored_by INTEGER REFERENCES users (id),
        scored_at TEXT,
        rework_task_id INTEGER REFERENCES tasks (id)
      );
      CREATE INDEX samples_week ON samples (week, officer_id);
      -- A score is given once; a sample is never removed.
      CREATE TRIGGER samples_scored_once BEFORE UPDATE ON samples WHEN OLD.result IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'a scored sample is final'); END;
      CREATE TRIGGER samples_no_delete BEFORE DELETE ON samples
        BEGIN SELECT RAISE(ABORT, 'samples are kept'); END;
      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        entity TEXT NOT NULL,
        op TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        at TEXT NOT NULL,
        data TEXT NOT NULL
      );
      ${appendOnly('outbox')}
    `);
  },
};
