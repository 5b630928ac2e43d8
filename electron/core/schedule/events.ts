/**
 * 特殊情况回访: a manager (or an imported event later) asks for a callback on one loan with a
 * reason — income or job change, overdue payment, other. The window opens today; audited.
 */
import type { EventTaskInput } from '../../../shared/domain/taskRules';
import { addDays } from '../../../shared/domain/workdays';
import { AppError } from '../../../shared/result';
import { appendAudit } from '../audit';
import { stmt, type Db } from '../db/open';

export function createEventTask(db: Db, input: EventTaskInput, today: string, actor: string, now: Date): number {
  const loan = stmt<[string], { id: number }>(db, 'SELECT id FROM loans WHERE loan_no = ?').get(input.loanNo);
  if (!loan) throw new AppError('not_found', 'errors.loanMissing', { loanNo: input.loanNo });
  const dueBy = input.dueBy ?? addDays(today, 7);
  if (dueBy < today) throw new AppError('invalid_input', 'errors.dueInPast');
  return db.transaction(() => {
    const n = stmt<[number], { n: number }>(
      db,
      "SELECT count(*) AS n FROM tasks WHERE loan_id = ? AND type = 'event'",
    ).get(loan.id)!.n;
    const at = now.toISOString();
    const info = stmt(
      db,
      `INSERT INTO tasks (loan_id, type, slot, window_start, due_by, reason, created_at, updated_at)
       VALUES (?, 'event', ?, ?, ?, ?, ?, ?)`,
    ).run(loan.id, `event:${n + 1}`, today, dueBy, JSON.stringify({ kind: input.kind, text: input.reason }), at, at);
    const id = Number(info.lastInsertRowid);
    appendAudit(
      db,
      {
        actor,
        action: 'task.event_created',
        entity: 'task',
        entityId: String(id),
        details: { loanNo: input.loanNo, kind: input.kind },
      },
      now,
    );
    return id;
  })();
}
