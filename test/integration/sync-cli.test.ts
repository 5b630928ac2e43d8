/**
 * `sync` through the real CLI: export → verify, a flipped byte caught with its reason, upload to
 * the reference receiver through 503s, nothing sent twice, 409 and an unreachable server keep
 * everything pending, receipts, and a process killed during export never leaves a bundle with
 * its final name that is not complete.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openAppContext } from '../../electron/core/context';
import { setSetting } from '../../electron/core/settings/store';
import { parsePublicKey } from '../../electron/core/sync/keys';
import { verifyBundle } from '../../electron/core/sync/verify';
import { BUNDLE_FILE_RE } from '../../shared/contract/sync';
import { cli, cliAsync, cliInit, tempDb, tempDir } from '../helpers';
import { copyBranch } from '../sync/fixtures';
import { startReceiver, type Receiver } from '../sync/receiver';

let template: string;
beforeAll(() => {
  template = tempDb();
  expect(cliInit(template).code).toBe(0);
  const seed = cli(['demo-seed', '--db', template, '--loans', '150', '--seed', '2', '--as-of', '2026-11-20', '--json']);
  expect(seed.code, seed.stderr).toBe(0);
}, 120_000);

const receivers: Receiver[] = [];
afterEach(async () => {
  for (const r of receivers.splice(0)) await r.close();
});

function publicKeyOf(db: string): { pem: string; file: string } {
  const file = path.join(tempDir(), 'branch-public.pem');
  const r = cli(['sync', 'public-key', '--db', db, '--out', file, '--json']);
  expect(r.code, r.stderr).toBe(0);
  expect(r.json).toMatchObject({ keyId: expect.stringMatching(/^[0-9a-f]{64}$/), branchCode: 'HZ001' });
  return { pem: fs.readFileSync(file, 'utf8'), file };
}

function outbox(db: string) {
  const d = new Database(db, { readonly: true });
  try {
    return (
      d.prepare('SELECT seq, entity, op, entity_id AS id, at, data FROM outbox ORDER BY seq').all() as {
        seq: number;
        entity: string;
        op: string;
        id: string;
        at: string;
        data: string;
      }[]
    ).map((e) => ({ ...e, data: JSON.parse(e.data) as unknown }));
  } finally {
    d.close();
  }
}

const pending = (db: string) => (cli(['sync', 'status', '--db', db, '--json']).json as { pending: number }).pending;

describe('sync export and verify', () => {
  it('exports signed bundles head office can verify; a flipped byte fails with the reason', () => {
    const db = copyBranch(template);
    const key = publicKeyOf(db);
    expect(key.pem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    const out = tempDir();
    const r = cli(['sync', 'export', '--db', db, '--out', out, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const { bundles } = r.json as {
      bundles: { bundleId: string; file: string; fromSeq: number; toSeq: number; entries: number }[];
    };
    expect(bundles).toHaveLength(1);
    expect(bundles[0]!.fromSeq).toBe(1);
    expect(bundles[0]!.entries).toBe(outbox(db).length);
    const file = bundles[0]!.file;
    expect(path.basename(file)).toMatch(BUNDLE_FILE_RE);

    const ok = cli(['sync', 'verify', file, '--public-key', key.file, '--json']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.json).toMatchObject({ valid: true, reason: null, bundleId: bundles[0]!.bundleId });

    // One byte flipped in the middle of the compressed entries.
    const bytes = fs.readFileSync(file);
    const mid = Math.floor(bytes.length / 2);
    bytes[mid] = bytes[mid]! ^ 0x01;
    const tampered = path.join(tempDir(), path.basename(file));
    fs.writeFileSync(tampered, bytes);
    const bad = cli(['sync', 'verify', tampered, '--public-key', key.file, '--json']);
    expect(bad.code).toBe(1);
    expect(bad.json).toMatchObject({
      valid: false,
      reason: expect.stringMatching(/^(hash_mismatch|not_zip|size_mismatch)$/),
    });
    const text = cli(['sync', 'verify', tampered, '--public-key', key.file]);
    expect(text.code).toBe(1);
    expect(text.stderr + text.stdout).toMatch(/SHA-256 与清单不符|不是有效的 ZIP|大小与清单不符/);

    // Another branch's key: refused as the wrong key.
    const other = copyBranch(template);
    fs.rmSync(`${other}.sign.key`);
    const otherDb = new Database(other);
    otherDb.prepare("DELETE FROM settings WHERE key = 'sync.keyId'").run();
    otherDb.close();
    const wrong = cli(['sync', 'verify', file, '--public-key', publicKeyOf(other).file, '--json']);
    expect(wrong.code).toBe(1);
    expect(wrong.json).toMatchObject({ valid: false, reason: 'wrong_key' });

    // Exported again: same bundle, same bytes.
    const again = cli(['sync', 'export', '--db', db, '--out', tempDir(), '--json']);
    const file2 = (again.json as { bundles: { file: string }[] }).bundles[0]!.file;
    expect(path.basename(file2)).toBe(path.basename(file));
    expect(fs.readFileSync(file2).equals(fs.readFileSync(file))).toBe(true);
  });

  it('refuses a missing folder (exit 2) and bad arguments, writing nothing', () => {
    const db = copyBranch(template);
    const missing = cli(['sync', 'export', '--db', db, '--out', path.join(tempDir(), 'usb-not-plugged'), '--json']);
    expect(missing.code).toBe(2);
    expect(missing.json).toMatchObject({ error: { code: 'not_found' } });
    expect(cli(['sync', 'export', '--db', db]).code).toBe(2);
    expect(cli(['sync', 'push', '--db', db, '--tries', 'many']).code).toBe(2);
    expect(cli(['sync', 'verify', 'nope.zip', '--public-key', 'nope.pem']).code).toBe(2);
    const d = new Database(db, { readonly: true });
    expect(d.prepare('SELECT count(*) AS n FROM sync_bundles').get()).toEqual({ n: 0 });
    d.close();
  });

  it('acknowledges by receipt; a second receipt changes nothing; a bad receipt is refused', () => {
    const db = copyBranch(template);
    const r = cli(['sync', 'export', '--db', db, '--out', tempDir(), '--json']);
    const id = (r.json as { bundles: { bundleId: string }[] }).bundles[0]!.bundleId;
    const dir = tempDir();
    const receipt = path.join(dir, 'receipt.json');
    fs.writeFileSync(receipt, JSON.stringify({ bundleId: id, receivedAt: new Date().toISOString() }));
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, '{"bundleId": 42}');
    const refused = cli(['sync', 'ack', bad, '--db', db, '--json']);
    expect(refused.code).toBe(1);
    expect(pending(db)).toBeGreaterThan(0);
    expect(cli(['sync', 'ack', receipt, '--db', db, '--json']).json).toMatchObject({ bundleId: id, already: false });
    expect(cli(['sync', 'ack', receipt, '--db', db, '--json']).json).toMatchObject({ already: true });
    expect(pending(db)).toBe(0);
    const none = cli(['sync', 'export', '--db', db, '--out', tempDir(), '--json']);
    expect(none.json).toEqual({ bundles: [] });
  });
});

describe('sync push', () => {
  async function receiver(db: string) {
    const key = parsePublicKey(publicKeyOf(db).pem)!;
    const rx = await startReceiver({ publicKey: key, token: 'hq-token-1' });
    receivers.push(rx);
    return rx;
  }

  it('gets through two 503s, is stored once and acknowledged, and sends nothing the second time; head office holds the outbox', async () => {
    const db = copyBranch(template);
    const rx = await receiver(db);
    rx.failNext(2, 503);
    // The token from the environment, not the command line (which other users can see).
    const args = ['sync', 'push', '--db', db, '--url', rx.url, '--backoff-ms', '20', '--json'];
    const env = { CALLBACK_DESK_SYNC_TOKEN: 'hq-token-1' };
    const r = await cliAsync(args, { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json).toMatchObject({ outcome: 'ok', acknowledged: 1, error: null });
    expect((r.json as { bundles: { tries: number; status: string }[] }).bundles[0]).toMatchObject({
      status: 'acknowledged',
      tries: 3,
    });
    expect(rx.requests.map((q) => q.status)).toEqual([503, 503, 201]);
    expect(rx.stored.size).toBe(1);
    expect(rx.entries()).toEqual(outbox(db));
    expect(pending(db)).toBe(0);

    const again = await cliAsync(args, { env });
    expect(again.code).toBe(0);
    expect(again.json).toMatchObject({ outcome: 'nothing', bundles: [] });
    expect(rx.requests).toHaveLength(3);
  });

  it('a 409 exits non-zero and keeps every entry pending; an unreachable server exits 2 with a plain message', async () => {
    const db = copyBranch(template);
    const before = pending(db);
    const rx = await receiver(db);
    rx.failNext(1, 409);
    const conflict = await cliAsync(['sync', 'push', '--db', db, '--url', rx.url, '--token', 'hq-token-1', '--json']);
    expect(conflict.code).toBe(1);
    expect(conflict.json).toMatchObject({ outcome: 'conflict', acknowledged: 0 });
    expect(pending(db)).toBe(before);

    const url = rx.url;
    await rx.close();
    receivers.length = 0;
    const down = await cliAsync([
      'sync',
      'push',
      '--db',
      db,
      '--url',
      url,
      '--token',
      'x',
      '--tries',
      '2',
      '--backoff-ms',
      '10',
    ]);
    expect(down.code).toBe(2);
    expect(down.stdout + down.stderr).toContain('无法连接总行服务器，数据已保留，可稍后重试或导出到文件');
    expect(pending(db)).toBe(before);
  });
});

describe('crash during export', () => {
  it('a killed export never leaves an incomplete file under a bundle name; the next export is complete', async () => {
    const db = copyBranch(template);
    const ctx = openAppContext(db);
    setSetting(ctx.db, 'syncBundleMaxEntries', 20, ctx.clock());
    ctx.close();
    const key = parsePublicKey(publicKeyOf(db).pem)!;
    const total = outbox(db).length;
    const bundlesWanted = Math.ceil(total / 20);
    const out = tempDir();
    let interrupted = 0;
    for (let round = 0; round < 4; round++) {
      const r = await cliAsync(['sync', 'export', '--db', db, '--out', out], {
        onSpawn: (child) => {
          const since = fs.readdirSync(out).length;
          const timer = setInterval(() => {
            // Kill as soon as this run has written something.
            if (fs.readdirSync(out).length > since || round === 3) {
              clearInterval(timer);
              child.kill('SIGKILL');
            }
          }, 2);
          child.once('exit', () => clearInterval(timer));
        },
      });
      const names = fs.readdirSync(out);
      for (const n of names.filter((n) => BUNDLE_FILE_RE.test(n))) {
        const v = verifyBundle(fs.readFileSync(path.join(out, n)), key, n);
        expect(v.valid, `${n} after kill ${round}`).toBe(true);
      }
      // Killed part-way: some bundles written, not all.
      if (r.signal === 'SIGKILL' && names.filter((n) => BUNDLE_FILE_RE.test(n)).length < bundlesWanted) interrupted++;
    }
    expect(interrupted).toBeGreaterThan(0);
    const done = cli(['sync', 'export', '--db', db, '--out', out, '--json']);
    expect(done.code, done.stderr).toBe(0);
    const names = fs.readdirSync(out);
    expect(names.filter((n) => BUNDLE_FILE_RE.test(n))).toHaveLength(bundlesWanted);
    expect(names.filter((n) => !BUNDLE_FILE_RE.test(n))).toEqual([]); // leftovers removed
    const seen: number[] = [];
    for (const n of names) {
      const v = verifyBundle(fs.readFileSync(path.join(out, n)), key, n);
      expect(v.valid, n).toBe(true);
      if (v.valid) seen.push(...v.entries.map((e) => e.seq));
    }
    expect(seen.sort((a, b) => a - b)).toEqual(outbox(db).map((e) => e.seq));
  }, 120_000);
});
