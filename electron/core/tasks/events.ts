/**
 * 特殊情况回访: a manager (or an imported event later) asks for a callback on one loan with a
 * reason — income or job change, overdue payment, other. The review desk uses the same kind of
 * task for a field visit, a recall and quality rework. The window opens today; audited.
 */
import type { EventTaskInput } from '../../../shared/domain/taskRules';
import { addDays } from '../../../shared/domain/workdays';
import { AppError } from '../../../shared/result';
import { scrubPiiText } from '../../../shared/domain/mask';
import { appendAudit } from '../audit/log';
import { enqueueTask } from '../sync/outbox';
import { stmt, type Db } from '../db/open';

export interface NewEventTask {
  loanId: number;
  /** `income_change` … `other` from a manager; `field_visit`, `recall`, `rework` from the review desk. */
  kind: string;
  text: string;
  /** Unique per loan among event tasks, e.g. `event:3` or `review:12`. */
  slot: string;
  windowStart: string;
  dueBy: string;
  assigneeId: number | null;
}

/** Insert an event task and audit it; must run inside the caller's transaction. */
export function insertEventTask(db: Db, task: NewEventTask, actor: string, now: Date): number {
  // The reason is free text typed by a manager: stored (and sent) masked.
  const t = { ...task, text: scrubPiiText(task.text) };
  const at = now.toISOString();
  const info = stmt(
    db,
    `INSERT INTO tasks (loan_id, type, slot, window_start, due_by, reason, assignee_id, created_at, updated_at)
     VALUES (?, 'event', ?, ?, ?, ?, ?, ?, ?)`,
  ).run(t.loanId, t.slot, t.windowStart, t.dueBy, JSON.stringify({ kind: t.kind, text: t.text }), t.assigneeId, at, at);
  const id = Number(info.lastInsertRowid);
  const loanNo = stmt<[number], { loan_no: string }>(db, 'SELECT loan_no FROM loans WHERE id = ?').get(t.loanId)!;
  enqueueTask(db, id, 'create', now, { reason: { kind: t.kind, text: t.text } });
  appendAudit(
    db,
    {
      actor,
      action: 'tasks.event_created',
      entity: 'task',
      entityId: String(id),
      details: { loanNo: loanNo.loan_no, kind: t.kind, assigneeId: t.assigneeId },
    },
    now,
  );
  return id;
}

export function createEventTask(db: Db, input: EventTaskInput, today: string, actor: string, now: Date): number {
  const loan = stmt<[string], { id: number }>(db, 'SELECT id FROM loans WHERE loan_no = ?').get(input.loanNo);
  if (!loan) throw new AppError('not_found', 'errors.loanMissing', { loanNo: input.loanNo });
  const dueBy = input.dueBy ?? addDays(today, 7);
  if (dueBy < today) throw new AppError('invalid_input', 'errors.dueInPast');
  return db.transaction(() => {
    const n = stmt<[number], { n: number }>(
      db,
      "SELECT count(*) AS n FROM tasks WHERE loan_id = ? AND type = 'event' AND slot LIKE 'event:%'",
    ).get(loan.id)!.n;
    return insertEventTask(
      db,
      {
        loanId: loan.id,
        kind: input.kind,
        text: input.reason,
        slot: `event:${n + 1}`,
        windowStart: today,
        dueBy,
        assigneeId: null,
      },
      actor,
      now,
    );
  })();
}
