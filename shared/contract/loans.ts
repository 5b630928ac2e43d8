/**
 * The `loans.*` channels: the loan list and its search-limit alerts, and the loan file (贷款档案)
 * with the loan and party views the call screen shows too. Personal data is masked; full ID and
 * phone numbers only come from `pii.reveal`.
 */
import { z } from 'zod';
import { taskStatusSchema, taskTypeSchema } from '../domain/taskRules';
import { channel } from './channel';
import { recordVersionSchema } from './records';
import { flagViewSchema } from './review';
import { attemptViewSchema } from './tasks';

const int = z.number().int();

export const loanRowSchema = z.object({
  loanNo: z.string(),
  borrowerName: z.string(),
  idNumber: z.string(),
  phone: z.string(),
  amountCents: z.number().int(),
  termMonths: z.number().int(),
  annualRate: z.number(),
  approvalDate: z.string(),
  disbursementDate: z.string().nullable(),
  propertyAddress: z.string(),
  coBorrowers: z.number().int(),
  guarantors: z.number().int(),
});
export type LoanRow = z.infer<typeof loanRowSchema>;

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
  records: z.array(
    z.object({
      taskId: int,
      type: taskTypeSchema,
      versions: z.array(recordVersionSchema),
      /** Whether the reader may amend it: the same rule `records.amend` enforces (records.ts `mayAmend`). */
      mayAmend: z.boolean(),
    }),
  ),
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

export const loansChannels = {
  'loans.list': channel({
    input: z.strictObject({
      search: z.string().trim().max(64).optional(),
      offset: z.number().int().min(0).max(10_000_000).default(0),
      limit: z.number().int().min(1).max(50_000).default(1000),
    }),
    output: z.object({ total: z.number().int(), rows: z.array(loanRowSchema) }),
    role: 'officer',
  }),
  /** Searches by full phone or ID number refused for going over the limit (`loanSearch.ts`), newest first. */
  'loans.searchAlerts': channel({
    input: z.strictObject({ days: z.number().int().min(1).max(90).default(7) }),
    output: z.array(
      z.object({
        at: z.string(),
        actor: z.string().nullable(),
        actorName: z.string().nullable(),
        kind: z.string(),
        searches: z.number().int(),
        limit: z.number().int(),
        windowMinutes: z.number().int(),
      }),
    ),
    role: 'manager',
  }),
  'loans.file': channel({
    input: z.strictObject({ loanNo: z.string().trim().min(1).max(40) }),
    output: loanFileSchema,
    role: 'officer',
  }),
} as const;
