/**
 * Who may see one loan's file and records. Managers and administrators see the whole branch; an
 * officer sees a loan only while it is part of their work: a task of the loan is theirs, is open
 * in the branch pool (they may take it), or they have dialled it before (a finalized record always
 * has the officer's attempt behind it). Enforced on the main side for the loan file, for revealing
 * a full ID or phone number and for listing and searching loans: the one rule lives here, as SQL,
 * so a list can never show an officer a loan whose file would be refused.
 */
import type { UserView } from '../../../shared/contract';
import { AppError } from '../../../shared/result';
import { roleAllows } from '../../../shared/roles';
import { stmt, type Db } from '../db/open';

/**
 * SQL that is true when the loan whose id is `loanExpr` is in the work of the officer bound to
 * `@me`. Aliases are private (`scope_t`, `scope_a`) so the fragment fits inside any query.
 */
export function officerLoanScope(loanExpr: string): string {
  return `EXISTS (SELECT 1 FROM tasks scope_t
      WHERE scope_t.loan_id = ${loanExpr}
        AND (scope_t.assignee_id = @me
             OR (scope_t.assignee_id IS NULL AND scope_t.status IN ('open', 'in_progress'))
             OR EXISTS (SELECT 1 FROM attempts scope_a WHERE scope_a.task_id = scope_t.id AND scope_a.officer_id = @me)))`;
}

/** Whose scope a list is limited to: an officer's id, or null for the whole branch. */
export function loanScopeOf(user: UserView): number | null {
  return roleAllows('manager', user.role) ? null : user.id;
}

export function assertLoanVisible(db: Db, loanId: number, user: UserView): void {
  const me = loanScopeOf(user);
  if (me === null) return;
  const ok = stmt<[{ loan: number; me: number }], { ok: number }>(
    db,
    `SELECT 1 AS ok WHERE ${officerLoanScope('@loan')}`,
  ).get({ loan: loanId, me });
  if (!ok) throw new AppError('forbidden', 'errors.loanNotYours');
}
