/** settings.* channels → the settings use cases. */
import type { SliceHandlers } from '../handlerTypes';
import { getSetting } from './store';
import { setCallRules, setTaskRules } from './service';

export const settingsHandlers = {
  'settings.taskRules': (_i, ctx) => getSetting(ctx.db, 'taskRules'),
  'settings.setTaskRules': (i, ctx, actor) => setTaskRules(ctx, actor.username, i),
  'settings.callRules': (_i, ctx) => getSetting(ctx.db, 'callRules'),
  'settings.setCallRules': (i, ctx, actor) => setCallRules(ctx, actor.username, i),
} satisfies SliceHandlers<'settings'>;
