/** calendar.* channels → the calendar use cases. */
import type { SliceHandlers } from '../handlerTypes';
import { calendarNow, importCalendarText } from './service';

export const calendarHandlers = {
  'calendar.status': (_i, ctx) => calendarNow(ctx.db, ctx.clock()),
  'calendar.import': (i, ctx, actor) => {
    const r = importCalendarText(
      ctx.db,
      Buffer.from(i.content, 'base64').toString('utf8'),
      actor.username,
      ctx.clock(),
    );
    return r.ok ? { years: r.years, days: r.days, errors: [] } : { years: [], days: 0, errors: r.issues };
  },
} satisfies SliceHandlers<'calendar'>;
