/**
 * Reference receiver for sync bundles (issue 7), used by tests and by hand: a small HTTP server
 * that takes `PUT /v1/bundles/<bundleId>`, checks the bearer token and X-Content-SHA256, verifies
 * the bundle (signature, hashes, counts) against the branch's public key, and stores it
 * idempotently: a new id → 201, the same id with the same bytes → 200, the same id with
 * different bytes → 409. It can be told to fail the next N requests (e.g. with 503).
 */
import { createHash, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { SyncEntry } from '../../shared/contract/sync';
import { verifyBundle } from '../../electron/core/sync/verify';

export interface Receiver {
  url: string;
  /** Requests seen (every method and path), in order. */
  requests: { method: string; path: string; status: number }[];
  /** Stored bundles by id: their bytes and verified entries. */
  stored: Map<string, { bytes: Buffer; entries: SyncEntry[]; receivedAt: string }>;
  /** The next `n` requests are answered with `status` (503 by default) before anything else. */
  failNext(n: number, status?: number): void;
  /** Drop the connection without answering for the next `n` requests. */
  hangUpNext(n: number): void;
  /** Every stored entry, in sequence order. */
  entries(): SyncEntry[];
  close(): Promise<void>;
}

const MAX_BODY = 256 * 1024 * 1024;

export async function startReceiver(opts: {
  publicKey: KeyObject;
  token: string;
  dir?: string;
  port?: number;
}): Promise<Receiver> {
  const stored: Receiver['stored'] = new Map();
  const requests: Receiver['requests'] = [];
  let failures = 0;
  let failStatus = 503;
  let hangUps = 0;

  const server = http.createServer((req, res) => {
    void (async () => {
      const p = new URL(req.url ?? '/', 'http://x').pathname;
      const answer = (status: number, body: unknown) => {
        requests.push({ method: req.method ?? '', path: p, status });
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (hangUps > 0) {
        hangUps--;
        requests.push({ method: req.method ?? '', path: p, status: 0 });
        req.socket.destroy();
        return;
      }
      if (failures > 0) {
        failures--;
        // Read the body so the client sees the status, not a reset connection.
        for await (const _ of req) void _;
        return answer(failStatus, { error: 'told to fail' });
      }
      const m = /^\/v1\/bundles\/([0-9a-f-]{36})$/.exec(p);
      if (!m || req.method !== 'PUT') return answer(404, { error: 'not found' });
      if (req.headers.authorization !== `Bearer ${opts.token}`) return answer(401, { error: 'bad token' });
      if (req.headers['content-type'] !== 'application/zip') return answer(415, { error: 'zip expected' });
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const c of req) {
        size += (c as Buffer).length;
        if (size > MAX_BODY) return answer(413, { error: 'too large' });
        chunks.push(c as Buffer);
      }
      const body = Buffer.concat(chunks);
      const sha = createHash('sha256').update(body).digest('hex');
      if (req.headers['x-content-sha256'] !== sha) return answer(400, { error: 'X-Content-SHA256 mismatch' });
      const id = m[1]!;
      const had = stored.get(id);
      if (had)
        return had.bytes.equals(body)
          ? answer(200, { bundleId: id, receivedAt: had.receivedAt })
          : answer(409, { error: 'different bytes for this bundle id' });
      const v = verifyBundle(body, opts.publicKey);
      if (!v.valid) return answer(422, { error: v.reason, detail: v.detail });
      if (v.manifest.bundleId !== id) return answer(422, { error: 'bundle id differs from the URL' });
      const receivedAt = new Date().toISOString();
      stored.set(id, { bytes: body, entries: v.entries, receivedAt });
      if (opts.dir) fs.writeFileSync(path.join(opts.dir, `${id}.zip`), body);
      return answer(201, { bundleId: id, receivedAt });
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', () => resolve()));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    stored,
    failNext(n, status = 503) {
      failures = n;
      failStatus = status;
    },
    hangUpNext(n) {
      hangUps = n;
    },
    entries: () => [...stored.values()].flatMap((s) => s.entries).sort((a, b) => a.seq - b.seq),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
