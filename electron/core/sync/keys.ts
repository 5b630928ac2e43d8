/**
 * The branch's Ed25519 signing key for sync bundles. The CLI and harness keep the private key
 * as PKCS#8 PEM in `<db>.sign.key` (mode 0600) in the key folder (core/keyDir.ts); the Electron app keeps it
 * wrapped with safeStorage (electron/main/keys.ts) and hands it in as text. The key id is the
 * hex SHA-256 of the public key's SPKI DER; it is recorded in settings so a different key file
 * is refused rather than silently signing with the wrong identity.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/result';
import type { Db } from '../db/open';
import { keyPathFor } from '../keyDir';
import { bindKeyId, recordedKeyId } from '../settings/store';

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** Hex SHA-256 of the public key's SPKI DER. */
  keyId: string;
  /** The public key as SPKI PEM, for head office to register. */
  publicPem: string;
}

/** The signing key file of `dbFile`: in the key folder if one is set (core/keyDir.ts), else `<db>.sign.key`. */
export const signingKeyFileFor = (dbFile: string) => keyPathFor(dbFile, '.sign.key');

export function newSigningKeyText(): string {
  const { privateKey } = generateKeyPairSync('ed25519');
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

/** Parse a PKCS#8 PEM Ed25519 private key; `source` names where it came from for the error. */
export function parseSigningKey(text: string, source: string): SigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: text, format: 'pem' });
  } catch {
    throw new AppError('unavailable', 'errors.signKeyUnreadable', { file: source });
  }
  if (privateKey.asymmetricKeyType !== 'ed25519')
    throw new AppError('unavailable', 'errors.signKeyUnreadable', { file: source });
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKey,
    keyId: keyIdOf(publicKey),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** Read an SPKI PEM Ed25519 public key (head office's copy); null when it is not one. */
export function parsePublicKey(text: string): KeyObject | null {
  try {
    const k = createPublicKey({ key: text, format: 'pem' });
    return k.asymmetricKeyType === 'ed25519' ? k : null;
  } catch {
    return null;
  }
}

/** Check the key belongs to this database, or record it for a database that has none yet. */
export function bindSigningKey(db: Db, key: SigningKey, source: string, at: Date): SigningKey {
  bindKeyId(db, 'sync.keyId', key.keyId, 'errors.signKeyMismatch', source, at);
  return key;
}

/**
 * Load `<db>.sign.key`, creating it (0600) for a database that has no signing key yet (new at
 * `init`, or a database made before sync existed). A database with a key refuses a missing file.
 */
export function openSigningKey(db: Db, dbFile: string, at: Date): SigningKey {
  const file = signingKeyFileFor(dbFile);
  if (!fs.existsSync(file)) {
    if (recordedKeyId(db, 'sync.keyId')) throw new AppError('unavailable', 'errors.signKeyMissing', { file });
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    // Written whole under a temporary name, then linked: never a half-written key file, and a
    // second process creating one at the same moment keeps the first one's key.
    fs.writeFileSync(tmp, newSigningKeyText(), { mode: 0o600, flag: 'wx' });
    try {
      fs.linkSync(tmp, file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new AppError('unavailable', 'errors.signKeyUnreadable', { file });
  }
  return bindSigningKey(db, parseSigningKey(text, file), file, at);
}
