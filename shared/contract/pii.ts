/** The `pii.*` channel: revealing one party's full ID or phone number, with a reason that is audited. */
import { z } from 'zod';
import { reasonSchema } from '../text';
import { channel } from './channel';

export const piiChannels = {
  'pii.reveal': channel({
    input: z.strictObject({
      partyId: z.number().int().positive(),
      field: z.enum(['idNumber', 'phone']),
      reason: reasonSchema(200),
    }),
    output: z.object({ value: z.string() }),
    role: 'officer',
  }),
} as const;
