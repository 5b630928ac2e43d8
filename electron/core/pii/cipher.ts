/**
 * The one module that touches plaintext ID numbers, phone numbers and account numbers.
 * At rest: AES-256-GCM with a random data key (iv | tag | ciphertext, base64) plus keyed
 * HMAC-SHA256 indexes for exact-match lookups. The CLI and harness keep the keys in a file (mode
 * 0600) in the key folder (`--key-dir`, `CALLBACK_DESK_KEY_DIR`; beside the database when none is set); the Electron app keeps them wrapped with safeStorage
 * (electron/main/keys.ts) and hands them in through `openAppContext({ keyText })`.
 * Plaintext never goes to logs or the audit log.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  createSecretKey,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/result';
import type { Db } from '../db/open';
import { keyPathFor } from '../keyDir';
import { bindKeyId, recordedKeyId } from '../settings/store';

export type PiiIndexKind = 'id' | 'phone' | 'phone_last4';

interface KeyFile {
  version: 1;
  dataKey: string;
  hmacKey: string;
}

export class Pii {
  readonly keyId: string;
  // KeyObjects, not Buffers: Node checks a Buffer key on every call, 4-7x slower (measured).
  private readonly dataKey: KeyObject;
  private readonly hmacKey: KeyObject;
  constructor(dataKey: Buffer, hmacKey: Buffer) {
    this.keyId = createHash('sha256').update(dataKey).update(hmacKey).digest('hex').slice(0, 16);
    this.dataKey = createSecretKey(dataKey);
    this.hmacKey = createSecretKey(hmacKey);
  }

  private ivPool = Buffer.alloc(0);
  private ivOffset = 0;

  /** Random 96-bit IVs drawn from a pooled buffer (one system call per 4096 IVs). */
  private nextIv(): Buffer {
    if (this.ivOffset + 12 > this.ivPool.length) {
      this.ivPool = randomBytes(12 * 4096);
      this.ivOffset = 0;
    }
    const iv = this.ivPool.subarray(this.ivOffset, this.ivOffset + 12);
    this.ivOffset += 12;
    return iv;
  }

  encrypt(plain: string): string {
    const iv = this.nextIv();
    const c = createCipheriv('aes-256-gcm', this.dataKey, iv);
    // One concat instead of two (imports encrypt ~4 values a row). final() must run before
    // getAuthTag(); for GCM it returns no bytes, but it is kept in the output to stay exact.
    const body = c.update(plain, 'utf8');
    const tail = c.final();
    return Buffer.concat([iv, c.getAuthTag(), body, tail]).toString('base64');
  }

  decrypt(enc: string): string {
    const buf = Buffer.from(enc, 'base64');
    const d = createDecipheriv('aes-256-gcm', this.dataKey, buf.subarray(0, 12));
    d.setAuthTag(buf.subarray(12, 28));
    return Buffer.concat([d.update(buf.subarray(28)), d.final()]).toString('utf8');
  }

  /** Last-4 phone indexes by their digits: at most 10,000 values, so an import computes each once. */
  private readonly last4 = new Map<string, string>();

  /** Keyed index for exact-match search; the kind is part of the MAC so indexes never collide. */
  index(kind: PiiIndexKind, value: string): string {
    if (kind === 'phone_last4' && /^\d{4}$/.test(value)) {
      let h = this.last4.get(value);
      if (h === undefined) this.last4.set(value, (h = this.mac(kind, value)));
      return h;
    }
    return this.mac(kind, value);
  }

  private mac(kind: PiiIndexKind, value: string): string {
    return createHmac('sha256', this.hmacKey).update(`${kind}:${value}`).digest('hex');
  }
}

/** The PII key file of `dbFile`: in the key folder if one is set (core/keyDir.ts), else `<db>.key`. */
export function keyFileFor(dbFile: string): string {
  return keyPathFor(dbFile, '.key');
}

/** The serialized key material (JSON) kept in the key file or wrapped by safeStorage. */
export function newKeyText(): string {
  const keys: KeyFile = {
    version: 1,
    dataKey: randomBytes(32).toString('base64'),
    hmacKey: randomBytes(32).toString('base64'),
  };
  return JSON.stringify(keys);
}

/** Parse key material; `source` names where it came from for the error message. */
export function parseKeyText(text: string, source: string): Pii {
  let parsed: KeyFile;
  try {
    parsed = JSON.parse(text) as KeyFile;
  } catch {
    throw new AppError('unavailable', 'errors.piiKeyUnreadable', { file: source });
  }
  const dataKey = Buffer.from(parsed.dataKey ?? '', 'base64');
  const hmacKey = Buffer.from(parsed.hmacKey ?? '', 'base64');
  if (parsed.version !== 1 || dataKey.length !== 32 || hmacKey.length !== 32) {
    throw new AppError('unavailable', 'errors.piiKeyUnreadable', { file: source });
  }
  return new Pii(dataKey, hmacKey);
}

/** Check the keys belong to this database (or record them for a database that has none yet). */
export function bindPii(db: Db, pii: Pii, source: string, at: Date): Pii {
  bindKeyId(db, 'pii.keyId', pii.keyId, 'errors.piiKeyMismatch', source, at);
  return pii;
}

/**
 * Load the key file of `dbFile`, creating it (0600) for a database that has no PII key yet.
 * A database that already has one refuses a missing or different key file.
 */
export function openPii(db: Db, dbFile: string, at: Date): Pii {
  const file = keyFileFor(dbFile);
  if (!fs.existsSync(file)) {
    if (recordedKeyId(db, 'pii.keyId')) throw new AppError('unavailable', 'errors.piiKeyMissing', { file });
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    fs.writeFileSync(file, newKeyText(), { mode: 0o600, flag: 'wx' });
  }
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new AppError('unavailable', 'errors.piiKeyUnreadable', { file });
  }
  return bindPii(db, parseKeyText(text, file), file, at);
}
