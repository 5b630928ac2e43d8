/**
 * The `calls.*` channels (open a task's call, start, save the draft, record an attempt, finalize,
 * report a new phone) and the call view they open with. Personal data in it is masked; full ID
 * and phone numbers only come from `pii.reveal`.
 */
import { z } from 'zod';
import { callRulesSchema, draftStateSchema, outcomeSchema } from '../domain/calls';
import { taskStatusSchema, taskTypeSchema } from '../domain/taskRules';
import { scriptSchema } from '../scripts/schema';
import { freeTextSchema } from '../text';
import { channel } from './channel';
import { loanViewSchema, partyViewSchema } from './loans';
import { recordVersionSchema } from './records';
import { attemptViewSchema } from './tasks';

const int = z.number().int();

const onFileSchema = z.record(z.string(), z.array(z.object({ field: z.string(), value: z.string() })));

export const callViewSchema = z.object({
  task: z.object({
    taskId: int,
    loanNo: z.string(),
    type: taskTypeSchema,
    status: taskStatusSchema,
    windowStart: z.string(),
    dueBy: z.string(),
    attempts: int,
    bookedAt: z.string().nullable(),
    retryAfter: z.string().nullable(),
    mine: z.boolean(),
    pool: z.boolean(),
  }),
  loan: loanViewSchema,
  parties: z.array(partyViewSchema),
  script: z.object({ id: int, key: z.string(), version: int, definition: scriptSchema }).nullable(),
  onFile: onFileSchema,
  draft: z.object({ startedAt: z.string(), updatedAt: z.string(), state: draftStateSchema.nullable() }).nullable(),
  draftByOther: z.boolean(),
  attempts: z.array(attemptViewSchema),
  check: z.object({
    allowed: z.boolean(),
    block: z.enum(['exhausted', 'another_day']).nullable(),
    warnings: z.array(z.enum(['outside_hours', 'retry_early'])),
    retryAfter: z.string().nullable(),
  }),
  rules: z.object({
    maxAttempts: int,
    minDistinctDays: int,
    callingHours: callRulesSchema.shape.callingHours,
    outcomes: callRulesSchema.shape.outcomes,
  }),
  officerName: z.string(),
  branchName: z.string(),
  records: z.array(recordVersionSchema),
  /** New phone numbers the borrower gave on this task's calls (新联系电话), masked. */
  newPhones: z.array(z.object({ id: int, phone: z.string(), reportedAt: z.string(), by: z.string() })),
});
export type CallView = z.infer<typeof callViewSchema>;

const taskInput = z.strictObject({ taskId: z.number().int().positive() });

export const callsChannels = {
  'calls.open': channel({ input: taskInput, output: callViewSchema, role: 'officer' }),
  'calls.start': channel({
    input: taskInput,
    output: z.object({ startedAt: z.string(), scriptId: z.number().int() }),
    role: 'officer',
  }),
  'calls.saveDraft': channel({
    input: z.strictObject({ taskId: z.number().int().positive(), state: draftStateSchema }),
    output: z.object({ savedAt: z.string() }),
    role: 'officer',
  }),
  'calls.discard': channel({ input: taskInput, output: z.object({}), role: 'officer' }),
  'calls.recordAttempt': channel({
    input: z.strictObject({
      taskId: z.number().int().positive(),
      outcome: outcomeSchema,
      note: freeTextSchema(2000).optional(),
      bookedAt: z.iso.datetime().nullable().optional(),
    }),
    output: z.object({ attemptId: z.number().int(), status: taskStatusSchema, retryAfter: z.string().nullable() }),
    role: 'officer',
  }),
  'calls.finalize': channel({
    input: z.strictObject({ taskId: z.number().int().positive(), state: draftStateSchema }),
    output: z.object({ recordId: z.number().int(), outcome: outcomeSchema, flags: z.number().int() }),
    role: 'officer',
  }),
  'calls.newPhone': channel({
    input: z.strictObject({ taskId: z.number().int().positive(), phone: z.string().trim().min(1).max(40) }),
    output: z.object({ id: z.number().int(), phone: z.string(), reportedAt: z.string(), by: z.string() }),
    role: 'officer',
  }),
} as const;
