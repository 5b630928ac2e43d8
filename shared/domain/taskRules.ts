/**
 * Callback task types and their scheduling rules (domain reference §1). Every interval is a
 * default an administrator can change in settings; the schema validates changes.
 */
import { z } from 'zod';
import { reasonSchema } from '../text';

export const TASK_TYPES = [
  'post_approval',
  'post_disbursement',
  'repayment_reminder',
  'collateral_revaluation',
  'event',
  'satisfaction',
] as const;
export const taskTypeSchema = z.enum(TASK_TYPES);
export type TaskType = z.infer<typeof taskTypeSchema>;

export const TASK_STATUSES = ['open', 'in_progress', 'completed', 'escalated', 'cancelled'] as const;
export const taskStatusSchema = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof taskStatusSchema>;
/** A task still to be worked: it can be dialled, taken and assigned. */
export const ACTIVE_STATUSES = ['open', 'in_progress'] as const satisfies readonly TaskStatus[];
export function isActiveStatus(status: TaskStatus): boolean {
  return (ACTIVE_STATUSES as readonly TaskStatus[]).includes(status);
}

/** What a manager gives for a 特殊情况回访: the loan, what happened, why, and optionally a due date. */
export const EVENT_KINDS = ['income_change', 'job_change', 'overdue', 'other'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export const eventTaskInputSchema = z.strictObject({
  loanNo: z.string().trim().min(1).max(40),
  kind: z.enum(EVENT_KINDS),
  reason: reasonSchema(200),
  /** Last day of the window (YYYY-MM-DD); default 7 days from today. */
  dueBy: z.iso.date().optional(),
});
export type EventTaskInput = z.infer<typeof eventTaskInputSchema>;

export const taskRulesSchema = z
  .object({
    /** Tasks are created once their window opens within this many days from today. */
    horizonDays: z.number().int().min(0).max(365),
    /** Tasks whose window closed more than this many days ago are not created (first import of old loans). */
    backfillDays: z.number().int().min(0).max(3650),
    postApproval: z.object({
      enabled: z.boolean(),
      startWorkingDay: z.number().int().min(1).max(60),
      dueWorkingDay: z.number().int().min(1).max(90),
    }),
    postDisbursement: z.object({
      enabled: z.boolean(),
      offsetsDays: z.array(z.number().int().min(1).max(3650)).min(1).max(12),
      windowDays: z.number().int().min(0).max(90),
    }),
    repaymentReminder: z.object({
      enabled: z.boolean(),
      daysBefore: z.number().int().min(0).max(30),
    }),
    collateralRevaluation: z.object({
      enabled: z.boolean(),
      everyMonths: z.number().int().min(1).max(120),
      windowDays: z.number().int().min(0).max(180),
    }),
    satisfaction: z.object({
      enabled: z.boolean(),
      samplePercent: z.number().min(0).max(100),
    }),
  })
  .refine((r) => r.postApproval.dueWorkingDay >= r.postApproval.startWorkingDay, {
    message: 'settings.dueBeforeStart',
    path: ['postApproval', 'dueWorkingDay'],
  });
export type TaskRules = z.infer<typeof taskRulesSchema>;

/**
 * The post-disbursement offsets as an officer types them: "30, 60, 90", "30，60，90", "30、60、90" or
 * "30 60 90", full-width digits too (any run of commas, enumeration commas or spaces separates them).
 * A piece that is not a number stays NaN, so the rules schema refuses it rather than dropping it.
 */
export function parseOffsets(text: string): number[] {
  return text
    .normalize('NFKC') // full-width digits and commas as typed with a Chinese IME
    .split(/[,、\s]+/)
    .filter(Boolean)
    .map(Number);
}

export const DEFAULT_TASK_RULES: TaskRules = {
  horizonDays: 30,
  backfillDays: 30,
  postApproval: { enabled: true, startWorkingDay: 7, dueWorkingDay: 15 },
  postDisbursement: { enabled: true, offsetsDays: [30, 60, 90], windowDays: 10 },
  repaymentReminder: { enabled: true, daysBefore: 3 },
  collateralRevaluation: { enabled: true, everyMonths: 12, windowDays: 30 },
  satisfaction: { enabled: true, samplePercent: 10 },
};
