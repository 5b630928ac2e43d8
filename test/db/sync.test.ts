/**
 * Sync to head office on real database files: the outbox written with every change and free of
 * personal data, bundles capped and idempotent until acknowledged, verification that catches
 * tampering, receipts, and upload against the reference receiver (retries, 409, refusals).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../electron/core/audit/log';
import type { AppContext } from '../../electron/core/context';
import { amendRecord, finalizeRecord, recordVersions } from '../../electron/core/records/records';
import { toUserView } from '../../electron/core/users/users';
import { setSetting } from '../../electron/core/settings/store';
import { exportBundles } from '../../electron/core/sync/export';
import { acknowledgeReceipt, pendingEntries } from '../../electron/core/sync/ledger';
import { pushBundles } from '../../electron/core/sync/push';
import { syncSource } from '../../electron/core/sync/service';
import { verifyBundle } from '../../electron/core/sync/verify';
import { newSigningKeyText, parseSigningKey } from '../../electron/core/sync/keys';
import { startReceiver, type Receiver } from '../sync/receiver';
import { openCopy, rezip, seedBranch } from '../sync/fixtures';
import { tempDir } from '../helpers';

let template: string;
beforeAll(async () => {
  template = await seedBranch(120);
}, 120_000);

const open: AppContext[] = [];
const receivers: Receiver[] = [];
afterEach(async () => {
  for (const c of open.splice(0)) c.close();
  for (const r of receivers.splice(0)) await r.close();
});

function branch() {
  const b = openCopy(template);
  open.push(b.ctx);
  return b;
}

const outboxRows = (ctx: AppContext) =>
  ctx.db.prepare('SELECT seq, entity, op, entity_id AS id, at, data FROM outbox ORDER BY seq').all() as {
    seq: number;
    entity: string;
    op: string;
    id: string;
    at: string;
    data: string;
  }[];
const count = (ctx: AppContext, sql: string) => (ctx.db.prepare(sql).get() as { n: number }).n;

describe('outbox', () => {
  it('holds one entry per attempt, record version, flag and task, in strictly increasing order', () => {
    const { ctx } = branch();
    const rows = outboxRows(ctx);
    const by = (e: string) => rows.filter((r) => r.entity === e).length;
    expect(by('attempt')).toBe(count(ctx, 'SELECT count(*) AS n FROM attempts'));
    expect(by('record')).toBe(count(ctx, 'SELECT count(*) AS n FROM records'));
    expect(by('flag')).toBe(count(ctx, 'SELECT count(*) AS n FROM flags'));
    expect(new Set(rows.filter((r) => r.entity === 'task').map((r) => r.id)).size).toBe(
      count(ctx, 'SELECT count(*) AS n FROM tasks'),
    );
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.seq).toBeGreaterThan(rows[i - 1]!.seq);
    // Every task's last entry shows its current status.
    const last = new Map<string, string>();
    for (const r of rows) if (r.entity === 'task') last.set(r.id, (JSON.parse(r.data) as { status: string }).status);
    for (const t of ctx.db.prepare('SELECT id, status FROM tasks').all() as { id: number; status: string }[])
      expect(last.get(String(t.id)), `task ${t.id}`).toBe(t.status);
  });

  it('carries no plaintext ID number, phone number or full name of any party', () => {
    const { ctx } = branch();
    const pii = ctx.pii();
    const parties = ctx.db.prepare('SELECT name, id_number_enc, phone_enc FROM parties').all() as {
      name: string;
      id_number_enc: string;
      phone_enc: string | null;
    }[];
    const text = outboxRows(ctx)
      .map((r) => r.data)
      .join('\n');
    expect(parties.length).toBeGreaterThan(100);
    // The demo's identity answers name the borrower; the outbox must have masked every one.
    expect(text).toMatch(/[\u4e00-\u9fa5]\*+本人/);
    for (const p of parties) {
      expect(text).not.toContain(pii.decrypt(p.id_number_enc));
      if (p.phone_enc) expect(text).not.toContain(pii.decrypt(p.phone_enc));
      if ([...p.name].length >= 2) expect(text).not.toContain(p.name);
    }
  });

  it('sends an amendment as a new record version with its reason, and the flag it raises', () => {
    const { ctx, clock } = branch();
    const rec = ctx.db
      .prepare(
        `SELECT r.task_id, u.username FROM records r JOIN users u ON u.id = r.finalized_by
          WHERE r.outcome = 'completed' AND r.version = 1 LIMIT 1`,
      )
      .get() as { task_id: number; username: string };
    const officer = toUserView(ctx.db.prepare('SELECT * FROM users WHERE username = ?').get(rec.username) as never);
    const line = recordVersions(ctx.db, rec.task_id)[0]!.items.find((i) => i.key === 'income')!;
    // A borrower whose name is not written in Chinese characters is masked too.
    ctx.db
      .prepare(
        "UPDATE parties SET name = 'Maria Lopez' WHERE role = 'borrower' AND loan_id = (SELECT loan_id FROM tasks WHERE id = ?)",
      )
      .run(rec.task_id);
    const before = count(ctx, 'SELECT max(seq) AS n FROM outbox');
    const r = amendRecord(
      ctx.db,
      rec.task_id,
      officer,
      {
        items: {
          income: { result: 'mismatch', stated: '月收入约 3000 元，手机 13812345678', note: 'Maria Lopez 称收入偏低' },
        },
        reason: '复听录音后更正',
        expectedVersion: 1,
      },
      clock.now(),
    );
    const added = outboxRows(ctx).filter((e) => e.seq > before);
    expect(added.map((e) => [e.entity, e.op])).toEqual([
      ['record', 'amend'],
      ['flag', 'create'],
    ]);
    const data = JSON.parse(added[0]!.data) as {
      version: number;
      reason: string;
      items: { key: string; stated: string; result: string }[];
    };
    expect(added[0]!.id).toBe(String(r.recordId));
    expect(data).toMatchObject({ version: 2, reason: '复听录音后更正', outcome: 'completed_with_discrepancy' });
    const income = data.items.find((i) => i.key === 'income')!;
    expect(income).toMatchObject({
      result: 'mismatch',
      stated: '月收入约 3000 元，手机 138****5678',
      note: 'M********** 称收入偏低',
    });
    expect(line.result).toBe('match');
    expect(JSON.parse(added[1]!.data)).toMatchObject({ code: 'mismatch', item: 'income', recordId: r.recordId });
  });

  it('is written in the change’s transaction: a refused finalize adds nothing', () => {
    const { ctx, clock } = branch();
    const before = count(ctx, 'SELECT count(*) AS n FROM outbox');
    const task = ctx.db.prepare("SELECT id FROM tasks WHERE status = 'open' LIMIT 1").get() as { id: number };
    const officer = toUserView(ctx.db.prepare("SELECT * FROM users WHERE username = 'officer1'").get() as never);
    expect(() =>
      finalizeRecord(ctx.db, task.id, officer, { items: {}, answers: {}, reads: {}, note: '' } as never, clock.now()),
    ).toThrow();
    expect(count(ctx, 'SELECT count(*) AS n FROM outbox')).toBe(before);
  });
});

describe('bundles', () => {
  it('caps bundles, covers every entry once in order, and exports the same bytes again until acknowledged', async () => {
    const { ctx } = branch();
    setSetting(ctx.db, 'syncBundleMaxEntries', 700, ctx.clock());
    const total = count(ctx, 'SELECT count(*) AS n FROM outbox');
    const a = tempDir();
    const first = await exportBundles(syncSource(ctx, 'test'), a);
    expect(first.bundles.length).toBe(Math.ceil(total / 700));
    let next = 1;
    for (const b of first.bundles) {
      expect(b.fromSeq).toBe(next);
      expect(b.entries).toBeLessThanOrEqual(700);
      expect(path.basename(b.file)).toBe(`HZ001-${b.fromSeq}-${b.toSeq}-${b.bundleId}.zip`);
      next = b.toSeq + 1;
    }
    expect(next - 1).toBe(total);
    expect(fs.readdirSync(a).sort()).toEqual(first.bundles.map((b) => path.basename(b.file)).sort());

    const b2 = tempDir();
    const again = await exportBundles(syncSource(ctx, 'test'), b2);
    expect(again.bundles.map((b) => b.bundleId)).toEqual(first.bundles.map((b) => b.bundleId));
    for (const b of first.bundles) {
      const name = path.basename(b.file);
      expect(fs.readFileSync(path.join(b2, name)).equals(fs.readFileSync(b.file)), name).toBe(true);
    }
    expect(pendingEntries(ctx.db)).toBe(total);
    expect(verifyAuditChain(ctx.db).ok).toBe(true);
  });

  it('says when nothing is pending and writes nothing', async () => {
    const { ctx } = branch();
    const out = tempDir();
    const r = await exportBundles(syncSource(ctx, 'test'), out);
    for (const b of r.bundles)
      acknowledgeReceipt(
        ctx.db,
        JSON.stringify({ bundleId: b.bundleId, receivedAt: '2026-11-21T09:00:00+08:00' }),
        'test',
        ctx.clock(),
      );
    expect(pendingEntries(ctx.db)).toBe(0);
    const empty = tempDir();
    expect((await exportBundles(syncSource(ctx, 'test'), empty)).bundles).toEqual([]);
    expect(fs.readdirSync(empty)).toEqual([]);
  });

  it('refuses a missing folder with a clear error', async () => {
    const { ctx } = branch();
    await expect(exportBundles(syncSource(ctx, 'test'), path.join(tempDir(), 'no-such-usb'))).rejects.toMatchObject({
      code: 'not_found',
      message: 'errors.syncDirMissing',
    });
  });
});

describe('verification', () => {
  async function oneBundle() {
    const { ctx } = branch();
    const out = tempDir();
    const r = await exportBundles(syncSource(ctx, 'test'), out);
    const key = ctx.signing();
    return { zip: fs.readFileSync(r.bundles[0]!.file), key, name: path.basename(r.bundles[0]!.file) };
  }

  it('accepts the bundle as exported and returns its entries', async () => {
    const { zip, key, name } = await oneBundle();
    const v = verifyBundle(zip, key.publicKey, name);
    expect(v.valid).toBe(true);
    if (v.valid) expect(v.entries.length).toBe(v.manifest.entries);
  });

  it('finds every kind of tampering and says which', async () => {
    const { zip, key, name } = await oneBundle();
    const reason = (z: Uint8Array, k = key.publicKey, n?: string) => {
      const v = verifyBundle(z, k, n);
      return v.valid ? 'valid' : v.reason;
    };
    const edit = (f: Record<string, Uint8Array>, n: string, fn: (s: string) => string) => {
      f[n] = Buffer.from(fn(Buffer.from(f[n]!).toString('utf8')));
    };
    const manifestEdit = (fn: (m: Record<string, unknown>) => void) => (f: Record<string, Uint8Array>) =>
      edit(f, 'manifest.json', (s) => {
        const m = JSON.parse(s) as Record<string, unknown>;
        fn(m);
        return JSON.stringify(m);
      });

    // One flipped byte in any file's content is caught: the manifest and signature (stored),
    // and the compressed entries (ZIP metadata such as timestamps is not part of the proof).
    const flip = (at: number) => {
      const z = Buffer.from(zip);
      z[at] = z[at]! ^ 0x01;
      return reason(z);
    };
    const buf = Buffer.from(zip);
    expect(flip(buf.indexOf('"bundleId"') + 3)).toBe('bad_signature');
    expect(flip(buf.indexOf('"fromSeq"') + 12)).toBe('bad_signature');
    const sigAt = buf.indexOf('manifest.sig') + 'manifest.sig'.length + 5;
    expect(flip(sigAt)).toBe('bad_signature');
    // The compressed entries: from records.ndjson's local header (the first) to the next one.
    const lfh = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
    expect(buf.subarray(30, 30 + 'records.ndjson'.length).toString()).toBe('records.ndjson');
    const dataStart = 30 + 'records.ndjson'.length;
    const dataEnd = buf.indexOf(lfh, dataStart) - 16; // before the data descriptor
    for (let i = 0; i < 20; i++) {
      const at = dataStart + 8 + Math.floor(((dataEnd - dataStart - 16) * i) / 20);
      expect(['hash_mismatch', 'not_zip', 'size_mismatch']).toContain(flip(at));
    }
    expect(reason(Buffer.from('not a zip at all'))).toBe('not_zip');
    const changedEntry = rezip(zip, (f) => edit(f, 'records.ndjson', (s) => s.replace('"officer1"', '"officer2"')));
    expect(reason(changedEntry)).toBe('hash_mismatch');
    expect(
      reason(
        rezip(
          zip,
          manifestEdit((m) => (m.toSeq = 1)),
        ),
      ),
    ).toBe('bad_signature');
    expect(reason(zip, parseSigningKey(newSigningKeyText(), 'x').publicKey)).toBe('wrong_key');
    expect(reason(rezip(zip, (f) => (f['notes.txt'] = Buffer.from('hi'))))).toBe('extra_file');
    expect(reason(rezip(zip, (f) => delete f['manifest.sig']))).toBe('missing_file');
    expect(reason(rezip(zip, (f) => (f['../../evil.sh'] = Buffer.from('rm -rf /'))))).toBe('unsafe_name');
    expect(reason(zip, key.publicKey, name.replace('HZ001-1-', 'HZ001-2-'))).toBe('name_mismatch');
    // Re-signed by the branch key itself, so only the content checks can catch these.
    const resigned = (fn: (f: Record<string, Uint8Array>) => void) =>
      rezip(
        zip,
        (f) => {
          fn(f);
          const body = f['records.ndjson']!;
          manifestEdit((m) => {
            (m.files as Record<string, { sha256: string; bytes: number }>)['records.ndjson'] = {
              sha256: createHash('sha256').update(body).digest('hex'),
              bytes: body.length,
            };
          })(f);
        },
        key,
      );
    expect(reason(resigned((f) => edit(f, 'records.ndjson', (s) => s.replace('}\n', '\n'))))).toBe('malformed_entry');
    expect(reason(resigned((f) => edit(f, 'records.ndjson', (s) => s.split('\n').slice(1).join('\n'))))).toBe(
      'sequence_mismatch',
    );
    expect(reason(resigned(manifestEdit((m) => ((m.counts as Record<string, number>).task! += 1))))).toBe(
      'count_mismatch',
    );
    expect(reason(resigned(manifestEdit((m) => (m.format = 'other/2'))))).toBe('malformed_manifest');
  });
});

describe('receipts', () => {
  it('acknowledge an exported bundle once; bad receipts change nothing', async () => {
    const { ctx } = branch();
    const r = await exportBundles(syncSource(ctx, 'test'), tempDir());
    const id = r.bundles[0]!.bundleId;
    const pending = pendingEntries(ctx.db);
    const ack = (text: string) => () => acknowledgeReceipt(ctx.db, text, 'test', ctx.clock());
    expect(ack('{not json')).toThrow('errors.receiptMalformed');
    expect(ack(JSON.stringify({ bundleId: id }))).toThrow('errors.receiptMalformed');
    expect(ack(JSON.stringify({ bundleId: crypto.randomUUID(), receivedAt: '2026-11-21T01:00:00Z' }))).toThrow(
      'errors.receiptUnknownBundle',
    );
    expect(pendingEntries(ctx.db)).toBe(pending);
    expect(ack(JSON.stringify({ bundleId: id, receivedAt: '2026-11-21T01:00:00Z' }))()).toMatchObject({
      already: false,
    });
    expect(ack(JSON.stringify({ bundleId: id, receivedAt: '2026-11-21T01:00:00Z' }))()).toMatchObject({
      already: true,
    });
    expect(pendingEntries(ctx.db)).toBe(pending - r.bundles[0]!.entries);
  });

  it('refuses a receipt for a bundle never written to a file, or with an impossible time', async () => {
    const { ctx } = branch();
    const rx = await startReceiver({ publicKey: ctx.signing().publicKey, token: 'tok-123' });
    const port = new URL(rx.url).port;
    await rx.close();
    // An upload to a server that is down: the bundle is planned, tried, failed, never in a file.
    const down = await pushBundles(
      syncSource(ctx, 'test'),
      { url: `http://127.0.0.1:${port}`, token: 'tok-123' },
      { backoffMs: 5, timeoutMs: 5000, maxTries: 1 },
    );
    expect(down.outcome).toBe('unreachable');
    const failed = ctx.db.prepare("SELECT id FROM sync_bundles WHERE status = 'failed'").pluck().get() as string;
    const pending = pendingEntries(ctx.db);
    const ack = (bundleId: string, receivedAt: string) => () =>
      acknowledgeReceipt(ctx.db, JSON.stringify({ bundleId, receivedAt }), 'test', ctx.clock());
    const now = ctx.clock().getTime();
    const soon = new Date(now + 3600_000).toISOString();
    expect(ack(failed, soon)).toThrow('errors.receiptNotSent');

    const r = await exportBundles(syncSource(ctx, 'test'), tempDir());
    const id = r.bundles[0]!.bundleId;
    expect(ack(id, '1970-01-01T00:00:00+08:00')).toThrow('errors.receiptTime');
    expect(ack(id, new Date(now + 3 * 24 * 3600_000).toISOString())).toThrow('errors.receiptTime');
    expect(pendingEntries(ctx.db)).toBe(pending);
    expect(ctx.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'sync.ack'").pluck().get()).toBe(0);
    // Saved by Windows Notepad: a byte-order mark first.
    const withBom = `\uFEFF${JSON.stringify({ bundleId: id, receivedAt: soon })}`;
    expect(acknowledgeReceipt(ctx.db, withBom, 'test', ctx.clock())).toMatchObject({ already: false });
    expect(pendingEntries(ctx.db)).toBeLessThan(pending);
  });
});

describe('upload', () => {
  async function receiverFor(ctx: AppContext) {
    const r = await startReceiver({ publicKey: ctx.signing().publicKey, token: 'tok-123' });
    receivers.push(r);
    return r;
  }
  const quick = { backoffMs: 5, timeoutMs: 5000 };

  it('retries 503s with backoff, then the bundle is stored once and acknowledged; a second push sends nothing', async () => {
    const { ctx } = branch();
    const rx = await receiverFor(ctx);
    rx.failNext(2, 503);
    const r = await pushBundles(syncSource(ctx, 'test'), { url: rx.url, token: 'tok-123' }, quick);
    expect(r.outcome).toBe('ok');
    expect(r.bundles).toHaveLength(1);
    expect(r.bundles[0]).toMatchObject({ status: 'acknowledged', tries: 3, httpStatus: 201 });
    expect(rx.requests.map((q) => q.status)).toEqual([503, 503, 201]);
    expect(rx.stored.size).toBe(1);
    expect(pendingEntries(ctx.db)).toBe(0);
    // Round trip: head office holds exactly the outbox.
    expect(rx.entries()).toEqual(
      outboxRows(ctx).map((e) => ({
        seq: e.seq,
        entity: e.entity,
        op: e.op,
        id: e.id,
        at: e.at,
        data: JSON.parse(e.data),
      })),
    );
    const again = await pushBundles(syncSource(ctx, 'test'), { url: rx.url, token: 'tok-123' }, quick);
    expect(again.outcome).toBe('nothing');
    expect(rx.requests).toHaveLength(3);
  });

  it('a resend of the same bundle is accepted (200); a 409 stops the run and keeps the entries pending', async () => {
    const { ctx } = branch();
    setSetting(ctx.db, 'syncBundleMaxEntries', 1000, ctx.clock());
    const rx = await receiverFor(ctx);
    const pending = pendingEntries(ctx.db);
    rx.failNext(1, 409);
    const r = await pushBundles(syncSource(ctx, 'test'), { url: rx.url, token: 'tok-123' }, quick);
    expect(r.outcome).toBe('conflict');
    expect(r.error?.message).toBe('errors.syncConflict');
    expect(r.bundles[0]!.status).toBe('conflict');
    expect(r.bundles.slice(1).every((b) => b.status === 'not_sent')).toBe(true);
    expect(rx.requests).toHaveLength(1);
    expect(pendingEntries(ctx.db)).toBe(pending);
    // The acknowledgement was lost once: the receiver already has the bytes and answers 200.
    const first = (await pushBundles(syncSource(ctx, 'test'), { url: rx.url, token: 'tok-123' }, quick)).bundles[0]!;
    expect(first.status).toBe('acknowledged');
    expect(pendingEntries(ctx.db)).toBe(0);
  });

  it('stops on a refused token, and reports an unreachable server after every try, keeping everything', async () => {
    const { ctx } = branch();
    const rx = await receiverFor(ctx);
    const pending = pendingEntries(ctx.db);
    const refused = await pushBundles(syncSource(ctx, 'test'), { url: rx.url, token: 'wrong' }, quick);
    expect(refused).toMatchObject({ outcome: 'rejected', error: { message: 'errors.syncUnauthorized' } });
    expect(rx.requests).toHaveLength(1);
    const port = new URL(rx.url).port;
    await rx.close();
    receivers.length = 0;
    const down = await pushBundles(
      syncSource(ctx, 'test'),
      { url: `http://127.0.0.1:${port}`, token: 'tok-123' },
      {
        ...quick,
        maxTries: 3,
      },
    );
    expect(down.outcome).toBe('unreachable');
    expect(down.bundles[0]!.tries).toBe(3);
    expect(pendingEntries(ctx.db)).toBe(pending);
    const rows = ctx.db.prepare('SELECT status FROM sync_bundles').pluck().all();
    expect(rows.every((s) => s === 'failed')).toBe(true);
  });
  it('a cancel during a hanging upload stops at once as cancelled, not as a failure, and keeps everything', async () => {
    const { ctx } = branch();
    const pending = pendingEntries(ctx.db);
    const silent = http.createServer(() => {
      /* never answers */
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const started = Date.now();
    const r = await pushBundles(
      syncSource(ctx, 'test'),
      { url, token: 't' },
      { signal: controller.signal, backoffMs: 5000, timeoutMs: 60_000 },
    );
    silent.closeAllConnections();
    silent.close();
    expect(r.outcome).toBe('cancelled');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.bundles[0]).toMatchObject({ tries: 1 });
    expect(ctx.db.prepare('SELECT status FROM sync_bundles').pluck().all()).toEqual(['planned']);
    expect(pendingEntries(ctx.db)).toBe(pending);
  });
});
