/**
 * Where the key files live: a key folder apart from the data, so a copy of the data folder (a
 * backup drive, a copied workstation folder) holds no key to read it with. One setting per
 * process, like the umask: `--key-dir` (CLI, harness) or the app's setting, else
 * `CALLBACK_DESK_KEY_DIR`, else — for databases made before key folders existed and for quick
 * trials — beside the database (`<db>.key`, `<db>.sign.key`). In a key folder the files are named
 * after the database file (`<name>.key`, `<name>.sign.key`), so one folder can serve several.
 * Moving an old key beside the database into a configured folder is `adoptLegacyKeys`: done at
 * open, said in the log, never overwriting a key already in the folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PRIVATE_FILE_MODE } from './files';

let configured: string | null | undefined;

/** Set the key folder for this process (null: beside the database; undefined: the environment's). */
export function setKeyDir(dir: string | null | undefined): void {
  configured = dir === undefined || dir === null ? dir : path.resolve(dir);
}

/** The key folder in force, or null for keys beside the database. */
export function keyDir(): string | null {
  if (configured !== undefined) return configured;
  const env = process.env.CALLBACK_DESK_KEY_DIR;
  return env && env.trim() !== '' ? path.resolve(env) : null;
}

/** The path of a key file of `dbFile` (`suffix` is `.key`, `.sign.key`, `.key.safe`, …). */
export function keyPathFor(dbFile: string, suffix: string): string {
  const dir = keyDir();
  return dir ? path.join(dir, `${path.basename(dbFile)}${suffix}`) : `${dbFile}${suffix}`;
}

/** Every key file a database may have (plain ones for the CLI, safeStorage-wrapped ones for the app). */
export const KEY_SUFFIXES = ['.key', '.sign.key', '.key.safe', '.sign.key.safe'] as const;

function moveFile(from: string, to: string): void {
  try {
    fs.renameSync(from, to);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
    // Another drive: copy owner-only, flush, then remove the old one.
    fs.copyFileSync(from, to, fs.constants.COPYFILE_EXCL);
    fs.chmodSync(to, PRIVATE_FILE_MODE);
    const fd = fs.openSync(to, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.rmSync(from);
  }
}

export interface AdoptedKeys {
  /** Files moved into the key folder: [from, to]. */
  moved: [string, string][];
  /** Old files left beside the database because the key folder already has that key. */
  leftBeside: string[];
}

/**
 * With a key folder configured: move each key file still beside `dbFile` into it (the folder is
 * created 0700), unless the folder already holds that key (then the old one is reported, not
 * touched: an administrator checks which is right and removes the other).
 */
export function adoptLegacyKeys(dbFile: string): AdoptedKeys {
  const dir = keyDir();
  const out: AdoptedKeys = { moved: [], leftBeside: [] };
  if (!dir) return out;
  for (const suffix of KEY_SUFFIXES) {
    const old = `${dbFile}${suffix}`;
    const target = keyPathFor(dbFile, suffix);
    if (path.resolve(old) === path.resolve(target) || !fs.existsSync(old)) continue;
    if (fs.existsSync(target)) {
      out.leftBeside.push(old);
      continue;
    }
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    moveFile(old, target);
    out.moved.push([old, target]);
  }
  return out;
}
