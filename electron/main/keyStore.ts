/**
 * The app's key settings and the choice of key protection, as pure functions (Electron cannot run
 * on the build machines; these are unit-tested, main/index.ts only wires them).
 *
 * Settings: `callback-desk.json` in the user-data folder, written by branch IT (not from the UI,
 * so an officer cannot loosen them): `keyDir` — the key folder (default `<userData>/keys`, apart
 * from a database kept elsewhere via CALLBACK_DESK_DB); `allowWeakKeyStore` — see below.
 * CALLBACK_DESK_KEY_DIR overrides `keyDir` (as for the CLI).
 *
 * Protection: safeStorage wraps the keys with the OS secret store (DPAPI, Keychain, libsecret /
 * kwallet). On Linux without a keyring, Electron falls back to `basic_text`: a password fixed in
 * Chromium's source code, so anyone with a copy of the files can unwrap the keys — protection in
 * name only, which a security review would call worse than none because it looks like protection.
 * So `basic_text` (and an unknown backend) is refused unless branch IT confirms with
 * `allowWeakKeyStore: true`; the refusal tells them the risk in plain words and what to install.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface ShellSettings {
  keyDir?: string;
  allowWeakKeyStore?: boolean;
}

export const SHELL_SETTINGS_FILE = 'callback-desk.json';

/** Read the settings file; a missing file is no settings, a broken one is an error said plainly. */
export function readShellSettings(userData: string): ShellSettings {
  const file = path.join(userData, SHELL_SETTINGS_FILE);
  if (!fs.existsSync(file)) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    throw new Error(`${file} is not valid JSON`);
  }
  const o = (raw ?? {}) as Record<string, unknown>;
  const out: ShellSettings = {};
  if (typeof o.keyDir === 'string' && o.keyDir.trim() !== '') out.keyDir = o.keyDir;
  if (o.allowWeakKeyStore === true) out.allowWeakKeyStore = true;
  return out;
}

/** The app's key folder: CALLBACK_DESK_KEY_DIR, else the setting, else `<userData>/keys`. */
export function appKeyDir(settings: ShellSettings, userData: string, env: NodeJS.ProcessEnv): string {
  const fromEnv = env.CALLBACK_DESK_KEY_DIR;
  if (fromEnv && fromEnv.trim() !== '') return path.resolve(fromEnv);
  if (settings.keyDir) return path.resolve(userData, settings.keyDir);
  return path.join(userData, 'keys');
}

export type KeyProtection =
  | { use: 'safeStorage' }
  /** No OS secret store at all: plain key files (0600) in the key folder, with a warning. */
  | { use: 'keyFiles' }
  | { use: 'refuse'; backend: string };

/**
 * Which protection to use. `backend` is `safeStorage.getSelectedStorageBackend()` (Linux only;
 * undefined elsewhere), `available` is `isAsyncEncryptionAvailable()`.
 */
export function keyProtection(input: {
  platform: NodeJS.Platform;
  available: boolean;
  backend?: string | undefined;
  allowWeakKeyStore?: boolean | undefined;
}): KeyProtection {
  if (!input.available) return { use: 'keyFiles' };
  if (input.platform !== 'linux') return { use: 'safeStorage' };
  const backend = input.backend ?? 'unknown';
  const strong = ['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6'];
  if (strong.includes(backend) || input.allowWeakKeyStore) return { use: 'safeStorage' };
  return { use: 'refuse', backend };
}

/** The refusal in plain words, for the dialog (Chinese first, English below). */
export function weakKeyStoreMessage(backend: string, settingsFile: string): string {
  return [
    `本机没有可用的系统密钥环（当前为 ${backend}）。在这种情况下，客户敏感信息的密钥只能用一个公开的固定密码保护：`,
    '任何人拷走这台电脑上的文件，就能解开密钥并读取全部身份证号和手机号。',
    '请网点 IT 安装并启用系统密钥环（如 gnome-keyring 或 KWallet）后重新打开。',
    `如果确实只能这样使用，请网点 IT 在 ${settingsFile} 中写入 "allowWeakKeyStore": true，表示已知晓并接受这一风险。`,
    '',
    `This computer has no system keyring (backend: ${backend}). The key that protects customers' ID and phone`,
    'numbers could only be locked with a fixed password that is public: anyone who copies the files from this',
    'computer could unlock it and read every ID and phone number. Ask branch IT to install and unlock a keyring',
    '(gnome-keyring or KWallet) and start again. If there is no other way, branch IT can accept the risk by',
    `writing "allowWeakKeyStore": true in ${settingsFile}.`,
  ].join('\n');
}
