/**
 * The append-only audit log. Each entry stores `prev_hash` and `hash` = SHA-256 over the previous
 * hash and the canonical JSON (sorted keys) of the entry, so any edit breaks the chain, and the
 * highest number ever given (sqlite_sequence) shows newest entries deleted. Details never hold a
 * plaintext ID, phone or account number: every string in them is masked on the way in (a reason
 * or a mistyped user name can hold one, and entries can never be removed).
 */
import { createHash } from 'node:crypto';
import { scrubPiiText } from '../../../shared/domain/mask';
import { stmt, type Db } from '../db/open';
import { isRowHashes } from './integrity';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditInput {
  actor: string | null;
  action: string;
  entity?: string | null;
  entityId?: string | null;
  details?: Record<string, unknown>;
}

interface AuditRow {
  seq: number;
  at: string;
  actor: string | null;
  action: string;
  entity: string | null;
  entity_id: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

/** JSON with object keys sorted at every level; arrays keep their order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v as object).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

function scrubStrings(v: unknown, key: string | null = null): unknown {
  // Row anchors (integrity.ts) are hex digests under anchor keys, nothing a user typed: a masker
  // that takes digit runs for account numbers must not rewrite them.
  if (key === 'rows' && isRowHashes(v)) return v;
  if (typeof v === 'string') return scrubPiiText(v);
  if (Array.isArray(v)) return v.map((x) => scrubStrings(x));
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = scrubStrings(x, k);
    return out;
  }
  return v;
}

function entryHash(prevHash: string, row: Omit<AuditRow, 'hash' | 'prev_hash'>): string {
  const entry = {
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    details: JSON.parse(row.details) as unknown,
  };
  return createHash('sha256').update(prevHash).update(canonicalJson(entry)).digest('hex');
}

/** Append one entry. Call inside the transaction of the change it records. */
export function appendAudit(db: Db, input: AuditInput, at: Date): number {
  const last = stmt<[], { seq: number; hash: string }>(
    db,
    'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1',
  ).get();
  const prev = last?.hash ?? GENESIS_HASH;
  const row = {
    seq: (last?.seq ?? 0) + 1,
    at: at.toISOString(),
    actor: input.actor,
    action: input.action,
    entity: input.entity ?? null,
    entity_id: input.entityId ?? null,
    details: canonicalJson(scrubStrings(input.details ?? {})),
  };
  const hash = entryHash(prev, row);
  stmt(
    db,
    `INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, details, prev_hash, hash)
     VALUES (@seq, @at, @actor, @action, @entity, @entity_id, @details, @prev_hash, @hash)`,
  ).run({ ...row, prev_hash: prev, hash });
  return row.seq;
}

export type ChainResult = { ok: true; entries: number } | { ok: false; seq: number; reason: string };

/** Walk the whole chain; report the first entry whose link or hash does not hold. */
export function verifyAuditChain(db: Db): ChainResult {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let n = 0;
  for (const row of db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as Iterable<AuditRow>) {
    if (row.seq !== expectedSeq) return { ok: false, seq: row.seq, reason: 'gap' };
    if (row.prev_hash !== prev) return { ok: false, seq: row.seq, reason: 'prev_hash' };
    let h: string;
    try {
      h = entryHash(prev, row);
    } catch {
      return { ok: false, seq: row.seq, reason: 'details' };
    }
    if (h !== row.hash) return { ok: false, seq: row.seq, reason: 'hash' };
    prev = row.hash;
    expectedSeq++;
    n++;
  }
  // Entries deleted from the end leave a chain that holds: the highest number given tells.
  const given = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").pluck().get() as
    number | undefined;
  if (given !== undefined && given > n) return { ok: false, seq: n + 1, reason: 'missing' };
  return { ok: true, entries: n };
}
