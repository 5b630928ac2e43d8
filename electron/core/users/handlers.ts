/** users.* channels → the user list. */
import { listUsers } from './users';
import type { SliceHandlers } from '../handlerTypes';

export const usersHandlers = {
  'users.list': (_i, ctx) => listUsers(ctx.db),
} satisfies SliceHandlers<'users'>;
