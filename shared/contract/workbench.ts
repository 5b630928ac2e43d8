/** The `workbench.*` channel: the officer's 工作台 (own queue counts, the pool, calls booked soon). */
import { z } from 'zod';
import { channel, empty } from './channel';
import { tabCountsSchema, taskRowSchema } from './tasks';

export const workbenchChannels = {
  'workbench.summary': channel({
    input: empty,
    output: z.object({
      asOf: z.string(),
      mine: tabCountsSchema,
      pool: z.number().int(),
      bookedSoon: z.array(taskRowSchema),
      calendarMissing: z.array(z.number().int()),
    }),
    role: 'officer',
  }),
} as const;
