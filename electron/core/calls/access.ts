/**
 * Who may see one loan's file and records. Managers and administrators see the whole branch; an
 * officer sees a loan only while it is part of their work: a task of the loan is theirs, is open
 * in the branch pool (they may take it), or they have dialled it before. Enforced on the main side
 * for the loan file and for revealing a full ID or phone number.
 */
import type { UserView } from '../../../shared/contract';
import { AppError } from '../../../shared/result';
import { roleAllows } from '../../../shared/roles';
import { stmt, type Db } from '../db/open';

export function assertLoanVisible(db: Db, loanId: number, user: UserView): void {
  if (roleAllows('manager', user.role)) return;
  const ok = stmt<[{ loan: number; me: number }], { ok: number }>(
    db,
    `SELECT 1 AS ok FROM tasks t
      WHERE t.loan_id = @loan
        AND (t.assignee_id = @me
             OR (t.assignee_id IS NULL AND t.status IN ('open', 'in_progress'))
             OR EXISTS (SELECT 1 FROM attempts a WHERE a.task_id = t.id AND a.officer_id = @me))
      LIMIT 1`,
  ).get({ loan: loanId, me: user.id });
  if (!ok) throw new AppError('forbidden', 'errors.loanNotYours');
}
