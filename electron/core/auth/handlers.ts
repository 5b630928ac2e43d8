/** auth.* channels → the session. */
import type { SliceHandlers } from '../handlerTypes';

export const authHandlers = {
  'auth.session': (_i, ctx) => ctx.session.view(),
  'auth.login': (i, ctx) => ctx.session.login(i.username, i.password),
  'auth.logout': (_i, ctx) => ctx.session.logout(),
  'auth.lock': (_i, ctx) => ctx.session.lock('manual'),
  'auth.unlock': (i, ctx) => ctx.session.unlock(i.password),
} satisfies SliceHandlers<'auth'>;
