/** Task use cases: the queue an actor may see (scope and search limit), taking, assigning, event tasks. */
import type { ChannelOutput, ChannelParsedInput, UserView } from '../../../shared/contract';
import { roleAllows } from '../../../shared/roles';
import { shanghaiDate } from '../clock';
import type { AppContext } from '../context';
import { guardedSearch } from '../loans/search';
import { assignTasks, reassignAll, takeTasks } from './assign';
import { createEventTask } from './events';
import { listTasks, tabCounts } from './queue';

const OFFICER_VIEWS = ['mine', 'pool', 'mine_or_pool'];

/** The work queue. Officers see their own work and the pool, whatever they ask for. */
export function queue(
  ctx: AppContext,
  actor: UserView,
  input: ChannelParsedInput<'tasks.queue'>,
): ChannelOutput<'tasks.queue'> {
  const asOf = shanghaiDate(ctx.clock());
  const manager = roleAllows('manager', actor.role);
  const assignee = !manager && !OFFICER_VIEWS.includes(input.assignee) ? 'mine_or_pool' : input.assignee;
  const q = {
    asOf,
    type: input.type,
    status: input.status,
    assignee: assignee === 'all' ? undefined : assignee,
    me: actor.id,
    search: input.search,
  };
  // A search by a full phone number here is the same oracle as in loans.list: same limit, same audit.
  return guardedSearch(
    ctx.db,
    actor,
    { channel: 'tasks.queue', search: input.search },
    ctx.clock(),
    () => {
      const list = listTasks(ctx.db, ctx.pii(), { ...q, tab: input.tab, offset: input.offset, limit: input.limit });
      return { asOf, total: list.total, rows: list.rows, counts: tabCounts(ctx.db, ctx.pii(), q) };
    },
    (r) => r.total,
  );
}

export const take = (ctx: AppContext, actor: UserView, input: ChannelParsedInput<'tasks.take'>) => ({
  taken: takeTasks(ctx.db, input.taskIds, { id: actor.id, username: actor.username }, ctx.clock()),
});

export const assign = (ctx: AppContext, actor: UserView, input: ChannelParsedInput<'tasks.assign'>) => ({
  assigned: assignTasks(ctx.db, input.taskIds, input.assignee, actor.username, ctx.clock()),
});

export const createEvent = (ctx: AppContext, actor: UserView, input: ChannelParsedInput<'tasks.createEvent'>) => ({
  taskId: createEventTask(ctx.db, input, shanghaiDate(ctx.clock()), actor.username, ctx.clock()),
});

export const moveAll = (ctx: AppContext, actor: UserView, input: ChannelParsedInput<'tasks.reassignAll'>) => ({
  moved: reassignAll(ctx.db, input.from, input.to, actor.username, ctx.clock()),
});
