/**
 * The rows behind the weekly numbers: one per record first finalized in the week (version 1),
 * shown with its current version's outcome and mismatched checklist lines. The same SELECT feeds
 * the dashboard's click-through (paged), the export's 明细 sheet and CSV (streamed), and the
 * export benchmark's floor. Borrower names are masked here; no ID or phone number is ever read.
 */
import { maskName } from '../../../shared/domain/mask';
import type { TaskType } from '../../../shared/domain/taskRules';
import type { Outcome } from '../../../shared/domain/calls';
import type { DetailQuery, DetailRow } from '../../../shared/contract/reports';
import { stmt, type Db } from '../db/open';
import { CURRENT_MISMATCH, weekBounds } from './common';

/** A detail row as SQLite returns it (name unmasked, mismatches as `key,key`). */
export interface RawDetail {
  recordId: number;
  taskId: number;
  loanNo: string;
  borrower: string | null;
  officer: string;
  officerName: string;
  type: TaskType;
  outcome: Outcome;
  mismatchKeys: string | null;
  finalizedAt: string;
}

const FROM_WHERE = `
    FROM records r
    JOIN tasks t ON t.id = r.task_id
    JOIN loans l ON l.id = t.loan_id
    JOIN users u ON u.id = r.finalized_by
    JOIN records cur ON cur.id = (SELECT c.id FROM records c WHERE c.task_id = r.task_id ORDER BY c.version DESC LIMIT 1)
   WHERE r.version = 1 AND r.finalized_at >= @start AND r.finalized_at < @end
     AND (@officer IS NULL OR u.username = @officer)
     AND (@type IS NULL OR t.type = @type)
     AND (@discrepancyOnly = 0 OR ${CURRENT_MISMATCH})`;

/** The 明细 SELECT, oldest first; `@limit` -1 for all rows. Exported for the benchmark's floor. */
export const DETAIL_SQL = `
  SELECT r.id AS recordId, r.task_id AS taskId, l.loan_no AS loanNo,
         (SELECT p.name FROM parties p WHERE p.loan_id = t.loan_id AND p.role = 'borrower' ORDER BY p.id LIMIT 1) AS borrower,
         u.username AS officer, u.display_name AS officerName, t.type, cur.outcome,
         (SELECT group_concat(i.key, ',' ORDER BY i.pos) FROM record_items i
           WHERE i.record_id = cur.id AND i.result = 'mismatch') AS mismatchKeys,
         r.finalized_at AS finalizedAt
    ${FROM_WHERE}
   ORDER BY r.finalized_at, r.id LIMIT @limit OFFSET @offset`;

const COUNT_SQL = `SELECT count(*) AS n ${FROM_WHERE}`;

export interface DetailParams {
  start: string;
  end: string;
  officer: string | null;
  type: string | null;
  discrepancyOnly: 0 | 1;
  limit: number;
  offset: number;
}

export function detailParams(q: DetailQuery, limit = -1, offset = 0): DetailParams {
  const w = weekBounds(q.week);
  return {
    start: w.start,
    end: w.end,
    officer: q.officer ?? null,
    type: q.type ?? null,
    discrepancyOnly: q.discrepancyOnly ? 1 : 0,
    limit,
    offset,
  };
}

/** Stream every detail row of a query (the export). The connection is busy until the iterator ends. */
export function iterateDetails(db: Db, q: DetailQuery): IterableIterator<RawDetail> {
  return stmt<[DetailParams], RawDetail>(db, DETAIL_SQL).iterate(detailParams(q));
}

/** Checklist keys (`item` or `item:partyId`) of a raw row. */
export const mismatchKeys = (r: RawDetail): string[] => (r.mismatchKeys ? r.mismatchKeys.split(',') : []);

export function toDetailRow(r: RawDetail): DetailRow {
  return {
    recordId: r.recordId,
    taskId: r.taskId,
    loanNo: r.loanNo,
    borrowerName: maskName(r.borrower ?? ''),
    officer: r.officer,
    officerName: r.officerName,
    type: r.type,
    outcome: r.outcome,
    mismatches: mismatchKeys(r),
    finalizedAt: r.finalizedAt,
  };
}

/**
 * A page of the records behind a chart bar. `officer` narrows to who finalized the record;
 * `officer: null` (the branch pool) has no records by definition, so it gives none.
 */
export function reportDetails(db: Db, q: DetailQuery, limit = 500, offset = 0): { rows: DetailRow[]; total: number } {
  const params = detailParams(q, limit, offset);
  if (q.officer === null) return { rows: [], total: 0 };
  const { limit: _l, offset: _o, ...countParams } = params;
  const total = stmt<[object], { n: number }>(db, COUNT_SQL).get(countParams)!.n;
  const rows = stmt<[DetailParams], RawDetail>(db, DETAIL_SQL).all(params).map(toDetailRow);
  return { rows, total };
}

/** A risk flag raised or decided in the week (the 风险标记 sheet); the borrower's name unmasked. */
export interface RawFlag {
  loanNo: string;
  borrower: string | null;
  code: string;
  item: string | null;
  severity: string;
  status: string;
  createdAt: string;
  decidedAt: string | null;
}

const FLAGS_SQL = `
  SELECT l.loan_no AS loanNo,
         (SELECT p.name FROM parties p WHERE p.loan_id = f.loan_id AND p.role = 'borrower' ORDER BY p.id LIMIT 1) AS borrower,
         f.code, f.item, f.severity, f.status, f.created_at AS createdAt, f.decided_at AS decidedAt
    FROM flags f JOIN loans l ON l.id = f.loan_id
   WHERE (f.created_at >= @start AND f.created_at < @end) OR (f.decided_at >= @start AND f.decided_at < @end)
   ORDER BY f.created_at, f.id`;

/** Stream the flags raised or decided in a week, oldest first, with their status now. */
export function iterateWeekFlags(db: Db, week: string): IterableIterator<RawFlag> {
  const w = weekBounds(week);
  return stmt<[object], RawFlag>(db, FLAGS_SQL).iterate({ start: w.start, end: w.end });
}
