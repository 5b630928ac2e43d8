/**
 * 0009: baseline row anchors. Rows written before anchors existed (records with their items, flags,
 * users, outbox entries) get their hashes recorded in `integrity.baseline` audit entries, 500 rows
 * an entry, so that from now on `doctor` can vouch for every row and fail on any it cannot.
 *
 * Why a baseline rather than reporting old rows as "unanchored" for ever: a permanent exemption
 * would let an attacker hide an edit (or a new admin row) among the old rows, and the branch could
 * never tell a clean file from a tampered one. The baseline vouches only for the state at upgrade
 * time (an edit made before it cannot be seen, said in docs/security.md); every change after it is.
 * No schema change: the anchors live in the append-only, hash-chained audit log.
 */
import { appendAudit } from '../../audit/log';
import { anchorRows, type AnchorRefs } from '../../audit/integrity';
import type { Migration } from './types';

const CHUNK = 500;

export const m0009: Migration = {
  version: 9,
  name: 'row-anchors',
  up(db) {
    const now = new Date();
    const tables: [keyof AnchorRefs, string][] = [
      ['users', 'SELECT id FROM users ORDER BY id'],
      ['records', 'SELECT id FROM records ORDER BY id'],
      ['flags', 'SELECT id FROM flags ORDER BY id'],
      ['outbox', 'SELECT seq FROM outbox ORDER BY seq'],
    ];
    for (const [kind, sql] of tables) {
      const ids = db.prepare(sql).pluck().all() as number[];
      for (let i = 0; i < ids.length; i += CHUNK) {
        const rows = anchorRows(db, { [kind]: ids.slice(i, i + CHUNK) });
        appendAudit(db, { actor: 'system', action: 'integrity.baseline', details: { table: kind, rows } }, now);
      }
    }
  },
};
