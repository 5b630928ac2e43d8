/**
 * A temporary file of rows between reading an import and committing it, so memory stays flat
 * however large the file. Rows are written in batches of 512, each batch one line encrypted with
 * the PII data key: plaintext ID and phone numbers never touch the temp folder. Mode 0600,
 * removed on dispose.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Pii } from '../pii';

export class Spool<T> {
  readonly file = path.join(os.tmpdir(), `callback-desk-import-${randomUUID()}.spool`);
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
