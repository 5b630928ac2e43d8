/**
 * The `reports.*` channels and the weekly metrics of the domain reference §5 as one typed shape,
 * shared by the manager's dashboard, the weekly XLSX/CSV export and `report weekly --json` (one
 * computation, one answer). Weeks are ISO weeks (Monday–Sunday) in Asia/Shanghai, written `YYYY-Www`.
 */
import { z } from 'zod';
import { outcomeSchema } from '../domain/calls';
import { taskTypeSchema } from '../domain/taskRules';
import { channel, fileOutSchema, languageSchema } from './channel';

export const isoWeekSchema = z.string().regex(/^[1-9]\d{3}-W(0[1-9]|[1-4]\d|5[0-3])$/, 'errors.weekFormat');

const int = z.number().int().min(0);
/**
 * A rate with its parts; `rate` is null when the denominator is 0 (shown as "—"). No upper bound:
 * the completion rate compares two different sets of tasks (finalized this week / window closed
 * this week) and exceeds 1 in a week that clears a backlog.
 */
export const rateSchema = z.object({ numerator: int, denominator: int, rate: z.number().min(0).nullable() });
export type Rate = z.infer<typeof rateSchema>;

/** The metrics of one slice (the branch, one officer or one task type) for one week. */
export const metricsSchema = z.object({
  completion: rateSchema,
  onTime: rateSchema,
  rightParty: rateSchema,
  /** Attempts in the week per record finalized in the week; null without records. */
  attemptsPerCompletion: z.object({ attempts: int, records: int, value: z.number().nullable() }),
  discrepancy: rateSchema,
  overdue: int,
  escalations: int,
  /** Seconds; null when no attempt carried a duration. */
  averageHandleSeconds: z.number().nullable(),
});
export type Metrics = z.infer<typeof metricsSchema>;

export const weeklyMetricsSchema = z.object({
  week: isoWeekSchema,
  /** Monday and Sunday of the week (YYYY-MM-DD, Asia/Shanghai). */
  from: z.string(),
  to: z.string(),
  branch: metricsSchema,
  /** One row per officer with any work in the week; `officer: null` is the branch pool. */
  byOfficer: z.array(
    z.object({ officer: z.string().nullable(), displayName: z.string().nullable(), metrics: metricsSchema }),
  ),
  byType: z.array(z.object({ type: taskTypeSchema, metrics: metricsSchema })),
});
export type WeeklyMetrics = z.infer<typeof weeklyMetricsSchema>;

export const OVERDUE_BUCKETS = ['1-3', '4-7', '8-14', '15+'] as const;
export const dashboardSchema = z.object({
  thisWeek: weeklyMetricsSchema,
  lastWeek: weeklyMetricsSchema,
  /** Oldest first: the 8 weeks ending with this week. */
  trend: z.array(z.object({ week: isoWeekSchema, completion: rateSchema, discrepancy: rateSchema })),
  /** Open tasks past their window today, by days past due. */
  overdueByAge: z.array(z.object({ bucket: z.enum(OVERDUE_BUCKETS), count: int })),
});
export type Dashboard = z.infer<typeof dashboardSchema>;

/** The rows behind a chart bar: records finalized in a week (the 明细 sheet), optionally narrowed. */
export const detailQuerySchema = z.strictObject({
  week: isoWeekSchema,
  officer: z.string().max(64).nullable().optional(),
  type: taskTypeSchema.optional(),
  discrepancyOnly: z.boolean().optional(),
});
export type DetailQuery = z.infer<typeof detailQuerySchema>;
export const detailRowSchema = z.object({
  recordId: z.number().int(),
  taskId: z.number().int(),
  loanNo: z.string(),
  /** Masked (张*). */
  borrowerName: z.string(),
  officer: z.string(),
  officerName: z.string(),
  type: taskTypeSchema,
  outcome: outcomeSchema,
  /** Checklist keys answered `mismatch` in the record's current version. */
  mismatches: z.array(z.string()),
  finalizedAt: z.string(),
});
export type DetailRow = z.infer<typeof detailRowSchema>;

export const reportsChannels = {
  'reports.dashboard': channel({
    input: z.strictObject({ week: isoWeekSchema.optional() }),
    output: dashboardSchema,
    role: 'manager',
  }),
  'reports.details': channel({
    input: detailQuerySchema,
    output: z.object({ rows: z.array(detailRowSchema), total: z.number().int() }),
    role: 'manager',
  }),
  'reports.weekly': channel({
    input: z.strictObject({ week: isoWeekSchema, format: z.enum(['xlsx', 'csv']), language: languageSchema }),
    output: fileOutSchema,
    role: 'manager',
  }),
} as const;
