/**
 * A temporary file of rows between reading an import and committing it, so memory stays flat
 * however large the file. Rows are written in batches of 512, each batch one line encrypted with
 * the PII data key: plaintext ID and phone numbers never touch the temp folder. Mode 0600,
 * removed on dispose; the file name carries the process id, so spools of a process that ended
 * without disposing them (a crash, a kill) are removed at the next start (`sweepOrphanSpools`).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { processAlive } from '../files';
import type { Pii } from '../pii/cipher';

const SPOOL_NAME = /^callback-desk-import-(?:(\d+)-)?[0-9a-f-]{36}\.spool$/;
/** Spools from before the name carried a process id are removed once this old. */
const UNOWNED_SPOOL_AGE_MS = 24 * 3600_000;

/**
 * Remove the spools of processes that are gone (and unowned ones older than a day). Returns how
 * many were removed. A process id reused by a live process keeps its file: never remove a spool
 * that may be in use.
 */
export function sweepOrphanSpools(dir = os.tmpdir(), now = Date.now()): number {
  let removed = 0;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    const m = SPOOL_NAME.exec(name);
    if (!m) continue;
    const file = path.join(dir, name);
    try {
      const pid = m[1] ? Number(m[1]) : null;
      const orphan =
        pid === null
          ? now - fs.statSync(file).mtimeMs > UNOWNED_SPOOL_AGE_MS
          : pid !== process.pid && !processAlive(pid);
      if (orphan) {
        fs.rmSync(file, { force: true });
        removed++;
      }
    } catch {
      // Gone meanwhile, or not ours to remove: leave it.
    }
  }
  return removed;
}

export class Spool<T> {
  readonly file = path.join(os.tmpdir(), `callback-desk-import-${process.pid}-${randomUUID()}.spool`);
  private fd: number | null;
  private pending: T[] = [];
  count = 0;

  constructor(private readonly pii: Pii) {
    this.fd = fs.openSync(this.file, 'wx', 0o600);
  }

  push(item: T): void {
    this.pending.push(item);
    this.count++;
    if (this.pending.length >= 512) this.flush();
  }

  private flush(): void {
    if (this.fd === null || this.pending.length === 0) return;
    fs.writeSync(this.fd, `${this.pii.encrypt(JSON.stringify(this.pending))}\n`);
    this.pending = [];
  }

  /** Finish writing; the spool can then be read any number of times. */
  close(): void {
    this.flush();
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }

  /** Read back synchronously (for use inside a database transaction). */
  *read(): Generator<T> {
    this.close();
    const fd = fs.openSync(this.file, 'r');
    try {
      const buf = Buffer.alloc(1 << 20);
      let rest = '';
      for (;;) {
        const n = fs.readSync(fd, buf, 0, buf.length, null);
        if (n === 0) break;
        const lines = (rest + buf.toString('latin1', 0, n)).split('\n');
        rest = lines.pop()!;
        for (const l of lines) if (l) yield* JSON.parse(this.pii.decrypt(l)) as T[];
      }
      if (rest) yield* JSON.parse(this.pii.decrypt(rest)) as T[];
    } finally {
      fs.closeSync(fd);
    }
  }

  dispose(): void {
    try {
      if (this.fd !== null) fs.closeSync(this.fd);
    } catch {
      /* already closed */
    }
    this.fd = null;
    fs.rmSync(this.file, { force: true });
  }
}
