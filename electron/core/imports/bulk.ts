/**
 * Bulk loads into the parties table. Its keyed-index (HMAC) indexes take values in random order,
 * so adding ~150k parties to them one at a time costs more than sorting them afresh afterwards
 * (100k-row import: about 1.6 s of insert time against about 0.65 s to rebuild, measured). When
 * an import brings at least as many loans as the file already holds, the commit drops those
 * indexes inside its transaction and recreates them, with the SQL they were created with, before
 * it commits: other connections never see the table without them, and an error or a crash rolls
 * the drop back with everything else.
 */
import type { Db } from '../db/open';

/** Indexes on the parties table's HMAC columns; nothing the commit itself queries uses them. */
const DEFERRABLE = ['parties_id_hmac', 'parties_phone_hmac', 'parties_phone_last4'];

/** Below this many new loans the rebuild saves too little to be worth a schema change. */
const MIN_ROWS = 5_000;

/** Whether inserting `newLoans` loans is cheaper with the HMAC indexes rebuilt afterwards. */
export function worthDeferring(db: Db, newLoans: number): boolean {
  if (newLoans < MIN_ROWS) return false;
  const existing = (db.prepare('SELECT count(*) FROM loans').pluck().get() as number) ?? 0;
  return newLoans >= existing;
}

/**
 * Drop the HMAC indexes of parties and return the function that recreates them. Call inside
 * the write transaction, with no statement of this connection still reading.
 */
export function deferPartyIndexes(db: Db): () => void {
  const placeholders = DEFERRABLE.map(() => '?').join(', ');
  const indexes = db
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'parties' AND sql IS NOT NULL AND name IN (${placeholders})`,
    )
    .all(...DEFERRABLE) as { name: string; sql: string }[];
  for (const i of indexes) db.exec(`DROP INDEX "${i.name}"`);
  return () => {
    for (const i of indexes) db.exec(i.sql);
  };
}
