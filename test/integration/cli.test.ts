/** The real CLI as a subprocess on real database files (DESIGN.md §8). */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../electron/core/db/migrations/index';
import { ROOT, cli, cliInit, tempDb } from '../helpers';

const init = cliInit;

describe('init, users add, stats, doctor on a fresh file', () => {
  it('initializes a branch with its admin and reports a healthy file', () => {
    const db = tempDb();
    const r = init(db);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json).toEqual({ branch: { code: 'HZ001', name: '杭州西湖支行' }, admin: 'admin' });
    expect(cli(['stats', '--db', db, '--json']).json).toMatchObject({ loans: 0, parties: 0, users: 1 });
    const d = cli(['doctor', '--db', db, '--json']);
    expect(d.code).toBe(0);
    expect(d.json).toMatchObject({ schemaVersion: SCHEMA_VERSION, integrity: 'ok', auditChain: 'ok' });
    expect(fs.statSync(`${db}.key`).mode & 0o777).toBe(0o600);
  });

  it('refuses a second init and changes nothing (exit 1)', () => {
    const db = tempDb();
    init(db);
    const before = cli(['stats', '--db', db, '--json']).json;
    const r = init(db);
    expect(r.code).toBe(1);
    expect(r.json).toMatchObject({ error: { code: 'conflict', message: expect.stringContaining('已初始化') } });
    expect(cli(['stats', '--db', db, '--json']).json).toEqual(before);
  });

  it('answers usage errors with exit 2 and touches no file', () => {
    const db = tempDb();
    const r = cli(['init', '--db', db, '--branch-name', 'x', '--admin', 'a', '--password-stdin', '--json'], {
      input: 'pw12345678',
    });
    expect(r.code).toBe(2);
    expect(r.json).toMatchObject({ error: { code: 'usage' } });
    expect(fs.existsSync(db)).toBe(false);
    expect(cli(['frobnicate', '--db', db, '--json']).code).toBe(2);
    expect(cli(['stats', '--bogus-flag', '--json']).code).toBe(2);
    expect(cli(['stats', '--db', path.join(path.dirname(db), 'missing.db'), '--json']).code).toBe(2);
  });

  it('adds users, refusing duplicates, bad roles and short passwords', () => {
    const db = tempDb();
    init(db);
    const add = (u: string, role: string, pw: string, name = '王芳') =>
      cli(
        [
          'users',
          'add',
          '--db',
          db,
          '--username',
          u,
          '--role',
          role,
          '--display-name',
          name,
          '--password-stdin',
          '--json',
        ],
        { input: pw },
      );
    const ok = add('wangfang', 'officer', 'officer-pass');
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.json).toMatchObject({ user: { username: 'wangfang', role: 'officer', displayName: '王芳' } });
    expect(add('wangfang', 'officer', 'officer-pass')).toMatchObject({
      code: 1,
      json: { error: { code: 'conflict' } },
    });
    expect(add('li', 'boss', 'officer-pass').code).toBe(2);
    expect(add('li', 'officer', 'short')).toMatchObject({ code: 1, json: { error: { code: 'invalid_input' } } });
    expect(add('li', 'officer', '').code).toBe(1);
    expect(add('li', 'officer', 'officer-pass', "李娜\n=cmd|' /C calc'!A0")).toMatchObject({
      code: 1,
      json: { error: { code: 'invalid_input', message: '姓名不能包含换行、控制字符、零宽字符或文字方向控制字符。' } },
    });
    expect(cli(['stats', '--db', db, '--json']).json).toMatchObject({ users: 2 });
  });

  it('speaks English when asked', () => {
    const db = tempDb();
    init(db);
    const r = cli(
      [
        'init',
        '--db',
        db,
        '--branch-code',
        'X1',
        '--branch-name',
        'x',
        '--admin',
        'a',
        '--password-stdin',
        '--json',
        '--lang',
        'en',
      ],
      { input: 'pw12345678' },
    );
    expect(r.json).toMatchObject({ error: { message: expect.stringContaining('already has a branch') } });
  });
});

describe('demo-seed', () => {
  it('fills a fresh file with a demo branch, users and N loans', () => {
    const db = tempDb();
    const r = cli(['demo-seed', '--db', db, '--loans', '80', '--seed', '5', '--as-of', '2026-11-20', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json).toMatchObject({
      loansCreated: 80,
      branchCreated: true,
      usersCreated: ['admin', 'officer1', 'officer2', 'officer3', 'manager1'],
    });
    const s = cli(['stats', '--db', db, '--json']).json as { loans: number; parties: number; users: number };
    expect(s.loans).toBe(80);
    expect(s.parties).toBeGreaterThan(80);
    expect(s.users).toBe(5);
    expect(cli(['doctor', '--db', db, '--json']).code).toBe(0);
  });

  it('rejects a bad --as-of or --loans with exit 2', () => {
    const db = tempDb();
    expect(cli(['demo-seed', '--db', db, '--as-of', '2026-02-30', '--json']).code).toBe(2);
    expect(cli(['demo-seed', '--db', db, '--loans', 'many', '--json']).code).toBe(2);
  });
});

describe('doctor', () => {
  it('reports a broken audit chain after a row is edited by hand (exit 1)', () => {
    const db = tempDb();
    init(db);
    cli(['demo-seed', '--db', db, '--loans', '5', '--json']);
    const raw = new Database(db);
    raw.exec('DROP TRIGGER audit_log_no_update');
    raw.prepare("UPDATE audit_log SET actor = 'someone-else' WHERE seq = 2").run();
    raw.close();
    const r = cli(['doctor', '--db', db, '--json']);
    expect(r.code).toBe(1);
    expect(r.json).toMatchObject({ integrity: 'ok', auditChain: expect.stringMatching(/^broken at entry 2/) });
  });

  it('refuses a file from a newer schema without changing it', () => {
    const db = tempDb();
    init(db);
    const raw = new Database(db);
    raw.pragma('user_version = 99');
    raw.close();
    const r = cli(['stats', '--db', db, '--json']);
    expect(r.code).toBe(1);
    expect(r.json).toMatchObject({ error: { code: 'conflict', message: expect.stringContaining('99') } });
    expect(cli(['doctor', '--db', db, '--json']).json).toMatchObject({ schemaVersion: 99 });
  });

  it('says a missing file is missing (exit 2)', () => {
    const r = cli(['doctor', '--db', '/nonexistent/dir/x.db', '--json']);
    expect(r.code).toBe(2);
    expect(r.json).toMatchObject({ error: { code: 'not_found' } });
  });
});

describe('Node version guard', () => {
  const old = ['/usr/bin/node', '/bin/node'].find((p) => {
    if (!fs.existsSync(p)) return false;
    const v = spawnSync(p, ['--version'], { encoding: 'utf8' }).stdout.trim();
    return /^v(1\d|20|21)\./.test(v);
  });
  it.skipIf(!old)('refuses an old Node with a clear message instead of crashing', () => {
    const r = spawnSync(
      old!,
      ['--import', 'tsx', path.join(ROOT, 'electron/cli/index.ts'), 'stats', '--db', tempDb()],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Node.js 22.12');
  });
});
