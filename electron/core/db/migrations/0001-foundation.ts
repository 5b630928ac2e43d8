/** 0001: branch, users, loans, parties, settings and the hash-chained audit log. */
import type { Migration } from './types';

export const m0001: Migration = {
  version: 1,
  name: 'foundation',
  up(db) {
    db.exec(`
      CREATE TABLE branch (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        code TEXT NOT NULL,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE COLLATE NOCASE,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('officer', 'manager', 'admin')),
        password_hash TEXT NOT NULL,
        failed_logins INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT,
        active INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        last_login_at TEXT
      );
      CREATE TABLE loans (
        id INTEGER PRIMARY KEY,
        loan_no TEXT NOT NULL UNIQUE,
        amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
        term_months INTEGER NOT NULL CHECK (term_months BETWEEN 1 AND 360),
        annual_rate REAL NOT NULL CHECK (annual_rate >= 0 AND annual_rate <= 24),
        monthly_payment_cents INTEGER,
        repayment_day INTEGER CHECK (repayment_day BETWEEN 1 AND 28),
        repayment_account_enc TEXT,
        repayment_account_masked TEXT,
        approval_date TEXT NOT NULL,
        disbursement_date TEXT,
        property_address TEXT NOT NULL,
        property_certificate_no TEXT,
        appraised_value_cents INTEGER,
        down_payment_cents INTEGER,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX loans_approval ON loans (approval_date);
      CREATE TABLE parties (
        id INTEGER PRIMARY KEY,
        loan_id INTEGER NOT NULL REFERENCES loans (id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('borrower', 'co_borrower', 'guarantor')),
        name TEXT NOT NULL,
        id_number_enc TEXT NOT NULL,
        id_number_masked TEXT NOT NULL,
        id_number_hmac TEXT NOT NULL,
        phone_enc TEXT,
        phone_masked TEXT,
        phone_hmac TEXT,
        phone_last4_hmac TEXT,
        employer TEXT,
        position TEXT,
        monthly_income_cents INTEGER,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX parties_loan ON parties (loan_id, role);
      CREATE INDEX parties_id_hmac ON parties (id_number_hmac);
      CREATE INDEX parties_phone_hmac ON parties (phone_hmac);
      CREATE INDEX parties_phone_last4 ON parties (phone_last4_hmac);
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor TEXT,
        action TEXT NOT NULL,
        entity TEXT,
        entity_id TEXT,
        details TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      );
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    `);
  },
};
