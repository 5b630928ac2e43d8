/** review.* channels → the manager's review of flagged records. */
import type { SliceHandlers } from '../handlerTypes';
import { addComment, decide, reviewDetail, reviewQueue } from './review';

export const reviewHandlers = {
  'review.queue': (i, ctx) => reviewQueue(ctx.db, i, ctx.clock()),
  'review.detail': (i, ctx) => reviewDetail(ctx.db, i, ctx.clock()),
  'review.decide': (i, ctx, actor) => decide(ctx.db, i, actor, ctx.clock()),
  'review.comment': (i, ctx, actor) => addComment(ctx.db, i, actor, ctx.clock()),
} satisfies SliceHandlers<'review'>;
