/**
 * The `records.*` channel (amending a finalized record) and the record version view that the call
 * screen, the loan file and the review desk show: answers beside the values on file, and what an
 * amendment changed.
 */
import { z } from 'zod';
import { checklistEntrySchema, itemResultSchema, outcomeSchema } from '../domain/calls';
import { reasonSchema } from '../text';
import { channel } from './channel';

const int = z.number().int();

export const recordVersionSchema = z.object({
  recordId: int,
  version: int,
  outcome: outcomeSchema,
  scriptKey: z.string(),
  scriptVersion: int,
  note: z.string().nullable(),
  reason: z.string().nullable(),
  finalizedAt: z.string(),
  finalizedBy: z.string(),
  reads: z.record(z.string(), z.string()),
  items: z.array(
    z.object({
      key: z.string(),
      item: z.string(),
      partyId: int.nullable(),
      result: itemResultSchema.nullable(),
      stated: z.string(),
      note: z.string(),
      onFile: z.array(z.object({ field: z.string(), value: z.string() })),
    }),
  ),
  changes: z.array(
    z.object({ key: z.string(), field: z.enum(['result', 'stated', 'note']), from: z.string(), to: z.string() }),
  ),
});
export type RecordVersionShape = z.infer<typeof recordVersionSchema>;

export const amendInputSchema = z.strictObject({
  taskId: int.positive(),
  expectedVersion: int.positive(),
  items: z.record(z.string().max(100), checklistEntrySchema),
  reason: reasonSchema(500),
});

export const recordsChannels = {
  'records.amend': channel({
    input: amendInputSchema,
    output: z.object({ recordId: z.number().int(), version: z.number().int(), outcome: outcomeSchema }),
    role: 'officer',
  }),
} as const;
