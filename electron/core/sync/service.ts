/**
 * Sync as the app and the CLI use it: the source (database, branch, signing key) for a run,
 * head office's upload target kept in settings (token encrypted with the branch's data key),
 * and the 同步 page's view.
 */
import { AppError } from '../../../shared/result';
import type { SyncView } from '../../../shared/sync';
import { appendAudit } from '../audit';
import { getBranch } from '../branch';
import type { AppContext } from '../context';
import { getSetting, setSetting } from '../settings';
import type { SyncSource } from './export';
import { bundleHistory, lastRun, lastSeq, pendingEntries } from './ledger';
import type { PushTarget } from './push';

export function syncSource(ctx: AppContext, actor: string): SyncSource {
  const branch = getBranch(ctx.db);
  if (!branch) throw new AppError('conflict', 'errors.notInitialized');
  return {
    db: ctx.db,
    branchCode: branch.code,
    key: ctx.signing(),
    actor,
    now: ctx.clock,
    maxEntries: getSetting(ctx.db, 'syncBundleMaxEntries'),
  };
}

/** The upload target from settings: URL and the decrypted token ('' when not set). */
export function storedTarget(ctx: AppContext): PushTarget {
  const enc = getSetting(ctx.db, 'syncTokenEnc');
  return { url: getSetting(ctx.db, 'syncUrl'), token: enc ? ctx.pii().decrypt(enc) : '' };
}

export function setTarget(ctx: AppContext, input: { url: string; token?: string | undefined }, actor: string): void {
  const now = ctx.clock();
  const enc = input.token === undefined ? undefined : input.token === '' ? '' : ctx.pii().encrypt(input.token);
  ctx.db.transaction(() => {
    setSetting(ctx.db, 'syncUrl', input.url, now);
    if (enc !== undefined) setSetting(ctx.db, 'syncTokenEnc', enc, now);
    // The token itself is never audited, only that it changed.
    appendAudit(
      ctx.db,
      {
        actor,
        action: 'settings.sync_target',
        details: {
          url: input.url,
          token: input.token === undefined ? 'kept' : input.token === '' ? 'removed' : 'changed',
        },
      },
      now,
    );
  })();
}

export function syncView(ctx: AppContext): SyncView {
  const { db } = ctx;
  const branch = getBranch(db);
  return {
    branchCode: branch?.code ?? null,
    keyId: branch ? ctx.signing().keyId : null,
    pending: pendingEntries(db),
    lastSeq: lastSeq(db),
    maxEntries: getSetting(db, 'syncBundleMaxEntries'),
    target: { url: getSetting(db, 'syncUrl'), tokenSet: getSetting(db, 'syncTokenEnc') !== '' },
    exportDir: getSetting(db, 'syncExportDir'),
    lastExport: lastRun(db, 'export'),
    lastUpload: lastRun(db, 'push'),
    bundles: bundleHistory(db),
    job: ctx.syncJobs().current(),
  };
}
