/**
 * The one module that touches plaintext ID numbers, phone numbers and account numbers.
 * At rest: AES-256-GCM with a random data key (iv | tag | ciphertext, base64) plus keyed
 * HMAC-SHA256 indexes for exact-match lookups. The CLI and harness keep the keys in a file beside
 * the database with mode 0600; the Electron app will wrap it with safeStorage (issue 3).
 * Plaintext never goes to logs or the audit log.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { AppError } from '../../shared/result';
import { stmt, type Db } from './db/open';

export type PiiIndexKind = 'id' | 'phone' | 'phone_last4';

interface KeyFile {
  version: 1;
  dataKey: string;
  hmacKey: string;
}

export class Pii {
  readonly keyId: string;
  constructor(
    private readonly dataKey: Buffer,
    private readonly hmacKey: Buffer,
  ) {
    this.keyId = createHash('sha256').update(dataKey).update(hmacKey).digest('hex').slice(0, 16);
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.dataKey, iv);
    const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return Buffer.concat([iv, c.getAuthTag(), body]).toString('base64');
  }

  decrypt(enc: string): string {
    const buf = Buffer.from(enc, 'base64');
    const d = createDecipheriv('aes-256-gcm', this.dataKey, buf.subarray(0, 12));
    d.setAuthTag(buf.subarray(12, 28));
    return Buffer.concat([d.update(buf.subarray(28)), d.final()]).toString('utf8');
  }

  /** Keyed index for exact-match search; the kind is part of the MAC so indexes never collide. */
  index(kind: PiiIndexKind, value: string): string {
    return createHmac('sha256', this.hmacKey).update(`${kind}:${value}`).digest('hex');
  }
}

export function keyFileFor(dbFile: string): string {
  return `${dbFile}.key`;
}

function readKeyFile(file: string): Pii {
  let parsed: KeyFile;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as KeyFile;
  } catch {
    throw new AppError('unavailable', 'errors.piiKeyUnreadable', { file });
  }
  const dataKey = Buffer.from(parsed.dataKey ?? '', 'base64');
  const hmacKey = Buffer.from(parsed.hmacKey ?? '', 'base64');
  if (parsed.version !== 1 || dataKey.length !== 32 || hmacKey.length !== 32) {
    throw new AppError('unavailable', 'errors.piiKeyUnreadable', { file });
  }
  return new Pii(dataKey, hmacKey);
}

/**
 * Load the key file of `dbFile`, creating it (0600) for a database that has no PII key yet.
 * A database that already has one refuses a missing or different key file.
 */
export function openPii(db: Db, dbFile: string, at: Date): Pii {
  const file = keyFileFor(dbFile);
  const recorded = stmt<[], { value: string }>(db, "SELECT value FROM settings WHERE key = 'pii.keyId'").get();
  if (!fs.existsSync(file)) {
    if (recorded) throw new AppError('unavailable', 'errors.piiKeyMissing', { file });
    const keys: KeyFile = {
      version: 1,
      dataKey: randomBytes(32).toString('base64'),
      hmacKey: randomBytes(32).toString('base64'),
    };
    fs.writeFileSync(file, JSON.stringify(keys), { mode: 0o600, flag: 'wx' });
  }
  const pii = readKeyFile(file);
  if (recorded && JSON.parse(recorded.value) !== pii.keyId) {
    throw new AppError('unavailable', 'errors.piiKeyMismatch', { file });
  }
  if (!recorded) {
    stmt(db, "INSERT INTO settings (key, value, updated_at) VALUES ('pii.keyId', ?, ?)").run(
      JSON.stringify(pii.keyId),
      at.toISOString(),
    );
  }
  return pii;
}
