/**
 * Temporary files a killed or crashed process leaves behind, swept at the next start (the app,
 * the harness) and at every CLI command: the backup's hidden `.<name>.<pid>.partial` copy (with
 * its -wal/-shm/-journal; a whole copy of the data, up to the database's size), a bundle's
 * `.<bundle>.zip.<pid>.partial`, a weekly export's `.<name>.<pid>-<hex>.part`, a restore's
 * `<db>.<pid>.restoring` copy, a new signing key's `<db>.sign.key.<pid>.tmp`, the report handler's
 * `callback-desk-report-<pid>-*` folder and import spools in the temp folder. Every name carries
 * the id of the process writing it, and only files of processes that have ended are removed, so a
 * second app or command working at the same moment never loses its file. Each writer also sweeps
 * its own output folder before it writes (exports go to folders this module cannot know).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { removeOrphanTemps } from './files';
import { sweepOrphanSpools } from './imports/spool';

/** A backup's or a bundle's temporary file: `.<name>.<pid>.partial` and SQLite's files beside it. */
export const PARTIAL_FILE = /^\..+\.(\d+)\.partial(?:-wal|-shm|-journal)?$/;
/** A weekly export's temporary file: `.<name>.<pid>-<8 hex>.part`. */
export const PART_FILE = /^\..+\.(\d+)-[0-9a-f]{8}\.part$/;
/** The report handler's private folder in the temp folder. */
export const REPORT_TEMP_DIR = /^callback-desk-report-(\d+)-[A-Za-z0-9]{6}$/;
export const reportTempPrefix = () => `callback-desk-report-${process.pid}-`;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Temporary files of ended processes in `dir`: backup and bundle partials, export parts. */
export function sweepWriterTemps(dir: string): number {
  return removeOrphanTemps(dir, PARTIAL_FILE) + removeOrphanTemps(dir, PART_FILE);
}

/**
 * Everything ended processes left around `dbFile` (its folder and its backups folder) and in
 * the temp folder. Returns how many files or folders were removed.
 */
export function sweepLeftovers(dbFile: string, backupsDir: string, tmp = os.tmpdir()): number {
  const file = path.resolve(dbFile);
  const dir = path.dirname(file);
  const base = escape(path.basename(file));
  let n = sweepWriterTemps(dir) + sweepWriterTemps(backupsDir);
  n += removeOrphanTemps(dir, new RegExp(`^${base}\\.sign\\.key\\.(\\d+)\\.tmp$`));
  // A restore's copy is only half of a restore when the database is still there (it never took
  // the name); without the database it may be the only copy, and is left for recovery.
  if (fs.existsSync(file)) n += removeOrphanTemps(dir, new RegExp(`^${base}\\.(\\d+)\\.restoring$`));
  n += sweepOrphanSpools(tmp);
  n += removeOrphanTemps(tmp, REPORT_TEMP_DIR);
  return n;
}
