/**
 * Issue #16 item 4, the Electron shell's key decisions (pure functions; Electron cannot run
 * here): the key folder setting, refusing safeStorage's `basic_text` backend on Linux unless
 * branch IT accepts the risk, and wrapped keys kept in the key folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { adoptLegacyKeys, keyDir, setKeyDir } from '../../electron/core/keyDir';
import { keyFileFor, newKeyText } from '../../electron/core/pii/cipher';
import { loadWrappedKeys, wrappedKeyFileFor, type SafeStorageLike } from '../../electron/main/keys';
import {
  appKeyDir,
  keyProtection,
  readShellSettings,
  SHELL_SETTINGS_FILE,
  weakKeyStoreMessage,
} from '../../electron/main/keyStore';
import { tempDir } from '../helpers';

const dirs: string[] = [];
const dir = () => {
  const d = tempDir('cbd-keys-');
  dirs.push(d);
  return d;
};
afterEach(() => setKeyDir(undefined));
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const safe = (readsBack = true): SafeStorageLike => ({
  isAsyncEncryptionAvailable: async () => true,
  encryptStringAsync: async (p: string) => Buffer.from(`SAFE:${Buffer.from(p).toString('hex')}`),
  decryptStringAsync: async (d: Buffer) => ({
    result: readsBack ? Buffer.from(d.toString().slice(5), 'hex').toString() : 'garbled',
    shouldReEncrypt: false,
  }),
});

describe('key protection on Linux', () => {
  it('refuses basic_text (a fixed password) and an unknown backend unless IT allows it', () => {
    expect(keyProtection({ platform: 'linux', available: true, backend: 'basic_text' })).toEqual({
      use: 'refuse',
      backend: 'basic_text',
    });
    expect(keyProtection({ platform: 'linux', available: true, backend: 'unknown' }).use).toBe('refuse');
    expect(keyProtection({ platform: 'linux', available: true }).use).toBe('refuse');
    expect(
      keyProtection({ platform: 'linux', available: true, backend: 'basic_text', allowWeakKeyStore: true }).use,
    ).toBe('safeStorage');
    for (const backend of ['gnome_libsecret', 'kwallet5', 'kwallet6'])
      expect(keyProtection({ platform: 'linux', available: true, backend }).use).toBe('safeStorage');
    expect(keyProtection({ platform: 'win32', available: true }).use).toBe('safeStorage');
    expect(keyProtection({ platform: 'darwin', available: false }).use).toBe('keyFiles');
  });

  it('says the risk in plain words, in Chinese and English, and how IT accepts it', () => {
    const m = weakKeyStoreMessage('basic_text', '/home/u/.config/Callback Desk/callback-desk.json');
    expect(m).toContain('身份证号和手机号');
    expect(m).toContain('固定密码');
    expect(m).toContain('anyone who copies the files');
    expect(m).toContain('"allowWeakKeyStore": true');
    expect(m).toContain('callback-desk.json');
  });

  it('reads the settings file: only IT-written true allows the weak store; a key folder setting', () => {
    const u = dir();
    expect(readShellSettings(u)).toEqual({});
    fs.writeFileSync(
      path.join(u, SHELL_SETTINGS_FILE),
      JSON.stringify({ allowWeakKeyStore: 'yes', keyDir: 'D:/keys' }),
    );
    expect(readShellSettings(u)).toEqual({ keyDir: 'D:/keys' });
    fs.writeFileSync(path.join(u, SHELL_SETTINGS_FILE), '{oops');
    expect(() => readShellSettings(u)).toThrow(/not valid JSON/);
  });

  it('the app keeps keys in <userData>/keys by default; the setting and the environment move it', () => {
    expect(appKeyDir({}, '/u', {})).toBe(path.join('/u', 'keys'));
    expect(appKeyDir({ keyDir: '/secure/keys' }, '/u', {})).toBe(path.resolve('/secure/keys'));
    expect(appKeyDir({ keyDir: '/secure/keys' }, '/u', { CALLBACK_DESK_KEY_DIR: '/other' })).toBe(
      path.resolve('/other'),
    );
  });
});

describe('key folder', () => {
  it('the wrapped keys go in the key folder, not beside the database', async () => {
    const data = dir();
    const keys = dir();
    setKeyDir(keys);
    const db = path.join(data, 'branch.db');
    await loadWrappedKeys(db, safe());
    expect(fs.readdirSync(data)).toEqual([]);
    expect(fs.readdirSync(keys)).toEqual(['branch.db.key.safe']);
    expect(wrappedKeyFileFor(db)).toBe(path.join(keys, 'branch.db.key.safe'));
  });

  it('an old key beside the database moves into the key folder, never over a key already there', () => {
    const data = dir();
    const keys = path.join(dir(), 'keys');
    const db = path.join(data, 'branch.db');
    const text = newKeyText();
    fs.writeFileSync(`${db}.key`, text, { mode: 0o600 });
    fs.writeFileSync(`${db}.key.safe`, 'wrapped', { mode: 0o600 });
    setKeyDir(keys);
    expect(keyDir()).toBe(keys);
    const r = adoptLegacyKeys(db);
    expect(r.moved.map(([, to]) => path.basename(to)).sort()).toEqual(['branch.db.key', 'branch.db.key.safe']);
    expect(fs.readFileSync(keyFileFor(db), 'utf8')).toBe(text);
    expect(fs.existsSync(`${db}.key`)).toBe(false);
    expect(fs.statSync(keys).mode & 0o777).toBe(0o700);
    // A second old key while the folder already has one: left alone and reported.
    fs.writeFileSync(`${db}.key`, newKeyText(), { mode: 0o600 });
    expect(adoptLegacyKeys(db)).toEqual({ moved: [], leftBeside: [`${db}.key`] });
    expect(fs.readFileSync(keyFileFor(db), 'utf8')).toBe(text);
  });

  it('a CLI key is removed only after its wrapped copy reads back', async () => {
    const data = dir();
    const db = path.join(data, 'branch.db');
    fs.writeFileSync(`${db}.key`, newKeyText(), { mode: 0o600 });
    await expect(loadWrappedKeys(db, safe(false))).rejects.toThrow(/does not read back/);
    expect(fs.existsSync(`${db}.key`)).toBe(true);
    expect(fs.existsSync(wrappedKeyFileFor(db))).toBe(false);
    await loadWrappedKeys(db, safe());
    expect(fs.existsSync(`${db}.key`)).toBe(false);
  });
});
