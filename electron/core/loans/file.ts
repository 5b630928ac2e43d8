/**
 * A loan's whole file, as the loan page reads it (`loans.file`): terms, parties (ID and phone
 * masked), tasks, attempts, records with their versions, flags and the loan's change events.
 */
import type { ChannelOutput, UserView } from '../../../shared/contract';
import { assertLoanVisible } from '../calls/access';
import { loanView, partiesOf } from '../calls/loanFacts';
import { attemptsOf } from '../calls/view';
import { stmt, type Db } from '../db/open';
import { mayAmend, recordVersions } from '../records/records';
import { flagsOfLoan } from '../review/flags';

type LoanFile = ChannelOutput<'loans.file'>;
type LoanTaskView = LoanFile['tasks'][number];
type LoanEventView = LoanFile['events'][number];

export function loanFile(db: Db, loanNo: string, user: UserView): LoanFile {
  const loan = loanView(db, { loanNo });
  assertLoanVisible(db, loan.id, user);
  const tasks = stmt<[number], LoanTaskView>(
    db,
    `SELECT t.id AS taskId, t.type, t.status, t.window_start AS windowStart, t.due_by AS dueBy, t.attempts,
            u.display_name AS assigneeName, t.booked_at AS bookedAt, t.completed_at AS completedAt,
            t.escalation_reason AS escalationReason
       FROM tasks t LEFT JOIN users u ON u.id = t.assignee_id WHERE t.loan_id = ? ORDER BY t.window_start, t.id`,
  ).all(loan.id);
  const events = stmt<[number], LoanEventView>(
    db,
    `SELECT e.at, e.actor, e.kind, e.field, e.old_value AS fromValue, e.new_value AS toValue
       FROM loan_events e WHERE e.loan_id = ? ORDER BY e.id DESC LIMIT 500`,
  ).all(loan.id);
  return {
    loan,
    parties: partiesOf(db, loan.id),
    tasks,
    attempts: attemptsOf(db, 'loan', loan.id),
    records: tasks
      .filter((t) => t.status === 'completed')
      .map((t) => ({
        taskId: t.taskId,
        type: t.type,
        versions: recordVersions(db, t.taskId),
        mayAmend: mayAmend(db, t.taskId, user),
      }))
      .filter((r) => r.versions.length > 0),
    flags: flagsOfLoan(db, loan.id),
    events,
  };
}
