/** The `calendar.*` channels: which years the working-day calendar holds, and importing more. */
import { z } from 'zod';
import { channel, empty } from './channel';

export const calendarChannels = {
  'calendar.status': channel({
    input: empty,
    output: z.object({ years: z.array(z.number().int()), missing: z.array(z.number().int()) }),
    role: 'manager',
  }),
  'calendar.import': channel({
    input: z.strictObject({ fileName: z.string().trim().min(1).max(255), content: z.base64().max(2_000_000) }),
    output: z.object({
      years: z.array(z.number().int()),
      days: z.number().int(),
      errors: z.array(z.object({ row: z.number().int(), column: z.string(), code: z.string() })),
    }),
    role: 'admin',
  }),
} as const;
