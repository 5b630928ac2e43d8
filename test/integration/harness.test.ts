/** The browser harness as a real process: token, loopback, contract listing, roles over HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../shared/contract';
import { ensureRendererBuilt } from '../harness/build';
import { startHarnessProcess, type HarnessProcess } from '../harness/process';
import { cli, tempDb } from '../helpers';

let h: HarnessProcess;

beforeAll(async () => {
  await ensureRendererBuilt();
  const db = tempDb();
  cli(['demo-seed', '--db', db, '--loans', '30', '--as-of', '2026-11-20', '--json']);
  h = await startHarnessProcess(db);
});
afterAll(() => h?.stop());

const post = (channel: string, body: unknown, token = h.token) =>
  fetch(`${h.origin}/api/${channel}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('browser harness', () => {
  it('binds to 127.0.0.1 and prints the URL with its token', () => {
    expect(h.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+$/);
  });

  it('refuses requests without the right token', async () => {
    expect((await fetch(`${h.origin}/api`)).status).toBe(401);
    expect((await fetch(`${h.origin}/api`, { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
    expect((await post('auth.session', {}, 'nope')).status).toBe(401);
    expect((await fetch(`${h.origin}/`)).status).toBe(401);
  });

  it('lists every channel with its role and JSON Schemas at GET /api', async () => {
    const r = await fetch(`${h.origin}/api`, { headers: { authorization: `Bearer ${h.token}` } });
    const body = (await r.json()) as {
      channels: { name: string; role: string; input: { type: string }; output: object }[];
    };
    expect(body.channels.map((c) => c.name).sort()).toEqual([...CHANNELS].sort());
    const login = body.channels.find((c) => c.name === 'auth.login')!;
    expect(login.role).toBe('public');
    expect(login.input).toMatchObject({ type: 'object', required: ['username', 'password'] });
  });

  it('keeps one session, enforces roles and answers bad calls with typed errors', async () => {
    expect(await (await post('loans.list', {})).json()).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
    expect(await (await post('auth.login', { username: 'officer1', password: 'demo1234' })).json()).toMatchObject({
      ok: true,
    });
    const loans = (await (await post('loans.list', { limit: 5 })).json()) as {
      ok: true;
      value: { total: number; rows: unknown[] };
    };
    expect(loans.value.total).toBe(30);
    expect(loans.value.rows).toHaveLength(5);
    expect(await (await post('users.list', {})).json()).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'errors.forbidden' },
    });
    // Imports are for managers and administrators only.
    expect(await (await post('imports.list', {})).json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await (await post('imports.upload', { fileName: 'x.csv', chunk: 'YQ==', last: true })).json()).toMatchObject(
      {
        ok: false,
        error: { code: 'forbidden' },
      },
    );
    const bad = await post('loans.list', '{not json');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const unknown = await post('nope.nothing', {});
    expect(unknown.status).toBe(404);
    const huge = await post('auth.login', { username: 'x', password: 'y'.repeat(2 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    expect(await (await post('auth.logout', {})).json()).toMatchObject({ ok: true, value: { user: null } });
  });

  it('refuses other Host names (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${h.origin}/api`,
        { headers: { host: 'evil.example', authorization: `Bearer ${h.token}` } },
        (res) => resolve(res.statusCode!),
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it('serves the page with the CSP and the generated window.api script, and nothing outside the bundle', async () => {
    const page = await fetch(h.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const cookie = page.headers.get('set-cookie')!;
    expect(cookie).toContain('HttpOnly');
    const html = await page.text();
    expect(html).toContain('__harness/api.js');
    const script = await (
      await fetch(`${h.origin}/__harness/api.js`, { headers: { cookie: cookie.split(';')[0]! } })
    ).text();
    for (const c of CHANNELS) expect(script).toContain(`"${c}"`);
    const traversal = await fetch(`${h.origin}/..%2f..%2fpackage.json`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(traversal.status).toBe(404);
  });
});
