/**
 * The manager's review desk (复核): what the review queue shows, the decisions a manager can take
 * on a risk flag or an escalated task, append-only comments, and quality sampling of finalized
 * records with a pass/fail scorecard. Shared by the main side, the renderer and the CLI.
 */
import { z } from 'zod';
import { recordVersionSchema } from './callViews';
import { isoWeekSchema } from './reports';
import { taskTypeSchema } from './domain/taskRules';
import { freeTextSchema, reasonSchema, visibleLength } from './text';

const int = z.number().int();

export const DECISIONS = ['confirmed_risk', 'field_visit', 'false_alarm', 'needs_recall'] as const;
export const decisionSchema = z.enum(DECISIONS);
export type Decision = z.infer<typeof decisionSchema>;

/** A review queue entry is either a risk flag or an escalated task. */
export const reviewKindSchema = z.enum(['flag', 'task']);
export type ReviewKind = z.infer<typeof reviewKindSchema>;
export const reviewRefSchema = z.strictObject({ kind: reviewKindSchema, id: int.positive() });
export type ReviewRef = z.infer<typeof reviewRefSchema>;

export const reviewRowSchema = z.object({
  kind: reviewKindSchema,
  id: int,
  /** Flag code (mismatch, down_payment_loan, …) or the escalation reason (exhausted, refused, invalid_number). */
  code: z.string(),
  item: z.string().nullable(),
  severity: z.enum(['high', 'medium', 'low']),
  loanNo: z.string(),
  /** Masked. */
  borrowerName: z.string(),
  taskId: int.nullable(),
  taskType: taskTypeSchema.nullable(),
  officer: z.string().nullable(),
  officerName: z.string().nullable(),
  createdAt: z.string(),
  /** Whole days since it was raised (Asia/Shanghai dates). */
  ageDays: int,
});
export type ReviewRow = z.infer<typeof reviewRowSchema>;

export const reviewQueueInputSchema = z.strictObject({
  kind: reviewKindSchema.optional(),
  severity: z.enum(['high', 'medium', 'low']).optional(),
  limit: int.min(1).max(500).default(200),
  offset: int.min(0).default(0),
});

export const reviewCommentSchema = z.object({ id: int, by: z.string(), text: z.string(), at: z.string() });

export const reviewDetailSchema = z.object({
  row: reviewRowSchema,
  note: z.string().nullable(),
  /** The record of the task, current version: answers beside the values on file. */
  record: recordVersionSchema.nullable(),
  attempts: z.array(
    z.object({ at: z.string(), outcome: z.string(), officer: z.string(), note: z.string().nullable() }),
  ),
  comments: z.array(reviewCommentSchema),
  decision: z
    .object({
      decision: decisionSchema,
      comment: z.string(),
      by: z.string(),
      at: z.string(),
      createdTaskId: int.nullable(),
    })
    .nullable(),
});
export type ReviewDetail = z.infer<typeof reviewDetailSchema>;

const commentText = reasonSchema(1000, 'errors.commentTooShort');
export const decideInputSchema = z.strictObject({
  kind: reviewKindSchema,
  id: int.positive(),
  decision: decisionSchema,
  comment: commentText,
});
export const commentInputSchema = z.strictObject({ kind: reviewKindSchema, id: int.positive(), text: commentText });

// ---- Quality sampling -------------------------------------------------------------------------

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
