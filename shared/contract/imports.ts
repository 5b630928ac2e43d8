/** The `imports.*` channels: upload, analyse and commit a loan list, its history and damaged-text notice. */
import { z } from 'zod';
import { appErrorSchema } from '../result';
import { channel, empty, fileOutSchema, jobInput, languageSchema } from './channel';

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

export const importsChannels = {
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
} as const;
