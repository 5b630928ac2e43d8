/** reports.* channels → the manager's KPIs, their details and the weekly summary. */
import type { SliceHandlers } from '../handlerTypes';
import { dashboard, reportDetails } from './metrics';
import { weeklyFile } from './service';

export const reportsHandlers = {
  'reports.dashboard': (i, ctx) => dashboard(ctx.db, i.week, ctx.clock()),
  'reports.details': (i, ctx) => reportDetails(ctx.db, i),
  'reports.weekly': (i, ctx) => weeklyFile(ctx, i),
} satisfies SliceHandlers<'reports'>;
