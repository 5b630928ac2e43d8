/** loans.* channels → the loan use cases. */
import { loanFile } from './file';
import type { SliceHandlers } from '../handlerTypes';
import { searchAlerts } from './search';
import { searchLoans } from './service';

export const loansHandlers = {
  'loans.list': (i, ctx, actor) => searchLoans(ctx, actor, i),
  'loans.searchAlerts': (i, ctx) => searchAlerts(ctx.db, i.days, ctx.clock()),
  'loans.file': (i, ctx, actor) => loanFile(ctx.db, i.loanNo, actor),
} satisfies SliceHandlers<'loans'>;
