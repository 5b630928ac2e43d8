/** pii.* channels → the audited reveal. */
import { revealPii } from './reveal';
import type { SliceHandlers } from '../handlerTypes';

export const piiHandlers = {
  'pii.reveal': (i, ctx, actor) => ({ value: revealPii(ctx.db, ctx.pii(), i, actor, ctx.clock()) }),
} satisfies SliceHandlers<'pii'>;
