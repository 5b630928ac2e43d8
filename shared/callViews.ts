/**
 * Output shapes of the call, record and loan-file channels (the IPC contract imports them).
 * Personal data in them is masked; full ID and phone numbers only come from `pii.reveal`.
 */
import { z } from 'zod';
import {
  callRulesSchema,
  checklistEntrySchema,
  draftStateSchema,
  itemResultSchema,
  outcomeSchema,
} from './domain/calls';
import { taskStatusSchema, taskTypeSchema } from './domain/taskRules';
import { scriptSchema } from './scripts/schema';
import { reasonSchema } from './text';

const int = z.number().int();

export const partyViewSchema = z.object({
  id: int,
  role: z.enum(['borrower', 'co_borrower', 'guarantor']),
  name: z.string(),
  idNumber: z.string(),
  phone: z.string(),
  employer: z.string().nullable(),
  position: z.string().nullable(),
  monthlyIncomeCents: int.nullable(),
});
export type PartyViewShape = z.infer<typeof partyViewSchema>;

export const loanViewSchema = z.object({
  id: int,
  loanNo: z.string(),
  amountCents: int,
  termMonths: int,
  annualRate: z.number(),
  monthlyPaymentCents: int.nullable(),
  repaymentDay: int.nullable(),
  repaymentAccount: z.string().nullable(),
  approvalDate: z.string(),
  disbursementDate: z.string().nullable(),
  propertyAddress: z.string(),
  propertyCertificateNo: z.string().nullable(),
  appraisedValueCents: int.nullable(),
  downPaymentCents: int.nullable(),
});
export type LoanViewShape = z.infer<typeof loanViewSchema>;

const onFileSchema = z.record(z.string(), z.array(z.object({ field: z.string(), value: z.string() })));

export const attemptViewSchema = z.object({
  id: int,
  taskId: int,
  startedAt: z.string(),
  durationS: int.nullable(),
  outcome: outcomeSchema,
  note: z.string().nullable(),
  bookedAt: z.string().nullable(),
  officer: z.string(),
  outsideHours: z.boolean(),
});
export type AttemptViewShape = z.infer<typeof attemptViewSchema>;

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

export const flagViewSchema = z.object({
  id: int,
  loanNo: z.string(),
  taskId: int.nullable(),
  recordId: int.nullable(),
  code: z.string(),
  item: z.string().nullable(),
  partyId: int.nullable(),
  severity: z.enum(['high', 'medium', 'low']),
  status: z.string(),
  note: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});

export const loanFileSchema = z.object({
  loan: loanViewSchema,
  parties: z.array(partyViewSchema),
  tasks: z.array(
    z.object({
      taskId: int,
      type: taskTypeSchema,
      status: taskStatusSchema,
      windowStart: z.string(),
      dueBy: z.string(),
      attempts: int,
      assigneeName: z.string().nullable(),
      bookedAt: z.string().nullable(),
      completedAt: z.string().nullable(),
      escalationReason: z.string().nullable(),
    }),
  ),
  attempts: z.array(attemptViewSchema),
  records: z.array(z.object({ taskId: int, type: taskTypeSchema, versions: z.array(recordVersionSchema) })),
  flags: z.array(flagViewSchema),
  events: z.array(
    z.object({
      at: z.string(),
      actor: z.string(),
      kind: z.string(),
      field: z.string().nullable(),
      fromValue: z.string().nullable(),
      toValue: z.string().nullable(),
    }),
  ),
});
export type LoanFile = z.infer<typeof loanFileSchema>;

export const amendInputSchema = z.strictObject({
  taskId: int.positive(),
  expectedVersion: int.positive(),
  items: z.record(z.string().max(100), checklistEntrySchema),
  reason: reasonSchema(500),
});
