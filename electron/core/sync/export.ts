/**
 * File transport: write every unacknowledged bundle into a folder (USB drive, shared folder).
 * Each file is written under a hidden temporary name, flushed to disk and then renamed, so a
 * crash or a pulled drive never leaves a file with a bundle's final name that is not complete.
 * Exporting again rewrites the same bundles byte for byte until head office acknowledges them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/result';
import { appendAudit } from '../audit/log';
import type { Db } from '../db/open';
import { commitFile, PRIVATE_FILE_MODE, removeOrphanTemps } from '../files';
import { buildBundle } from './bundle';
import type { SigningKey } from './keys';
import { finishRun, markBundle, planBundles, startRun, unacknowledged } from './ledger';

export interface SyncSource {
  db: Db;
  branchCode: string;
  key: SigningKey;
  actor: string;
  now: () => Date;
  maxEntries: number;
}

export interface ExportedBundle {
  bundleId: string;
  file: string;
  fromSeq: number;
  toSeq: number;
  entries: number;
}

export interface SyncProgress {
  done: number;
  total: number;
}

/** `.<bundle>.zip.<pid>.partial`: a bundle being written (the process id in the first group). */
const PARTIAL = /^\..+\.zip\.(\d+)\.partial$/;

/** Check the folder exists and is a folder; returns its absolute path. */
export function exportFolder(dir: string): string {
  const abs = path.resolve(dir);
  let st: fs.Stats;
  try {
    st = fs.statSync(abs);
  } catch {
    throw new AppError('not_found', 'errors.syncDirMissing', { dir: abs });
  }
  if (!st.isDirectory()) throw new AppError('not_found', 'errors.syncDirMissing', { dir: abs });
  return abs;
}

function writeAtomically(dir: string, fileName: string, bytes: Uint8Array): string {
  const final = path.join(dir, fileName);
  const tmp = path.join(dir, `.${fileName}.${process.pid}.partial`);
  fs.writeFileSync(tmp, bytes, { mode: PRIVATE_FILE_MODE });
  commitFile(tmp, final);
  return final;
}

/**
 * Remove temporary files an interrupted export left behind: only ours (`.<bundle>.zip.<pid>.partial`)
 * and only those of processes that have ended (another app exporting to the same drive keeps its own).
 */
function removeLeftovers(dir: string): void {
  removeOrphanTemps(dir, PARTIAL);
}

export async function exportBundles(
  src: SyncSource,
  dir: string,
  opts: { onProgress?: (p: SyncProgress) => void; signal?: AbortSignal } = {},
): Promise<{ bundles: ExportedBundle[]; cancelled: boolean }> {
  const folder = exportFolder(dir);
  removeLeftovers(folder); // also when there is nothing to export
  const { db } = src;
  planBundles(db, src.branchCode, src.maxEntries, src.now());
  const pending = unacknowledged(db);
  if (pending.length === 0) return { bundles: [], cancelled: false };
  const run = startRun(db, 'export', src.actor, folder, src.now());
  const out: ExportedBundle[] = [];
  opts.onProgress?.({ done: 0, total: pending.length });
  try {
    for (const b of pending) {
      if (opts.signal?.aborted) {
        finishRun(db, run, { outcome: 'cancelled', bundles: out.length, entries: sum(out) }, src.now());
        return { bundles: out, cancelled: true };
      }
      const built = buildBundle(db, b, src.branchCode, src.key);
      const file = writeAtomically(folder, built.fileName, built.bytes);
      markBundle(db, b.id, b.status === 'conflict' ? 'conflict' : 'exported', {
        exportedAt: src.now().toISOString(),
        sha256: built.sha256,
        bytes: built.bytes.length,
        lastError: b.status === 'conflict' ? undefined : null,
      });
      out.push({ bundleId: b.id, file, fromSeq: b.from_seq, toSeq: b.to_seq, entries: b.entries });
      opts.onProgress?.({ done: out.length, total: pending.length });
      // Let the event loop answer progress polls between bundles.
      await new Promise((r) => setImmediate(r));
    }
  } catch (e) {
    const failure =
      e instanceof AppError
        ? e
        : new AppError('unavailable', 'errors.syncWriteFailed', {
            dir: folder,
            reason: (e as Error).message.slice(0, 200),
          });
    const error = { message: failure.message, params: failure.params ?? {} };
    finishRun(db, run, { outcome: 'error', bundles: out.length, entries: sum(out), error }, src.now());
    throw failure;
  }
  const now = src.now();
  finishRun(db, run, { outcome: 'ok', bundles: out.length, entries: sum(out) }, now);
  db.transaction(() =>
    appendAudit(
      db,
      {
        actor: src.actor,
        action: 'sync.export',
        details: { dir: folder, bundles: out.map((b) => b.bundleId), entries: sum(out) },
      },
      now,
    ),
  )();
  return { bundles: out, cancelled: false };
}

const sum = (bs: { entries: number }[]) => bs.reduce((a, b) => a + b.entries, 0);
