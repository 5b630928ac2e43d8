/** File-system steps shared by the commands that write a file: the output-folder check and the durable rename. */
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
