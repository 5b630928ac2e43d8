/**
 * The app's secrets wrapped with Electron safeStorage (async API), each in a `.safe` file (mode
 * 0600): the PII key material in `<db>.key.safe` and the sync signing key in
 * `<db>.sign.key.safe`. First start: an existing CLI key file (`<db>.key`, `<db>.sign.key`) is
 * wrapped (and kept, because branch IT's CLI still reads it); a new database gets fresh keys
 * that exist only wrapped. Where the OS offers no secret store, the plain key files are used and
 * the caller warns. Kept free of `electron` imports so it can be tested with a stand-in safeStorage.
 */
import fs from 'node:fs';
import { writePrivateFile } from '../core/files';
import { keyFileFor, newKeyText } from '../core/pii';
import { newSigningKeyText, signingKeyFileFor } from '../core/sync/keys';

export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plain: string): Promise<Buffer>;
  decryptStringAsync(data: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
}

export const wrappedKeyFileFor = (dbFile: string) => `${dbFile}.key.safe`;

export interface LoadedKeys {
  text: string;
  source: string;
  wrapped: boolean;
}

async function loadWrappedSecret(
  plainFile: string,
  wrappedFile: string,
  create: () => string,
  safe: SafeStorageLike,
): Promise<LoadedKeys | null> {
  if (!(await safe.isAsyncEncryptionAvailable())) return null;
  if (fs.existsSync(wrappedFile)) {
    const { result, shouldReEncrypt } = await safe.decryptStringAsync(fs.readFileSync(wrappedFile));
    if (shouldReEncrypt) writeWrapped(wrappedFile, await safe.encryptStringAsync(result));
    return { text: result, source: wrappedFile, wrapped: true };
  }
  const text = fs.existsSync(plainFile) ? fs.readFileSync(plainFile, 'utf8') : create();
  writeWrapped(wrappedFile, await safe.encryptStringAsync(text));
  return { text, source: wrappedFile, wrapped: true };
}

/** The PII keys; null when safeStorage is unavailable (fall back to the key file). */
export function loadWrappedKeys(dbFile: string, safe: SafeStorageLike): Promise<LoadedKeys | null> {
  return loadWrappedSecret(keyFileFor(dbFile), wrappedKeyFileFor(dbFile), newKeyText, safe);
}

export const wrappedSigningKeyFileFor = (dbFile: string) => `${dbFile}.sign.key.safe`;

/** The sync signing key (PKCS#8 PEM); null when safeStorage is unavailable (fall back to the key file). */
export function loadWrappedSigningKey(dbFile: string, safe: SafeStorageLike): Promise<LoadedKeys | null> {
  return loadWrappedSecret(signingKeyFileFor(dbFile), wrappedSigningKeyFileFor(dbFile), newSigningKeyText, safe);
}

function writeWrapped(file: string, data: Buffer): void {
  const tmp = `${file}.tmp`;
  writePrivateFile(tmp, data);
  fs.renameSync(tmp, file);
}
