/** What the report modules share: the bounds of an ISO week, a rate with its parts, the "current version has a mismatch" test. */
import { weekInstants, weekRange } from '../../../shared/domain/weeks';
import type { Rate } from '../../../shared/contract/reports';
import { AppError } from '../../../shared/result';

/** Monday and Sunday (Asia/Shanghai dates) and the instants [start, end) of a week, or `errors.weekMissing`. */
export function weekBounds(week: string): { from: string; to: string; start: string; end: string } {
  const r = weekRange(week);
  const i = weekInstants(week);
  if (!r || !i) throw new AppError('invalid_input', 'errors.weekMissing', { week });
  return { ...r, ...i };
}

/** A rate with its parts; null when nothing was counted below the line. */
export const rate = (numerator: number, denominator: number): Rate => ({
  numerator,
  denominator,
  rate: denominator > 0 ? numerator / denominator : null,
});

/** SQL: the current (latest) version of the record of `r`'s task has at least one `mismatch` line. */
export const CURRENT_MISMATCH = `EXISTS (SELECT 1 FROM record_items i
  WHERE i.record_id = (SELECT c.id FROM records c WHERE c.task_id = r.task_id ORDER BY c.version DESC LIMIT 1)
    AND i.result = 'mismatch')`;
