/** The `users.*` channels and the user view (also the signed-in user of `auth.*` and every channel's actor). */
import { z } from 'zod';
import { roleSchema } from '../roles';
import { channel, empty } from './channel';

export const userViewSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
});
export type UserView = z.infer<typeof userViewSchema>;

export const usersChannels = {
  'users.list': channel({ input: empty, output: z.array(userViewSchema), role: 'manager' }),
} as const;
