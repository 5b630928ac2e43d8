/**
 * Hostile workbooks (issue #16 item 9): a ~600 KB XLSX whose one cell unpacks to 600 MB used to
 * take 748 MB and end in "Invalid string length", and nine at once took the harness down. The
 * analysis now refuses the cell at its row and column while the part streams, caps what the parts
 * unpack to, and runs one at a time per process; peak memory stays under 400 MB.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startHarnessProcess, type HarnessProcess } from '../harness/process';
import { writeCellBomb } from '../fixtures/import/bomb';
import { ROOT, initDb, tempDir } from '../helpers';

const PEAK_LIMIT_KB = 400 * 1024;
const made: string[] = [];
afterAll(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});
function dir(): string {
  const d = tempDir('cbd-bomb-');
  made.push(d);
  return d;
}
function db(): string {
  const file = initDb();
  made.push(path.dirname(file));
  return file;
}

/**
 * Peak resident memory of a process, from /proc while it runs: `VmHWM` is the high-water mark of
 * its whole life; `VmRSS` polled gives the peak over the watched span only (the harness's sign-in
 * runs scrypt with 128 MB before the uploads, which is not what is measured here).
 */
function watchPeak(pid: number, field: 'VmHWM' | 'VmRSS' = 'VmHWM'): { stop(): number } {
  let peak = 0;
  const read = () => {
    try {
      const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) peak = Math.max(peak, Number(m[1]));
    } catch {
      // gone
    }
  };
  const timer = setInterval(read, 10);
  return {
    stop() {
      clearInterval(timer);
      read();
      return peak;
    },
  };
}

interface Run {
  code: number | null;
  json: { errors: { row: number; column: string; code: string }[] } | null;
  stderr: string;
  peakKb: number;
}

/**
 * `import --dry-run --json` in a child process, with its peak RSS: from /usr/bin/time where it is
 * installed (exact, read by the kernel at exit), else by polling /proc.
 */
function dryRun(file: string, dbFile: string): Promise<Run> {
  const node = [process.execPath, '--import', 'tsx', path.join(ROOT, 'electron/cli/index.ts')];
  const args = ['import', file, '--db', dbFile, '--dry-run', '--json'];
  const timed = fs.existsSync('/usr/bin/time');
  const [cmd, ...rest] = timed ? ['/usr/bin/time', '-f', 'peak-rss-kb=%M', ...node, ...args] : [...node, ...args];
  return new Promise((resolve, reject) => {
    const child = spawn(cmd!, rest, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const watch = timed ? null : watchPeak(child.pid!);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => {
      const polled = watch?.stop() ?? 0;
      const timedKb = Number(/peak-rss-kb=(\d+)/.exec(stderr)?.[1] ?? NaN);
      const line = stdout.trim().split('\n').filter(Boolean).pop();
      let json: Run['json'];
      try {
        json = line ? (JSON.parse(line) as Run['json']) : null;
      } catch {
        json = null;
      }
      resolve({ code, json, stderr, peakKb: timed ? timedKb : polled });
    });
  });
}

describe('an XLSX cell bomb is refused at its cell, in bounded memory', () => {
  it('one inline cell of 600 MB (a ~600 KB file): field_too_long at row 2, 借款人姓名, peak RSS < 400 MB', async () => {
    const file = path.join(dir(), 'inline-bomb.xlsx');
    expect(writeCellBomb(file, { mib: 600, kind: 'inline' })).toBeLessThan(1024 * 1024);
    const r = await dryRun(file, db());
    expect(r.json, r.stderr).not.toBeNull();
    expect(r.json!.errors).toEqual([expect.objectContaining({ row: 2, column: '借款人姓名', code: 'field_too_long' })]);
    expect(r.code).toBe(1);
    expect(r.peakKb, `peak RSS ${r.peakKb} kB`).toBeGreaterThan(0);
    expect(r.peakKb, `peak RSS ${r.peakKb} kB`).toBeLessThan(PEAK_LIMIT_KB);
  }, 180_000);

  it('one shared string of 200 MB: refused at the cell that uses it (row 2, 借款人姓名), peak RSS < 400 MB', async () => {
    const file = path.join(dir(), 'shared-bomb.xlsx');
    writeCellBomb(file, { mib: 200, kind: 'shared' });
    const r = await dryRun(file, db());
    expect(r.json, r.stderr).not.toBeNull();
    expect(r.json!.errors).toEqual([expect.objectContaining({ row: 2, column: '借款人姓名', code: 'field_too_long' })]);
    expect(r.peakKb, `peak RSS ${r.peakKb} kB`).toBeGreaterThan(0);
    expect(r.peakKb, `peak RSS ${r.peakKb} kB`).toBeLessThan(PEAK_LIMIT_KB);
  }, 180_000);

  it('a shared-strings part that unpacks beyond the part limit is refused plainly, unread (xlsx_too_large)', async () => {
    const file = path.join(dir(), 'big-part.xlsx');
    writeCellBomb(file, { mib: 300, kind: 'shared' });
    const r = await dryRun(file, db());
    expect(r.json, r.stderr).not.toBeNull();
    expect(r.json!.errors).toEqual([expect.objectContaining({ row: 0, code: 'xlsx_too_large' })]);
    expect(r.code).toBe(2);
    expect(r.peakKb).toBeLessThan(PEAK_LIMIT_KB);
  }, 180_000);
});

describe('nine cell bombs uploaded at once through the harness', () => {
  let h: HarnessProcess | undefined;
  afterAll(async () => {
    await h?.stop();
  });

  it('the harness stays up, under 400 MB; each upload is refused at its cell or told to wait plainly', async () => {
    const file = path.join(dir(), 'bomb.xlsx');
    writeCellBomb(file, { mib: 600, kind: 'inline' });
    const chunk = fs.readFileSync(file).toString('base64');
    h = await startHarnessProcess(db());
    const harness = h;
    const post = async (channel: string, body: unknown) => {
      const r = await fetch(`${harness.origin}/api/${channel}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${harness.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return (await r.json()) as {
        ok: boolean;
        value?: Record<string, unknown>;
        error?: { code: string; message: string };
      };
    };
    expect(await post('auth.login', { username: 'admin', password: 'admin-pass-1' })).toMatchObject({ ok: true });
    const watch = watchPeak(harness.proc.pid!, 'VmRSS');

    const one = async (i: number) => {
      const up = await post('imports.upload', { fileName: `bomb-${i}.xlsx`, chunk, last: true });
      expect(up.ok).toBe(true);
      const started = await post('imports.analyse', { uploadId: up.value!.uploadId });
      if (!started.ok) return { busy: started.error };
      for (;;) {
        const s = await post('imports.status', { jobId: started.value!.jobId });
        expect(s.ok).toBe(true);
        if (s.value!.phase !== 'reading') return { status: s.value! };
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const results = await Promise.all(Array.from({ length: 9 }, (_, i) => one(i)));
    const peak = watch.stop();

    expect(harness.proc.exitCode).toBeNull();
    expect(await post('auth.session', {})).toMatchObject({ ok: true, value: { user: { username: 'admin' } } });
    let refusedAtCell = 0;
    for (const r of results) {
      if (r.busy) {
        expect(r.busy).toMatchObject({ code: 'conflict', message: 'errors.importBusy' });
        continue;
      }
      expect(r.status).toMatchObject({
        phase: 'ready',
        summary: { fileErrors: [{ row: 2, column: '借款人姓名', code: 'field_too_long' }] },
      });
      refusedAtCell++;
    }
    expect(refusedAtCell).toBeGreaterThanOrEqual(1);
    expect(peak, `harness peak RSS ${peak} kB`).toBeGreaterThan(0);
    expect(peak, `harness peak RSS ${peak} kB`).toBeLessThan(PEAK_LIMIT_KB);
  }, 300_000);
});
