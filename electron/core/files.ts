/** File-system checks shared by the commands that write a file the user names. */
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
