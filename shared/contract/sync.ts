/**
 * The `sync.*` channels and sync to head office: the bundle format `callback-desk-sync/1` (manifest
 * and entry shapes, the file name), the acknowledgement receipt, and what the 同步 page shows.
 * docs/sync-format.md describes the same format for head office.
 */
import { z } from 'zod';
import { appErrorSchema } from '../result';
import { channel, empty, fileOutSchema, jobInput } from './channel';

export const SYNC_FORMAT = 'callback-desk-sync/1';
export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'manifest.sig';
export const ENTRIES_FILE = 'records.ndjson';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const seqSchema = z.number().int().positive();

export const manifestSchema = z.strictObject({
  format: z.literal(SYNC_FORMAT),
  bundleId: z.uuid(),
  branchCode: z.string().regex(/^[A-Za-z0-9]{2,16}$/),
  createdAt: z.iso.datetime(),
  fromSeq: seqSchema,
  toSeq: seqSchema,
  entries: z.number().int().positive(),
  counts: z.record(z.string().regex(/^[a-z_]{1,32}$/), z.number().int().positive()),
  files: z.record(z.string().min(1).max(128), z.strictObject({ sha256: hex64, bytes: z.number().int().min(0) })),
  keyId: hex64,
});
export type Manifest = z.infer<typeof manifestSchema>;

/** One line of records.ndjson: one outbox entry. */
export const entrySchema = z.strictObject({
  seq: seqSchema,
  entity: z.string().regex(/^[a-z_]{1,32}$/),
  op: z.enum(['create', 'update', 'amend']),
  id: z.string().min(1),
  at: z.iso.datetime(),
  data: z.record(z.string(), z.unknown()),
});
export type SyncEntry = z.infer<typeof entrySchema>;

/** `<branchCode>-<fromSeq>-<toSeq>-<bundleId>.zip` */
export const bundleFileName = (branchCode: string, fromSeq: number, toSeq: number, bundleId: string) =>
  `${branchCode}-${fromSeq}-${toSeq}-${bundleId}.zip`;
export const BUNDLE_FILE_RE = /^([A-Za-z0-9]{2,16})-(\d+)-(\d+)-([0-9a-f-]{36})\.zip$/;

/** What head office hands back for a bundle delivered by file (`sync ack <receipt.json>`). */
export const receiptSchema = z.object({ bundleId: z.uuid(), receivedAt: z.iso.datetime({ offset: true }) });
export type Receipt = z.infer<typeof receiptSchema>;

/** Why a bundle fails verification; each has a plain-language message `sync.verify.<reason>`. */
export const VERIFY_REASONS = [
  'not_zip',
  'too_large',
  'unsafe_name',
  'duplicate_name',
  'missing_file',
  'extra_file',
  'malformed_manifest',
  'wrong_key',
  'bad_signature',
  'size_mismatch',
  'hash_mismatch',
  'malformed_entry',
  'sequence_mismatch',
  'count_mismatch',
  'name_mismatch',
] as const;
export type VerifyReason = (typeof VERIFY_REASONS)[number];

export const BUNDLE_STATUSES = ['planned', 'exported', 'acknowledged', 'conflict', 'failed'] as const;
export const bundleStatusSchema = z.enum(BUNDLE_STATUSES);
export type BundleStatus = z.infer<typeof bundleStatusSchema>;

export const SYNC_OUTCOMES = ['ok', 'nothing', 'conflict', 'rejected', 'unreachable', 'cancelled', 'error'] as const;
export const syncOutcomeSchema = z.enum(SYNC_OUTCOMES);
export type SyncOutcome = z.infer<typeof syncOutcomeSchema>;

export const bundleViewSchema = z.object({
  bundleId: z.string(),
  fileName: z.string(),
  fromSeq: z.number().int(),
  toSeq: z.number().int(),
  entries: z.number().int(),
  status: bundleStatusSchema,
  createdAt: z.string(),
  exportedAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  ackVia: z.enum(['upload', 'receipt']).nullable(),
  lastError: z.string().nullable(),
});
export type BundleView = z.infer<typeof bundleViewSchema>;

export const syncRunViewSchema = z.object({
  kind: z.enum(['export', 'push', 'ack']),
  actor: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  outcome: syncOutcomeSchema.nullable(),
  bundles: z.number().int(),
  entries: z.number().int(),
  target: z.string().nullable(),
  /** Why the run stopped: an i18n key with its parameters. */
  error: z.object({ message: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) }).nullable(),
});
export type SyncRunView = z.infer<typeof syncRunViewSchema>;

export const syncJobSchema = z.object({
  jobId: z.string(),
  kind: z.enum(['export', 'push']),
  phase: z.enum(['running', 'done', 'failed', 'cancelled']),
  /** Bundles finished and in all. */
  done: z.number().int(),
  total: z.number().int(),
  /** While a push waits to retry: which try comes next. */
  retry: z.object({ attempt: z.number().int(), of: z.number().int() }).nullable(),
  outcome: syncOutcomeSchema.nullable(),
  bundles: z.array(z.object({ bundleId: z.string(), file: z.string(), entries: z.number().int() })),
  error: appErrorSchema.nullable(),
});
export type SyncJobView = z.infer<typeof syncJobSchema>;

export const syncViewSchema = z.object({
  branchCode: z.string().nullable(),
  keyId: z.string().nullable(),
  /** Outbox entries not yet acknowledged by head office. */
  pending: z.number().int(),
  lastSeq: z.number().int(),
  maxEntries: z.number().int(),
  target: z.object({ url: z.string(), tokenSet: z.boolean() }),
  exportDir: z.string(),
  lastExport: syncRunViewSchema.nullable(),
  lastUpload: syncRunViewSchema.nullable(),
  bundles: z.array(bundleViewSchema),
  job: syncJobSchema.nullable(),
});
export type SyncView = z.infer<typeof syncViewSchema>;

export const syncTargetInputSchema = z.strictObject({
  url: z.union([z.literal(''), z.url({ protocol: /^https?$/ }).max(500)]),
  /** A new token; omitted keeps the stored one, '' removes it. */
  token: z.string().max(4096).optional(),
});

export const syncChannels = {
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
} as const;
