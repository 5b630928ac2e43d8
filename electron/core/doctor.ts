/**
 * Health report of a database file: schema version, full integrity check, foreign keys, the
 * audit chain and the rows it vouches for (a record, flag, user or outbox entry edited, deleted
 * or added straight in the file is named). Opens the file directly so a damaged file is reported, not refused. Also lists
 * loans whose text holds U+FFFD (`imports/damagedText.ts`: a warning, not ill health).
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { AppError } from '../../shared/result';
import { verifyAuditChain } from './audit/log';
import { m0009 } from './db/migrations/0009-row-anchors';
import { SCHEMA_VERSION } from './db/migrations/index';
import { verifyRows, type RowCheck } from './audit/integrity';
import { damagedText } from './imports/damagedText';

export interface DoctorReport {
  schemaVersion: number;
  supportedSchemaVersion: number;
  integrity: string;
  foreignKeys: string;
  auditChain: string;
  auditEntries: number;
  /**
   * Rows the audit log vouches for (records, flags, users, outbox): each one changed, gone or
   * without an anchor, by id (integrity.ts). `not_anchored` for files from before anchors.
   */
  rows: RowCheck;
  /** Loans whose names, employers, positions, address or certificate number hold U+FFFD. */
  damagedText: { loans: number; examples: string[] };
  healthy: boolean;
}

export function doctor(file: string): DoctorReport {
  if (!fs.existsSync(file)) throw new AppError('not_found', 'errors.dbMissing', { file });
  let db: Database.Database;
  try {
    db = new Database(file, { fileMustExist: true });
  } catch (e) {
    throw new AppError('unavailable', 'errors.dbUnreadable', { file, reason: (e as Error).message });
  }
  try {
    let schemaVersion = -1;
    let integrity: string;
    try {
      schemaVersion = db.pragma('user_version', { simple: true }) as number;
      const rows = db.pragma('integrity_check') as { integrity_check: string }[];
      integrity =
        rows.length === 1 && rows[0]!.integrity_check === 'ok' ? 'ok' : rows.map((r) => r.integrity_check).join('; ');
    } catch (e) {
      integrity = (e as Error).message;
    }
    let damaged = { loans: 0, examples: [] as string[] };
    try {
      damaged = damagedText(db);
    } catch {
      // A file too damaged to query is already reported by the integrity check.
    }
    let foreignKeys = 'ok';
    let auditChain = 'ok';
    let auditEntries = 0;
    let rows: RowCheck = { status: 'not_anchored', anchoredRows: 0, problemCount: 0, problems: [] };
    try {
      const fk = db.pragma('foreign_key_check') as unknown[];
      if (fk.length > 0) foreignKeys = `${fk.length} broken reference(s)`;
      const hasAudit = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'").get();
      if (hasAudit) {
        const chain = verifyAuditChain(db);
        if (chain.ok) auditEntries = chain.entries;
        else auditChain = `broken at entry ${chain.seq} (${chain.reason})`;
        rows = verifyRows(db, schemaVersion >= m0009.version);
      } else {
        auditChain = 'missing';
      }
    } catch (e) {
      auditChain = (e as Error).message;
    }
    return {
      schemaVersion,
      supportedSchemaVersion: SCHEMA_VERSION,
      integrity,
      foreignKeys,
      auditChain,
      auditEntries,
      rows,
      damagedText: damaged,
      healthy:
        integrity === 'ok' &&
        foreignKeys === 'ok' &&
        auditChain === 'ok' &&
        rows.problemCount === 0 &&
        schemaVersion <= SCHEMA_VERSION,
    };
  } finally {
    db.close();
  }
}
