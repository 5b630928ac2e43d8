/**
 * File-system steps shared by the commands that write a file: the output-folder check, the
 * durable rename, and the temporary files of processes that ended before they could clean up.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/result';

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
 * Give a fully written temporary file its final name durably: fsync its bytes, rename it (atomic
 * on one file system), then fsync the folder so the rename survives a power cut (best effort: not
 * every platform or file system allows opening a folder).
 */
export function commitFile(tmp: string, final: string): void {
  const fd = fs.openSync(tmp, 'r');
  try {
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
 * A process id reused by a live process keeps its file. Returns how many were removed.
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
      fs.rmSync(path.join(dir, name), { force: true });
      removed++;
    } catch {
      // not ours to remove
    }
  }
  return removed;
}
