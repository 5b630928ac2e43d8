/**
 * Plain errors for the storage failures a branch meets: a database file that is read-only, a
 * database another program holds locked, a full disk, a folder the app may not write. SQLite's
 * result codes (better-sqlite3's `SqliteError.code`, extended codes included) and Node's errno
 * codes are mapped to the closed error codes of shared/result.ts — all `unavailable`: nothing is
 * wrong with the request, the storage cannot take it now — with a message saying what to do.
 * Where SQLite only says "disk I/O error" or "cannot open", the file system is looked at (free
 * space, write access) to tell a full disk or a read-only file system from real damage.
 * The dispatcher and the CLI use this instead of answering `internal` (CLI exit 3): these are the
 * "I/O errors" the README promises exit 2 for.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/result';

type IoKind = 'readOnly' | 'busy' | 'full' | 'noAccess';

function kindOf(code: string): IoKind | null {
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS') return 'readOnly';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'busy';
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return 'full';
  if (code === 'EACCES' || code === 'EPERM' || code === 'SQLITE_PERM') return 'noAccess';
  return null;
}

/** Below this much free space on the database's file system, a failed write is a full disk. */
const NEARLY_FULL_BYTES = 256 * 1024;

/**
 * SQLite reports some failures only as "disk I/O error" or "unable to open database file" (a
 * full disk while it creates the -shm file at open, a read-only file system): look at the file
 * system to say which.
 */
function probe(file: string): IoKind | null {
  const dir = path.dirname(path.resolve(file));
  try {
    const st = fs.statfsSync(dir);
    if (st.bavail * st.bsize < NEARLY_FULL_BYTES) return 'full';
  } catch {
    /* cannot tell */
  }
  for (const f of [dir, file]) {
    try {
      fs.accessSync(f, fs.constants.W_OK);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return 'readOnly';
    }
  }
  return null;
}

const MESSAGE: Record<IoKind, string> = {
  readOnly: 'errors.dbReadOnly',
  busy: 'errors.dbBusy',
  full: 'errors.diskFull',
  noAccess: 'errors.noWriteAccess',
};

/**
 * The plain error for a storage failure `e`, or null when it is not one. `file` names the file
 * the user should look at (the database, for SQLite errors); Node's errors name their own path.
 */
export function ioErrorOf(e: unknown, file: string): AppError | null {
  if (e instanceof AppError || typeof e !== 'object' || e === null) return null;
  const code = (e as { code?: unknown }).code;
  if (typeof code !== 'string') return null;
  const kind =
    kindOf(code) ?? (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN') ? probe(file) : null);
  if (!kind) return null;
  const where = typeof (e as { path?: unknown }).path === 'string' ? (e as { path: string }).path : file;
  return new AppError('unavailable', MESSAGE[kind], { file: where });
}
