/**
 * Issue #16 item 14, through the real harness process: malformed `%` escapes in the path or the
 * cookie answer 400 (they answered 500 before the token check), and the token can be given by a
 * file or the environment so it is not on the command line for `ps` to show.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ROOT, cliInit, tempDir } from '../helpers';

// scrypt and child processes are slow on a shared CI machine; these wait on them, not on a bound.
vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

let dir: string;
let db: string;
const running: ChildProcess[] = [];

beforeAll(() => {
  dir = tempDir('cbd-insider-harness-');
  db = path.join(dir, 'branch.db');
  expect(cliInit(db).code).toBe(0);
});
afterAll(async () => {
  await Promise.all(
    running.map(
      (p) =>
        new Promise<void>((resolve) => {
          if (p.exitCode !== null || p.signalCode !== null) return resolve();
          p.once('exit', () => resolve());
          p.kill('SIGTERM');
        }),
    ),
  );
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Start the harness with `args` and `env`; resolves with its origin, or rejects with its exit. */
function startHarness(args: string[], env: NodeJS.ProcessEnv = {}) {
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'test/harness/index.ts'), '--db', db, '--port', '0', '--no-build', ...args],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } },
  );
  running.push(proc);
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise<{ proc: ChildProcess; origin: string; url: string }>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /ready: (http\S+)/.exec(out);
      if (m) resolve({ proc, origin: new URL(m[1]!).origin, url: m[1]! });
    });
    proc.once('exit', (code) => reject(Object.assign(new Error(`harness exited ${code}: ${stderr}`), { code })));
  });
}

/** A raw HTTP GET (fetch would re-encode a malformed path). */
function get(origin: string, rawPath: string, headers: Record<string, string> = {}) {
  const u = new URL(origin);
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      { host: u.hostname, port: u.port, path: rawPath, headers: { host: u.host, ...headers } },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const cmdline = (p: ChildProcess) => fs.readFileSync(`/proc/${p.pid}/cmdline`, 'utf8').replaceAll('\0', ' ');

describe('harness token off the command line', () => {
  it('takes the token from CALLBACK_DESK_HARNESS_TOKEN and does not show it in argv', async () => {
    const token = 'env-token-0123456789abcdef';
    const h = await startHarness([], { CALLBACK_DESK_HARNESS_TOKEN: token });
    expect(cmdline(h.proc)).not.toContain(token);
    expect((await get(h.origin, '/api', { authorization: `Bearer ${token}` })).status).toBe(200);
    expect((await get(h.origin, '/api', { authorization: 'Bearer other' })).status).toBe(401);
    h.proc.kill('SIGTERM');
  });

  it('takes the token from --token-file (owner-only) and refuses a file others can read', async () => {
    const token = 'file-token-fedcba9876543210';
    const file = path.join(dir, 'harness.token');
    fs.writeFileSync(file, `${token}\n`, { mode: 0o600 });
    fs.chmodSync(file, 0o600);
    const h = await startHarness(['--token-file', file]);
    expect(cmdline(h.proc)).not.toContain(token);
    expect((await get(h.origin, '/api', { authorization: `Bearer ${token}` })).status).toBe(200);
    h.proc.kill('SIGTERM');
    fs.chmodSync(file, 0o644);
    await expect(startHarness(['--token-file', file])).rejects.toMatchObject({ code: 2 });
  });
});

describe('malformed escapes', () => {
  it('answer 400 in the path or the cookie, with or without the token, and the harness keeps serving', async () => {
    const token = 'escape-token-00112233';
    const h = await startHarness(['--token', token]);
    const auth = { authorization: `Bearer ${token}` };
    const cookie = { cookie: `callback_desk_harness=${token}` };
    // Before the token check: a malformed cookie, a malformed path.
    expect((await get(h.origin, '/', { cookie: 'callback_desk_harness=%zz' })).status).toBe(400);
    expect((await get(h.origin, '/%E0%A4%A')).status).toBe(400);
    expect((await get(h.origin, '/api/%zz')).status).toBe(400);
    // With the token: the path is decoded for a static file and for a channel name.
    expect((await get(h.origin, '/%zz.js', cookie)).status).toBe(400);
    const api = await get(h.origin, '/api/auth.%E0session', auth);
    expect(api.status).toBe(400);
    expect(JSON.parse(api.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect((await get(h.origin, '/api', auth)).status).toBe(200);
  });
});
