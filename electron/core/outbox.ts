/**
 * The outbox: what head office must receive, written in the same transaction as the change it
 * describes, in strictly increasing sequence order (AUTOINCREMENT never reuses a number).
 * Entries carry no plaintext ID or phone numbers: the loan number is the join key and names are
 * masked. Rows are append-only (triggers); sync bundles read them by sequence range.
 */
import { stmt, type Db } from './db/open';

export type OutboxEntity = 'review' | 'review_comment' | 'sample' | 'task';

export interface OutboxEntry {
  entity: OutboxEntity;
  op: 'create' | 'update';
  id: string | number;
  data: Record<string, unknown>;
}

/** Append one entry; must run inside the caller's transaction. Returns its sequence number. */
export function enqueue(db: Db, e: OutboxEntry, at: Date): number {
  if (!db.inTransaction) throw new Error('outbox entries are written inside the change’s transaction');
  const info = stmt(db, 'INSERT INTO outbox (entity, op, entity_id, at, data) VALUES (?, ?, ?, ?, ?)').run(
    e.entity,
    e.op,
    String(e.id),
    at.toISOString(),
    JSON.stringify(e.data),
  );
  return Number(info.lastInsertRowid);
}
