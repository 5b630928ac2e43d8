/** tasks.* channels → the task use cases. */
import type { SliceHandlers } from '../handlerTypes';
import { assign, createEvent, moveAll, queue, take } from './service';

export const tasksHandlers = {
  'tasks.queue': (i, ctx, actor) => queue(ctx, actor, i),
  'tasks.take': (i, ctx, actor) => take(ctx, actor, i),
  'tasks.assign': (i, ctx, actor) => assign(ctx, actor, i),
  'tasks.createEvent': (i, ctx, actor) => createEvent(ctx, actor, i),
  'tasks.reassignAll': (i, ctx, actor) => moveAll(ctx, actor, i),
} satisfies SliceHandlers<'tasks'>;
