/**
 * Issue #16 item 4 through the real CLI: with `--key-dir` or CALLBACK_DESK_KEY_DIR the key files
 * live in their own folder, so a copy of the data folder holds no key; keys of an older database
 * beside it are moved there (and the CLI says so); the copied folder alone cannot be read.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, cliInit, tempDir } from '../helpers';

const dirs: string[] = [];
const dir = () => {
  const d = tempDir('cbd-keydir-');
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const seed = (db: string, extra: string[] = [], env: NodeJS.ProcessEnv = {}) =>
  cli(['demo-seed', '--db', db, '--loans', '10', '--no-history', '--json', ...extra], { env });

describe('a key folder apart from the data', () => {
  it('--key-dir: no key beside the database; a copy of the data folder cannot read the data', () => {
    const data = dir();
    const keys = path.join(dir(), 'keys');
    const db = path.join(data, 'branch.db');
    const r = seed(db, ['--key-dir', keys]);
    expect(r.code, r.stderr).toBe(0);
    const s = cli(['sync', 'public-key', '--db', db, '--key-dir', keys, '--out', path.join(dir(), 'k.pem'), '--json']);
    expect(s.code, s.stderr).toBe(0);
    expect(fs.readdirSync(data).filter((n) => n.includes('.key'))).toEqual([]);
    expect(fs.readdirSync(keys).sort()).toEqual(['branch.db.key', 'branch.db.sign.key']);
    expect(fs.statSync(keys).mode & 0o777).toBe(0o700);
    // Someone copies the data folder: without the key folder the personal data stays closed.
    const copy = dir();
    fs.cpSync(data, copy, { recursive: true });
    const stolen = cli(['demo-seed', '--db', path.join(copy, 'branch.db'), '--loans', '1', '--json']);
    expect(stolen.code).not.toBe(0);
    expect(stolen.json).toMatchObject({ error: { message: expect.stringContaining('branch.db.key') } });
    // With the key folder it works.
    expect(seed(db, ['--key-dir', keys]).code).toBe(0);
  }, 120_000);

  it('CALLBACK_DESK_KEY_DIR does the same', () => {
    const data = dir();
    const keys = dir();
    const db = path.join(data, 'branch.db');
    expect(cliInit(db, []).code).toBe(0); // beside the database: the default for a quick trial
    expect(fs.existsSync(`${db}.key`)).toBe(true);
    const r = seed(db, [], { CALLBACK_DESK_KEY_DIR: keys });
    expect(r.code, r.stderr).toBe(0);
    // The old key moved into the folder, and the CLI said so.
    expect(r.stderr).toContain('moved the key file');
    expect(fs.existsSync(`${db}.key`)).toBe(false);
    expect(fs.existsSync(path.join(keys, 'branch.db.key'))).toBe(true);
    expect(fs.existsSync(path.join(keys, 'branch.db.sign.key'))).toBe(true);
    // The data written before the move still reads (same key).
    expect(seed(db, [], { CALLBACK_DESK_KEY_DIR: keys }).code).toBe(0);
  }, 120_000);
});
