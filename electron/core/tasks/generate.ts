/**
 * `tasks generate`: bring the task table in line with the loans. Idempotent: existing tasks are
 * matched by (loan, type, slot); open tasks whose window moved (because loan dates changed) are
 * updated and audited; completed, escalated and cancelled tasks are never touched.
 */
import { createHash } from 'node:crypto';
import { desiredTasks } from '../../../shared/domain/schedule';
import type { TaskRules } from '../../../shared/domain/taskRules';
import { addDays } from '../../../shared/domain/workdays';
import { shanghaiDate } from '../clock';
import { appendAudit } from '../audit/log';
import { stmt, type Db } from '../db/open';
import type { LoansRow } from '../db/rows';
import { enqueueTask } from '../sync/outbox';
import { getSetting } from '../settings/store';
import { loadCalendar, seedCalendar } from '../calendar/calendar';

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

export interface GenerateOptions {
  asOf: string;
  now: Date;
  actor: string;
  /** Rules to use instead of the `taskRules` setting (demo history reaches further back). */
  rules?: TaskRules;
}

export function generateTasks(db: Db, opts: GenerateOptions): GenerateResult {
  seedCalendar(db, opts.now);
  const cal = loadCalendar(db);
  const rules = opts.rules ?? getSetting(db, 'taskRules');
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
  const loans = stmt<[], Pick<LoansRow, 'id' | 'loan_no' | 'approval_date' | 'disbursement_date' | 'repayment_day'>>(
    db,
    'SELECT id, loan_no, approval_date, disbursement_date, repayment_day FROM loans ORDER BY id',
  );
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
          const id = Number(
            insert.run(loan.id, t.type, t.slot, t.windowStart, t.dueBy, warnings, at, at).lastInsertRowid,
          );
          enqueueTask(db, id, 'create', opts.now);
          result.created++;
        } else if (
          FINAL.has(e.status) ||
          (e.window_start === t.windowStart && e.due_by === t.dueBy && e.warnings === warnings)
        ) {
          result.unchanged++;
        } else {
          update.run(t.windowStart, t.dueBy, warnings, at, e.id);
          if (e.window_start !== t.windowStart || e.due_by !== t.dueBy) {
            enqueueTask(db, e.id, 'update', opts.now);
            appendAudit(
              db,
              {
                actor: opts.actor,
                action: 'tasks.window_moved',
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
    if (rules.satisfaction.enabled)
      result.created += sampleSatisfaction(
        db,
        rules.satisfaction.samplePercent,
        opts.asOf,
        rules.backfillDays,
        opts.now,
      );
  })();
  return result;
}

/** Stable sample: the same completed task is always in or out, whoever runs the generation. */
export function inSample(taskId: number, percent: number): boolean {
  const h = createHash('sha256').update(`satisfaction:${taskId}`).digest().readUInt32BE(0);
  return h / 0x1_0000_0000 < percent / 100;
}

/** 满意度回访 for a sample of completed post-disbursement calls: window = 1–7 days after completion. */
function sampleSatisfaction(db: Db, percent: number, asOf: string, backfillDays: number, now: Date): number {
  const at = now.toISOString();
  if (percent <= 0) return 0;
  const since = addDays(asOf, -backfillDays);
  const candidates = stmt<[], { id: number; loan_id: number; completed_at: string }>(
    db,
    `SELECT t.id, t.loan_id, t.completed_at FROM tasks t
     WHERE t.type = 'post_disbursement' AND t.status = 'completed' AND t.completed_at IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM tasks s WHERE s.loan_id = t.loan_id AND s.type = 'satisfaction' AND s.slot = 'after:' || t.id)`,
  ).all();
  const insert = stmt(
    db,
    `INSERT INTO tasks (loan_id, type, slot, window_start, due_by, created_at, updated_at) VALUES (?, 'satisfaction', ?, ?, ?, ?, ?)`,
  );
  let n = 0;
  for (const c of candidates) {
    const done = shanghaiDate(new Date(c.completed_at));
    const start = addDays(done, 1);
    const due = addDays(done, 7);
    if (due < since || !inSample(c.id, percent)) continue;
    const id = Number(insert.run(c.loan_id, `after:${c.id}`, start, due, at, at).lastInsertRowid);
    enqueueTask(db, id, 'create', now, { sampledFrom: c.id });
    n++;
  }
  return n;
}
