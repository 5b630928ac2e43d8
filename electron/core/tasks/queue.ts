/**
 * The work queue: tasks filtered by tab, type, status, assignee and search, sorted by urgency
 * (overdue first, then due date, then booked time) in SQL so 20k tasks page instantly.
 * Borrower names and phones leave masked; phone search goes through the HMAC index.
 */
import { maskName } from '../../../shared/domain/mask';
import type { TaskRowView } from '../../../shared/contract';
import type { TaskStatus, TaskType } from '../../../shared/domain/taskRules';
import { addDays } from '../../../shared/domain/workdays';
import { stmt, type Db } from '../db/open';
import { escapeLike } from '../loans/list';
import type { Pii } from '../pii/cipher';

import { QUEUE_TABS, type QueueTabName } from '../../../shared/contract';

export { QUEUE_TABS };
export type QueueTab = QueueTabName;
export const DUE_SOON_DAYS = 3;

export interface TaskQuery {
  asOf: string;
  tab?: QueueTab | undefined;
  status?: TaskStatus | undefined;
  type?: TaskType | undefined;
  /** A username, `pool` for unassigned tasks, or `mine_or_pool` with `me`. */
  assignee?: string | undefined;
  me?: number | undefined;
  search?: string | undefined;
  offset?: number;
  limit?: number;
}

export type TaskRow = TaskRowView;

const OPEN = 't.active = 1';
const TAB_SQL: Record<QueueTab, string> = {
  today: `${OPEN} AND t.window_start <= @asOf AND t.due_by >= @asOf`,
  overdue: `${OPEN} AND t.due_by < @asOf`,
  due_soon: `${OPEN} AND t.due_by >= @asOf AND t.due_by <= @soon`,
  booked: `${OPEN} AND t.booked_at IS NOT NULL`,
  done: "t.status = 'completed'",
  all: '1',
};

function where(q: TaskQuery, pii: Pii | null, tab: QueueTab | undefined) {
  const parts: string[] = [];
  const params: Record<string, unknown> = { asOf: q.asOf, soon: addDays(q.asOf, DUE_SOON_DAYS) };
  if (tab) parts.push(TAB_SQL[tab]);
  if (q.status) {
    parts.push('t.status = @status');
    params.status = q.status;
  }
  if (q.type) {
    parts.push('t.type = @type');
    params.type = q.type;
  }
  if (q.assignee === 'pool') parts.push('t.assignee_id IS NULL');
  else if (q.assignee === 'mine_or_pool') {
    parts.push('(t.assignee_id IS NULL OR t.assignee_id = @me)');
    params.me = q.me ?? -1;
  } else if (q.assignee === 'mine') {
    parts.push('t.assignee_id = @me');
    params.me = q.me ?? -1;
  } else if (q.assignee) {
    parts.push('u.username = @assignee');
    params.assignee = q.assignee;
  }
  const s = q.search?.trim();
  if (s) {
    const like = `%${escapeLike(s)}%`;
    const alts = ["l.loan_no LIKE @like ESCAPE '\\'", "p.name LIKE @like ESCAPE '\\'"];
    params.like = like;
    if (pii && /^\d{4}$/.test(s)) {
      alts.push('p.phone_last4_hmac = @last4');
      params.last4 = pii.index('phone_last4', s);
    }
    if (pii && /^\d{11}$/.test(s)) {
      alts.push('p.phone_hmac = @phone');
      params.phone = pii.index('phone', s);
    }
    parts.push(`(${alts.join(' OR ')})`);
  }
  return { sql: parts.length ? parts.join(' AND ') : '1', params };
}

const FROM = `FROM tasks t
  JOIN loans l ON l.id = t.loan_id
  JOIN parties p ON p.loan_id = t.loan_id AND p.role = 'borrower'
  LEFT JOIN users u ON u.id = t.assignee_id`;

/**
 * Counting needs the joins only for what it filters on: the loan and borrower for a search, the
 * user for an officer's username. Every loan has exactly one borrower (import requires it), so the
 * bare count equals the joined one; without the joins SQLite counts from a tasks index alone.
 */
function countFrom(q: TaskQuery): string {
  const search = Boolean(q.search?.trim());
  const byName = Boolean(q.assignee) && !['pool', 'mine', 'mine_or_pool'].includes(q.assignee!);
  return [
    'FROM tasks t',
    search ? "JOIN loans l ON l.id = t.loan_id JOIN parties p ON p.loan_id = t.loan_id AND p.role = 'borrower'" : '',
    byName ? 'LEFT JOIN users u ON u.id = t.assignee_id' : '',
  ].join(' ');
}

interface Raw {
  id: number;
  loan_no: string;
  type: TaskType;
  window_start: string;
  due_by: string;
  status: TaskStatus;
  username: string | null;
  display_name: string | null;
  attempts: number;
  warnings: string;
  booked_at: string | null;
  reason: string | null;
  name: string;
  phone_masked: string | null;
}

/** Urgency order. Tabs that cannot hold overdue tasks skip that term so SQLite can walk an index. */
function orderBy(tab: QueueTab | undefined): string {
  if (tab === 'today' || tab === 'due_soon' || tab === 'overdue' || tab === 'done')
    return 't.due_by, t.window_start, t.id';
  if (tab === 'booked') return 't.booked_at, t.id';
  return '(t.active = 1 AND t.due_by < @asOf) DESC, t.due_by, t.booked_at IS NULL, t.booked_at, t.id';
}

export function listTasks(
  db: Db,
  pii: Pii | null,
  q: TaskQuery & { withTotal?: boolean },
): { total: number; rows: TaskRow[] } {
  const w = where(q, pii, q.tab);
  const total =
    q.withTotal === false
      ? { n: -1 }
      : (stmt(db, `SELECT count(*) AS n ${countFrom(q)} WHERE ${w.sql}`).get(w.params) as { n: number });
  // Statements are cached per distinct filter shape (a small, finite set).
  const rows = stmt(
    db,
    `SELECT t.id, l.loan_no, t.type, t.window_start, t.due_by, t.status, u.username, u.display_name, t.attempts,
              t.warnings, t.booked_at, t.reason, p.name, p.phone_masked
       ${FROM} WHERE ${w.sql}
       ORDER BY ${orderBy(q.tab)}
       LIMIT @limit OFFSET @offset`,
  ).all({ ...w.params, limit: q.limit ?? 1000, offset: q.offset ?? 0 }) as Raw[];
  return {
    total: total.n,
    rows: rows.map((r) => ({
      taskId: r.id,
      loanNo: r.loan_no,
      type: r.type,
      windowStart: r.window_start,
      dueBy: r.due_by,
      status: r.status,
      assignee: r.username,
      assigneeName: r.display_name,
      attempts: r.attempts,
      warnings: r.warnings === '[]' ? [] : (JSON.parse(r.warnings) as string[]),
      bookedAt: r.booked_at,
      reason: r.reason ? (JSON.parse(r.reason) as { kind: string; text: string }) : null,
      borrowerName: maskName(r.name),
      phone: r.phone_masked ?? '',
      overdue: (r.status === 'open' || r.status === 'in_progress') && r.due_by < q.asOf,
    })),
  };
}

/** Counts for every tab under the same filters (one query per tab, all indexed). */
export function tabCounts(db: Db, pii: Pii | null, q: TaskQuery): Record<QueueTab, number> {
  const out = {} as Record<QueueTab, number>;
  for (const tab of QUEUE_TABS) {
    const w = where(q, pii, tab);
    out[tab] = (stmt(db, `SELECT count(*) AS n ${countFrom(q)} WHERE ${w.sql}`).get(w.params) as { n: number }).n;
  }
  return out;
}
