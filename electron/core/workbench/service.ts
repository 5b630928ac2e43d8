/** The officer's 工作台: today's counts of their own work and the pool, calls booked within the hour, missing calendar years. */
import type { ChannelOutput, UserView } from '../../../shared/contract';
import { shanghaiDate } from '../clock';
import type { AppContext } from '../context';
import { calendarStatus } from '../calendar/calendar';
import { listTasks, tabCounts } from '../tasks/queue';

export function workbenchSummary(ctx: AppContext, actor: UserView): ChannelOutput<'workbench.summary'> {
  const now = ctx.clock();
  const asOf = shanghaiDate(now);
  const mine = tabCounts(ctx.db, null, { asOf, assignee: 'mine', me: actor.id });
  const pool = tabCounts(ctx.db, null, { asOf, assignee: 'pool' }).today;
  const hourLater = new Date(now.getTime() + 3600_000).toISOString();
  const booked = listTasks(ctx.db, null, { asOf, tab: 'booked', assignee: 'mine', me: actor.id, limit: 50 }).rows;
  return {
    asOf,
    mine,
    pool,
    bookedSoon: booked.filter((r) => r.bookedAt !== null && r.bookedAt <= hourLater),
    calendarMissing: calendarStatus(ctx.db).missing,
  };
}
