/**
 * Builds the bytes of one sync bundle (format `callback-desk-sync/1`) from its frozen outbox
 * range: records.ndjson (streamed from SQLite through the compressor in 64 KiB chunks, so memory
 * does not grow with the bundle), manifest.json with hashes and counts, manifest.sig (Ed25519
 * over the manifest's exact bytes), zipped with fflate. Everything is derived from stored rows (entries,
 * bundle id, creation time) and ZIP times are fixed, so building a bundle again gives the same
 * bytes: head office can tell a resend from a different bundle.
 */
import { createHash, sign } from 'node:crypto';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import {
  bundleFileName,
  ENTRIES_FILE,
  MANIFEST_FILE,
  SIGNATURE_FILE,
  SYNC_FORMAT,
  type Manifest,
} from '../../../shared/contract/sync';
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

const CHUNK = 64 * 1024;

/**
 * Streams a range of the outbox as records.ndjson lines (one entry per line) into `sink` in
 * chunks of about 64 KiB, so a bundle never holds its whole payload in memory. Returns the count
 * per entity (sorted by name), the payload's SHA-256 and its size.
 */
export function streamEntries(
  db: Db,
  fromSeq: number,
  toSeq: number,
  sink: (chunk: Buffer) => void,
): { counts: Record<string, number>; sha256: string; bytes: number } {
  const counts: Record<string, number> = {};
  const hash = createHash('sha256');
  let bytes = 0;
  let pending: string[] = [];
  let pendingLength = 0;
  const flush = () => {
    if (pending.length === 0) return;
    const chunk = Buffer.from(pending.join(''), 'utf8');
    hash.update(chunk);
    bytes += chunk.length;
    sink(chunk);
    pending = [];
    pendingLength = 0;
  };
  const rows = stmt<
    [number, number],
    { seq: number; entity: string; op: string; entity_id: string; at: string; data: string }
  >(db, 'SELECT seq, entity, op, entity_id, at, data FROM outbox WHERE seq BETWEEN ? AND ? ORDER BY seq');
  for (const r of rows.iterate(fromSeq, toSeq)) {
    counts[r.entity] = (counts[r.entity] ?? 0) + 1;
    // `data` is stored as JSON text already; splicing it in keeps the bytes stable.
    const line = `{"seq":${r.seq},"entity":${JSON.stringify(r.entity)},"op":${JSON.stringify(r.op)},"id":${JSON.stringify(r.entity_id)},"at":${JSON.stringify(r.at)},"data":${r.data}}\n`;
    pending.push(line);
    pendingLength += line.length;
    if (pendingLength >= CHUNK) flush();
  }
  flush();
  return {
    counts: Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1))),
    sha256: hash.digest('hex'),
    bytes,
  };
}

export function buildBundle(db: Db, b: BundleRow, branchCode: string, key: SigningKey): BuiltBundle {
  const mtime = zipTime(b.created_at);
  const out: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((err, data) => {
    if (err) failure = err;
    else out.push(data);
  });
  // The entries first, compressed as they stream; the manifest (which needs their hash) after.
  const payload = new ZipDeflate(ENTRIES_FILE, { level: 6 });
  payload.mtime = mtime;
  zip.add(payload);
  const streamed = streamEntries(db, b.from_seq, b.to_seq, (chunk) => payload.push(chunk));
  payload.push(new Uint8Array(0), true);
  const entries = Object.values(streamed.counts).reduce((a, n) => a + n, 0);
  if (entries !== b.entries) throw new Error(`bundle ${b.id}: ${entries} entries found, ${b.entries} planned`);
  const manifest: Manifest = {
    format: SYNC_FORMAT,
    bundleId: b.id,
    branchCode,
    createdAt: b.created_at,
    fromSeq: b.from_seq,
    toSeq: b.to_seq,
    entries,
    counts: streamed.counts,
    files: { [ENTRIES_FILE]: { sha256: streamed.sha256, bytes: streamed.bytes } },
    keyId: key.keyId,
  };
  const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  const signature = Buffer.from(sign(null, manifestBytes, key.privateKey).toString('base64'), 'ascii');
  for (const [name, body] of [
    [MANIFEST_FILE, manifestBytes],
    [SIGNATURE_FILE, signature],
  ] as const) {
    const f = new ZipPassThrough(name);
    f.mtime = mtime;
    zip.add(f);
    f.push(body, true);
  }
  zip.end();
  if (failure) throw failure;
  const bytes = new Uint8Array(out.reduce((a, c) => a + c.length, 0));
  let at = 0;
  for (const c of out) {
    bytes.set(c, at);
    at += c.length;
  }
  return {
    fileName: bundleFileName(branchCode, b.from_seq, b.to_seq, b.id),
    bytes,
    sha256: sha256(bytes),
    manifest,
  };
}
