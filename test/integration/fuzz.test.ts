/**
 * Contract fuzzing through the real harness process (issue 8): every channel of the contract gets
 * generated inputs — any JSON, boundary values, values of the wrong type under the channel's own
 * keys, huge strings, deep nesting, `__proto__`/`constructor` keys, broken JSON — signed in as each
 * role. Every answer must be a typed `{ ok: false, error }` with a known code or an `{ ok: true }`;
 * never a 5xx, a hang or a crash; and a call refused as invalid, unauthenticated or forbidden must
 * not have written anything (SQLite's data_version seen from a second connection does not move).
 * The same inputs go to a harness in recovery mode (a damaged database): typed answers, and neither
 * the damaged file nor its backups change.
 * `FUZZ_RUNS` sets the inputs per channel and role (CI: 12; `npm run fuzz`: 150).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, contract } from '../../shared/contract';
import { ERROR_CODES } from '../../shared/result';
import { z } from 'zod';
import { ensureRendererBuilt } from '../harness/build';
import { startHarnessProcess, type HarnessProcess } from '../harness/process';
import { cli, cliInit, tempDb } from '../helpers';

const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
/** Channels that end the session, or write where a random path points (a generated "/" is a real folder). */
const SKIP = new Set(['auth.logout', 'auth.lock', 'sync.export']);
const NO_WRITE_CODES = new Set(['invalid_input', 'unauthenticated', 'forbidden']);

let h: HarnessProcess;
let db: string;
let reader: Database.Database;

beforeAll(async () => {
  await ensureRendererBuilt();
  db = tempDb();
  expect(cliInit(db).code).toBe(0);
  expect(cli(['demo-seed', '--db', db, '--loans', '40', '--seed', '3', '--as-of', '2026-11-20', '--json']).code).toBe(
    0,
  );
  h = await startHarnessProcess(db);
  reader = new Database(db, { readonly: true });
}, 120_000);
afterAll(async () => {
  reader?.close();
  await h?.stop();
});

const dataVersion = () => reader.pragma('data_version', { simple: true }) as number;

async function post(channel: string, body: string, to: HarnessProcess = h): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${to.origin}/api/${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${to.token}`, 'content-type': 'application/json' },
    body,
    signal: AbortSignal.timeout(15_000), // a hang fails the test
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* judged by the caller */
  }
  return { status: res.status, json };
}

/** The channel's own input keys (from its JSON Schema), so generated objects get past the key check. */
function keysOf(channel: (typeof CHANNELS)[number]): string[] {
  const schema = z.toJSONSchema(contract[channel].input, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, unknown>;
  };
  return Object.keys(schema.properties ?? {});
}

const boundary = fc.constantFrom<unknown>(
  0,
  -1,
  1,
  2 ** 31,
  -(2 ** 31) - 1,
  Number.MAX_SAFE_INTEGER,
  1e308,
  -1e-308,
  0.5,
  '',
  ' ',
  '\u0000',
  '\u202e',
  '../../etc/passwd',
  '1970-01-01',
  '9999-12-31',
  '2026-02-30',
  '2026-W99',
  'x'.repeat(5000),
  '张'.repeat(3000),
  null,
  true,
  false,
  [],
  {},
  [null],
  { $gt: '' },
);

/** A JSON text for one request body. */
function bodies(keys: string[]): fc.Arbitrary<string> {
  const value = fc.oneof(boundary, fc.jsonValue({ maxDepth: 3 }));
  const shaped =
    keys.length > 0
      ? fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: keys.length }).map((o) => JSON.stringify(o))
      : fc.constant('{}');
  const withExtra = shaped.map((s) => s.replace(/^\{/, '{"unexpected":1,').replace(',}', '}'));
  const proto = fc
    .constantFrom('__proto__', 'constructor', 'prototype')
    .chain((k) =>
      shaped.map((s) => s.replace(/^\{/, `{"${k}":{"role":"admin","isAdmin":true,"polluted":1},`).replace(',}', '}')),
    );
  const deep = fc
    .integer({ min: 100, max: 3000 })
    .chain((n) =>
      fc.constantFrom(
        `${'['.repeat(n)}${']'.repeat(n)}`,
        `{"${keys[0] ?? 'a'}":${'{"a":'.repeat(n)}1${'}'.repeat(n)}}`,
      ),
    );
  const huge = fc.constantFrom(
    JSON.stringify(Object.fromEntries(keys.map((k) => [k, 'y'.repeat(300_000)]))),
    `{"${keys[0] ?? 'a'}":"${'z'.repeat(1_200_000)}"}`, // over the harness's 1 MiB body limit
  );
  const broken = fc.constantFrom('', '{', '{"a":', 'null', '[]', '"text"', '42', '{"a":1}}', '\u0000', 'undefined');
  return fc.oneof(
    { arbitrary: shaped, weight: 6 },
    { arbitrary: fc.jsonValue().map((v) => JSON.stringify(v) ?? 'null'), weight: 2 },
    { arbitrary: withExtra, weight: 1 },
    { arbitrary: proto, weight: 2 },
    { arbitrary: deep, weight: 1 },
    { arbitrary: huge, weight: 1 },
    { arbitrary: broken, weight: 1 },
  );
}

function checkAnswer(channel: string, status: number, json: unknown): { ok: boolean; code?: string } {
  expect(status, `${channel}: HTTP ${status}`).toBeLessThan(500);
  expect([200, 400, 404, 413], `${channel}: HTTP ${status}`).toContain(status);
  expect(json, `${channel}: answer is not JSON`).toBeTypeOf('object');
  const r = json as { ok: unknown; value?: unknown; error?: { code: string; message: unknown } };
  if (r.ok === true) {
    expect(status).toBe(200);
    return { ok: true };
  }
  expect(r.ok, channel).toBe(false);
  expect(ERROR_CODES as readonly string[], `${channel}: error code`).toContain(r.error?.code);
  expect(typeof r.error?.message, channel).toBe('string');
  expect(String(r.error?.message), channel).not.toMatch(/\n\s+at /); // no stack traces
  return { ok: false, code: r.error!.code };
}

async function login(username: string, password: string) {
  const r = await post('auth.login', JSON.stringify({ username, password }));
  expect((r.json as { ok: boolean }).ok, `login ${username}`).toBe(true);
}

describe('contract fuzzing through the harness', () => {
  it('sees writes from the harness (the write detector works)', async () => {
    const before = dataVersion();
    // A failed login is counted and audited: a write.
    const r = await post('auth.login', JSON.stringify({ username: 'officer2', password: 'wrong-password' }));
    expect(r.json).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(dataVersion()).not.toBe(before);
  });

  for (const [username, password] of [
    [null, null],
    ['officer1', 'demo1234'],
    ['manager1', 'demo1234'],
    ['admin', 'admin-pass-1'],
  ] as const) {
    it(`answers every channel with a typed result, signed in as ${username ?? 'nobody'}`, async () => {
      await post('auth.logout', '{}');
      if (username) await login(username, password!);
      let calls = 0;
      for (const channel of CHANNELS) {
        if (SKIP.has(channel)) continue;
        await fc.assert(
          fc.asyncProperty(bodies(keysOf(channel)), async (body) => {
            const before = dataVersion();
            const { status, json } = await post(channel, body);
            calls++;
            const r = checkAnswer(channel, status, json);
            if (!r.ok && r.code && NO_WRITE_CODES.has(r.code) && channel !== 'auth.login' && channel !== 'auth.unlock')
              expect(dataVersion(), `${channel} refused (${r.code}) but wrote`).toBe(before);
          }),
          { numRuns: RUNS, seed: SEED, endOnFailure: true },
        );
        // A generated call may have signed us out or locked the session: sign in again.
        if (username && channel.startsWith('auth.')) {
          await post('auth.logout', '{}');
          await login(username, password!);
        }
      }
      expect(calls, 'every input reached the harness').toBe(CHANNELS.filter((c) => !SKIP.has(c)).length * RUNS);
      // Still alive and serving.
      const alive = await fetch(`${h.origin}/api`, { headers: { authorization: `Bearer ${h.token}` } });
      expect(alive.status).toBe(200);
      // An unknown channel is a typed 404, not a crash.
      const unknown = await post('no.such.channel', '{}');
      expect(unknown.status).toBe(404);
      expect(unknown.json).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }, 600_000);
  }

  it('left the database healthy: integrity, foreign keys and the audit chain', () => {
    const d = cli(['doctor', '--db', db, '--json']);
    expect(d.json).toMatchObject({ integrity: 'ok', foreignKeys: 'ok', auditChain: 'ok' });
  });
});

describe('contract fuzzing in recovery mode (a damaged database)', () => {
  it('answers every channel typed and never touches the damaged file or its backups', async () => {
    const damaged = tempDb();
    fs.copyFileSync(db, damaged);
    fs.copyFileSync(`${db}.key`, `${damaged}.key`);
    const backups = path.join(path.dirname(damaged), 'backups');
    fs.mkdirSync(backups, { recursive: true });
    fs.copyFileSync(db, path.join(backups, 'callback-desk-2026-11-19.db'));
    const fd = fs.openSync(damaged, 'r+');
    fs.writeSync(fd, Buffer.alloc(64 * 1024, 0x5a), 0, 64 * 1024, 8 * 4096);
    fs.closeSync(fd);
    const bytes = fs.readFileSync(damaged);
    const r = await startHarnessProcess(damaged);
    try {
      let calls = 0;
      for (const channel of CHANNELS) {
        await fc.assert(
          fc.asyncProperty(bodies(keysOf(channel)), async (body) => {
            const { status, json } = await post(channel, body, r);
            calls++;
            const a = checkAnswer(channel, status, json);
            if (channel !== 'recovery.status') expect(a.ok, `${channel} answered in recovery mode`).toBe(false);
          }),
          { numRuns: RUNS, seed: SEED, endOnFailure: true },
        );
      }
      expect(calls).toBe(CHANNELS.length * RUNS);
      expect(fs.readFileSync(damaged).equals(bytes), 'the damaged file is untouched').toBe(true);
      expect(fs.readdirSync(backups)).toEqual(['callback-desk-2026-11-19.db']);
    } finally {
      await r.stop();
    }
  }, 600_000);
});
