/**
 * One call on one task, from opening the call screen to its end: the attempt gate (limits,
 * different days, calling hours, retry time), the draft saved on every change, attempts with
 * their outcome and what they do to the task (booked, retry, escalated), and finalizing a record.
 * Every state change is one transaction with its audit entry.
 */
import type { UserView } from '../../../shared/contract';
import {
  attemptAllowed,
  RECORD_OUTCOMES,
  withinCallingHours,
  type AttemptBlock,
  type AttemptWarning,
  type CallRules,
  type DraftState,
  type Outcome,
} from '../../../shared/domain/calls';
import { roleAllows } from '../../../shared/roles';
import { AppError } from '../../../shared/result';
import { scrubPiiText } from '../../../shared/domain/mask';
import { addDays } from '../../../shared/domain/workdays';
import { appendAudit } from '../audit/log';
import { shanghaiDate } from '../clock';
import { stmt, type Db } from '../db/open';
import { enqueue, enqueueTask } from '../sync/outbox';
import { getSetting } from '../settings/store';
import { createFlag } from '../review/flags';
import { assertDraftKeys, scrubDraftState } from './freeText';
import { scriptById, currentScript } from './scripts';
import { isActiveStatus, type TaskStatus, type TaskType } from '../../../shared/domain/taskRules';
import { shanghaiInstant } from '../../../shared/domain/shanghai';

export interface TaskState {
  id: number;
  loan_id: number;
  loan_no: string;
  type: TaskType;
  status: TaskStatus;
  assignee_id: number | null;
  window_start: string;
  due_by: string;
  attempts: number;
  booked_at: string | null;
  retry_after: string | null;
}

export function taskState(db: Db, taskId: number): TaskState {
  const t = stmt<[number], TaskState>(
    db,
    `SELECT t.id, t.loan_id, l.loan_no, t.type, t.status, t.assignee_id, t.window_start, t.due_by, t.attempts,
            t.booked_at, t.retry_after
       FROM tasks t JOIN loans l ON l.id = t.loan_id WHERE t.id = ?`,
  ).get(taskId);
  if (!t) throw new AppError('not_found', 'errors.taskMissing', { taskId });
  return t;
}

const isActive = (t: TaskState) => isActiveStatus(t.status);

/** Dates (Asia/Shanghai) of the attempts already made on a task. */
function attemptDates(db: Db, taskId: number): string[] {
  return stmt<[number], { call_date: string }>(db, 'SELECT call_date FROM attempts WHERE task_id = ? ORDER BY id')
    .all(taskId)
    .map((r) => r.call_date);
}

export interface AttemptCheck {
  allowed: boolean;
  block: AttemptBlock | null;
  warnings: AttemptWarning[];
  retryAfter: string | null;
}

/** May the officer dial now? Hard limits block; calling hours and an early retry only warn. */
export function checkAttempt(db: Db, t: TaskState, rules: CallRules, now: Date): AttemptCheck {
  const gate = attemptAllowed(rules, attemptDates(db, t.id), shanghaiDate(now));
  const warnings: AttemptWarning[] = [];
  if (!withinCallingHours(rules, now)) warnings.push('outside_hours');
  if (t.retry_after && t.retry_after > now.toISOString()) warnings.push('retry_early');
  return { allowed: gate.ok, block: gate.ok ? null : gate.reason, warnings, retryAfter: t.retry_after };
}

/** Who may work a task: its officer, or anyone when it is in the pool (starting takes it). */
export function assertCaller(t: TaskState, user: UserView): void {
  if (!isActive(t)) throw new AppError('conflict', 'errors.taskClosed');
  if (t.assignee_id !== null && t.assignee_id !== user.id) throw new AppError('forbidden', 'errors.taskNotYours');
}

/** May this user look at the task's call screen (read-only for managers and finished tasks)? */
export function assertViewer(t: TaskState, user: UserView): void {
  if (roleAllows('manager', user.role)) return;
  if (t.assignee_id !== null && t.assignee_id !== user.id) throw new AppError('forbidden', 'errors.taskNotYours');
}

export interface DraftView {
  scriptId: number;
  startedAt: string;
  updatedAt: string;
  state: DraftState | null;
}

export function draftOf(db: Db, taskId: number): (DraftView & { userId: number }) | null {
  const d = stmt<
    [number],
    { user_id: number; script_id: number; started_at: string; updated_at: string; state: string }
  >(db, 'SELECT user_id, script_id, started_at, updated_at, state FROM drafts WHERE task_id = ?').get(taskId);
  if (!d) return null;
  return {
    userId: d.user_id,
    scriptId: d.script_id,
    startedAt: d.started_at,
    updatedAt: d.updated_at,
    state: d.state === 'null' ? null : (JSON.parse(d.state) as DraftState),
  };
}

/**
 * Start dialling: checks the gate, takes a pool task, marks it in progress and opens a draft
 * pinned to the current script version. Starting again while a draft exists resumes it.
 */
export function startCall(db: Db, taskId: number, user: UserView, now: Date): DraftView {
  return db.transaction(() => {
    const t = taskState(db, taskId);
    assertCaller(t, user);
    const existing = draftOf(db, taskId);
    if (existing) {
      if (existing.userId !== user.id) throw new AppError('conflict', 'errors.draftOtherUser');
      return existing;
    }
    const rules = getSetting(db, 'callRules');
    const check = checkAttempt(db, t, rules, now);
    if (!check.allowed)
      throw check.block === 'exhausted'
        ? new AppError('conflict', 'errors.attemptsExhausted')
        : new AppError('conflict', 'errors.attemptAnotherDay', { days: rules.minDistinctDays });
    const script = currentScript(db, t.type, now);
    const at = now.toISOString();
    if (t.assignee_id === null) {
      stmt(db, 'UPDATE tasks SET assignee_id = ? WHERE id = ?').run(user.id, taskId);
      appendAudit(
        db,
        { actor: user.username, action: 'tasks.take', entity: 'task', details: { taskIds: [taskId] } },
        now,
      );
    }
    stmt(db, "UPDATE tasks SET status = 'in_progress', updated_at = ? WHERE id = ?").run(at, taskId);
    if (t.status !== 'in_progress') enqueueTask(db, taskId, 'update', now);
    stmt(
      db,
      'INSERT INTO drafts (task_id, user_id, script_id, started_at, state, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(taskId, user.id, script.id, at, 'null', at);
    return { scriptId: script.id, startedAt: at, updatedAt: at, state: null };
  })();
}

function ownDraft(db: Db, taskId: number, user: UserView) {
  const d = draftOf(db, taskId);
  if (!d) throw new AppError('conflict', 'errors.noDraft');
  if (d.userId !== user.id) throw new AppError('conflict', 'errors.draftOtherUser');
  return d;
}

/** Save the call screen's state: one small transaction per change. */
export function saveDraft(db: Db, taskId: number, user: UserView, state: DraftState, now: Date): { savedAt: string } {
  // The task may have been moved to another officer since the call began.
  const t = taskState(db, taskId);
  assertCaller(t, user);
  const draft = ownDraft(db, taskId, user);
  assertDraftKeys(db, draft.scriptId, t.loan_id, state);
  const at = now.toISOString();
  // Stored masked: the draft is in the database file (and its WAL) until the call ends.
  const r = stmt(db, 'UPDATE drafts SET state = ?, updated_at = ? WHERE task_id = ? AND user_id = ?').run(
    JSON.stringify(scrubDraftState(state)),
    at,
    taskId,
    user.id,
  );
  if (r.changes !== 1) ownDraft(db, taskId, user); // throws the specific reason
  return { savedAt: at };
}

/** Throw away a draft without recording an attempt (the officer dialled nobody). */
export function discardDraft(db: Db, taskId: number, user: UserView, now: Date): void {
  db.transaction(() => {
    ownDraft(db, taskId, user);
    stmt(db, 'DELETE FROM drafts WHERE task_id = ?').run(taskId);
    const t = taskState(db, taskId);
    if (t.attempts === 0 && t.status === 'in_progress') {
      stmt(db, "UPDATE tasks SET status = 'open', updated_at = ? WHERE id = ?").run(now.toISOString(), taskId);
      enqueueTask(db, taskId, 'update', now);
    }
    appendAudit(db, { actor: user.username, action: 'calls.discard', entity: 'task', entityId: String(taskId) }, now);
  })();
}

/** The start of the first calling-hours block of the next day, Asia/Shanghai. */
function nextDay(rules: CallRules, now: Date): string {
  const day = addDays(shanghaiDate(now), 1);
  const from = rules.callingHours.map((h) => h.from).sort()[0] ?? '09:00';
  return shanghaiInstant(day, from).toISOString();
}

/**
 * When the next attempt is due after an outcome (ISO instant), or null. `times`: how many
 * attempts of the task have had this outcome, this one included.
 */
function retryAfter(
  rules: CallRules,
  outcome: Outcome,
  times: number,
  bookedAt: string | null,
  now: Date,
): string | null {
  const r = rules.outcomes[outcome].retry;
  if (r.kind === 'booked') return bookedAt;
  if (r.kind === 'minutes') {
    if (r.nextDayAfter !== undefined && times >= r.nextDayAfter) return nextDay(rules, now);
    return new Date(now.getTime() + r.minutes * 60_000).toISOString();
  }
  if (r.kind === 'next_day') return nextDay(rules, now);
  return null;
}

export interface AttemptInput {
  outcome: Outcome;
  note?: string | undefined;
  bookedAt?: string | null | undefined;
}

/** Insert the attempt row for the draft's call; returns its id. Call inside a transaction. */
export function insertAttempt(
  db: Db,
  t: TaskState,
  user: UserView,
  draft: DraftView,
  outcome: Outcome,
  note: string | null,
  bookedAt: string | null,
  rules: CallRules,
  now: Date,
): number {
  const started = new Date(draft.startedAt);
  const id = Number(
    stmt(
      db,
      `INSERT INTO attempts (task_id, officer_id, script_id, started_at, ended_at, duration_s, call_date, outcome, note,
                             booked_at, outside_hours)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      t.id,
      user.id,
      draft.scriptId,
      draft.startedAt,
      now.toISOString(),
      Math.max(0, Math.round((now.getTime() - started.getTime()) / 1000)),
      shanghaiDate(started),
      outcome,
      note,
      bookedAt,
      withinCallingHours(rules, started) ? 0 : 1,
    ).lastInsertRowid,
  );
  stmt(db, 'UPDATE tasks SET attempts = attempts + 1 WHERE id = ?').run(t.id);
  enqueue(
    db,
    {
      entity: 'attempt',
      op: 'create',
      id,
      data: {
        taskId: t.id,
        loanNo: t.loan_no,
        officer: user.username,
        startedAt: draft.startedAt,
        endedAt: now.toISOString(),
        durationS: Math.max(0, Math.round((now.getTime() - started.getTime()) / 1000)),
        callDate: shanghaiDate(started),
        outcome,
        note,
        bookedAt,
        outsideHours: !withinCallingHours(rules, started),
      },
    },
    now,
  );
  appendAudit(
    db,
    {
      actor: user.username,
      action: 'calls.attempt',
      entity: 'attempt',
      entityId: String(id),
      details: { taskId: t.id, loanNo: t.loan_no, outcome, scriptId: draft.scriptId },
    },
    now,
  );
  return id;
}

/**
 * End an attempt without a record (no answer, busy, booked callback, wrong person, invalid
 * number, refused…). Final and escalating outcomes, and the last allowed attempt, escalate the task.
 */
export function recordAttempt(
  db: Db,
  taskId: number,
  user: UserView,
  input: AttemptInput,
  now: Date,
): { attemptId: number; status: TaskStatus; retryAfter: string | null } {
  if (RECORD_OUTCOMES.includes(input.outcome)) throw new AppError('invalid_input', 'errors.outcomeNeedsRecord');
  return db.transaction(() => {
    const t = taskState(db, taskId);
    assertCaller(t, user);
    const draft = ownDraft(db, taskId, user);
    const rules = getSetting(db, 'callRules');
    const rule = rules.outcomes[input.outcome];
    const bookedAt = rule.retry.kind === 'booked' ? (input.bookedAt ?? null) : null;
    if (rule.retry.kind === 'booked') {
      if (!bookedAt) throw new AppError('invalid_input', 'errors.bookedAtRequired');
      const ms = new Date(bookedAt).getTime();
      if (!(ms > now.getTime()) || ms > now.getTime() + 90 * 86_400_000)
        throw new AppError('invalid_input', 'errors.bookedAtRange');
    }
    const attemptId = insertAttempt(
      db,
      t,
      user,
      draft,
      input.outcome,
      input.note?.trim() ? scrubPiiText(input.note.trim()) : null,
      bookedAt,
      rules,
      now,
    );
    const exhausted = t.attempts + 1 >= rules.maxAttempts;
    const escalate = rule.escalate || rule.final || exhausted;
    const at = now.toISOString();
    let status: TaskStatus = 'in_progress';
    let retry: string | null = null;
    if (escalate) {
      status = 'escalated';
      const reason = rule.escalate || rule.final ? input.outcome : 'exhausted';
      stmt(
        db,
        `UPDATE tasks SET status = 'escalated', escalated_at = ?, escalation_reason = ?, booked_at = NULL,
                          retry_after = NULL, updated_at = ? WHERE id = ?`,
      ).run(at, reason, at, taskId);
      enqueueTask(db, taskId, 'update', now);
      appendAudit(
        db,
        {
          actor: user.username,
          action: 'tasks.escalate',
          entity: 'task',
          entityId: String(taskId),
          details: { reason },
        },
        now,
      );
    } else {
      const times = stmt<[number, string], number>(
        db,
        'SELECT count(*) FROM attempts WHERE task_id = ? AND outcome = ?',
      )
        .pluck()
        .get(taskId, input.outcome)!;
      retry = retryAfter(rules, input.outcome, times, bookedAt, now);
      stmt(
        db,
        "UPDATE tasks SET status = 'in_progress', booked_at = ?, retry_after = ?, updated_at = ? WHERE id = ?",
      ).run(bookedAt, retry, at, taskId);
      if (t.status !== 'in_progress' || bookedAt !== null)
        enqueueTask(db, taskId, 'update', now, { bookedAt, retryAfter: retry });
    }
    if (input.outcome === 'refused')
      createFlag(
        db,
        { loanId: t.loan_id, taskId, attemptId, code: 'refused', item: null, partyId: null, severity: 'high' },
        user,
        now,
      );
    stmt(db, 'DELETE FROM drafts WHERE task_id = ?').run(taskId);
    return { attemptId, status, retryAfter: retry };
  })();
}

export { scriptById };
