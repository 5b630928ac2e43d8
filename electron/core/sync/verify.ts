/**
 * Verifies a sync bundle the way head office should: safe ZIP entry names, exactly the files the
 * manifest lists, the manifest's schema, the key id against the given public key, the Ed25519
 * signature over manifest.json's exact bytes, every file's size and SHA-256, and every entry
 * line against the manifest's range and counts. Used by `sync verify` and the test receiver.
 */
import { createHash, verify as verifySignature, type KeyObject } from 'node:crypto';
import { unzipSync } from 'fflate';
import {
  BUNDLE_FILE_RE,
  ENTRIES_FILE,
  entrySchema,
  MANIFEST_FILE,
  manifestSchema,
  SIGNATURE_FILE,
  type Manifest,
  type SyncEntry,
  type VerifyReason,
} from '../../../shared/contract/sync';
import { keyIdOf } from './keys';

/** Refuse to inflate more than this (a ZIP bomb, or not one of ours). */
const MAX_UNPACKED_BYTES = 1024 * 1024 * 1024;

export type VerifyResult =
  { valid: true; manifest: Manifest; entries: SyncEntry[] } | { valid: false; reason: VerifyReason; detail: string };

const bad = (reason: VerifyReason, detail = ''): VerifyResult => ({ valid: false, reason, detail });

/** Only plain file names: no folders, no `..`, no drive letters, no control characters. */
function unsafeName(name: string): boolean {
  return (
    name.length === 0 ||
    name.length > 128 ||
    /[/\\:]/.test(name) ||
    name === '.' ||
    name === '..' ||
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001f\u007f]/.test(name)
  );
}

export function verifyBundle(zip: Uint8Array, publicKey: KeyObject, fileName?: string): VerifyResult {
  const seen: string[] = [];
  let unpacked = 0;
  let files: Record<string, Uint8Array>;
  let refusal: VerifyResult | null = null;
  try {
    files = unzipSync(zip, {
      filter: (f) => {
        if (refusal) return false;
        if (unsafeName(f.name)) refusal = bad('unsafe_name', f.name.slice(0, 200));
        else if (seen.includes(f.name)) refusal = bad('duplicate_name', f.name);
        unpacked += f.originalSize;
        if (!refusal && unpacked > MAX_UNPACKED_BYTES) refusal = bad('too_large', String(unpacked));
        seen.push(f.name);
        return !refusal;
      },
    });
  } catch (e) {
    return refusal ?? bad('not_zip', (e as Error).message.slice(0, 200));
  }
  if (refusal) return refusal;
  for (const required of [MANIFEST_FILE, SIGNATURE_FILE]) if (!files[required]) return bad('missing_file', required);

  // The signature is checked first, over the raw bytes: any change to the manifest is reported
  // as a bad signature (or a wrong key when the manifest names another key), never as a schema quirk.
  const manifestBytes = files[MANIFEST_FILE]!;
  let raw: unknown = null;
  try {
    raw = JSON.parse(Buffer.from(manifestBytes).toString('utf8'));
  } catch {
    /* judged below */
  }
  const sig = Buffer.from(Buffer.from(files[SIGNATURE_FILE]!).toString('ascii').trim(), 'base64');
  if (sig.length !== 64 || !verifySignature(null, manifestBytes, publicKey, sig)) {
    const claimed = raw && typeof raw === 'object' ? (raw as { keyId?: unknown }).keyId : undefined;
    if (typeof claimed === 'string' && claimed !== keyIdOf(publicKey)) return bad('wrong_key', claimed.slice(0, 64));
    return bad('bad_signature');
  }
  if (raw === null) return bad('malformed_manifest', 'JSON');
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) return bad('malformed_manifest', parsed.error.issues[0]?.path.join('.') ?? '');
  const manifest: Manifest = parsed.data;
  if (manifest.keyId !== keyIdOf(publicKey)) return bad('wrong_key', manifest.keyId);

  const listed = Object.keys(manifest.files);
  for (const name of listed) {
    if (unsafeName(name)) return bad('unsafe_name', name);
    if (!files[name]) return bad('missing_file', name);
  }
  for (const name of seen)
    if (name !== MANIFEST_FILE && name !== SIGNATURE_FILE && !listed.includes(name)) return bad('extra_file', name);
  for (const name of listed) {
    const body = files[name]!;
    if (body.length !== manifest.files[name]!.bytes) return bad('size_mismatch', name);
    if (createHash('sha256').update(body).digest('hex') !== manifest.files[name]!.sha256)
      return bad('hash_mismatch', name);
  }
  if (!files[ENTRIES_FILE]) return bad('missing_file', ENTRIES_FILE);

  const entries: SyncEntry[] = [];
  const counts: Record<string, number> = {};
  const text = Buffer.from(files[ENTRIES_FILE]).toString('utf8');
  const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
  let prev = 0;
  for (const [i, line] of lines.entries()) {
    let entry: SyncEntry;
    try {
      const parsed = entrySchema.safeParse(JSON.parse(line));
      if (!parsed.success) return bad('malformed_entry', `line ${i + 1}`);
      entry = parsed.data;
    } catch {
      return bad('malformed_entry', `line ${i + 1}`);
    }
    if (entry.seq <= prev || entry.seq < manifest.fromSeq || entry.seq > manifest.toSeq)
      return bad('sequence_mismatch', `line ${i + 1}`);
    prev = entry.seq;
    counts[entry.entity] = (counts[entry.entity] ?? 0) + 1;
    entries.push(entry);
  }
  if (entries[0]?.seq !== manifest.fromSeq || prev !== manifest.toSeq) return bad('sequence_mismatch', 'range');
  if (entries.length !== manifest.entries) return bad('count_mismatch', `entries ${entries.length}`);
  const names = new Set([...Object.keys(counts), ...Object.keys(manifest.counts)]);
  for (const n of names) if (counts[n] !== manifest.counts[n]) return bad('count_mismatch', n);

  if (fileName !== undefined) {
    const m = BUNDLE_FILE_RE.exec(fileName);
    if (
      m &&
      (m[1] !== manifest.branchCode ||
        Number(m[2]) !== manifest.fromSeq ||
        Number(m[3]) !== manifest.toSeq ||
        m[4] !== manifest.bundleId)
    )
      return bad('name_mismatch', fileName);
  }
  return { valid: true, manifest, entries };
}
