/**
 * The weekly metrics of the domain reference §5 (docs/metrics.md), computed in SQL: one statement
 * per group of metrics (records, attempts, tasks), each grouping a materialized base set three
 * ways at once — the branch, by officer, by task type — so every slice comes from the same rows
 * and the officers add up to the branch. Weeks are ISO weeks (Monday–Sunday) in Asia/Shanghai.
 *
 * Attribution: records by who finalized version 1, attempts by who dialled, window-closed,
 * overdue and escalated tasks by the task's assignee (no assignee = the branch pool, `null`).
 */
import { AppError } from '../../../shared/result';
import { addWeeks, isoWeekOf } from '../../../shared/domain/weeks';
import { OUTCOMES } from '../../../shared/domain/calls';
import { TASK_TYPES, type TaskType } from '../../../shared/domain/taskRules';
import { OVERDUE_BUCKETS, type Dashboard, type Metrics, type WeeklyMetrics } from '../../../shared/contract/reports';
import { shanghaiDate } from '../clock';
import { stmt, type Db } from '../db/open';
import { getSetting } from '../settings/store';
import { CURRENT_MISMATCH, rate, weekBounds } from './common';

export { reportDetails } from './details';

/** Group a base set (columns `officer`, `type` + whatever `agg` reads) for the branch, by officer and by type. */
function sliced(base: string, agg: string): string {
  return `WITH base AS MATERIALIZED (${base})
    SELECT 'branch' AS dim, NULL AS k, ${agg} FROM base
    UNION ALL SELECT 'officer', officer, ${agg} FROM base GROUP BY officer
    UNION ALL SELECT 'type', type, ${agg} FROM base GROUP BY type`;
}

const RECORDS_SQL = sliced(
  `SELECT r.finalized_by AS officer, t.type AS type,
          date(r.finalized_at, '+8 hours') BETWEEN t.window_start AND t.due_by AS on_time, ${CURRENT_MISMATCH} AS disc
     FROM records r JOIN tasks t ON t.id = r.task_id
    WHERE r.version = 1 AND r.finalized_at >= @start AND r.finalized_at < @end`,
  `count(*) AS records, coalesce(sum(on_time), 0) AS on_time, coalesce(sum(disc), 0) AS disc`,
);

const ATTEMPTS_SQL = sliced(
  `SELECT a.officer_id AS officer, t.type AS type, a.task_id, a.duration_s,
          a.outcome IN (SELECT value FROM json_each(@rightParty)) AS rp
     FROM attempts a JOIN tasks t ON t.id = a.task_id
    WHERE a.started_at >= @start AND a.started_at < @end`,
  `count(*) AS attempts, count(DISTINCT task_id) AS called, count(DISTINCT CASE WHEN rp THEN task_id END) AS rp_tasks,
   coalesce(sum(duration_s), 0) AS seconds, count(duration_s) AS timed`,
);

/**
 * Tasks: window closed in the week (not cancelled); open at the cut-off (the week's end, or now for
 * the week in progress) with the window already past; escalated in the week.
 */
const TASKS_SQL = sliced(
  `SELECT * FROM (
     SELECT assignee_id AS officer, type,
            (due_by BETWEEN @from AND @to AND status != 'cancelled') AS closed,
            (status != 'cancelled' AND due_by < @cutDate AND created_at < @cut
              AND (completed_at IS NULL OR completed_at >= @cut)
              AND (escalated_at IS NULL OR escalated_at >= @cut)) AS overdue,
            coalesce(escalated_at >= @start AND escalated_at < @end, 0) AS escalated
       FROM tasks
      WHERE due_by <= @to OR (escalated_at >= @start AND escalated_at < @end))
    WHERE closed OR overdue OR escalated`,
  `coalesce(sum(closed), 0) AS closed, coalesce(sum(overdue), 0) AS overdue, coalesce(sum(escalated), 0) AS escalated`,
);

interface RecordsRow {
  records: number;
  on_time: number;
  disc: number;
}
interface AttemptsRow {
  attempts: number;
  called: number;
  rp_tasks: number;
  seconds: number;
  timed: number;
}
interface TasksRow {
  closed: number;
  overdue: number;
  escalated: number;
}
type Sliced<R> = { branch: R | undefined; officer: Map<number | null, R>; type: Map<string, R> };

function runSliced<R>(db: Db, sql: string, params: Record<string, string>): Sliced<R> {
  const out: Sliced<R> = { branch: undefined, officer: new Map(), type: new Map() };
  for (const row of stmt<[Record<string, string>], R & { dim: string; k: number | string | null }>(db, sql).all(
    params,
  )) {
    if (row.dim === 'branch') out.branch = row;
    else if (row.dim === 'officer') out.officer.set(row.k as number | null, row);
    else out.type.set(row.k as string, row);
  }
  return out;
}

function metricsOf(r?: RecordsRow, a?: AttemptsRow, t?: TasksRow): Metrics {
  const records = r?.records ?? 0;
  const attempts = a?.attempts ?? 0;
  return {
    completion: rate(records, t?.closed ?? 0),
    onTime: rate(r?.on_time ?? 0, records),
    rightParty: rate(a?.rp_tasks ?? 0, a?.called ?? 0),
    attemptsPerCompletion: { attempts, records, value: records > 0 ? attempts / records : null },
    discrepancy: rate(r?.disc ?? 0, records),
    overdue: t?.overdue ?? 0,
    escalations: t?.escalated ?? 0,
    averageHandleSeconds: a && a.timed > 0 ? a.seconds / a.timed : null,
  };
}

function rightPartyOutcomes(db: Db): string {
  const rules = getSetting(db, 'callRules');
  return JSON.stringify(OUTCOMES.filter((o) => rules.outcomes[o].rightParty));
}

/** The metrics of one week for the branch, each officer (and the pool) with any work, and every task type. */
export function weeklyMetrics(db: Db, week: string, now: Date): WeeklyMetrics {
  const w = weekBounds(week);
  // A week that has not begun has no numbers yet (its overdue count would be today's).
  if (now.toISOString() < w.start) throw new AppError('invalid_input', 'errors.weekInFuture', { week });
  const cut = now.toISOString() < w.end ? now.toISOString() : w.end;
  const recs = runSliced<RecordsRow>(db, RECORDS_SQL, { start: w.start, end: w.end });
  const atts = runSliced<AttemptsRow>(db, ATTEMPTS_SQL, {
    start: w.start,
    end: w.end,
    rightParty: rightPartyOutcomes(db),
  });
  const tasks = runSliced<TasksRow>(db, TASKS_SQL, {
    from: w.from,
    to: w.to,
    start: w.start,
    end: w.end,
    cut,
    cutDate: shanghaiDate(new Date(cut)),
  });
  const users = new Map(
    stmt<[], { id: number; username: string; display_name: string }>(db, 'SELECT id, username, display_name FROM users')
      .all()
      .map((u) => [u.id, u]),
  );
  const officerIds = new Set<number | null>([...recs.officer.keys(), ...atts.officer.keys(), ...tasks.officer.keys()]);
  const byOfficer = [...officerIds]
    .map((id) => ({
      officer: id === null ? null : (users.get(id)?.username ?? `#${id}`),
      displayName: id === null ? null : (users.get(id)?.display_name ?? null),
      metrics: metricsOf(recs.officer.get(id), atts.officer.get(id), tasks.officer.get(id)),
    }))
    // Officers by username, the pool last.
    .sort((a, b) => (a.officer === null ? 1 : b.officer === null ? -1 : a.officer.localeCompare(b.officer)));
  return {
    week,
    from: w.from,
    to: w.to,
    branch: metricsOf(recs.branch, atts.branch, tasks.branch),
    byOfficer,
    byType: TASK_TYPES.map((type: TaskType) => ({
      type,
      metrics: metricsOf(recs.type.get(type), atts.type.get(type), tasks.type.get(type)),
    })),
  };
}

/** Completion and discrepancy of consecutive weeks from `first`, one grouped pass each over records and tasks. */
function trend(db: Db, first: string, weeks: number): Dashboard['trend'] {
  const a = weekBounds(first);
  const z = weekBounds(addWeeks(first, weeks - 1));
  const idx = (dateExpr: string) => `CAST((julianday(${dateExpr}) - julianday(@monday)) / 7 AS INTEGER)`;
  const recs = stmt<[object], { w: number; records: number; disc: number }>(
    db,
    `SELECT ${idx("date(r.finalized_at, '+8 hours')")} AS w, count(*) AS records,
            coalesce(sum(${CURRENT_MISMATCH}), 0) AS disc
       FROM records r WHERE r.version = 1 AND r.finalized_at >= @start AND r.finalized_at < @end GROUP BY w`,
  ).all({ monday: a.from, start: a.start, end: z.end });
  const closed = stmt<[object], { w: number; n: number }>(
    db,
    `SELECT ${idx('due_by')} AS w, count(*) AS n FROM tasks
      WHERE due_by BETWEEN @from AND @to AND status != 'cancelled' GROUP BY w`,
  ).all({ monday: a.from, from: a.from, to: z.to });
  const r = new Map(recs.map((x) => [x.w, x]));
  const c = new Map(closed.map((x) => [x.w, x.n]));
  return Array.from({ length: weeks }, (_, i) => {
    const x = r.get(i);
    return {
      week: addWeeks(first, i),
      completion: rate(x?.records ?? 0, c.get(i) ?? 0),
      discrepancy: rate(x?.disc ?? 0, x?.records ?? 0),
    };
  });
}

/** Open tasks whose window is past today, by whole days past `due_by`. */
function overdueByAge(db: Db, today: string): Dashboard['overdueByAge'] {
  const rows = stmt<[object], { bucket: string; n: number }>(
    db,
    `SELECT CASE WHEN d <= 3 THEN '1-3' WHEN d <= 7 THEN '4-7' WHEN d <= 14 THEN '8-14' ELSE '15+' END AS bucket,
            count(*) AS n
       FROM (SELECT CAST(julianday(@today) - julianday(due_by) AS INTEGER) AS d
               FROM tasks WHERE status IN ('open', 'in_progress') AND due_by < @today)
      GROUP BY bucket`,
  ).all({ today });
  const m = new Map(rows.map((x) => [x.bucket, x.n]));
  return OVERDUE_BUCKETS.map((bucket) => ({ bucket, count: m.get(bucket) ?? 0 }));
}

/** The manager's dashboard: a week (default: this week in Asia/Shanghai) against the one before, an 8-week trend, overdue by age today. */
export function dashboard(db: Db, week: string | undefined, now: Date): Dashboard {
  const today = shanghaiDate(now);
  const wk = week ?? isoWeekOf(today);
  return {
    thisWeek: weeklyMetrics(db, wk, now),
    lastWeek: weeklyMetrics(db, addWeeks(wk, -1), now),
    trend: trend(db, addWeeks(wk, -7), 8),
    overdueByAge: overdueByAge(db, today),
  };
}
