/**
 * What the call screen and the loan page read: one task's call context (loan, parties, pinned
 * script, values on file, draft, earlier attempts, the attempt gate) and a loan's whole file
 * (parties, collateral, tasks, attempts, records with versions, flags, events).
 */
import { scrubPiiText } from '../../../shared/domain/mask';
import type { AttemptViewShape } from '../../../shared/contract/tasks';
import type { UserView } from '../../../shared/contract';
import type { TaskStatus, TaskType } from '../../../shared/domain/taskRules';
import { getBranch } from '../branch';
import { stmt, type Db } from '../db/open';
import { assertLoanVisible } from './access';
import { getSetting } from '../settings/store';
import { assertViewer, checkAttempt, draftOf, taskState } from './calls';
import { flagsOfLoan } from '../review/flags';
import { loanView, onFileValues, partiesOf } from './loanFacts';
import { reportedPhones } from './newPhone';
import { recordVersions } from '../records/records';
import { currentScript, scriptById } from './scripts';

export type AttemptView = AttemptViewShape;

const ATTEMPT_SQL = `SELECT a.id, a.task_id AS taskId, a.started_at AS startedAt, a.duration_s AS durationS, a.outcome, a.note,
                            a.booked_at AS bookedAt, u.display_name AS officer, a.outside_hours AS outsideHours
                       FROM attempts a JOIN users u ON u.id = a.officer_id`;

function attempts(db: Db, where: 'task' | 'loan', id: number): AttemptView[] {
  const sql =
    where === 'task'
      ? `${ATTEMPT_SQL} WHERE a.task_id = ? ORDER BY a.id`
      : `${ATTEMPT_SQL} JOIN tasks t ON t.id = a.task_id WHERE t.loan_id = ? ORDER BY a.id DESC`;
  return (
    stmt<[number], Omit<AttemptView, 'outsideHours'> & { outsideHours: number }>(db, sql)
      .all(id)
      // A note is free text: an ID or phone number typed into it is shown masked like every other.
      .map((a) => ({ ...a, note: a.note === null ? null : scrubPiiText(a.note), outsideHours: a.outsideHours === 1 }))
  );
}

export function openCall(db: Db, taskId: number, user: UserView, now: Date) {
  const t = taskState(db, taskId);
  assertViewer(t, user);
  // An unassigned task is in an officer's work only while the loan is (an open pool task, or one
  // they dialled): a cancelled or closed pool task must not open a loan the file would refuse.
  if (t.assignee_id === null) assertLoanVisible(db, t.loan_id, user);
  const rules = getSetting(db, 'callRules');
  const draft = draftOf(db, taskId);
  const active = t.status === 'open' || t.status === 'in_progress';
  // A call in progress keeps the script version it started with.
  const script = draft ? scriptById(db, draft.scriptId) : active ? currentScript(db, t.type, now) : null;
  const loan = loanView(db, { id: t.loan_id });
  const parties = partiesOf(db, t.loan_id);
  const officer = stmt<[number], { display_name: string }>(db, 'SELECT display_name FROM users WHERE id = ?').get(
    t.assignee_id ?? user.id,
  );
  return {
    task: {
      taskId: t.id,
      loanNo: t.loan_no,
      type: t.type,
      status: t.status,
      windowStart: t.window_start,
      dueBy: t.due_by,
      attempts: t.attempts,
      bookedAt: t.booked_at,
      retryAfter: t.retry_after,
      mine: t.assignee_id === user.id,
      pool: t.assignee_id === null,
    },
    loan,
    parties,
    script: script ? { id: script.id, key: script.key, version: script.version, definition: script.script } : null,
    onFile: onFileValues(loan, parties),
    draft:
      draft && draft.userId === user.id
        ? { startedAt: draft.startedAt, updatedAt: draft.updatedAt, state: draft.state }
        : null,
    draftByOther: draft !== null && draft.userId !== user.id,
    attempts: attempts(db, 'task', taskId),
    check: checkAttempt(db, t, rules, now),
    rules: {
      maxAttempts: rules.maxAttempts,
      minDistinctDays: rules.minDistinctDays,
      callingHours: rules.callingHours,
      outcomes: rules.outcomes,
    },
    officerName: officer?.display_name ?? user.displayName,
    branchName: getBranch(db)?.name ?? '',
    records: recordVersions(db, taskId),
    newPhones: reportedPhones(db, taskId),
  };
}

export interface LoanTaskView {
  taskId: number;
  type: TaskType;
  status: TaskStatus;
  windowStart: string;
  dueBy: string;
  attempts: number;
  assigneeName: string | null;
  bookedAt: string | null;
  completedAt: string | null;
  escalationReason: string | null;
}

export function loanFile(db: Db, loanNo: string, user: UserView) {
  const loan = loanView(db, { loanNo });
  assertLoanVisible(db, loan.id, user);
  const tasks = stmt<[number], LoanTaskView>(
    db,
    `SELECT t.id AS taskId, t.type, t.status, t.window_start AS windowStart, t.due_by AS dueBy, t.attempts,
            u.display_name AS assigneeName, t.booked_at AS bookedAt, t.completed_at AS completedAt,
            t.escalation_reason AS escalationReason
       FROM tasks t LEFT JOIN users u ON u.id = t.assignee_id WHERE t.loan_id = ? ORDER BY t.window_start, t.id`,
  ).all(loan.id);
  const events = stmt<
    [number],
    { at: string; actor: string; kind: string; field: string | null; fromValue: string | null; toValue: string | null }
  >(
    db,
    `SELECT e.at, e.actor, e.kind, e.field, e.old_value AS fromValue, e.new_value AS toValue
       FROM loan_events e WHERE e.loan_id = ? ORDER BY e.id DESC LIMIT 500`,
  ).all(loan.id);
  return {
    loan,
    parties: partiesOf(db, loan.id),
    tasks,
    attempts: attempts(db, 'loan', loan.id),
    records: tasks
      .filter((t) => t.status === 'completed')
      .map((t) => ({ taskId: t.taskId, type: t.type, versions: recordVersions(db, t.taskId) }))
      .filter((r) => r.versions.length > 0),
    flags: flagsOfLoan(db, loan.id),
    events,
  };
}
