/**
 * Issue #16 item 17: the head-office token must not follow a new address. Changing the URL
 * drops the stored token, only https:// (or http:// to this machine) is accepted, and neither the
 * app's push nor `sync push --url` sends the stored token to an address it was not entered for.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { initBranch } from '../../electron/core/branch';
import { openAppContext, type AppContext } from '../../electron/core/context';
import { createDispatcher, type Dispatch } from '../../electron/core/dispatch';
import { enqueue } from '../../electron/core/sync/outbox';
import { setSetting } from '../../electron/core/settings/store';
import { storedTarget } from '../../electron/core/sync/service';
import { TestClock, cliAsync, tempDir } from '../helpers';

// scrypt and child processes are slow on a shared CI machine; these wait on them, not on a bound.
vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

const TOKEN = 'hq-token-4f1c9a7e';
let dir: string;
let file: string;
let clock: TestClock;
let ctx: AppContext;
let dispatch: Dispatch;

beforeEach(async () => {
  dir = tempDir('cbd-insider-sync-');
  file = path.join(dir, 'branch.db');
  clock = new TestClock();
  ctx = openAppContext(file, { clock: clock.now });
  await initBranch(ctx.db, { code: 'HZ001', name: '测试支行', admin: 'admin', password: 'admin-pass-1' }, clock.now());
  dispatch = createDispatcher(ctx, () => {});
  expect(await dispatch('auth.login', { username: 'admin', password: 'admin-pass-1' })).toMatchObject({ ok: true });
});
afterEach(() => {
  ctx.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const setTarget = (input: { url: string; token?: string }) => dispatch('sync.setTarget', input);
const tokenSet = (r: unknown) => (r as { value: { target: { tokenSet: boolean } } }).value.target.tokenSet;

/** A loopback server that records the Authorization header of every request and answers 503. */
async function recorder() {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(req.headers.authorization ?? '');
    req.resume();
    req.on('end', () => res.writeHead(503).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return { url, seen, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('the sync token is bound to its address', () => {
  it('drops the stored token when the URL changes without a new one', async () => {
    expect(tokenSet(await setTarget({ url: 'https://hq.example-bank.cn', token: TOKEN }))).toBe(true);
    // Same address, no token: kept.
    expect(tokenSet(await setTarget({ url: 'https://hq.example-bank.cn/' }))).toBe(true);
    const moved = await setTarget({ url: 'https://attacker.example.com' });
    expect(moved).toMatchObject({ ok: true, value: { target: { url: 'https://attacker.example.com' } } });
    expect(tokenSet(moved)).toBe(false);
    expect(storedTarget(ctx)).toEqual({ url: 'https://attacker.example.com', token: '' });
    // Going back does not bring it back either: it was removed.
    expect(tokenSet(await setTarget({ url: 'https://hq.example-bank.cn' }))).toBe(false);
    const audit = ctx.db
      .prepare("SELECT details FROM audit_log WHERE action = 'settings.sync_target' ORDER BY seq")
      .pluck()
      .all() as string[];
    expect(audit.some((d) => d.includes('removed_url_changed'))).toBe(true);
    expect(audit.join('\n')).not.toContain(TOKEN);
  });

  it('keeps a token entered together with the new URL', async () => {
    await setTarget({ url: 'https://hq.example-bank.cn', token: TOKEN });
    expect(tokenSet(await setTarget({ url: 'https://hq2.example-bank.cn', token: 'new-token' }))).toBe(true);
    expect(storedTarget(ctx)).toEqual({ url: 'https://hq2.example-bank.cn', token: 'new-token' });
  });

  it('does not use the token after the URL is edited in the database directly', async () => {
    await setTarget({ url: 'https://hq.example-bank.cn', token: TOKEN });
    setSetting(ctx.db, 'syncUrl', 'https://attacker.example.com', clock.now());
    expect(storedTarget(ctx).token).toBe('');
    expect(await dispatch('sync.status', {})).toMatchObject({ ok: true, value: { target: { tokenSet: false } } });
    expect(await dispatch('sync.push', {})).toMatchObject({ ok: false, error: { message: 'errors.syncNoToken' } });
  });

  it('accepts only https://, or http:// to this machine, with a plain message', async () => {
    for (const url of ['http://hq.example-bank.cn', 'http://10.1.2.3:8443', 'http://127.0.0.2']) {
      expect(await setTarget({ url, token: TOKEN })).toEqual({
        ok: false,
        error: { code: 'invalid_input', message: 'errors.syncUrlInsecure' },
      });
    }
    for (const url of [
      'https://hq.example-bank.cn',
      'http://127.0.0.1:9000',
      'http://localhost:9000',
      'http://[::1]:9000',
    ])
      expect(await setTarget({ url, token: TOKEN })).toMatchObject({ ok: true });
    // The refused ones changed nothing.
    expect(storedTarget(ctx)).toEqual({ url: 'http://[::1]:9000', token: TOKEN });
  });
});

describe('sync push never sends the token elsewhere', () => {
  it('`sync push --url <other>` does not send the stored token there', async () => {
    const hq = await recorder();
    const other = await recorder();
    try {
      await setTarget({ url: hq.url, token: TOKEN });
      ctx.db.transaction(() =>
        enqueue(ctx.db, { entity: 'task', op: 'update', id: 1, data: { loanNo: 'L1' } }, clock.now()),
      )();
      ctx.close();
      const r = await cliAsync(['sync', 'push', '--db', file, '--url', other.url, '--tries', '1', '--json'], {
        env: { CALLBACK_DESK_SYNC_TOKEN: '' },
      });
      ctx = openAppContext(file, { clock: clock.now });
      expect(other.seen.filter((a) => a.includes(TOKEN))).toEqual([]);
      expect(r.code).not.toBe(0);
      expect(`${r.stdout}${r.stderr}`).not.toContain(TOKEN);
      // To its own address it still goes (the receiver answers 503: it was sent, that is all).
      ctx.close();
      await cliAsync(['sync', 'push', '--db', file, '--tries', '1', '--json'], {
        env: { CALLBACK_DESK_SYNC_TOKEN: '' },
      });
      ctx = openAppContext(file, { clock: clock.now });
      expect(hq.seen).toContain(`Bearer ${TOKEN}`);
    } finally {
      await hq.close();
      await other.close();
    }
  });
});
