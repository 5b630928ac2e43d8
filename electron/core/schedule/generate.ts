/**
 * `tasks generate`: bring the task table in line with the loans. Idempotent: existing tasks are
 * matched by (loan, type, slot); open tasks whose window moved (because loan dates changed) are
 * updated and audited; completed, escalated and cancelled tasks are never touched.
 */
import { desiredTasks } from '../../../shared/domain/schedule';
import { appendAudit } from '../audit';
import { stmt, type Db } from '../db/open';
import { getSetting } from '../settings';
import { loadCalendar, seedCalendar } from './calendar';

export interface GenerateResult {
  created: number;
  updated: number;
  unchanged: number;
}

interface ExistingTask {
  id: number;
  window_start: string;
  due_by: string;
  status: string;
  warnings: string;
}

const FINAL = new Set(['completed', 'escalated', 'cancelled']);

export function generateTasks(db: Db, opts: { asOf: string; now: Date; actor: string }): GenerateResult {
  seedCalendar(db, opts.now);
  const cal = loadCalendar(db);
  const rules = getSetting(db, 'taskRules');
  const at = opts.now.toISOString();
  const result: GenerateResult = { created: 0, updated: 0, unchanged: 0 };
  const find = stmt<[number, string, string], ExistingTask>(
    db,
    'SELECT id, window_start, due_by, status, warnings FROM tasks WHERE loan_id = ? AND type = ? AND slot = ?',
  );
  const insert = stmt(
    db,
    `INSERT INTO tasks (loan_id, type, slot, window_start, due_by, warnings, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const update = stmt(db, 'UPDATE tasks SET window_start = ?, due_by = ?, warnings = ?, updated_at = ? WHERE id = ?');
  const loans = stmt<
    [],
    {
      id: number;
      loan_no: string;
      approval_date: string;
      disbursement_date: string | null;
      repayment_day: number | null;
    }
  >(db, 'SELECT id, loan_no, approval_date, disbursement_date, repayment_day FROM loans ORDER BY id');
  db.transaction(() => {
    for (const loan of loans.all()) {
      const wanted = desiredTasks(
        {
          approvalDate: loan.approval_date,
          disbursementDate: loan.disbursement_date,
          repaymentDay: loan.repayment_day,
        },
        rules,
        cal,
        opts.asOf,
      );
      for (const t of wanted) {
        const warnings = JSON.stringify(t.warnings);
        const e = find.get(loan.id, t.type, t.slot);
        if (!e) {
          insert.run(loan.id, t.type, t.slot, t.windowStart, t.dueBy, warnings, at, at);
          result.created++;
        } else if (
          FINAL.has(e.status) ||
          (e.window_start === t.windowStart && e.due_by === t.dueBy && e.warnings === warnings)
        ) {
          result.unchanged++;
        } else {
          update.run(t.windowStart, t.dueBy, warnings, at, e.id);
          if (e.window_start !== t.windowStart || e.due_by !== t.dueBy) {
            appendAudit(
              db,
              {
                actor: opts.actor,
                action: 'task.window_moved',
                entity: 'task',
                entityId: String(e.id),
                details: {
                  loanNo: loan.loan_no,
                  type: t.type,
                  from: [e.window_start, e.due_by],
                  to: [t.windowStart, t.dueBy],
                },
              },
              opts.now,
            );
          }
          result.updated++;
        }
      }
    }
  })();
  return result;
}
