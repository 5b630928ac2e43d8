/** workbench.* channels → the officer's 工作台. */
import type { SliceHandlers } from '../handlerTypes';
import { workbenchSummary } from './service';

export const workbenchHandlers = {
  'workbench.summary': (_i, ctx, actor) => workbenchSummary(ctx, actor),
} satisfies SliceHandlers<'workbench'>;
