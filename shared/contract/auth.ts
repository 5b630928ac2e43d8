/** The `auth.*` channels: sign in and out, lock and unlock, and the session they answer with. */
import { z } from 'zod';
import { channel, empty } from './channel';
import { userViewSchema } from './users';

export const sessionViewSchema = z.object({
  user: userViewSchema.nullable(),
  locked: z.boolean(),
  idleLockMinutes: z.number().int().positive(),
  branch: z.object({ code: z.string(), name: z.string() }).nullable(),
});
export type SessionView = z.infer<typeof sessionViewSchema>;

export const credentialsSchema = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

export const authChannels = {
  'auth.session': channel({ input: empty, output: sessionViewSchema, role: 'public' }),
  'auth.login': channel({ input: credentialsSchema, output: sessionViewSchema, role: 'public' }),
  'auth.logout': channel({ input: empty, output: sessionViewSchema, role: 'public' }),
  'auth.lock': channel({ input: empty, output: sessionViewSchema, role: 'officer' }),
  'auth.unlock': channel({
    input: z.strictObject({ password: z.string().min(1).max(256) }),
    output: sessionViewSchema,
    role: 'public',
  }),
} as const;
