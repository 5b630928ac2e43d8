/**
 * File-system steps shared by the commands that write a file: the owner-only file mode, the
 * output-folder check, the durable rename, and the temporary files of processes that ended before
 * they could clean up.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/result';

/**
 * Owner-only permissions for everything the app writes (database, -wal/-shm, backups, exports,
 * bundles, keys, logs, spools hold personal data or secrets). Two layers, because either alone
 * has a gap a bank's security review would point at: every entry point (CLI, harness, Electron
 * main, `npm start`) sets the process umask to 077 first, so files and folders are created 0600 /
 * 0700 whatever the login shell's umask; and the files a library creates, or that already existed
 * with wider modes (a database made by an older version, a file restored from a backup), are
 * chmod-ed to 0600 where they are committed or opened (`commitFile`, `openDatabase`). On Windows
 * both are no-ops (access there follows the folder's ACL, i.e. the user profile).
 */
export const PRIVATE_FILE_MODE = 0o600;

/** Set the process umask to 077 (call first thing at every entry point). */
export function restrictUmask(): void {
  if (process.platform !== 'win32') process.umask(0o077);
}

/** Make `file` owner-only (0600) if it exists; a failure (not our file, odd file system) is left. */
export function makePrivate(file: string): void {
  if (process.platform === 'win32') return;
  try {
    if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, PRIVATE_FILE_MODE);
  } catch {
    /* missing, or not ours to change */
  }
}

/** Write a whole file owner-only (an existing file's wider mode is narrowed too). */
export function writePrivateFile(file: string, data: string | Uint8Array): void {
  fs.writeFileSync(file, data, { mode: PRIVATE_FILE_MODE });
  makePrivate(file);
}

/** The folder `out` goes in must exist; returns `out` made absolute. */
export function checkOutFolder(out: string): string {
  const file = path.resolve(out);
  const dir = path.dirname(file);
  let ok: boolean;
  try {
    ok = fs.statSync(dir).isDirectory();
  } catch {
    ok = false;
  }
  if (!ok) throw new AppError('not_found', 'errors.outFolderMissing', { dir });
  return file;
}

/**
 * Give a fully written temporary file its final name durably: make it owner-only, fsync its bytes, rename it (atomic
 * on one file system), then fsync the folder so the rename survives a power cut (best effort: not
 * every platform or file system allows opening a folder).
 */
export function commitFile(tmp: string, final: string): void {
  const fd = fs.openSync(tmp, 'r');
  try {
    // Owner-only before it gets its name (a library may have created it with the umask's mode).
    if (process.platform !== 'win32') fs.fchmodSync(fd, PRIVATE_FILE_MODE);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, final);
  try {
    const dfd = fs.openSync(path.dirname(final), 'r');
    try {
      fs.fsyncSync(dfd);
    } finally {
      fs.closeSync(dfd);
    }
  } catch {
    /* best effort */
  }
}

/** Is a process with this id running (or running under another user)? */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Remove the temporary files in `dir` whose names (matched by `pattern`, the process id in its
 * first group) belong to processes that have ended: a crash or a kill mid-write leaves them.
 * A process id reused by a live process keeps its file. A folder (a report's temp folder) goes
 * with what it holds. Returns how many were removed.
 */
export function removeOrphanTemps(dir: string, pattern: RegExp): number {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const m = pattern.exec(name);
    if (!m?.[1]) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || processAlive(pid)) continue;
    try {
      fs.rmSync(path.join(dir, name), { recursive: true, force: true });
      removed++;
    } catch {
      // not ours to remove
    }
  }
  return removed;
}
