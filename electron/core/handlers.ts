/** The service behind each contract channel. Input arrives parsed; the role is already checked. */
import type { Channel, ChannelOutput, ChannelParsedInput } from '../../shared/contract';
import { listUsers } from './auth/users';
import type { AppContext } from './context';
import { listLoans } from './loans';

export type Handlers = {
  [C in Channel]: (input: ChannelParsedInput<C>, ctx: AppContext) => ChannelOutput<C> | Promise<ChannelOutput<C>>;
};

export const handlers: Handlers = {
  'auth.session': (_i, ctx) => ctx.session.view(),
  'auth.login': (i, ctx) => ctx.session.login(i.username, i.password),
  'auth.logout': (_i, ctx) => ctx.session.logout(),
  'auth.lock': (_i, ctx) => ctx.session.lock('manual'),
  'auth.unlock': (i, ctx) => ctx.session.unlock(i.password),
  'loans.list': (i, ctx) => listLoans(ctx.db, ctx.pii(), i),
  'users.list': (_i, ctx) => listUsers(ctx.db),
};
