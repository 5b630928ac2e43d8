/**
 * The PII key material of the app, wrapped with Electron safeStorage (async API) in
 * `<db>.key.safe` (mode 0600). First start: an existing CLI key file `<db>.key` is wrapped (and
 * kept, because branch IT's CLI still reads it); a new database gets fresh keys that exist only
 * wrapped. Where the OS offers no secret store, the plain key file is used and the caller warns.
 * Kept free of `electron` imports so it can be tested with a stand-in safeStorage.
 */
import fs from 'node:fs';
import { keyFileFor, newKeyText } from '../core/pii';

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

/** Returns the key text, or null when safeStorage is unavailable (fall back to the key file). */
export async function loadWrappedKeys(dbFile: string, safe: SafeStorageLike): Promise<LoadedKeys | null> {
  const wrappedFile = wrappedKeyFileFor(dbFile);
  if (!(await safe.isAsyncEncryptionAvailable())) return null;
  if (fs.existsSync(wrappedFile)) {
    const { result, shouldReEncrypt } = await safe.decryptStringAsync(fs.readFileSync(wrappedFile));
    if (shouldReEncrypt) writeWrapped(wrappedFile, await safe.encryptStringAsync(result));
    return { text: result, source: wrappedFile, wrapped: true };
  }
  const plainFile = keyFileFor(dbFile);
  const text = fs.existsSync(plainFile) ? fs.readFileSync(plainFile, 'utf8') : newKeyText();
  writeWrapped(wrappedFile, await safe.encryptStringAsync(text));
  return { text, source: wrappedFile, wrapped: true };
}

function writeWrapped(file: string, data: Buffer): void {
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, data, { mode: 0o600 });
  fs.renameSync(tmp, file);
}
