/**
 * Health report of a database file: schema version, full integrity check, foreign keys and the
 * audit chain. Opens the file directly so a damaged file is reported, not refused.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { AppError } from '../../shared/result';
import { verifyAuditChain } from './audit';
import { SCHEMA_VERSION } from './db/migrations/index';

export interface DoctorReport {
  schemaVersion: number;
  supportedSchemaVersion: number;
  integrity: string;
  foreignKeys: string;
  auditChain: string;
  auditEntries: number;
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
    let foreignKeys = 'ok';
    let auditChain = 'ok';
    let auditEntries = 0;
    try {
      const fk = db.pragma('foreign_key_check') as unknown[];
      if (fk.length > 0) foreignKeys = `${fk.length} broken reference(s)`;
      const hasAudit = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'").get();
      if (hasAudit) {
        const chain = verifyAuditChain(db);
        if (chain.ok) auditEntries = chain.entries;
        else auditChain = `broken at entry ${chain.seq} (${chain.reason})`;
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
      healthy: integrity === 'ok' && foreignKeys === 'ok' && auditChain === 'ok' && schemaVersion <= SCHEMA_VERSION,
    };
  } finally {
    db.close();
  }
}
