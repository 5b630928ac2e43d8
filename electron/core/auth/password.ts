/**
 * Password hashing with node:crypto scrypt (N=2^17, r=8, p=1) and constant-time comparison.
 * Stored as `scrypt$N$r$p$salt$hash` (base64) so parameters can be raised later.
 *
 * Every scrypt run goes through one process-wide gate: at most MAX_RUNNING at a time, the rest
 * wait in order. One run takes 128 MiB and a libuv worker thread for ~0.4 s; without the gate a
 * burst of guesses takes every worker (file I/O and zlib wait behind them) and gigabytes of memory.
 * The sign-in path also refuses a guess outright when the gate's queue is full (`verifierBusy`).
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const N = 2 ** 17;
const R = 8;
const P = 1;
const KEY_LEN = 32;
// 128 * N * r bytes = 128 MiB are needed; Node's default cap is 32 MiB.
const MAXMEM = 256 * 1024 * 1024;

/** scrypt runs at once (2 × 128 MiB; two of libuv's four workers stay free for the rest). */
export const MAX_RUNNING = 2;
/** Sign-in verifications that may wait behind the running ones (~2 s of work at most). */
export const MAX_WAITING = 8;

let running = 0;
let peak = 0;
const waiting: (() => void)[] = [];

function gated<T>(work: () => Promise<T>): Promise<T> {
  const start = (): Promise<T> => {
    running++;
    peak = Math.max(peak, running);
    return work().finally(() => {
      running--;
      waiting.shift()?.();
    });
  };
  if (running < MAX_RUNNING) return start();
  return new Promise<void>((resolve) => waiting.push(resolve)).then(start);
}

/** True when a new sign-in verification would exceed the gate's queue (refuse it, do not queue). */
export function verifierBusy(): boolean {
  return running + waiting.length >= MAX_RUNNING + MAX_WAITING;
}

/** The most scrypt runs seen at once since the last reset (for tests and the bench). */
export function scryptPeak(reset = false): number {
  const p = peak;
  if (reset) peak = running;
  return p;
}

function derive(password: string, salt: Buffer, opts: ScryptOptions): Promise<Buffer> {
  return gated(
    () =>
      new Promise((resolve, reject) => {
        scrypt(password.normalize('NFC'), salt, KEY_LEN, opts, (err, key) => (err ? reject(err) : resolve(key)));
      }),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, { N, r: R, p: P, maxmem: MAXMEM });
  return ['scrypt', N, R, P, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  const key = await derive(password, salt, { N: n, r, p, maxmem: MAXMEM });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/**
 * What an unknown user name is checked against: the current parameters, a fixed salt and a
 * key no password derives (all zero), so the check costs one full scrypt run like a real one —
 * the first one too (no hash to compute first) — and never succeeds.
 */
export const DUMMY_HASH = [
  'scrypt',
  N,
  R,
  P,
  Buffer.alloc(16, 0x5a).toString('base64'),
  Buffer.alloc(KEY_LEN).toString('base64'),
].join('$');
