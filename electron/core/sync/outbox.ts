/**
 * The outbox: what head office must receive, written in the same transaction as the change it
 * describes, in strictly increasing sequence order (AUTOINCREMENT never reuses a number).
 * Entries carry no plaintext ID or phone numbers: the loan number is the join key, names are
 * masked: every free-text string passes `scrubPiiText` (ID, phone and account numbers) and has
 * the names of the loan's parties masked on the way in. Rows are append-only
 * (triggers); sync bundles read them by sequence range.
 */
import { maskName, scrubPiiText } from '../../../shared/domain/mask';
import { stmt, type Db } from '../db/open';

export const OUTBOX_ENTITIES = ['task', 'attempt', 'record', 'flag', 'review', 'review_comment', 'sample'] as const;
export type OutboxEntity = (typeof OUTBOX_ENTITIES)[number];
/** `amend`: a new version of a finalized record (the earlier versions stay as they were). */
export type OutboxOp = 'create' | 'update' | 'amend';

export interface OutboxEntry {
  entity: OutboxEntity;
  op: OutboxOp;
  id: string | number;
  data: Record<string, unknown>;
}

/** Keys whose string values are identifiers, not free text: never rewritten. */
const IDENTIFIER_KEYS = new Set(['loanNo']);

/** Codes, dates and instants (`in_progress`, `2026-11-20`, `…T01:02:03.000Z`): no name can hide in them. */
const TOKEN = /^[a-z0-9_:.+-]*(T[0-9:.]+Z)?$/;

/** `names()` is asked only for text that is not a plain token (most entries have none: no lookup). */
function scrub(value: unknown, key: string | null, names: () => readonly string[]): unknown {
  if (typeof value === 'string') {
    if (key !== null && IDENTIFIER_KEYS.has(key)) return value;
    let s = scrubPiiText(value);
    if (!TOKEN.test(s)) for (const n of names()) if (s.includes(n)) s = s.split(n).join(maskName(n));
    return s;
  }
  if (Array.isArray(value)) return value.map((v) => scrub(v, null, names));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    // Keys are masked too: a key that is free text (it should never be one) must not carry a number.
    for (const [k, v] of Object.entries(value)) out[scrubPiiText(k)] = scrub(v, k, names);
    return out;
  }
  return value;
}

/** Names of the loan's borrower, co-borrowers and guarantors, longest first (so 欧阳明华 goes before 欧阳明). */
function partyNames(db: Db, loanNo: unknown): string[] {
  if (typeof loanNo !== 'string') return [];
  return stmt<[string], string>(
    db,
    `SELECT DISTINCT p.name FROM parties p JOIN loans l ON l.id = p.loan_id
      WHERE l.loan_no = ? AND length(p.name) >= 2 ORDER BY length(p.name) DESC`,
  )
    .pluck()
    .all(loanNo);
}

/** Append one entry; must run inside the caller's transaction. Returns its sequence number. */
export function enqueue(db: Db, e: OutboxEntry, at: Date): number {
  if (!db.inTransaction) throw new Error('outbox entries are written inside the change’s transaction');
  let names: string[] | undefined;
  const info = stmt(db, 'INSERT INTO outbox (entity, op, entity_id, at, data) VALUES (?, ?, ?, ?, ?)').run(
    e.entity,
    e.op,
    String(e.id),
    at.toISOString(),
    JSON.stringify(scrub(e.data, null, () => (names ??= partyNames(db, e.data.loanNo)))),
  );
  return Number(info.lastInsertRowid);
}

interface TaskSnapshot {
  loan_no: string;
  type: string;
  slot: string;
  window_start: string;
  due_by: string;
  status: string;
  assignee: string | null;
  attempts: number;
  escalation_reason: string | null;
  completed_at: string | null;
  escalated_at: string | null;
}

/**
 * A task's state as head office sees it (created, window moved, status changed), read back
 * from the row after the change. `extra` adds context such as the reason of a created task.
 */
export function enqueueTask(
  db: Db,
  taskId: number,
  op: 'create' | 'update',
  at: Date,
  extra: Record<string, unknown> = {},
): number {
  const t = stmt<[number], TaskSnapshot>(
    db,
    `SELECT l.loan_no, t.type, t.slot, t.window_start, t.due_by, t.status, u.username AS assignee, t.attempts,
            t.escalation_reason, t.completed_at, t.escalated_at
       FROM tasks t JOIN loans l ON l.id = t.loan_id LEFT JOIN users u ON u.id = t.assignee_id
      WHERE t.id = ?`,
  ).get(taskId);
  if (!t) throw new Error(`outbox: task ${taskId} does not exist`);
  return enqueue(
    db,
    {
      entity: 'task',
      op,
      id: taskId,
      data: {
        loanNo: t.loan_no,
        type: t.type,
        slot: t.slot,
        windowStart: t.window_start,
        dueBy: t.due_by,
        status: t.status,
        assignee: t.assignee,
        attempts: t.attempts,
        escalationReason: t.escalation_reason,
        completedAt: t.completed_at,
        escalatedAt: t.escalated_at,
        ...extra,
      },
    },
    at,
  );
}

/** The highest sequence number the outbox has ever given (0 when none). */
export function outboxHighWater(db: Db): number {
  const row = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'").get() as { seq: number } | undefined;
  return row?.seq ?? 0;
}

/**
 * After a restore the outbox must not give again a number it gave before: head office may already
 * hold entries under those numbers with other content. The next entry gets `after + 1` (or the
 * restored file's own next number, whichever is higher). Returns the number it continues after.
 */
export function continueOutboxAfter(db: Db, after: number): number {
  return db.transaction(() => {
    const own = outboxHighWater(db);
    const next = Math.max(own, after);
    if (next === own) return own;
    const changed = db.prepare("UPDATE sqlite_sequence SET seq = ? WHERE name = 'outbox'").run(next).changes;
    if (changed === 0) db.prepare("INSERT INTO sqlite_sequence (name, seq) VALUES ('outbox', ?)").run(next);
    return next;
  })();
}
