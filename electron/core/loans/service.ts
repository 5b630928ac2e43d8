/** Loan use cases: the list an actor may see, searched under the personal-search limit. */
import type { ChannelOutput, ChannelParsedInput, UserView } from '../../../shared/contract';
import { loanScopeOf } from '../calls/access';
import type { AppContext } from '../context';
import { listLoans } from './list';
import { guardedSearch } from './search';

/** Officers see only loans in their work; a full-number search is limited and audited (loanSearch.ts). */
export function searchLoans(
  ctx: AppContext,
  actor: UserView,
  input: ChannelParsedInput<'loans.list'>,
): ChannelOutput<'loans.list'> {
  return guardedSearch(
    ctx.db,
    actor,
    { channel: 'loans.list', search: input.search },
    ctx.clock(),
    () => listLoans(ctx.db, ctx.pii(), { ...input, me: loanScopeOf(actor) }),
    (r) => r.total,
  );
}
