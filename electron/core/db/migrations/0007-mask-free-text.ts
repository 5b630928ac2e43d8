/**
 * 0007: free text typed before the masker caught every way of writing a number (142/4551/8283,
 * 330102-19870322--1397, full-width digits…) is masked in place, so a database upgraded to this
 * build holds the same masked text a new one would: attempt notes, record notes, reasons,
 * answers and read keys, checklist stated values and notes, flag notes, review decisions and
 * comments, sample comments, event-task reasons, drafts, the outbox and imported files' names.
 *
 * Records, review rows and the outbox are append-only by trigger. The triggers of each table are
 * read from sqlite_master, dropped for the update and created again from their own SQL in the
 * same transaction, so the rule holds again before anything else can write.
 *
 * Outbox entries of a bundle that is exported but not acknowledged (or in conflict) keep their
 * bytes: that bundle may be sent again and head office refuses a resend with other bytes; they
 * are already outside the branch. The hash-chained audit log is not rewritten (every string in
 * it was masked on the way in; rewriting would break the chain `doctor` verifies).
 *
 * Also the table of new phone numbers a borrower gives during a call (`reported_phones`): stored
 * like the parties' numbers (AES-GCM ciphertext, keyed HMAC index, display mask), append-only.
 *
 * The overwritten plaintext must not stay in free pages: `openDatabase` turns on secure_delete
 * before migrating and runs VACUUM and a WAL truncation after this migration (see db/open.ts).
 */
import { scrubPiiText } from '../../../../shared/domain/mask';
import type { Migration } from './types';

type Raw = Parameters<Migration['up']>[0];

/** Every string (and key) masked; `loanNo` is the join key and stays as it is. */
function deep(v: unknown, key: string | null = null): unknown {
  if (typeof v === 'string') return key === 'loanNo' ? v : scrubPiiText(v);
  if (Array.isArray(v)) return v.map((x) => deep(x));
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [scrubPiiText(k), deep(x, k)]));
  return v;
}

const text = (s: string | null) => (s === null ? null : scrubPiiText(s));
function json(s: string | null): string | null {
  if (s === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(s);
  } catch {
    return scrubPiiText(s);
  }
  return JSON.stringify(deep(parsed));
}

/** Rewrite `cols` of every row of `table` where `where` holds, with its triggers lifted meanwhile. */
function rewrite(
  db: Raw,
  table: string,
  keys: readonly string[],
  cols: Record<string, (s: string | null) => string | null>,
  where = '1',
): void {
  const triggers = db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?")
    .all(table) as { name: string; sql: string }[];
  for (const t of triggers) db.exec(`DROP TRIGGER "${t.name}"`);
  const names = Object.keys(cols);
  const rows = db.prepare(`SELECT ${[...keys, ...names].join(', ')} FROM ${table} WHERE ${where}`).all() as Record<
    string,
    string | null
  >[];
  const update = db.prepare(
    `UPDATE ${table} SET ${names.map((c) => `${c} = ?`).join(', ')} WHERE ${keys.map((k) => `${k} = ?`).join(' AND ')}`,
  );
  for (const r of rows) {
    const next = names.map((c) => cols[c]!(r[c] ?? null));
    if (next.some((v, i) => v !== (r[names[i]!] ?? null))) update.run(...next, ...keys.map((k) => r[k]));
  }
  for (const t of triggers) db.exec(t.sql);
}

export const m0007: Migration = {
  version: 7,
  name: 'mask-free-text',
  up(db) {
    db.exec(`
      CREATE TABLE reported_phones (
        id INTEGER PRIMARY KEY,
        task_id INTEGER NOT NULL REFERENCES tasks (id),
        loan_id INTEGER NOT NULL REFERENCES loans (id),
        phone_enc TEXT NOT NULL,
        phone_hmac TEXT NOT NULL,
        phone_masked TEXT NOT NULL,
        reported_by INTEGER NOT NULL REFERENCES users (id),
        reported_at TEXT NOT NULL
      );
      CREATE INDEX reported_phones_task ON reported_phones (task_id);
      CREATE INDEX reported_phones_hmac ON reported_phones (phone_hmac);
      CREATE TRIGGER reported_phones_no_update BEFORE UPDATE ON reported_phones
        BEGIN SELECT RAISE(ABORT, 'reported_phones rows are append-only'); END;
      CREATE TRIGGER reported_phones_no_delete BEFORE DELETE ON reported_phones
        BEGIN SELECT RAISE(ABORT, 'reported_phones rows are append-only'); END;
    `);
    rewrite(db, 'attempts', ['id'], { note: text });
    rewrite(db, 'records', ['id'], { note: text, reason: text, answers: json, reads: json });
    rewrite(db, 'record_items', ['record_id', 'key'], { stated: text, note: text });
    rewrite(db, 'flags', ['id'], { note: text });
    rewrite(db, 'reviews', ['id'], { comment: text });
    rewrite(db, 'review_comments', ['id'], { text });
    rewrite(db, 'samples', ['id'], { comment: text });
    rewrite(db, 'tasks', ['id'], { reason: json });
    rewrite(db, 'drafts', ['task_id'], { state: json });
    // Files are often named after their borrower (张三13800138000.xlsx).
    rewrite(db, 'imports', ['id'], { file_name: text });
    rewrite(
      db,
      'outbox',
      ['seq'],
      { data: json },
      `NOT EXISTS (SELECT 1 FROM sync_bundles b WHERE b.status IN ('exported', 'conflict')
                     AND outbox.seq BETWEEN b.from_seq AND b.to_seq)`,
    );
  },
};
