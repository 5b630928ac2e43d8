/**
 * Issue #16 item 3: every file the app writes is owner-only (0600), whatever the umask of the
 * shell that started it. The CLI and the harness run as subprocesses of this test, which sets the
 * usual login umask 022 first (so a file created with the default mode would be 0644).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../electron/core/clock';
import { addWeeks, isoWeekOf } from '../../shared/domain/weeks';
import { startHarnessProcess } from '../harness/process';
import { cli, ROOT, tempDir } from '../helpers';

const FIX_IMPORT = path.join(ROOT, 'test/fixtures/import');

const posix = process.platform !== 'win32';
const dirs: string[] = [];
let oldUmask = 0;
let db: string;
let work: string;

const mode = (file: string) => fs.statSync(file).mode & 0o777;
const modes = (files: string[]) => Object.fromEntries(files.map((f) => [path.basename(f), mode(f).toString(8)]));
const allPrivate = (files: string[]) => Object.fromEntries(files.map((f) => [path.basename(f), '600']));

beforeAll(() => {
  oldUmask = process.umask(0o022); // inherited by every child process below
  work = tempDir('cbd-modes-');
  dirs.push(work);
  db = path.join(work, 'branch.db');
  const seed = cli(['demo-seed', '--db', db, '--loans', '40', '--seed', '3', '--json']);
  expect(seed.code, seed.stderr).toBe(0);
}, 120_000);

afterAll(() => {
  process.umask(oldUmask);
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe.runIf(posix)('files the CLI writes are 0600 under umask 022', () => {
  it('database and key files', () => {
    // The signing key is made on first use.
    const pem = path.join(work, 'public.pem');
    expect(cli(['sync', 'public-key', '--db', db, '--out', pem, '--json']).code).toBe(0);
    const files = [db, `${db}.key`, `${db}.sign.key`];
    expect(modes(files)).toEqual(allPrivate(files));
  });

  it('a backup, the copy a restore keeps, and the restored database', () => {
    const out = path.join(work, 'manual-backup.db');
    const b = cli(['backup', '--db', db, '--out', out, '--json']);
    expect(b.code, b.stderr).toBe(0);
    const r = cli(['restore', out, '--db', db, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const kept = (r.json as { keptAs: string }).keptAs;
    expect(modes([out, kept, db])).toEqual(allPrivate([out, kept, db]));
  });

  it('the rejects CSV of an import (it holds the rejected rows)', () => {
    const rejects = path.join(work, 'rejects.csv');
    fs.writeFileSync(rejects, 'old\n', { mode: 0o644 }); // an existing file is narrowed too
    const r = cli([
      'import',
      path.join(FIX_IMPORT, 'bad-dates.csv'),
      '--db',
      db,
      '--skip-invalid',
      '--rejects',
      rejects,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(fs.readFileSync(rejects, 'utf8')).not.toBe('old\n');
    expect(modes([rejects])).toEqual(allPrivate([rejects]));
  });

  it('weekly exports (XLSX and CSV) and sync bundles', () => {
    const week = addWeeks(isoWeekOf(shanghaiDate(new Date())), -1);
    const files: string[] = [];
    for (const format of ['xlsx', 'csv']) {
      const out = path.join(work, `weekly.${format}`);
      const r = cli(['report', 'weekly', '--db', db, '--week', week, '--format', format, '--out', out, '--json']);
      expect(r.code, r.stderr).toBe(0);
      files.push(out);
    }
    const bundles = path.join(work, 'usb');
    fs.mkdirSync(bundles);
    const s = cli(['sync', 'export', '--db', db, '--out', bundles, '--json']);
    expect(s.code, s.stderr).toBe(0);
    const zips = fs.readdirSync(bundles).map((n) => path.join(bundles, n));
    expect(zips.length).toBeGreaterThan(0);
    files.push(...zips);
    expect(modes(files)).toEqual(allPrivate(files));
  });

  it('a database left 0644 by an older version is narrowed at the next open', () => {
    fs.chmodSync(db, 0o644);
    const r = cli(['stats', '--db', db, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(mode(db).toString(8)).toBe('600');
  });

  it('the harness: -wal, -shm, the log and the daily backup while it runs', async () => {
    const h = await startHarnessProcess(db);
    try {
      // The daily backup is written in the background right after start.
      const backups = path.join(work, 'backups');
      for (let i = 0; i < 100 && !(fs.existsSync(backups) && fs.readdirSync(backups).length > 0); i++)
        await new Promise((r) => setTimeout(r, 100));
      await fetch(`${h.origin}/api/auth.login`, {
        method: 'POST',
        headers: { authorization: `Bearer ${h.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'nobody', password: 'wrong-password' }),
      });
      const files = [
        `${db}-wal`,
        `${db}-shm`,
        ...fs.readdirSync(backups).map((n) => path.join(backups, n)),
        ...(fs.existsSync(path.join(work, 'logs'))
          ? fs.readdirSync(path.join(work, 'logs')).map((n) => path.join(work, 'logs', n))
          : []),
      ];
      expect(modes(files)).toEqual(allPrivate(files));
      for (const d of [backups]) expect((fs.statSync(d).mode & 0o777).toString(8)).toBe('700');
    } finally {
      await h.stop();
    }
  }, 120_000);
});
