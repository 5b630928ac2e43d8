/**
 * Builds the bytes of one sync bundle (format `callback-desk-sync/1`) from its frozen outbox
 * range: records.ndjson, manifest.json with hashes and counts, manifest.sig (Ed25519 over the
 * manifest's exact bytes), zipped with fflate. Everything is derived from stored rows (entries,
 * bundle id, creation time) and ZIP times are fixed, so building a bundle again gives the same
 * bytes: head office can tell a resend from a different bundle.
 */
import { createHash, sign } from 'node:crypto';
import { zipSync } from 'fflate';
import {
  bundleFileName,
  ENTRIES_FILE,
  MANIFEST_FILE,
  SIGNATURE_FILE,
  SYNC_FORMAT,
  type Manifest,
} from '../../../shared/sync';
import { stmt, type Db } from '../db/open';
import type { SigningKey } from './keys';

export interface BundleRow {
  id: string;
  from_seq: number;
  to_seq: number;
  entries: number;
  created_at: string;
  status: string;
  file_name: string;
}

export interface BuiltBundle {
  fileName: string;
  bytes: Uint8Array<ArrayBuffer>;
  sha256: string;
  manifest: Manifest;
}

const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

/**
 * A Date whose local-time fields are the Asia/Shanghai wall time of `iso`: fflate writes ZIP
 * times from local fields, and this keeps them the same whatever the machine's time zone.
 */
function zipTime(iso: string): Date {
  const sh = new Date(new Date(iso).getTime() + 8 * 3_600_000);
  return new Date(
    sh.getUTCFullYear(),
    sh.getUTCMonth(),
    sh.getUTCDate(),
    sh.getUTCHours(),
    sh.getUTCMinutes(),
    sh.getUTCSeconds(),
  );
}

/** records.ndjson for a range, one outbox entry per line, and the count per entity. */
export function entriesText(db: Db, fromSeq: number, toSeq: number): { text: string; counts: Record<string, number> } {
  const counts: Record<string, number> = {};
  const lines: string[] = [];
  const rows = stmt<
    [number, number],
    { seq: number; entity: string; op: string; entity_id: string; at: string; data: string }
  >(db, 'SELECT seq, entity, op, entity_id, at, data FROM outbox WHERE seq BETWEEN ? AND ? ORDER BY seq');
  for (const r of rows.iterate(fromSeq, toSeq)) {
    counts[r.entity] = (counts[r.entity] ?? 0) + 1;
    // `data` is stored as JSON text already; splicing it in keeps the bytes stable.
    lines.push(
      `{"seq":${r.seq},"entity":${JSON.stringify(r.entity)},"op":${JSON.stringify(r.op)},"id":${JSON.stringify(r.entity_id)},"at":${JSON.stringify(r.at)},"data":${r.data}}\n`,
    );
  }
  return {
    text: lines.join(''),
    counts: Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1))),
  };
}

export function buildBundle(db: Db, b: BundleRow, branchCode: string, key: SigningKey): BuiltBundle {
  const { text, counts } = entriesText(db, b.from_seq, b.to_seq);
  const entries = Object.values(counts).reduce((a, n) => a + n, 0);
  if (entries !== b.entries) throw new Error(`bundle ${b.id}: ${entries} entries found, ${b.entries} planned`);
  const payload = Buffer.from(text, 'utf8');
  const manifest: Manifest = {
    format: SYNC_FORMAT,
    bundleId: b.id,
    branchCode,
    createdAt: b.created_at,
    fromSeq: b.from_seq,
    toSeq: b.to_seq,
    entries,
    counts,
    files: { [ENTRIES_FILE]: { sha256: sha256(payload), bytes: payload.length } },
    keyId: key.keyId,
  };
  const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  const signature = Buffer.from(sign(null, manifestBytes, key.privateKey).toString('base64'), 'ascii');
  const mtime = zipTime(b.created_at);
  const bytes = zipSync(
    {
      [MANIFEST_FILE]: [manifestBytes, { level: 0 }],
      [SIGNATURE_FILE]: [signature, { level: 0 }],
      [ENTRIES_FILE]: [payload, { level: 6 }],
    },
    { mtime },
  );
  return {
    fileName: bundleFileName(branchCode, b.from_seq, b.to_seq, b.id),
    bytes,
    sha256: sha256(bytes),
    manifest,
  };
}
