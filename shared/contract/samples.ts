/** The `samples.*` channels: weekly quality sampling of finalized records with a pass/fail scorecard. */
import { z } from 'zod';
import { taskTypeSchema } from '../domain/taskRules';
import { freeTextSchema, visibleLength } from '../text';
import { channel } from './channel';
import { isoWeekSchema } from './reports';

const int = z.number().int();

export const SCORECARD = ['identityVerified', 'readsDone', 'notesAdequate'] as const;
export const scorecardSchema = z.strictObject({
  identityVerified: z.boolean(),
  readsDone: z.boolean(),
  notesAdequate: z.boolean(),
});
export type Scorecard = z.infer<typeof scorecardSchema>;

export const sampleRowSchema = z.object({
  sampleId: int,
  recordId: int,
  taskId: int,
  loanNo: z.string(),
  borrowerName: z.string(),
  officer: z.string(),
  officerName: z.string(),
  type: taskTypeSchema,
  outcome: z.string(),
  finalizedAt: z.string(),
  result: z.enum(['pass', 'fail']).nullable(),
  scorecard: scorecardSchema.nullable(),
  comment: z.string().nullable(),
  reworkTaskId: int.nullable(),
});
export type SampleRow = z.infer<typeof sampleRowSchema>;

export const samplesViewSchema = z.object({
  week: isoWeekSchema,
  /** Share of each officer's records drawn (the `sampleRate` setting). */
  rate: z.number(),
  officers: z.array(z.object({ officer: z.string(), officerName: z.string(), records: int, sampled: int })),
  rows: z.array(sampleRowSchema),
});
export type SamplesView = z.infer<typeof samplesViewSchema>;

export const scoreInputSchema = z
  .strictObject({
    sampleId: int.positive(),
    result: z.enum(['pass', 'fail']),
    scorecard: scorecardSchema,
    comment: freeTextSchema(1000).trim().default(''),
  })
  // A fail needs a reason the officer can act on; a pass cannot have a failed check.
  .refine((s) => s.result === 'pass' || visibleLength(s.comment) >= 2, {
    message: 'errors.failNeedsComment',
    path: ['comment'],
  })
  .refine((s) => s.result === 'fail' || Object.values(s.scorecard).every(Boolean), {
    message: 'errors.passWithFailedCheck',
    path: ['scorecard'],
  });

export const samplesChannels = {
  'samples.view': channel({
    input: z.strictObject({ week: isoWeekSchema }),
    output: samplesViewSchema,
    role: 'manager',
  }),
  'samples.draw': channel({
    input: z.strictObject({ week: isoWeekSchema }),
    output: z.object({ drawn: z.number().int() }),
    role: 'manager',
  }),
  'samples.score': channel({
    input: scoreInputSchema,
    output: z.object({ reworkTaskId: z.number().int().nullable() }),
    role: 'manager',
  }),
} as const;
