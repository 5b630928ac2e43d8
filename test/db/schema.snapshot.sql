-- user_version 9
-- index attempts_officer
CREATE INDEX attempts_officer ON attempts (officer_id, started_at);
-- index attempts_started
CREATE INDEX attempts_started ON attempts (started_at);
-- index attempts_task
CREATE INDEX attempts_task ON attempts (task_id, started_at);
-- index flags_loan
CREATE INDEX flags_loan ON flags (loan_id);
-- index flags_status
CREATE INDEX flags_status ON flags (status, created_at);
-- index imports_at
CREATE INDEX imports_at ON imports (at);
-- index loan_events_import
CREATE INDEX loan_events_import ON loan_events (import_id);
-- index loan_events_loan
CREATE INDEX loan_events_loan ON loan_events (loan_id, id);
-- index loans_approval
CREATE INDEX loans_approval ON loans (approval_date);
-- index parties_id_hmac
CREATE INDEX parties_id_hmac ON parties (id_number_hmac);
-- index parties_loan
CREATE INDEX parties_loan ON parties (loan_id, role);
-- index parties_phone_hmac
CREATE INDEX parties_phone_hmac ON parties (phone_hmac);
-- index parties_phone_last4
CREATE INDEX parties_phone_last4 ON parties (phone_last4_hmac);
-- index records_finalized
CREATE INDEX records_finalized ON records (finalized_at);
-- index records_task
CREATE INDEX records_task ON records (task_id, version);
-- index reported_phones_hmac
CREATE INDEX reported_phones_hmac ON reported_phones (phone_hmac);
-- index reported_phones_task
CREATE INDEX reported_phones_task ON reported_phones (task_id);
-- index review_comments_flag
CREATE INDEX review_comments_flag ON review_comments (flag_id) WHERE flag_id IS NOT NULL;
-- index review_comments_task
CREATE INDEX review_comments_task ON review_comments (task_id) WHERE task_id IS NOT NULL;
-- index reviews_decided
CREATE INDEX reviews_decided ON reviews (decided_at);
-- index reviews_flag
CREATE UNIQUE INDEX reviews_flag ON reviews (flag_id) WHERE flag_id IS NOT NULL;
-- index reviews_task
CREATE UNIQUE INDEX reviews_task ON reviews (task_id) WHERE task_id IS NOT NULL;
-- index samples_week
CREATE INDEX samples_week ON samples (week, officer_id);
-- index sync_bundles_from
CREATE UNIQUE INDEX sync_bundles_from ON sync_bundles (from_seq);
-- index tasks_active_due
CREATE INDEX tasks_active_due ON tasks (active, due_by, window_start);
-- index tasks_assignee
CREATE INDEX tasks_assignee ON tasks (assignee_id, status, due_by);
-- index tasks_booked
CREATE INDEX tasks_booked ON tasks (booked_at) WHERE booked_at IS NOT NULL;
-- index tasks_completed
CREATE INDEX tasks_completed ON tasks (completed_at) WHERE completed_at IS NOT NULL;
-- index tasks_due
CREATE INDEX tasks_due ON tasks (due_by);
-- index tasks_escalated
CREATE INDEX tasks_escalated ON tasks (escalated_at) WHERE status = 'escalated' AND reviewed_at IS NULL;
-- index tasks_status_due
CREATE INDEX tasks_status_due ON tasks (status, due_by);
-- table attempts
CREATE TABLE attempts ( id INTEGER PRIMARY KEY, task_id INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE, officer_id INTEGER NOT NULL REFERENCES users (id), script_id INTEGER NOT NULL REFERENCES scripts (id), started_at TEXT NOT NULL, ended_at TEXT NOT NULL, duration_s INTEGER, call_date TEXT NOT NULL, outcome TEXT NOT NULL, note TEXT, booked_at TEXT, outside_hours INTEGER NOT NULL DEFAULT 0 );
-- table audit_log
CREATE TABLE audit_log ( seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, actor TEXT, action TEXT NOT NULL, entity TEXT, entity_id TEXT, details TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL );
-- table branch
CREATE TABLE branch ( id INTEGER PRIMARY KEY CHECK (id = 1), code TEXT NOT NULL, name TEXT NOT NULL, created_at TEXT NOT NULL );
-- table calendar_days
CREATE TABLE calendar_days ( date TEXT PRIMARY KEY, kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')), name TEXT, source TEXT NOT NULL ) WITHOUT ROWID;
-- table calendar_years
CREATE TABLE calendar_years ( year INTEGER PRIMARY KEY, source TEXT NOT NULL, loaded_at TEXT NOT NULL );
-- table drafts
CREATE TABLE drafts ( task_id INTEGER PRIMARY KEY REFERENCES tasks (id) ON DELETE CASCADE, user_id INTEGER NOT NULL REFERENCES users (id), script_id INTEGER NOT NULL REFERENCES scripts (id), started_at TEXT NOT NULL, state TEXT NOT NULL, updated_at TEXT NOT NULL );
-- table flags
CREATE TABLE flags ( id INTEGER PRIMARY KEY, loan_id INTEGER NOT NULL REFERENCES loans (id), task_id INTEGER REFERENCES tasks (id), record_id INTEGER REFERENCES records (id), attempt_id INTEGER REFERENCES attempts (id), code TEXT NOT NULL, item TEXT, party_id INTEGER REFERENCES parties (id), severity TEXT NOT NULL CHECK (severity IN ('high', 'medium', 'low')), status TEXT NOT NULL DEFAULT 'open', note TEXT, created_by INTEGER REFERENCES users (id), created_at TEXT NOT NULL , decided_at TEXT);
-- table imports
CREATE TABLE imports ( id INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, file_name TEXT NOT NULL, sha256 TEXT NOT NULL, format TEXT NOT NULL, encoding TEXT, rows_total INTEGER NOT NULL, imported INTEGER NOT NULL, updated INTEGER NOT NULL, unchanged INTEGER NOT NULL, rejected INTEGER NOT NULL, skip_invalid INTEGER NOT NULL );
-- table loan_events
CREATE TABLE loan_events ( id INTEGER PRIMARY KEY, loan_id INTEGER NOT NULL REFERENCES loans (id) ON DELETE CASCADE, import_id INTEGER REFERENCES imports (id), at TEXT NOT NULL, actor TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('created', 'updated')), field TEXT, old_value TEXT, new_value TEXT );
-- table loans
CREATE TABLE loans ( id INTEGER PRIMARY KEY, loan_no TEXT NOT NULL UNIQUE, amount_cents INTEGER NOT NULL CHECK (amount_cents > 0), term_months INTEGER NOT NULL CHECK (term_months BETWEEN 1 AND 360), annual_rate REAL NOT NULL CHECK (annual_rate >= 0 AND annual_rate <= 24), monthly_payment_cents INTEGER, repayment_day INTEGER CHECK (repayment_day BETWEEN 1 AND 28), repayment_account_enc TEXT, repayment_account_masked TEXT, approval_date TEXT NOT NULL, disbursement_date TEXT, property_address TEXT NOT NULL, property_certificate_no TEXT, appraised_value_cents INTEGER, down_payment_cents INTEGER, created_at TEXT NOT NULL, updated_at TEXT NOT NULL );
-- table login_throttle
CREATE TABLE login_throttle ( name_hash TEXT PRIMARY KEY, attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0), locked_until TEXT, last_at TEXT NOT NULL ) WITHOUT ROWID;
-- table outbox
CREATE TABLE outbox ( seq INTEGER PRIMARY KEY AUTOINCREMENT, entity TEXT NOT NULL, op TEXT NOT NULL, entity_id TEXT NOT NULL, at TEXT NOT NULL, data TEXT NOT NULL );
-- table parties
CREATE TABLE parties ( id INTEGER PRIMARY KEY, loan_id INTEGER NOT NULL REFERENCES loans (id) ON DELETE CASCADE, role TEXT NOT NULL CHECK (role IN ('borrower', 'co_borrower', 'guarantor')), name TEXT NOT NULL, id_number_enc TEXT NOT NULL, id_number_masked TEXT NOT NULL, id_number_hmac TEXT NOT NULL, phone_enc TEXT, phone_masked TEXT, phone_hmac TEXT, phone_last4_hmac TEXT, employer TEXT, position TEXT, monthly_income_cents INTEGER, created_at TEXT NOT NULL, updated_at TEXT NOT NULL );
-- table record_items
CREATE TABLE record_items ( record_id INTEGER NOT NULL REFERENCES records (id), key TEXT NOT NULL, pos INTEGER NOT NULL, item TEXT NOT NULL, party_id INTEGER REFERENCES parties (id), result TEXT CHECK (result IN ('match', 'mismatch', 'unverifiable')), stated TEXT NOT NULL, note TEXT NOT NULL, on_file TEXT, PRIMARY KEY (record_id, key) ) WITHOUT ROWID;
-- table records
CREATE TABLE records ( id INTEGER PRIMARY KEY, task_id INTEGER NOT NULL REFERENCES tasks (id), version INTEGER NOT NULL, script_id INTEGER NOT NULL REFERENCES scripts (id), attempt_id INTEGER REFERENCES attempts (id), outcome TEXT NOT NULL, answers TEXT NOT NULL, reads TEXT NOT NULL, note TEXT, reason TEXT, finalized_by INTEGER NOT NULL REFERENCES users (id), finalized_at TEXT NOT NULL, UNIQUE (task_id, version) );
-- table reported_phones
CREATE TABLE reported_phones ( id INTEGER PRIMARY KEY, task_id INTEGER NOT NULL REFERENCES tasks (id), loan_id INTEGER NOT NULL REFERENCES loans (id), phone_enc TEXT NOT NULL, phone_hmac TEXT NOT NULL, phone_masked TEXT NOT NULL, reported_by INTEGER NOT NULL REFERENCES users (id), reported_at TEXT NOT NULL );
-- table review_comments
CREATE TABLE review_comments ( id INTEGER PRIMARY KEY, flag_id INTEGER REFERENCES flags (id), task_id INTEGER REFERENCES tasks (id), user_id INTEGER NOT NULL REFERENCES users (id), text TEXT NOT NULL, created_at TEXT NOT NULL, CHECK ((flag_id IS NULL) <> (task_id IS NULL)) );
-- table reviews
CREATE TABLE reviews ( id INTEGER PRIMARY KEY, flag_id INTEGER REFERENCES flags (id), task_id INTEGER REFERENCES tasks (id), decision TEXT NOT NULL CHECK (decision IN ('confirmed_risk', 'field_visit', 'false_alarm', 'needs_recall')), comment TEXT NOT NULL, created_task_id INTEGER REFERENCES tasks (id), decided_by INTEGER NOT NULL REFERENCES users (id), decided_at TEXT NOT NULL, CHECK ((flag_id IS NULL) <> (task_id IS NULL)) );
-- table samples
CREATE TABLE samples ( id INTEGER PRIMARY KEY, record_id INTEGER NOT NULL UNIQUE REFERENCES records (id), week TEXT NOT NULL, officer_id INTEGER NOT NULL REFERENCES users (id), sampled_by INTEGER NOT NULL REFERENCES users (id), sampled_at TEXT NOT NULL, result TEXT CHECK (result IN ('pass', 'fail')), scorecard TEXT, comment TEXT, scored_by INTEGER REFERENCES users (id), scored_at TEXT, rework_task_id INTEGER REFERENCES tasks (id) );
-- table scripts
CREATE TABLE scripts ( id INTEGER PRIMARY KEY, key TEXT NOT NULL, version INTEGER NOT NULL, task_type TEXT NOT NULL, definition TEXT NOT NULL, sha256 TEXT NOT NULL, published_at TEXT NOT NULL, UNIQUE (key, version) );
-- table settings
CREATE TABLE settings ( key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at TEXT NOT NULL );
-- table sync_bundles
CREATE TABLE sync_bundles ( id TEXT PRIMARY KEY, from_seq INTEGER NOT NULL, to_seq INTEGER NOT NULL, entries INTEGER NOT NULL, created_at TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'exported', 'acknowledged', 'conflict', 'failed')), file_name TEXT NOT NULL, sha256 TEXT, bytes INTEGER, exported_at TEXT, pushed_at TEXT, acknowledged_at TEXT, received_at TEXT, ack_via TEXT CHECK (ack_via IN ('upload', 'receipt')), last_error TEXT, CHECK (from_seq <= to_seq) );
-- table sync_runs
CREATE TABLE sync_runs ( id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL CHECK (kind IN ('export', 'push', 'ack')), actor TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT, outcome TEXT CHECK (outcome IN ('ok', 'nothing', 'conflict', 'rejected', 'unreachable', 'cancelled', 'error')), bundles INTEGER NOT NULL DEFAULT 0, entries INTEGER NOT NULL DEFAULT 0, target TEXT, error TEXT );
-- table tasks
CREATE TABLE tasks ( id INTEGER PRIMARY KEY, loan_id INTEGER NOT NULL REFERENCES loans (id) ON DELETE CASCADE, type TEXT NOT NULL CHECK (type IN ('post_approval', 'post_disbursement', 'repayment_reminder', 'collateral_revaluation', 'event', 'satisfaction')), slot TEXT NOT NULL, window_start TEXT NOT NULL, due_by TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'completed', 'escalated', 'cancelled')), assignee_id INTEGER REFERENCES users (id), booked_at TEXT, attempts INTEGER NOT NULL DEFAULT 0, warnings TEXT NOT NULL DEFAULT '[]', reason TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, completed_at TEXT, -- 1 while the task still needs work; lets the queue walk one index in due order. active INTEGER GENERATED ALWAYS AS (status IN ('open', 'in_progress')) VIRTUAL, retry_after TEXT, escalated_at TEXT, escalation_reason TEXT, reviewed_at TEXT, UNIQUE (loan_id, type, slot) );
-- table users
CREATE TABLE users ( id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE COLLATE NOCASE, display_name TEXT NOT NULL, role TEXT NOT NULL CHECK (role IN ('officer', 'manager', 'admin')), password_hash TEXT NOT NULL, failed_logins INTEGER NOT NULL DEFAULT 0, locked_until TEXT, active INTEGER NOT NULL DEFAULT 1, created_at TEXT NOT NULL, last_login_at TEXT );
-- trigger audit_log_no_delete
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
-- trigger audit_log_no_update
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
-- trigger outbox_no_delete
CREATE TRIGGER outbox_no_delete BEFORE DELETE ON outbox BEGIN SELECT RAISE(ABORT, 'outbox rows are append-only'); END;
-- trigger outbox_no_update
CREATE TRIGGER outbox_no_update BEFORE UPDATE ON outbox BEGIN SELECT RAISE(ABORT, 'outbox rows are append-only'); END;
-- trigger record_items_no_delete
CREATE TRIGGER record_items_no_delete BEFORE DELETE ON record_items BEGIN SELECT RAISE(ABORT, 'record_items rows are immutable'); END;
-- trigger record_items_no_update
CREATE TRIGGER record_items_no_update BEFORE UPDATE ON record_items BEGIN SELECT RAISE(ABORT, 'record_items rows are immutable'); END;
-- trigger records_no_delete
CREATE TRIGGER records_no_delete BEFORE DELETE ON records BEGIN SELECT RAISE(ABORT, 'records rows are immutable'); END;
-- trigger records_no_update
CREATE TRIGGER records_no_update BEFORE UPDATE ON records BEGIN SELECT RAISE(ABORT, 'records rows are immutable'); END;
-- trigger reported_phones_no_delete
CREATE TRIGGER reported_phones_no_delete BEFORE DELETE ON reported_phones BEGIN SELECT RAISE(ABORT, 'reported_phones rows are append-only'); END;
-- trigger reported_phones_no_update
CREATE TRIGGER reported_phones_no_update BEFORE UPDATE ON reported_phones BEGIN SELECT RAISE(ABORT, 'reported_phones rows are append-only'); END;
-- trigger review_comments_no_delete
CREATE TRIGGER review_comments_no_delete BEFORE DELETE ON review_comments BEGIN SELECT RAISE(ABORT, 'review_comments rows are append-only'); END;
-- trigger review_comments_no_update
CREATE TRIGGER review_comments_no_update BEFORE UPDATE ON review_comments BEGIN SELECT RAISE(ABORT, 'review_comments rows are append-only'); END;
-- trigger reviews_no_delete
CREATE TRIGGER reviews_no_delete BEFORE DELETE ON reviews BEGIN SELECT RAISE(ABORT, 'reviews rows are append-only'); END;
-- trigger reviews_no_update
CREATE TRIGGER reviews_no_update BEFORE UPDATE ON reviews BEGIN SELECT RAISE(ABORT, 'reviews rows are append-only'); END;
-- trigger samples_no_delete
CREATE TRIGGER samples_no_delete BEFORE DELETE ON samples BEGIN SELECT RAISE(ABORT, 'samples are kept'); END;
-- trigger samples_scored_once
CREATE TRIGGER samples_scored_once BEFORE UPDATE ON samples WHEN OLD.result IS NOT NULL BEGIN SELECT RAISE(ABORT, 'a scored sample is final'); END;
-- trigger scripts_no_delete
CREATE TRIGGER scripts_no_delete BEFORE DELETE ON scripts BEGIN SELECT RAISE(ABORT, 'scripts rows are immutable'); END;
-- trigger scripts_no_update
CREATE TRIGGER scripts_no_update BEFORE UPDATE ON scripts BEGIN SELECT RAISE(ABORT, 'scripts rows are immutable'); END;
