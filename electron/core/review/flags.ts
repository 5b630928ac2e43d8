/**
 * Risk flags: raised by a mismatched checklist item (with the item's severity), by a script
 * answer (down payment from a loan, intermediary, co-borrower unaware) or by a refusal. Stored
 * open for the manager's review queue and shown on the loan. Creation is audited.
 */
import type { UserView } from '../../../shared/contract';
import type { LoanFile } from '../../../shared/contract/loans';
import type { Severity } from '../../../shared/domain/calls';
import { appendAudit } from '../audit/log';
import { stmt, type Db } from '../db/open';
import { anchorRows } from '../audit/integrity';
import { enqueue } from '../sync/outbox';
import { scrubPiiText } from '../../../shared/domain/mask';

export interface NewFlag {
  loanId: number;
  taskId: number | null;
  recordId?: number | null;
  attemptId?: number | null;
  /** `mismatch` for a checklist item, or an answer/outcome flag code. */
  code: string;
  item: string | null;
  partyId: number | null;
  severity: Severity;
  note?: string | null;
}

export function createFlag(db: Db, flag: NewFlag, user: UserView | null, now: Date): number {
  // A flag note is free text: stored masked like every other.
  const f = { ...flag, note: flag.note ? scrubPiiText(flag.note) : (flag.note ?? null) };
  const id = Number(
    stmt(
      db,
      `INSERT INTO flags (loan_id, task_id, record_id, attempt_id, code, item, party_id, severity, note, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      f.loanId,
      f.taskId,
      f.recordId ?? null,
      f.attemptId ?? null,
      f.code,
      f.item,
      f.partyId,
      f.severity,
      f.note ?? null,
      user?.id ?? null,
      now.toISOString(),
    ).lastInsertRowid,
  );
  const loan = stmt<[number], { loan_no: string }>(db, 'SELECT loan_no FROM loans WHERE id = ?').get(f.loanId)!;
  const outboxSeq = enqueue(
    db,
    {
      entity: 'flag',
      op: 'create',
      id,
      data: {
        loanNo: loan.loan_no,
        taskId: f.taskId,
        recordId: f.recordId ?? null,
        attemptId: f.attemptId ?? null,
        code: f.code,
        item: f.item,
        partyId: f.partyId,
        severity: f.severity,
        note: f.note ?? null,
        createdBy: user?.username ?? 'system',
        createdAt: now.toISOString(),
      },
    },
    now,
  );
  appendAudit(
    db,
    {
      actor: user?.username ?? 'system',
      action: 'records.flag_created',
      entity: 'flag',
      entityId: String(id),
      details: {
        loanId: f.loanId,
        taskId: f.taskId,
        code: f.code,
        item: f.item,
        severity: f.severity,
        rows: anchorRows(db, { flags: [id], outbox: [outboxSeq] }),
      },
    },
    now,
  );
  return id;
}

export type FlagView = LoanFile['flags'][number];

export function flagsOfLoan(db: Db, loanId: number): FlagView[] {
  return stmt<[number], FlagView>(
    db,
    `SELECT f.id, l.loan_no AS loanNo, f.task_id AS taskId, f.record_id AS recordId, f.code, f.item,
            f.party_id AS partyId, f.severity, f.status, f.note, f.created_at AS createdAt, u.display_name AS createdBy
       FROM flags f JOIN loans l ON l.id = f.loan_id LEFT JOIN users u ON u.id = f.created_by
      WHERE f.loan_id = ? ORDER BY f.id DESC`,
  ).all(loanId);
}
