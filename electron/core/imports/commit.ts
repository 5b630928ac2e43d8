/**
 * Second pass of an import: in one transaction, insert new loans, update changed ones (one loan
 * event per changed field), leave unchanged ones alone, record the import and audit it.
 * Refuses when the analysis found problems unless the caller chose to skip invalid rows.
 */
import { scrubPiiText } from '../../../shared/domain/mask';
import { AppError } from '../../../shared/result';
import { appendAudit } from '../audit/log';
import { stmt, type Db } from '../db/open';
import { insertLoan } from '../loans/parties';
import type { Pii } from '../pii/cipher';
import type { ImportRow } from '../../../shared/import/rules';
import type { ImportAnalysis } from './analyse';
import { deferPartyIndexes, worthDeferring } from './bulk';
import { unpackRow } from './packed';
import { applyUpdate, diffLoan, loadExisting, toNewLoan } from './upsert';

export interface ImportResult {
  importId: number;
  imported: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export function commitImport(
  db: Db,
  pii: Pii,
  a: ImportAnalysis,
  opts: { skipInvalid: boolean; actor: string; now: Date },
): ImportResult {
  if (a.fileErrors.length > 0) throw new AppError('invalid_input', 'imports.fileRejected');
  if (a.rejectedRows > 0 && !opts.skipInvalid)
    throw new AppError('invalid_input', 'imports.rowsRejected', { count: a.rejectedRows });
  const at = opts.now.toISOString();
  return db.transaction(() => {
    const info = stmt(
      db,
      `INSERT INTO imports (at, actor, file_name, sha256, format, encoding, rows_total, imported, updated, unchanged, rejected, skip_invalid)
       VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?, ?)`,
    ).run(
      at,
      opts.actor,
      // A file is often named after its borrower (张三13800138000.xlsx): its name is free text.
      scrubPiiText(a.fileName),
      a.sha256,
      a.format,
      a.encoding,
      a.rowsTotal,
      a.rejectedRows,
      opts.skipInvalid ? 1 : 0,
    );
    const importId = Number(info.lastInsertRowid);
    const event = stmt(
      db,
      `INSERT INTO loan_events (loan_id, import_id, at, actor, kind, field, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertNew = (row: ImportRow): boolean => {
      const id = insertLoan(db, pii, toNewLoan(row), opts.now);
      if (id === null) return false;
      event.run(id, importId, at, opts.actor, 'created', null, null, null);
      return true;
    };
    const rebuildIndexes = worthDeferring(db, a.counts.new) ? deferPartyIndexes(db) : null;
    let imported = 0;
    let updated = 0;
    let unchanged = 0;
    for (const packed of a.valid.read()) {
      const { row, isNew } = unpackRow(packed);
      // A loan the check found new is inserted without looking it up first (ON CONFLICT makes the
      // insert a no-op if it was added since); only then, or for known loans, is it loaded.
      if (isNew && insertNew(row)) {
        imported++;
        continue;
      }
      const existing = loadExisting(db, row.loanNo);
      if (!existing) {
        insertNew(row);
        imported++;
        continue;
      }
      const changes = diffLoan(existing, row, pii);
      if (changes.length === 0) {
        unchanged++;
        continue;
      }
      applyUpdate(db, pii, existing, row, opts.now);
      for (const c of changes) event.run(existing.loan.id, importId, at, opts.actor, 'updated', c.field, c.old, c.new);
      updated++;
    }
    rebuildIndexes?.();
    stmt(db, 'UPDATE imports SET imported = ?, updated = ?, unchanged = ? WHERE id = ?').run(
      imported,
      updated,
      unchanged,
      importId,
    );
    appendAudit(
      db,
      {
        actor: opts.actor,
        action: 'imports.commit',
        entity: 'import',
        entityId: String(importId),
        details: {
          fileName: a.fileName,
          sha256: a.sha256,
          rows: a.rowsTotal,
          imported,
          updated,
          unchanged,
          rejected: a.rejectedRows,
        },
      },
      opts.now,
    );
    return { importId, imported, updated, unchanged, rejected: a.rejectedRows };
  })();
}

export interface ImportRecord {
  id: number;
  at: string;
  actor: string;
  fileName: string;
  sha256: string;
  format: string;
  encoding: string | null;
  rowsTotal: number;
  imported: number;
  updated: number;
  unchanged: number;
  rejected: number;
  skipInvalid: boolean;
}

export function listImports(db: Db, limit = 200): ImportRecord[] {
  return stmt<[number], Record<string, unknown>>(db, 'SELECT * FROM imports ORDER BY id DESC LIMIT ?')
    .all(limit)
    .map((r) => ({
      id: r.id as number,
      at: r.at as string,
      actor: r.actor as string,
      fileName: r.file_name as string,
      sha256: r.sha256 as string,
      format: r.format as string,
      encoding: (r.encoding as string | null) ?? null,
      rowsTotal: r.rows_total as number,
      imported: r.imported as number,
      updated: r.updated as number,
      unchanged: r.unchanged as number,
      rejected: r.rejected as number,
      skipInvalid: r.skip_invalid === 1,
    }));
}
