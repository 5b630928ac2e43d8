/**
 * Row anchors: the audit entries that create or change a finalized record (with its items), a
 * risk flag, a user account or outbox entries carry, under `details.rows`, a SHA-256 of the
 * canonical JSON of each row as stored (`"record:12": "<hex>"`). The audit chain is append-only
 * and hash-linked, so the hashes it holds cannot be edited without breaking it; `doctor` reads the
 * newest anchor of every row, hashes the row again and names each row that differs, is gone, or has
 * no anchor at all (a row written straight into the file). Outbox numbers are checked for gaps
 * that no restore accounts for.
 *
 * Why this mechanism: it needs no key on the branch (a key beside the database would be copied with
 * it), it reuses the one tamper-evident structure the file already has, and a reviewer can recompute
 * every hash with `sqlite3` and `sha256sum`. What it does not stop is an attacker who also rewrites
 * the whole audit chain or cuts its tail: that is the head office receipts' part (signed anchors of
 * the chain head), not this module's.
 *
 * Column lists are fixed here (not `SELECT *`), so a later migration adding a column does not make
 * every old anchor differ. Columns that change in normal work without an audit entry (a user's
 * failed sign-ins, lock and last sign-in) are left out.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { canonicalJson } from './log';

export type AnchorKind = 'record' | 'flag' | 'user' | 'outbox';
/** `details.rows` of an audit entry: anchor key (`kind:id`) → SHA-256 hex of the row. */
export type RowHashes = Record<string, string>;

export const ROW_KEY = /^(record|flag|user|outbox):(\d+)$/;
export const HEX64 = /^[0-9a-f]{64}$/;

const RECORD_COLS =
  'id, task_id, version, script_id, attempt_id, outcome, answers, reads, note, reason, finalized_by, finalized_at';
const ITEM_COLS = 'key, pos, item, party_id, result, stated, note, on_file';
const FLAG_COLS =
  'id, loan_id, task_id, record_id, attempt_id, code, item, party_id, severity, status, note, created_by, created_at, decided_at';
const USER_COLS = 'id, username, display_name, role, password_hash, active, created_at';
const OUTBOX_COLS = 'seq, entity, op, entity_id, at, data';

const sha256 = (v: unknown): string => createHash('sha256').update(canonicalJson(v)).digest('hex');

/** Whether `v` is a `details.rows` object (only anchor keys and 64-hex values: nothing a user typed). */
export function isRowHashes(v: unknown): v is RowHashes {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  return Object.entries(v).every(([k, h]) => ROW_KEY.test(k) && typeof h === 'string' && HEX64.test(h));
}

/** The hash of one row as stored now, or null when it is not there. */
export function rowHash(db: Database.Database, kind: AnchorKind, id: number): string | null {
  if (kind === 'record') {
    const rec = db.prepare(`SELECT ${RECORD_COLS} FROM records WHERE id = ?`).get(id);
    if (!rec) return null;
    const items = db.prepare(`SELECT ${ITEM_COLS} FROM record_items WHERE record_id = ? ORDER BY pos, key`).all(id);
    return sha256({ record: rec, items });
  }
  const sql =
    kind === 'flag'
      ? `SELECT ${FLAG_COLS} FROM flags WHERE id = ?`
      : kind === 'user'
        ? `SELECT ${USER_COLS} FROM users WHERE id = ?`
        : `SELECT ${OUTBOX_COLS} FROM outbox WHERE seq = ?`;
  const row = db.prepare(sql).get(id);
  return row ? sha256(row) : null;
}

export interface AnchorRefs {
  records?: readonly number[];
  flags?: readonly number[];
  users?: readonly number[];
  /** Anchor every outbox entry written after this sequence number (the high water at the change's start). */
  outboxAfter?: number;
  outbox?: readonly number[];
}

/** Hashes of the rows a change produced, for its audit entry's `details.rows`. Call after the writes. */
export function anchorRows(db: Database.Database, refs: AnchorRefs): RowHashes {
  const out: RowHashes = {};
  const add = (kind: AnchorKind, id: number) => {
    const h = rowHash(db, kind, id);
    if (h) out[`${kind}:${id}`] = h;
  };
  for (const id of refs.records ?? []) add('record', id);
  for (const id of refs.flags ?? []) add('flag', id);
  for (const id of refs.users ?? []) add('user', id);
  for (const seq of refs.outbox ?? []) add('outbox', seq);
  if (refs.outboxAfter !== undefined)
    for (const seq of db.prepare('SELECT seq FROM outbox WHERE seq > ? ORDER BY seq').pluck().all(refs.outboxAfter))
      add('outbox', seq as number);
  return out;
}

export interface RowProblem {
  kind: AnchorKind;
  id: number;
  /** `changed`: the row differs from its anchor; `missing`: anchored (or numbered) but gone; `unanchored`: no audit entry vouches for it. */
  problem: 'changed' | 'missing' | 'unanchored';
  /** A user's name; a record's task and version (from the row, or from its audit entry when the row is gone). */
  username?: string;
  taskId?: number;
  version?: number;
}

export interface RowCheck {
  /** `not_anchored`: a file from before anchors existed (its rows are neither vouched for nor failed). */
  status: 'ok' | 'problems' | 'not_anchored';
  anchoredRows: number;
  problemCount: number;
  /** The first 100 problems. */
  problems: RowProblem[];
}

const MAX_LISTED = 100;

interface AuditLite {
  action: string;
  entity: string | null;
  entity_id: string | null;
  details: string;
}

/** Outbox ranges a restore skipped on purpose: (from, to] were given by the replaced file. */
function restoreGaps(details: Record<string, unknown>): [number, number | null][] {
  const to = details.outboxContinuesAfter;
  if (typeof to !== 'number') return [];
  const from = details.outboxOwnHighWater;
  return [[to, typeof from === 'number' ? from : null]];
}

/**
 * Compare every anchored row with its newest anchor, list rows without one (when `requireAnchors`:
 * files whose schema includes the baseline anchors) and outbox numbers that are gone.
 */
export function verifyRows(db: Database.Database, requireAnchors: boolean): RowCheck {
  const latest = new Map<string, string>();
  const names = new Map<number, string>();
  const recordRefs = new Map<number, { taskId?: number; version?: number }>();
  const gaps: [number, number | null][] = [];
  for (const e of db
    .prepare(
      "SELECT action, entity, entity_id, details FROM audit_log WHERE details LIKE '%\"rows\"%' OR action = 'backup.restored' OR entity IN ('user', 'record') ORDER BY seq",
    )
    .iterate() as Iterable<AuditLite>) {
    let d: Record<string, unknown>;
    try {
      d = JSON.parse(e.details) as Record<string, unknown>;
    } catch {
      continue; // the chain check reports an entry that does not parse
    }
    if (isRowHashes(d.rows)) for (const [k, h] of Object.entries(d.rows)) latest.set(k, h);
    if (e.action === 'backup.restored') gaps.push(...restoreGaps(d));
    const id = Number(e.entity_id);
    if (e.entity === 'user' && typeof d.username === 'string' && Number.isInteger(id)) names.set(id, d.username);
    if (e.entity === 'record' && Number.isInteger(id))
      recordRefs.set(id, {
        ...(typeof d.taskId === 'number' ? { taskId: d.taskId } : {}),
        ...(typeof d.version === 'number' ? { version: d.version } : {}),
      });
  }

  let problemCount = 0;
  const problems: RowProblem[] = [];
  const seen = new Set<string>();
  const report = (kind: AnchorKind, id: number, problem: RowProblem['problem']) => {
    const key = `${kind}:${id}`;
    if (seen.has(key)) return;
    seen.add(key);
    problemCount++;
    if (problems.length >= MAX_LISTED) return;
    const p: RowProblem = { kind, id, problem };
    if (kind === 'user') {
      const u = db.prepare('SELECT username FROM users WHERE id = ?').pluck().get(id) as string | undefined;
      const name = u ?? names.get(id);
      if (name !== undefined) p.username = name;
    }
    if (kind === 'record') {
      const r = db.prepare('SELECT task_id AS taskId, version FROM records WHERE id = ?').get(id) as
        { taskId: number; version: number } | undefined;
      Object.assign(p, r ?? recordRefs.get(id) ?? {});
    }
    problems.push(p);
  };

  for (const [key, h] of latest) {
    const m = ROW_KEY.exec(key)!;
    const kind = m[1] as AnchorKind;
    const id = Number(m[2]);
    const now = rowHash(db, kind, id);
    if (now === null) report(kind, id, 'missing');
    else if (now !== h) report(kind, id, 'changed');
  }

  if (requireAnchors) {
    const tables: [AnchorKind, string][] = [
      ['record', 'SELECT id FROM records'],
      ['flag', 'SELECT id FROM flags'],
      ['user', 'SELECT id FROM users'],
    ];
    for (const [kind, sql] of tables)
      for (const id of db.prepare(sql).pluck().iterate() as Iterable<number>)
        if (!latest.has(`${kind}:${id}`)) report(kind, id, 'unanchored');
  }

  const hasOutbox = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'outbox'").get();
  if (hasOutbox) checkOutboxNumbers(db, latest, gaps, report);

  return {
    status: problemCount > 0 ? 'problems' : requireAnchors ? 'ok' : 'not_anchored',
    anchoredRows: latest.size,
    problemCount,
    problems,
  };
}

function checkOutboxNumbers(
  db: Database.Database,
  latest: Map<string, string>,
  gaps: [number, number | null][],
  report: (kind: AnchorKind, id: number, problem: RowProblem['problem']) => void,
): void {
  // Every outbox number ever given (the sequence's high water, or the highest anchored) is there,
  // unless a restore skipped it on purpose.
  const given = (db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'").pluck().get() as number) ?? 0;
  let high = given;
  for (const key of latest.keys()) {
    const m = ROW_KEY.exec(key)!;
    if (m[1] === 'outbox') high = Math.max(high, Number(m[2]));
  }
  const skipped = (seq: number, present: number) => gaps.some(([to, from]) => seq <= to && seq > (from ?? present));
  let prev = 0;
  const checkGap = (next: number) => {
    for (let s = prev + 1; s < next; s++) if (!skipped(s, prev)) report('outbox', s, 'missing');
  };
  for (const seq of db.prepare('SELECT seq FROM outbox ORDER BY seq').pluck().iterate() as Iterable<number>) {
    if (seq > prev + 1) checkGap(seq);
    prev = seq;
  }
  if (high > prev) checkGap(high + 1);
}
