/**
 * What the call screen reads: one task's call context (loan, parties, pinned script, values on
 * file, draft, earlier attempts, the attempt gate). A loan's whole file is `loans/file.ts`.
 */
import { scrubPiiText } from '../../../shared/domain/mask';
import type { AttemptViewShape } from '../../../shared/contract/tasks';
import type { UserView } from '../../../shared/contract';
import { getBranch } from '../branch';
import { stmt, type Db } from '../db/open';
import { assertLoanVisible } from './access';
import { getSetting } from '../settings/store';
import { assertViewer, checkAttempt, draftOf, taskState } from './calls';
import { loanView, onFileValues, partiesOf } from './loanFacts';
import { reportedPhones } from './newPhone';
import { recordVersions } from '../records/records';
import { currentScript, scriptById } from './scripts';

export type AttemptView = AttemptViewShape;

const ATTEMPT_SQL = `SELECT a.id, a.task_id AS taskId, a.started_at AS startedAt, a.duration_s AS durationS, a.outcome, a.note,
                            a.booked_at AS bookedAt, u.display_name AS officer, a.outside_hours AS outsideHours
                       FROM attempts a JOIN users u ON u.id = a.officer_id`;

/** The attempts of one task (oldest first) or of one loan (newest first), notes masked. */
export function attemptsOf(db: Db, where: 'task' | 'loan', id: number): AttemptView[] {
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
    attempts: attemptsOf(db, 'task', taskId),
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
