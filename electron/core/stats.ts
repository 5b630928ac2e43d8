/** Row counts of the branch database for `stats`: loans, people, tasks by status, calls, records, open flags. */
import { TASK_STATUSES, type TaskStatus } from '../../shared/domain/taskRules';
import { stmt, type Db } from './db/open';
import { countLoans } from './loans/list';
import { pendingEntries } from './sync/ledger';

const count = (db: Db, sql: string) => stmt<[], { n: number }>(db, sql).get()!.n;

export function stats(db: Db) {
  const tasks = Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as Record<TaskStatus, number>;
  for (const r of stmt<[], { status: TaskStatus; n: number }>(
    db,
    'SELECT status, count(*) AS n FROM tasks GROUP BY status',
  ).all())
    tasks[r.status] = r.n;
  return {
    ...countLoans(db),
    users: count(db, 'SELECT count(*) AS n FROM users WHERE active = 1'),
    tasks,
    attempts: count(db, 'SELECT count(*) AS n FROM attempts'),
    records: count(db, 'SELECT count(DISTINCT task_id) AS n FROM records'),
    recordVersions: count(db, 'SELECT count(*) AS n FROM records'),
    flags: count(db, "SELECT count(*) AS n FROM flags WHERE status = 'open'"),
    auditEntries: count(db, 'SELECT count(*) AS n FROM audit_log'),
    outboxEntries: count(db, 'SELECT count(*) AS n FROM outbox'),
    syncPending: pendingEntries(db),
  };
}
