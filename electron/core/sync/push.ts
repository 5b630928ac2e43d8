/**
 * Upload transport: `PUT <base>/v1/bundles/<bundleId>` for each unacknowledged bundle, in range
 * order, with the ZIP as body, a bearer token and the body's SHA-256. 200/201 acknowledge the
 * bundle; 409 (head office holds different bytes under this id) and other 4xx stop the run;
 * 5xx, timeouts and network errors are retried with exponential backoff and full jitter, then
 * stop the run. Nothing is dropped: a bundle that did not get through stays pending.
 */
import { AppError } from '../../../shared/result';
import type { SyncOutcome } from '../../../shared/contract/sync';
import { appendAudit } from '../audit/log';
import { buildBundle } from './bundle';
import type { SyncProgress, SyncSource } from './export';
import { finishRun, markBundle, planBundles, startRun, unacknowledged } from './ledger';
import { assertSyncUrl } from './target';

export interface PushTarget {
  url: string;
  token: string;
}

export interface PushOptions {
  /** Tries per bundle for retryable failures (default 5; the app passes the `syncMaxTries` setting). */
  maxTries?: number | undefined;
  /** First backoff delay; doubles each try, with full jitter (default 1000 ms). */
  backoffMs?: number | undefined;
  /** Per-request timeout (default 60 s). */
  timeoutMs?: number | undefined;
  onProgress?: (p: SyncProgress & { retry: { attempt: number; of: number } | null }) => void;
  signal?: AbortSignal;
  /** Injected in tests; defaults to the global fetch. */
  fetchImpl?: typeof fetch;
  random?: () => number;
}

export interface PushedBundle {
  bundleId: string;
  file: string;
  fromSeq: number;
  toSeq: number;
  entries: number;
  status: 'acknowledged' | 'conflict' | 'failed' | 'not_sent';
  httpStatus: number | null;
  tries: number;
}

export interface PushResult {
  outcome: SyncOutcome;
  bundles: PushedBundle[];
  acknowledged: number;
  /** Set when the run stopped early: an i18n key with params. */
  error: { message: string; params: Record<string, string | number> } | null;
}

export function bundleUrl(base: string, bundleId: string): string {
  // https only (http to this machine): the token goes in the request (see target.ts).
  assertSyncUrl(base);
  const u = new URL(base);
  return `${u.href.replace(/\/+$/, '')}/v1/bundles/${encodeURIComponent(bundleId)}`;
}

/** Wait `ms`, or less when the run is cancelled (at once if it already was). */
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });

type TryResult =
  | { kind: 'ok'; status: number; receivedAt: string | null }
  | { kind: 'conflict'; status: number }
  | { kind: 'rejected'; status: number }
  | { kind: 'retryable'; status: number | null; reason: string }
  | { kind: 'cancelled'; status: null };

async function putOnce(
  url: string,
  token: string,
  body: Uint8Array<ArrayBuffer>,
  sha256: string,
  timeoutMs: number,
  fetchImpl: typeof fetch,
  signal: AbortSignal | undefined,
): Promise<TryResult> {
  let res: Response;
  try {
    res = await fetchImpl(url, {
      method: 'PUT',
      headers: {
        'content-type': 'application/zip',
        authorization: `Bearer ${token}`,
        'x-content-sha256': sha256,
      },
      body,
      signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
  } catch (e) {
    // The user's cancel aborts the request too: that is not a server problem to retry.
    if (signal?.aborted) return { kind: 'cancelled', status: null };
    const err = e as Error & { cause?: { code?: string } };
    return { kind: 'retryable', status: null, reason: err.cause?.code ?? err.name ?? 'network' };
  }
  const text = await res.text().catch(() => '');
  if (res.status === 200 || res.status === 201) {
    let receivedAt: string | null = null;
    try {
      const j = JSON.parse(text) as { receivedAt?: unknown };
      if (typeof j.receivedAt === 'string' && !Number.isNaN(Date.parse(j.receivedAt)))
        receivedAt = new Date(j.receivedAt).toISOString();
    } catch {
      /* an empty or non-JSON body still acknowledges */
    }
    return { kind: 'ok', status: res.status, receivedAt };
  }
  if (res.status === 409) return { kind: 'conflict', status: 409 };
  if (res.status >= 500 || res.status === 408 || res.status === 429)
    return { kind: 'retryable', status: res.status, reason: `HTTP ${res.status}` };
  return { kind: 'rejected', status: res.status };
}

export async function pushBundles(src: SyncSource, target: PushTarget, opts: PushOptions = {}): Promise<PushResult> {
  const { db } = src;
  const maxTries = opts.maxTries ?? 5;
  const backoffMs = opts.backoffMs ?? 1000;
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const fetchImpl = opts.fetchImpl ?? fetch;
  const random = opts.random ?? Math.random;
  if (!target.url) throw new AppError('invalid_input', 'errors.syncNoTarget');
  if (!target.token) throw new AppError('invalid_input', 'errors.syncNoToken');
  bundleUrl(target.url, '00000000-0000-0000-0000-000000000000'); // validates the base URL first
  const origin = new URL(target.url).origin;

  planBundles(db, src.branchCode, src.maxEntries, src.now());
  const pending = unacknowledged(db);
  const result: PushResult = { outcome: 'nothing', bundles: [], acknowledged: 0, error: null };
  if (pending.length === 0) return result;
  const run = startRun(db, 'push', src.actor, origin, src.now());
  result.bundles = pending.map((b) => ({
    bundleId: b.id,
    file: b.file_name,
    fromSeq: b.from_seq,
    toSeq: b.to_seq,
    entries: b.entries,
    status: 'not_sent' as const,
    httpStatus: null,
    tries: 0,
  }));
  opts.onProgress?.({ done: 0, total: pending.length, retry: null });
  const stop = (outcome: SyncOutcome, message: string, params: Record<string, string | number>) => {
    result.outcome = outcome;
    result.error = { message, params };
  };

  outer: for (const [i, b] of pending.entries()) {
    const view = result.bundles[i]!;
    const built = buildBundle(db, b, src.branchCode, src.key);
    const url = bundleUrl(target.url, b.id);
    for (let attempt = 1; ; attempt++) {
      if (opts.signal?.aborted) {
        stop('cancelled', 'sync.cancelledRun', {});
        break outer;
      }
      view.tries = attempt;
      const r = await putOnce(url, target.token, built.bytes, built.sha256, timeoutMs, fetchImpl, opts.signal);
      view.httpStatus = r.status;
      if (r.kind === 'cancelled') {
        stop('cancelled', 'sync.cancelledRun', {});
        break outer;
      }
      const at = src.now().toISOString();
      if (r.kind === 'ok') {
        markBundle(db, b.id, 'acknowledged', {
          pushedAt: at,
          acknowledgedAt: at,
          receivedAt: r.receivedAt ?? at,
          ackVia: 'upload',
          sha256: built.sha256,
          bytes: built.bytes.length,
          lastError: null,
        });
        view.status = 'acknowledged';
        result.acknowledged++;
        opts.onProgress?.({ done: i + 1, total: pending.length, retry: null });
        break;
      }
      if (r.kind === 'conflict') {
        markBundle(db, b.id, 'conflict', { pushedAt: at, lastError: 'HTTP 409' });
        view.status = 'conflict';
        stop('conflict', 'errors.syncConflict', { bundleId: b.id });
        break outer;
      }
      if (r.kind === 'rejected') {
        markBundle(db, b.id, 'failed', { pushedAt: at, lastError: `HTTP ${r.status}` });
        view.status = 'failed';
        stop('rejected', r.status === 401 || r.status === 403 ? 'errors.syncUnauthorized' : 'errors.syncRejected', {
          status: r.status,
        });
        break outer;
      }
      if (attempt >= maxTries) {
        markBundle(db, b.id, 'failed', { pushedAt: at, lastError: r.reason });
        view.status = 'failed';
        stop('unreachable', 'errors.syncUnreachable', { reason: r.reason, tries: attempt });
        break outer;
      }
      opts.onProgress?.({ done: i, total: pending.length, retry: { attempt: attempt + 1, of: maxTries } });
      // Full jitter: anywhere between 0 and the doubled delay, so branches do not retry in step.
      await sleep(Math.round(random() * backoffMs * 2 ** (attempt - 1)), opts.signal);
    }
  }
  if (result.error === null) result.outcome = 'ok';
  const now = src.now();
  const acked = result.bundles.filter((b) => b.status === 'acknowledged');
  finishRun(
    db,
    run,
    {
      outcome: result.outcome,
      bundles: acked.length,
      entries: acked.reduce((a, b) => a + b.entries, 0),
      error: result.error,
    },
    now,
  );
  db.transaction(() =>
    appendAudit(
      db,
      {
        actor: src.actor,
        action: 'sync.push',
        details: { target: origin, outcome: result.outcome, acknowledged: acked.map((b) => b.bundleId) },
      },
      now,
    ),
  )();
  return result;
}
