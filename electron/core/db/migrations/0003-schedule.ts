/** 0003: the working-day calendar and callback tasks. */
import type { Migration } from './types';

export const m0003: Migration = {
  version: 3,
  name: 'schedule',
  up(db) {
    db.exec(`
      CREATE TABLE calendar_days (
        date TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
        name TEXT,
        source TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE calendar_years (
        year INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        loaded_at TEXT NOT NULL
      );
      CREATE TABLE tasks (
        id INTEGER PRIMARY KEY,
        loan_id INTEGER NOT NULL REFERENCES loans (id) ON DELETE CASCADE,
        type TEXT NOT NULL CHECK (type IN ('post_approval', 'post_disbursement', 'repayment_reminder',
          'collateral_revaluation', 'event', 'satisfaction')),
        slot TEXT NOT NULL,
        window_start TEXT NOT NULL,
        due_by TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'completed', 'escalated', 'cancelled')),
        assignee_id INTEGER REFERENCES users (id),
        booked_at TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        warnings TEXT NOT NULL DEFAULT '[]',
        reason TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        completed_at TEXT,
        -- 1 while the task still needs work; lets the queue walk one index in due order.
        active INTEGER GENERATED ALWAYS AS (status IN ('open', 'in_progress')) VIRTUAL,
        UNIQUE (loan_id, type, slot)
      );
      CREATE INDEX tasks_status_due ON tasks (status, due_by);
      CREATE INDEX tasks_active_due ON tasks (active, due_by, window_start);
      CREATE INDEX tasks_assignee ON tasks (assignee_id, status, due_by);
      CREATE INDEX tasks_booked ON tasks (booked_at) WHERE booked_at IS NOT NULL;
    `);
  },
};
