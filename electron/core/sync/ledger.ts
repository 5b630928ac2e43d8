/**
 * The sync ledger: which outbox ranges are bundled (each range frozen with its bundle id once
 * planned, until head office acknowledges it), bundle status changes, the history of export and
 * upload runs, acknowledgement by receipt, and the 同步 page's view. Entries are never removed
 * from the outbox; "pending" means not yet in an acknowledged bundle.
 */
import { randomUUID } from 'node:crypto';
import {
  bundleFileName,
  receiptSchema,
  type BundleStatus,
  type BundleView,
  type SyncOutcome,
  type SyncRunView,
} from '../../../shared/contract/sync';
import { AppError } from '../../../shared/result';
import { appendAudit } from '../audit/log';
import { stmt, type Db } from '../db/open';
import type { BundleRow } from './bundle';

/**
 * Freeze every outbox entry not yet in a bundle into new bundles of at most `maxEntries`, in
 * sequence order. Returns how many bundles were planned.
 */
export function planBundles(db: Db, branchCode: string, maxEntries: number, now: Date): number {
  return db.transaction(() => {
    let last = stmt<[], { m: number | null }>(db, 'SELECT max(to_seq) AS m FROM sync_bundles').get()!.m ?? 0;
    const insert = stmt(
      db,
      'INSERT INTO sync_bundles (id, from_seq, to_seq, entries, created_at, file_name) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const at = now.toISOString();
    // Ranges of at most `maxEntries` entries, each found by walking the outbox's primary key
    // (no sort, no temporary table: memory stays flat however many entries are pending).
    const first = stmt<[number], { seq: number }>(db, 'SELECT seq FROM outbox WHERE seq > ? ORDER BY seq LIMIT 1');
    const nth = stmt<[number, number], { seq: number }>(
      db,
      'SELECT seq FROM outbox WHERE seq >= ? ORDER BY seq LIMIT 1 OFFSET ?',
    );
    const lastSeqRow = stmt<[], { m: number | null }>(db, 'SELECT max(seq) AS m FROM outbox');
    const countIn = stmt<[number, number], { n: number }>(
      db,
      'SELECT count(*) AS n FROM outbox WHERE seq BETWEEN ? AND ?',
    );
    let planned = 0;
    for (let from = first.get(last)?.seq; from !== undefined; from = first.get(last)?.seq) {
      const to = nth.get(from, maxEntries - 1)?.seq ?? lastSeqRow.get()!.m!;
      const id = randomUUID();
      insert.run(id, from, to, countIn.get(from, to)!.n, at, bundleFileName(branchCode, from, to, id));
      planned++;
      last = to;
    }
    return planned;
  })();
}

/** Bundles head office has not acknowledged yet, oldest range first. */
export function unacknowledged(db: Db): BundleRow[] {
  return stmt<[], BundleRow>(
    db,
    `SELECT id, from_seq, to_seq, entries, created_at, status, file_name FROM sync_bundles
      WHERE status != 'acknowledged' ORDER BY from_seq`,
  ).all();
}

export function markBundle(
  db: Db,
  id: string,
  status: BundleStatus,
  fields: {
    exportedAt?: string;
    pushedAt?: string;
    sha256?: string;
    bytes?: number;
    acknowledgedAt?: string;
    receivedAt?: string;
    ackVia?: 'upload' | 'receipt';
    /** undefined keeps the last error, null clears it. */
    lastError?: string | null | undefined;
  },
): void {
  stmt(
    db,
    `UPDATE sync_bundles SET status = @status,
        exported_at = coalesce(@exportedAt, exported_at), pushed_at = coalesce(@pushedAt, pushed_at),
        sha256 = coalesce(@sha256, sha256), bytes = coalesce(@bytes, bytes),
        acknowledged_at = coalesce(@acknowledgedAt, acknowledged_at), received_at = coalesce(@receivedAt, received_at),
        ack_via = coalesce(@ackVia, ack_via),
        last_error = CASE WHEN @keepError THEN last_error ELSE @lastError END
      WHERE id = @id`,
  ).run({
    id,
    status,
    exportedAt: fields.exportedAt ?? null,
    pushedAt: fields.pushedAt ?? null,
    sha256: fields.sha256 ?? null,
    bytes: fields.bytes ?? null,
    acknowledgedAt: fields.acknowledgedAt ?? null,
    receivedAt: fields.receivedAt ?? null,
    ackVia: fields.ackVia ?? null,
    lastError: fields.lastError ?? null,
    keepError: fields.lastError === undefined ? 1 : 0,
  });
}

export function startRun(
  db: Db,
  kind: 'export' | 'push' | 'ack',
  actor: string,
  target: string | null,
  now: Date,
): number {
  return Number(
    stmt(db, 'INSERT INTO sync_runs (kind, actor, started_at, target) VALUES (?, ?, ?, ?)').run(
      kind,
      actor,
      now.toISOString(),
      target,
    ).lastInsertRowid,
  );
}

export function finishRun(
  db: Db,
  runId: number,
  r: {
    outcome: SyncOutcome;
    bundles: number;
    entries: number;
    /** An i18n key with its parameters. */
    error?: { message: string; params?: Record<string, string | number> } | null;
  },
  now: Date,
): void {
  stmt(db, 'UPDATE sync_runs SET finished_at = ?, outcome = ?, bundles = ?, entries = ?, error = ? WHERE id = ?').run(
    now.toISOString(),
    r.outcome,
    r.bundles,
    r.entries,
    r.error ? JSON.stringify(r.error) : null,
    runId,
  );
}

const RECEIPT_CLOCK_LEEWAY_MS = 24 * 3600_000;

/** Acknowledge a bundle delivered by file with head office's receipt (JSON text). */
export function acknowledgeReceipt(
  db: Db,
  receiptText: string,
  actor: string,
  now: Date,
): { bundleId: string; receivedAt: string; already: boolean } {
  let raw: unknown;
  try {
    // Windows Notepad saves UTF-8 with a byte-order mark.
    raw = JSON.parse(receiptText.replace(/^\uFEFF/, ''));
  } catch {
    throw new AppError('invalid_input', 'errors.receiptMalformed');
  }
  const parsed = receiptSchema.safeParse(raw);
  if (!parsed.success)
    throw new AppError('invalid_input', 'errors.receiptMalformed', {
      field: parsed.error.issues[0]?.path.join('.') ?? '',
    });
  const { bundleId, receivedAt } = parsed.data;
  return db.transaction(() => {
    const b = stmt<[string], { status: BundleStatus; entries: number; created_at: string; exported_at: string | null }>(
      db,
      'SELECT status, entries, created_at, exported_at FROM sync_bundles WHERE id = ?',
    ).get(bundleId);
    if (!b) throw new AppError('invalid_input', 'errors.receiptUnknownBundle', { bundleId });
    if (b.status === 'acknowledged') return { bundleId, receivedAt, already: true };
    // Receipts are for bundles delivered by file; an upload is acknowledged by the server's answer.
    // A bundle never written to a file (planned, or an upload that failed) cannot have arrived.
    if (b.exported_at === null) throw new AppError('invalid_input', 'errors.receiptNotSent', { bundleId });
    // Head office cannot have received it before it existed, nor in the future (a day's leeway for clocks).
    const received = Date.parse(receivedAt);
    if (
      received < Date.parse(b.created_at) - RECEIPT_CLOCK_LEEWAY_MS ||
      received > now.getTime() + RECEIPT_CLOCK_LEEWAY_MS
    )
      throw new AppError('invalid_input', 'errors.receiptTime', { bundleId, receivedAt });
    const at = now.toISOString();
    markBundle(db, bundleId, 'acknowledged', {
      acknowledgedAt: at,
      receivedAt: new Date(receivedAt).toISOString(),
      ackVia: 'receipt',
    });
    const run = startRun(db, 'ack', actor, null, now);
    finishRun(db, run, { outcome: 'ok', bundles: 1, entries: b.entries }, now);
    appendAudit(
      db,
      { actor, action: 'sync.ack', entity: 'sync_bundle', entityId: bundleId, details: { receivedAt } },
      now,
    );
    return { bundleId, receivedAt, already: false };
  })();
}

/** Outbox entries not in an acknowledged bundle. */
export function pendingEntries(db: Db): number {
  const total = stmt<[], { n: number }>(db, 'SELECT count(*) AS n FROM outbox').get()!.n;
  const acked = stmt<[], { n: number | null }>(
    db,
    "SELECT sum(entries) AS n FROM sync_bundles WHERE status = 'acknowledged'",
  ).get()!.n;
  return total - (acked ?? 0);
}

interface RunRow {
  kind: 'export' | 'push' | 'ack';
  actor: string;
  started_at: string;
  finished_at: string | null;
  outcome: SyncOutcome | null;
  bundles: number;
  entries: number;
  target: string | null;
  error: string | null;
}

const runView = (r: RunRow | undefined): SyncRunView | null =>
  r
    ? {
        kind: r.kind,
        actor: r.actor,
        startedAt: r.started_at,
        finishedAt: r.finished_at,
        outcome: r.outcome,
        bundles: r.bundles,
        entries: r.entries,
        target: r.target,
        error: r.error ? parseRunError(r.error) : null,
      }
    : null;

function parseRunError(text: string): SyncRunView['error'] {
  try {
    const e = JSON.parse(text) as { message?: unknown; params?: Record<string, string | number> };
    if (typeof e.message === 'string') return { message: e.message, params: e.params ?? {} };
  } catch {
    /* written by an older build as plain text */
  }
  return { message: 'errors.internal', params: {} };
}

export function lastRun(db: Db, kind: 'export' | 'push'): SyncRunView | null {
  return runView(
    stmt<[string], RunRow>(
      db,
      `SELECT kind, actor, started_at, finished_at, outcome, bundles, entries, target, error FROM sync_runs
        WHERE kind = ? ORDER BY id DESC LIMIT 1`,
    ).get(kind),
  );
}

export function bundleHistory(db: Db, limit = 200): BundleView[] {
  return stmt<[number], BundleView>(
    db,
    `SELECT id AS bundleId, file_name AS fileName, from_seq AS fromSeq, to_seq AS toSeq, entries, status,
            created_at AS createdAt, exported_at AS exportedAt, acknowledged_at AS acknowledgedAt, ack_via AS ackVia,
            last_error AS lastError
       FROM sync_bundles ORDER BY from_seq DESC LIMIT ?`,
  ).all(limit);
}

export function lastSeq(db: Db): number {
  return stmt<[], { m: number | null }>(db, 'SELECT max(seq) AS m FROM outbox').get()!.m ?? 0;
}
