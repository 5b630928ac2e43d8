/** Sync test data: a demo-seeded branch database made once per file, copied (with its key files) per test. */
import fs from 'node:fs';
import path from 'node:path';
import { zipSync, unzipSync } from 'fflate';
import { sign } from 'node:crypto';
import { initBranch } from '../../electron/core/branch';
import { openAppContext, type AppContext } from '../../electron/core/context';
import { demoSeed } from '../../electron/core/demo/seed';
import type { SigningKey } from '../../electron/core/sync/keys';
import { TestClock, tempDir } from '../helpers';

export const AS_OF = '2026-11-20';

/** A seeded database file (branch HZ001, demo users, `loans` loans with eight weeks of history). */
export async function seedBranch(loans: number, seed = 5): Promise<string> {
  const file = path.join(tempDir('cbd-sync-template-'), 'template.db');
  const clock = new TestClock();
  const ctx = openAppContext(file, { clock: clock.now });
  try {
    await initBranch(
      ctx.db,
      { code: 'HZ001', name: '杭州西湖支行', admin: 'admin', password: 'admin-pass-1' },
      clock.now(),
    );
    await demoSeed(ctx.db, ctx.pii(), { loans, seed, asOf: AS_OF }, clock.now());
    ctx.signing();
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    ctx.close();
  }
  return file;
}

/** A private copy of a database and its key files in a new temp folder. */
export function copyBranch(template: string): string {
  const file = path.join(tempDir('cbd-sync-'), 'branch.db');
  fs.copyFileSync(template, file);
  for (const ext of ['.key', '.sign.key']) fs.copyFileSync(template + ext, file + ext);
  return file;
}

export function openCopy(
  template: string,
  clock = new TestClock(),
): { ctx: AppContext; file: string; clock: TestClock } {
  const file = copyBranch(template);
  return { ctx: openAppContext(file, { clock: clock.now }), file, clock };
}

/** Rebuild a bundle ZIP with changed files, optionally re-signing the manifest with `key`. */
export function rezip(
  zip: Uint8Array,
  change: (files: Record<string, Uint8Array>) => void,
  key?: SigningKey,
): Uint8Array {
  const files = unzipSync(zip);
  change(files);
  if (key && files['manifest.json'])
    files['manifest.sig'] = Buffer.from(sign(null, files['manifest.json'], key.privateKey).toString('base64'));
  return zipSync(files);
}
