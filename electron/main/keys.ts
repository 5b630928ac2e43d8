/**
 * The app's secrets wrapped with Electron safeStorage (async API), each in a `.safe` file (mode
 * 0600) in the key folder (core/keyDir.ts; the app's default is `keys/` in its user-data folder):
 * the PII key material in `<name>.key.safe` and the sync signing key in `<name>.sign.key.safe`.
 * First start: an existing CLI key file (`<name>.key`, `<name>.sign.key`) is wrapped, the wrapped
 * copy is read back and checked, and then the plaintext file is removed — a plaintext key on disk
 * next to a wrapped one would make the wrapping pointless (a copied folder could read the data).
 * The CLI then cannot read that database's keys; branch IT exports them through the app's backup
 * procedure instead (README "Keys"). A new database gets fresh keys that exist only wrapped.
 * Where the OS offers no secret store, the plain key files are used and the caller warns.
 * Kept free of `electron` imports so it can be tested with a stand-in safeStorage.
 */
import fs from 'node:fs';
import path from 'node:path';
import { writePrivateFile } from '../core/files';
import { keyPathFor } from '../core/keyDir';
import { keyFileFor, newKeyText } from '../core/pii/cipher';
import { newSigningKeyText, signingKeyFileFor } from '../core/sync/keys';

export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plain: string): Promise<Buffer>;
  decryptStringAsync(data: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
}

export const wrappedKeyFileFor = (dbFile: string) => keyPathFor(dbFile, '.key.safe');

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
  const hadPlain = fs.existsSync(plainFile);
  const text = hadPlain ? fs.readFileSync(plainFile, 'utf8') : create();
  writeWrapped(wrappedFile, await safe.encryptStringAsync(text));
  if (hadPlain) {
    // Removed only once the wrapped copy is on disk and reads back as the same key.
    const back = await safe.decryptStringAsync(fs.readFileSync(wrappedFile));
    if (back.result !== text) {
      fs.rmSync(wrappedFile, { force: true });
      throw new Error(`the wrapped key ${wrappedFile} does not read back; ${plainFile} kept`);
    }
    fs.rmSync(plainFile);
  }
  return { text, source: wrappedFile, wrapped: true };
}

/** The PII keys; null when safeStorage is unavailable (fall back to the key file). */
export function loadWrappedKeys(dbFile: string, safe: SafeStorageLike): Promise<LoadedKeys | null> {
  return loadWrappedSecret(keyFileFor(dbFile), wrappedKeyFileFor(dbFile), newKeyText, safe);
}

export const wrappedSigningKeyFileFor = (dbFile: string) => keyPathFor(dbFile, '.sign.key.safe');

/** The sync signing key (PKCS#8 PEM); null when safeStorage is unavailable (fall back to the key file). */
export function loadWrappedSigningKey(dbFile: string, safe: SafeStorageLike): Promise<LoadedKeys | null> {
  return loadWrappedSecret(signingKeyFileFor(dbFile), wrappedSigningKeyFileFor(dbFile), newSigningKeyText, safe);
}

function writeWrapped(file: string, data: Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.tmp`;
  writePrivateFile(tmp, data);
  fs.renameSync(tmp, file);
}
