/** Key wrapping of the Electron shell, with a stand-in for safeStorage (the binary is not here). */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAppContext } from '../../electron/core/context';
import { keyFileFor } from '../../electron/core/pii/cipher';
import {
  loadWrappedKeys,
  loadWrappedSigningKey,
  wrappedKeyFileFor,
  wrappedSigningKeyFileFor,
  type SafeStorageLike,
} from '../../electron/main/keys';
import { signingKeyFileFor } from '../../electron/core/sync/keys';
import { tempDir } from '../helpers';

/** Reversible but not plaintext: enough to prove the file never holds the keys in clear. */
function fakeSafeStorage(available = true): SafeStorageLike & { reencrypt: boolean } {
  const s = {
    reencrypt: false,
    isAsyncEncryptionAvailable: async () => available,
    encryptStringAsync: async (plain: string) => Buffer.from(`SAFE:${Buffer.from(plain).toString('hex')}`),
    decryptStringAsync: async (data: Buffer) => {
      const t = data.toString();
      if (!t.startsWith('SAFE:')) throw new Error('not ours');
      return { result: Buffer.from(t.slice(5), 'hex').toString(), shouldReEncrypt: s.reencrypt };
    },
  };
  return s;
}

describe('safeStorage-wrapped PII keys', () => {
  it('a new database gets keys that exist only wrapped, and they read its data back', async () => {
    const db = path.join(tempDir(), 'app.db');
    const safe = fakeSafeStorage();
    const keys = (await loadWrappedKeys(db, safe))!;
    expect(fs.existsSync(keyFileFor(db))).toBe(false);
    const wrapped = fs.readFileSync(wrappedKeyFileFor(db), 'utf8');
    expect(wrapped.startsWith('SAFE:')).toBe(true);
    expect(wrapped).not.toContain('dataKey');
    expect(fs.statSync(wrappedKeyFileFor(db)).mode & 0o777).toBe(0o600);
    const ctx = openAppContext(db, { keyText: keys });
    const enc = ctx.pii().encrypt('13812345678');
    ctx.close();
    const again = openAppContext(db, { keyText: (await loadWrappedKeys(db, safe))! });
    expect(again.pii().decrypt(enc)).toBe('13812345678');
    again.close();
  });

  it('wraps the key file the CLI created and removes the plaintext file (issue #16 item 4), reading the same data', async () => {
    const db = path.join(tempDir(), 'cli.db');
    const cliCtx = openAppContext(db);
    const enc = cliCtx.pii().encrypt('110105194912310021');
    cliCtx.close();
    const keys = (await loadWrappedKeys(db, fakeSafeStorage()))!;
    expect(fs.existsSync(keyFileFor(db))).toBe(false);
    expect(fs.existsSync(wrappedKeyFileFor(db))).toBe(true);
    const app = openAppContext(db, { keyText: keys });
    expect(app.pii().decrypt(enc)).toBe('110105194912310021');
    app.close();
  });

  it('re-wraps when the OS rotated its key, and falls back when no secret store exists', async () => {
    const db = path.join(tempDir(), 'rot.db');
    const safe = fakeSafeStorage();
    await loadWrappedKeys(db, safe);
    const before = fs.statSync(wrappedKeyFileFor(db)).mtimeMs;
    safe.reencrypt = true;
    await new Promise((r) => setTimeout(r, 20));
    await loadWrappedKeys(db, safe);
    expect(fs.statSync(wrappedKeyFileFor(db)).mtimeMs).toBeGreaterThan(before);
    expect(await loadWrappedKeys(path.join(tempDir(), 'x.db'), fakeSafeStorage(false))).toBeNull();
  });

  it('refuses keys that belong to another database', async () => {
    const a = path.join(tempDir(), 'a.db');
    const ctx = openAppContext(a);
    ctx.pii();
    ctx.close();
    const other = (await loadWrappedKeys(path.join(tempDir(), 'b.db'), fakeSafeStorage()))!;
    const wrong = openAppContext(a, { keyText: other });
    expect(() => wrong.pii()).toThrow(/piiKeyMismatch/);
    wrong.close();
  });

  it('wraps the sync signing key too: the app signs with the key the CLI created, and a new database’s key exists only wrapped', async () => {
    const db = path.join(tempDir(), 'sign.db');
    const cliCtx = openAppContext(db);
    const cliKeyId = cliCtx.signing().keyId;
    cliCtx.close();
    const safe = fakeSafeStorage();
    const wrapped = (await loadWrappedSigningKey(db, safe))!;
    expect(fs.existsSync(signingKeyFileFor(db))).toBe(false); // the plaintext PEM is gone
    expect(fs.readFileSync(wrappedSigningKeyFileFor(db), 'utf8')).not.toContain('PRIVATE KEY');
    expect(fs.statSync(wrappedSigningKeyFileFor(db)).mode & 0o777).toBe(0o600);
    const app = openAppContext(db, { signingKeyText: wrapped });
    expect(app.signing().keyId).toBe(cliKeyId);
    app.close();

    const fresh = path.join(tempDir(), 'fresh.db');
    const k = (await loadWrappedSigningKey(fresh, safe))!;
    expect(fs.existsSync(signingKeyFileFor(fresh))).toBe(false);
    const ctx = openAppContext(fresh, { signingKeyText: k });
    const id = ctx.signing().keyId;
    ctx.close();
    const again = openAppContext(fresh, { signingKeyText: (await loadWrappedSigningKey(fresh, safe))! });
    expect(again.signing().keyId).toBe(id);
    again.close();
    // The database refuses another key for the same branch.
    const other = openAppContext(fresh, {
      signingKeyText: (await loadWrappedSigningKey(path.join(tempDir(), 'o.db'), safe))!,
    });
    expect(() => other.signing()).toThrow(/signKeyMismatch/);
    other.close();
  });
});
