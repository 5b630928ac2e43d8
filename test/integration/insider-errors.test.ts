/**
 * Issue #16 item 15: a read-only database, a database another program holds locked, and a full
 * disk give plain messages in the app (the dispatcher) and exit 2 in the CLI — not `internal` /
 * exit 3. Real SQLite failures every time: a connection SQLite opened read-only, a child process
 * holding an exclusive lock, `PRAGMA max_page_count` (SQLITE_FULL), and where this machine lets
 * the test mount one (root), a 1 MiB tmpfs filled up and a tmpfs remounted read-only.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openAppContext, type AppContext } from '../../electron/core/context';
import { createDispatcher } from '../../electron/core/dispatch';
import { createLogger } from '../../electron/core/log';
import { cli, cliInit, ROOT, tempDir } from '../helpers';

const quiet = createLogger();
const dirs: string[] = [];
const children: ChildProcess[] = [];
const contexts: AppContext[] = [];
let template: string;

function freshDb(): string {
  const dir = tempDir('cbd-ioerr-');
  dirs.push(dir);
  const db = path.join(dir, 'branch.db');
  fs.copyFileSync(template, db);
  fs.copyFileSync(`${template}.key`, `${db}.key`);
  return db;
}

/** A child process that opens `db`, takes an exclusive lock and holds it until killed. */
async function holdExclusiveLock(db: string, mode: 'writers' | 'everyone'): Promise<void> {
  const code = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1]);
    // 'everyone': exclusive locking mode keeps even readers out (a WAL database lets them in otherwise).
    if (process.argv[2] === 'everyone') db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.prepare("UPDATE settings SET value = value WHERE key = 'pii.keyId'").run();
    process.stdout.write('locked\\n');
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['-e', code, db, mode], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('locked') && resolve());
    child.once('exit', (c) => reject(new Error(`lock holder exited with ${c}`)));
  });
}

beforeAll(() => {
  const dir = tempDir('cbd-ioerr-');
  dirs.push(dir);
  template = path.join(dir, 'template.db');
  const r = cliInit(template);
  expect(r.code, r.stderr).toBe(0);
}, 60_000);

afterEach(() => {
  for (const c of contexts.splice(0)) c.close();
  for (const c of children.splice(0)) c.kill('SIGKILL');
});

afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const login = { username: 'admin', password: 'admin-pass-1' };

describe('the app answers storage failures plainly (dispatcher)', () => {
  it('a database SQLite can only open read-only: sign-in says 只读, not internal', async () => {
    const ctx = openAppContext(freshDb(), { readonly: true, log: quiet });
    contexts.push(ctx);
    const r = await createDispatcher(ctx, () => {})('auth.login', login);
    expect(r).toMatchObject({ ok: false, error: { code: 'unavailable', message: 'errors.dbReadOnly' } });
  });

  it('a database another process holds locked: 被其他程序占用', async () => {
    const db = freshDb();
    const ctx = openAppContext(db, { log: quiet });
    contexts.push(ctx);
    await holdExclusiveLock(db, 'writers');
    ctx.db.pragma('busy_timeout = 200');
    const r = await createDispatcher(ctx, () => {})('auth.login', login);
    expect(r).toMatchObject({ ok: false, error: { code: 'unavailable', message: 'errors.dbBusy' } });
  });

  it('a full database file (SQLITE_FULL): 磁盘空间不足', async () => {
    const ctx = openAppContext(freshDb(), { log: quiet });
    contexts.push(ctx);
    const dispatch = createDispatcher(ctx, () => {});
    expect(await dispatch('auth.login', login)).toMatchObject({ ok: true });
    const rules = await dispatch('settings.callRules', {});
    expect(rules.ok).toBe(true);
    // The file may not grow any more, and its free pages are used up.
    ctx.db.exec('CREATE TABLE filler(x)');
    ctx.db.pragma(`max_page_count = ${ctx.db.pragma('page_count', { simple: true }) as number}`);
    const fill = ctx.db.prepare('INSERT INTO filler VALUES (randomblob(?))');
    for (const size of [1000, 100, 10])
      for (;;)
        try {
          fill.run(size);
        } catch {
          break;
        }
    // Each change appends to the audit log; soon one needs a page the file cannot get.
    let r: Awaited<ReturnType<typeof dispatch>> = { ok: true, value: null };
    for (let i = 0; i < 500 && r.ok; i++)
      r = await dispatch('settings.setCallRules', { rules: (rules as { value: object }).value });
    expect(r).toMatchObject({ ok: false, error: { code: 'unavailable', message: 'errors.diskFull' } });
  });
});

describe('the CLI gives exit 2 and a plain message', () => {
  it('a locked database', async () => {
    const db = freshDb();
    await holdExclusiveLock(db, 'everyone');
    const r = cli(['users', 'list', '--db', db, '--json']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.json).toMatchObject({ error: { code: 'unavailable' } });
    expect(r.stderr).toContain('被其他程序占用');
    const en = cli(['users', 'list', '--db', db, '--lang', 'en']);
    expect(en.code).toBe(2);
    expect(en.stderr).toContain('in use by another program');
  }, 60_000);

  // A small file system of its own needs root (mount); elsewhere these two say why they are skipped.
  const canMount = (() => {
    if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
    const probe = tempDir('cbd-ioerr-mnt-');
    try {
      const ok = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe]).status === 0;
      if (ok) spawnSync('umount', [probe]);
      return ok;
    } finally {
      fs.rmSync(probe, { recursive: true, force: true });
    }
  })();
  const mounts: string[] = [];
  afterAll(() => {
    for (const m of mounts) spawnSync('umount', ['-l', m]);
  });
  const tmpfs = (size: string): string => {
    const dir = tempDir('cbd-ioerr-mnt-');
    dirs.push(dir);
    expect(spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]).status).toBe(0);
    mounts.push(dir);
    return dir;
  };

  it.skipIf(!canMount)('a full disk (a 2 MiB tmpfs filled up) [needs root to mount]', () => {
    const dir = tmpfs('2m');
    const db = path.join(dir, 'branch.db');
    fs.copyFileSync(template, db);
    fs.copyFileSync(`${template}.key`, `${db}.key`);
    // Fill what is left of the file system.
    const fd = fs.openSync(path.join(dir, 'filler'), 'w');
    try {
      const chunk = Buffer.alloc(4096);
      for (;;) fs.writeSync(fd, chunk);
    } catch (e) {
      expect((e as NodeJS.ErrnoException).code).toBe('ENOSPC');
    } finally {
      fs.closeSync(fd);
    }
    const r = cli(
      [
        'users',
        'add',
        '--db',
        db,
        '--username',
        'o9',
        '--role',
        'officer',
        '--display-name',
        '王九',
        '--password-stdin',
      ],
      { input: 'officer-pass-9\n' },
    );
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('磁盘空间不足');
  });

  it.skipIf(!canMount)('a read-only database (a tmpfs remounted read-only) [needs root to mount]', () => {
    const dir = tmpfs('8m');
    const db = path.join(dir, 'branch.db');
    fs.copyFileSync(template, db);
    fs.copyFileSync(`${template}.key`, `${db}.key`);
    expect(spawnSync('mount', ['-o', 'remount,ro', dir]).status).toBe(0);
    const r = cli(
      [
        'users',
        'add',
        '--db',
        db,
        '--username',
        'o9',
        '--role',
        'officer',
        '--display-name',
        '王九',
        '--password-stdin',
      ],
      { input: 'officer-pass-9\n' },
    );
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('只读');
  });
});
