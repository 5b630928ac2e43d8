/**
 * The IPC contract: every channel with its zod input and output schemas and the least role that
 * may call it. The Electron main process, the preload bridge and the browser harness are all
 * built from this one table (DESIGN.md §3).
 */
import { z } from 'zod';
import { appErrorSchema, type Result } from './result';
import { roleSchema, type ChannelRole } from './roles';
import { amendInputSchema, callViewSchema, loanFileSchema } from './callViews';
import {
  commentInputSchema,
  decideInputSchema,
  reviewDetailSchema,
  reviewQueueInputSchema,
  reviewRefSchema,
  reviewRowSchema,
  samplesViewSchema,
  scoreInputSchema,
} from './review';
import { dashboardSchema, detailQuerySchema, detailRowSchema, isoWeekSchema } from './reports';
import { callRulesSchema, draftStateSchema, outcomeSchema } from './domain/calls';
import { syncTargetInputSchema, syncViewSchema } from './sync';
import {
  backupDescriptionSchema,
  backupEntrySchema,
  backupNameInputSchema,
  backupsViewSchema,
  recoveryStatusSchema,
  restoredSchema,
  restoreInputSchema,
} from './backup';
import { eventTaskInputSchema, taskRulesSchema, taskStatusSchema, taskTypeSchema } from './domain/taskRules';
import { freeTextSchema, reasonSchema } from './text';

export interface ChannelDef<
  I extends z.ZodType = z.ZodType,
  O extends z.ZodType = z.ZodType,
  R extends ChannelRole = ChannelRole,
> {
  input: I;
  output: O;
  role: R;
}

function channel<I extends z.ZodType, O extends z.ZodType, R extends ChannelRole>(
  def: ChannelDef<I, O, R>,
): ChannelDef<I, O, R> {
  return def;
}

const empty = z.strictObject({});

export const userViewSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
});
export type UserView = z.infer<typeof userViewSchema>;

export const sessionViewSchema = z.object({
  user: userViewSchema.nullable(),
  locked: z.boolean(),
  idleLockMinutes: z.number().int().positive(),
  branch: z.object({ code: z.string(), name: z.string() }).nullable(),
});
export type SessionView = z.infer<typeof sessionViewSchema>;

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

export const credentialsSchema = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

const importIssueSchema = z.object({
  row: z.number().int(),
  column: z.string(),
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

export const importSummarySchema = z.object({
  fileName: z.string(),
  sha256: z.string(),
  bytes: z.number().int(),
  format: z.enum(['csv', 'xlsx']).nullable(),
  encoding: z.string().nullable(),
  columns: z.array(z.object({ written: z.string(), key: z.string().nullable() })),
  fileErrors: z.array(importIssueSchema),
  rowsTotal: z.number().int(),
  validRows: z.number().int(),
  rejectedRows: z.number().int(),
  errorCount: z.number().int(),
  errors: z.array(importIssueSchema),
  counts: z.object({ new: z.number().int(), updated: z.number().int(), unchanged: z.number().int() }),
  preview: z.array(
    z.object({ row: z.number().int(), cells: z.array(z.string()), invalid: z.record(z.string(), z.string()) }),
  ),
});
export type ImportSummary = z.infer<typeof importSummarySchema>;

export const importResultSchema = z.object({
  importId: z.number().int(),
  imported: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
});

export const importStatusSchema = z.object({
  phase: z.enum(['reading', 'ready', 'committing', 'done', 'failed', 'cancelled']),
  fileName: z.string(),
  progress: z.object({ bytesRead: z.number().int(), totalBytes: z.number().int(), rows: z.number().int() }),
  summary: importSummarySchema.nullable(),
  result: importResultSchema.nullable(),
  failure: appErrorSchema.nullable(),
});
export type ImportStatus = z.infer<typeof importStatusSchema>;

export const importRecordSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  fileName: z.string(),
  sha256: z.string(),
  format: z.string(),
  encoding: z.string().nullable(),
  rowsTotal: z.number().int(),
  imported: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  skipInvalid: z.boolean(),
});
export type ImportRecordView = z.infer<typeof importRecordSchema>;

/** Loans whose names or address hold U+FFFD (damaged by XLSX imports before the reader was fixed). */
export const damagedTextSchema = z.object({ loans: z.number().int().nonnegative(), examples: z.array(z.string()) });
export type DamagedTextView = z.infer<typeof damagedTextSchema>;

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

const tabCountsSchema = z.object(
  Object.fromEntries(QUEUE_TABS.map((t) => [t, z.number().int()])) as Record<QueueTabName, z.ZodNumber>,
);
const taskIdsSchema = z.array(z.number().int().positive()).min(1).max(50_000);
const usernameSchema = z.string().trim().min(1).max(64);

const languageSchema = z.enum(['zh-CN', 'en']);
const fileOutSchema = z.object({ fileName: z.string(), base64: z.string() });
const jobInput = z.strictObject({ jobId: z.uuid() });
const taskInput = z.strictObject({ taskId: z.number().int().positive() });

export const contract = {
  'auth.session': channel({ input: empty, output: sessionViewSchema, role: 'public' }),
  'auth.login': channel({ input: credentialsSchema, output: sessionViewSchema, role: 'public' }),
  'auth.logout': channel({ input: empty, output: sessionViewSchema, role: 'public' }),
  'auth.lock': channel({ input: empty, output: sessionViewSchema, role: 'officer' }),
  'auth.unlock': channel({
    input: z.strictObject({ password: z.string().min(1).max(256) }),
    output: sessionViewSchema,
    role: 'public',
  }),
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
  'users.list': channel({ input: empty, output: z.array(userViewSchema), role: 'manager' }),
  'imports.upload': channel({
    input: z.strictObject({
      uploadId: z.uuid().optional(),
      fileName: z.string().trim().min(1).max(255),
      chunk: z.base64().max(1_000_000),
      last: z.boolean(),
    }),
    output: z.object({ uploadId: z.string(), receivedBytes: z.number().int() }),
    role: 'manager',
  }),
  'imports.analyse': channel({
    input: z.strictObject({ uploadId: z.uuid() }),
    output: z.object({ jobId: z.string() }),
    role: 'manager',
  }),
  'imports.status': channel({ input: jobInput, output: importStatusSchema, role: 'manager' }),
  'imports.commit': channel({
    input: z.strictObject({ jobId: z.uuid(), skipInvalid: z.boolean() }),
    output: importResultSchema,
    role: 'manager',
  }),
  'imports.cancel': channel({ input: jobInput, output: z.object({}), role: 'manager' }),
  'imports.rejects': channel({
    input: z.strictObject({ jobId: z.uuid(), language: languageSchema }),
    output: fileOutSchema,
    role: 'manager',
  }),
  'imports.template': channel({
    input: z.strictObject({ format: z.enum(['csv', 'xlsx']), language: languageSchema }),
    output: fileOutSchema,
    role: 'manager',
  }),
  'imports.list': channel({ input: empty, output: z.array(importRecordSchema), role: 'manager' }),
  'imports.damagedText': channel({ input: empty, output: damagedTextSchema, role: 'manager' }),
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
  'settings.taskRules': channel({ input: empty, output: taskRulesSchema, role: 'manager' }),
  'settings.setTaskRules': channel({
    input: z.strictObject({ rules: taskRulesSchema }),
    output: z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() }),
    role: 'admin',
  }),
  'settings.callRules': channel({ input: empty, output: callRulesSchema, role: 'manager' }),
  'settings.setCallRules': channel({
    input: z.strictObject({ rules: callRulesSchema }),
    output: callRulesSchema,
    role: 'admin',
  }),
  'calendar.status': channel({
    input: empty,
    output: z.object({ years: z.array(z.number().int()), missing: z.array(z.number().int()) }),
    role: 'manager',
  }),
  'calendar.import': channel({
    input: z.strictObject({ fileName: z.string().trim().min(1).max(255), content: z.base64().max(2_000_000) }),
    output: z.object({
      years: z.array(z.number().int()),
      days: z.number().int(),
      errors: z.array(z.object({ row: z.number().int(), column: z.string(), code: z.string() })),
    }),
    role: 'admin',
  }),
  'workbench.summary': channel({
    input: empty,
    output: z.object({
      asOf: z.string(),
      mine: tabCountsSchema,
      pool: z.number().int(),
      bookedSoon: z.array(taskRowSchema),
      calendarMissing: z.array(z.number().int()),
    }),
    role: 'officer',
  }),
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
  'records.amend': channel({
    input: amendInputSchema,
    output: z.object({ recordId: z.number().int(), version: z.number().int(), outcome: outcomeSchema }),
    role: 'officer',
  }),
  'loans.file': channel({
    input: z.strictObject({ loanNo: z.string().trim().min(1).max(40) }),
    output: loanFileSchema,
    role: 'officer',
  }),
  'pii.reveal': channel({
    input: z.strictObject({
      partyId: z.number().int().positive(),
      field: z.enum(['idNumber', 'phone']),
      reason: reasonSchema(200),
    }),
    output: z.object({ value: z.string() }),
    role: 'officer',
  }),
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
  'sync.status': channel({ input: empty, output: syncViewSchema, role: 'manager' }),
  'sync.export': channel({
    input: z.strictObject({ dir: z.string().trim().min(1).max(1024) }),
    output: z.object({ jobId: z.string() }),
    role: 'manager',
  }),
  'sync.push': channel({ input: empty, output: z.object({ jobId: z.string() }), role: 'manager' }),
  'sync.cancel': channel({ input: jobInput, output: z.object({}), role: 'manager' }),
  'sync.ack': channel({
    input: z.strictObject({ receipt: z.string().min(1).max(10_000) }),
    output: z.object({ bundleId: z.string(), receivedAt: z.string(), already: z.boolean() }),
    role: 'manager',
  }),
  'sync.publicKey': channel({ input: empty, output: fileOutSchema, role: 'manager' }),
  'sync.setTarget': channel({ input: syncTargetInputSchema, output: syncViewSchema, role: 'admin' }),
  'backup.list': channel({ input: empty, output: backupsViewSchema, role: 'admin' }),
  'backup.create': channel({ input: empty, output: backupEntrySchema, role: 'admin' }),
  'backup.describe': channel({ input: backupNameInputSchema, output: backupDescriptionSchema, role: 'admin' }),
  'backup.restore': channel({ input: restoreInputSchema, output: restoredSchema, role: 'admin' }),
  // Answered only in recovery mode (runtime.ts), before anyone can sign in to a damaged file.
  'recovery.status': channel({ input: empty, output: recoveryStatusSchema, role: 'public' }),
  'recovery.restore': channel({ input: backupNameInputSchema, output: restoredSchema, role: 'public' }),
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export const CHANNELS = Object.keys(contract) as Channel[];

export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ChannelParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;
/** Who calls a channel, as the dispatcher resolved it: the signed-in user, or null on a public channel. */
export type ChannelActor<C extends Channel> = Contract[C]['role'] extends 'public' ? UserView | null : UserView;

/** What `window.api` looks like in the renderer: one function per channel. */
export type Api = {
  [C in Channel]: (input: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>;
};

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

export { buildApi, ipcChannelName } from './channels';
