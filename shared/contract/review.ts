/**
 * The `review.*` channels, the manager's review desk (复核): what the review queue shows, the
 * decisions a manager can take on a risk flag or an escalated task, append-only comments, and the
 * flag view the loan file lists. Shared by the main side, the renderer and the CLI.
 */
import { z } from 'zod';
import { taskTypeSchema } from '../domain/taskRules';
import { reasonSchema } from '../text';
import { channel } from './channel';
import { recordVersionSchema } from './records';

const int = z.number().int();

/** How serious a flag is (复核 sorts and filters by it). */
export const SEVERITIES = ['high', 'medium', 'low'] as const;
export const severitySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof severitySchema>;

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
  severity: severitySchema,
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
  severity: severitySchema.optional(),
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

/** A risk flag as the loan file lists it. */
export const flagViewSchema = z.object({
  id: int,
  loanNo: z.string(),
  taskId: int.nullable(),
  recordId: int.nullable(),
  code: z.string(),
  item: z.string().nullable(),
  partyId: int.nullable(),
  severity: severitySchema,
  status: z.string(),
  note: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});

export const reviewChannels = {
  'review.queue': channel({
    input: reviewQueueInputSchema,
    output: z.object({
      rows: z.array(reviewRowSchema),
      total: z.number().int(),
      flags: z.number().int(),
      tasks: z.number().int(),
    }),
    role: 'manager',
  }),
  'review.detail': channel({ input: reviewRefSchema, output: reviewDetailSchema, role: 'manager' }),
  'review.decide': channel({
    input: decideInputSchema,
    output: z.object({ reviewId: z.number().int(), createdTaskId: z.number().int().nullable() }),
    role: 'manager',
  }),
  'review.comment': channel({
    input: commentInputSchema,
    output: z.object({ commentId: z.number().int() }),
    role: 'manager',
  }),
} as const;
