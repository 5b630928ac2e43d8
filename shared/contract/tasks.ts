/**
 * The `tasks.*` channels: the work queue (tabs, rows, counts), taking, assigning and event tasks.
 * Also the attempt view (one dial on a task), which both the call screen (`calls.ts`) and the loan
 * file (`loans.ts`) list: it sits here, below both, because `calls.ts` already imports `loans.ts`
 * and a cycle between slug files would leave schemas undefined at load.
 */
import { z } from 'zod';
import { outcomeSchema } from '../domain/calls';
import { eventTaskInputSchema, taskStatusSchema, taskTypeSchema } from '../domain/taskRules';
import { channel } from './channel';

export const QUEUE_TABS = ['today', 'overdue', 'due_soon', 'booked', 'done', 'all'] as const;
export const queueTabSchema = z.enum(QUEUE_TABS);
export type QueueTabName = z.infer<typeof queueTabSchema>;

export const taskRowSchema = z.object({
  taskId: z.number().int(),
  loanNo: z.string(),
  type: taskTypeSchema,
  windowStart: z.string(),
  dueBy: z.string(),
  status: taskStatusSchema,
  assignee: z.string().nullable(),
  assigneeName: z.string().nullable(),
  attempts: z.number().int(),
  warnings: z.array(z.string()),
  bookedAt: z.string().nullable(),
  reason: z.object({ kind: z.string(), text: z.string() }).nullable(),
  borrowerName: z.string(),
  phone: z.string(),
  overdue: z.boolean(),
});
export type TaskRowView = z.infer<typeof taskRowSchema>;

/** How many tasks each queue tab holds (the queue's tabs and the 工作台's own counts). */
export const tabCountsSchema = z.object(
  Object.fromEntries(QUEUE_TABS.map((t) => [t, z.number().int()])) as Record<QueueTabName, z.ZodNumber>,
);
const taskIdsSchema = z.array(z.number().int().positive()).min(1).max(50_000);
const usernameSchema = z.string().trim().min(1).max(64);

const int = z.number().int();

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

export const tasksChannels = {
  'tasks.queue': channel({
    input: z.strictObject({
      tab: queueTabSchema,
      type: taskTypeSchema.optional(),
      status: taskStatusSchema.optional(),
      /** Officers always see their own tasks and the pool; managers may pick `pool`, an officer or all. */
      assignee: z.union([z.enum(['mine_or_pool', 'mine', 'pool', 'all']), usernameSchema]).default('mine_or_pool'),
      search: z.string().trim().max(64).optional(),
      offset: z.number().int().min(0).max(10_000_000).default(0),
      limit: z.number().int().min(1).max(50_000).default(5000),
    }),
    output: z.object({
      asOf: z.string(),
      total: z.number().int(),
      rows: z.array(taskRowSchema),
      counts: tabCountsSchema,
    }),
    role: 'officer',
  }),
  'tasks.take': channel({
    input: z.strictObject({ taskIds: taskIdsSchema }),
    output: z.object({ taken: z.number().int() }),
    role: 'officer',
  }),
  'tasks.assign': channel({
    input: z.strictObject({ taskIds: taskIdsSchema, assignee: usernameSchema.nullable() }),
    output: z.object({ assigned: z.number().int() }),
    role: 'manager',
  }),
  'tasks.createEvent': channel({
    input: eventTaskInputSchema,
    output: z.object({ taskId: z.number().int() }),
    role: 'manager',
  }),
  'tasks.reassignAll': channel({
    input: z.strictObject({ from: usernameSchema, to: usernameSchema.nullable() }),
    output: z.object({ moved: z.number().int() }),
    role: 'manager',
  }),
} as const;
