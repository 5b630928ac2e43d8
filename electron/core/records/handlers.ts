/** records.* channels → amendments of finalized records. */
import { amendRecord } from './records';
import type { SliceHandlers } from '../handlerTypes';

export const recordsHandlers = {
  'records.amend': (i, ctx, actor) =>
    amendRecord(
      ctx.db,
      i.taskId,
      actor,
      { items: i.items, reason: i.reason, expectedVersion: i.expectedVersion },
      ctx.clock(),
    ),
} satisfies SliceHandlers<'records'>;
