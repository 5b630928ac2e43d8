/**
 * Sync as the app and the CLI use it: the source (database, branch, signing key) for a run,
 * head office's upload target kept in settings (token encrypted with the branch's data key),
 * and the 同步 page's view.
 */
import { AppError } from '../../../shared/result';
import type { SyncView } from '../../../shared/contract/sync';
import { appendAudit } from '../audit/log';
import { getBranch } from '../branch';
import type { AppContext } from '../context';
import { getSetting, setSetting } from '../settings/store';
import type { SyncSource } from './export';
import { bundleHistory, lastRun, lastSeq, pendingEntries } from './ledger';
import type { PushTarget } from './push';
import { assertSyncUrl, normalUrl, sealToken, unsealToken } from './target';

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

/**
 * The upload target from settings: URL and the decrypted token — '' when none is set or when it
 * was entered for another address than the stored URL (see target.ts).
 */
export function storedTarget(ctx: AppContext): PushTarget {
  const url = getSetting(ctx.db, 'syncUrl');
  const enc = getSetting(ctx.db, 'syncTokenEnc');
  return { url, token: enc ? unsealToken(ctx.pii().decrypt(enc), url) : '' };
}

/**
 * Save the upload target. A new address needs its token again: without a new token in the same
 * request the stored one is removed, so it can never follow the address elsewhere.
 */
export function setTarget(ctx: AppContext, input: { url: string; token?: string | undefined }, actor: string): void {
  const now = ctx.clock();
  if (input.url !== '') assertSyncUrl(input.url);
  const urlChanged = normalUrl(input.url) !== normalUrl(getSetting(ctx.db, 'syncUrl'));
  const token = input.token ?? (urlChanged ? '' : undefined);
  const enc = token === undefined ? undefined : token === '' ? '' : ctx.pii().encrypt(sealToken(input.url, token));
  const hadToken = getSetting(ctx.db, 'syncTokenEnc') !== '';
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
          token:
            token === undefined
              ? 'kept'
              : token !== ''
                ? 'changed'
                : input.token === undefined && hadToken
                  ? 'removed_url_changed'
                  : 'removed',
        },
      },
      now,
    );
  })();
}

/** Whether a token is stored for the current address (a token bound elsewhere is not "set"). */
function tokenUsable(ctx: AppContext): boolean {
  if (getSetting(ctx.db, 'syncTokenEnc') === '') return false;
  try {
    return storedTarget(ctx).token !== '';
  } catch {
    return false; // undecryptable (another key): it has to be entered again anyway
  }
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
    target: { url: getSetting(db, 'syncUrl'), tokenSet: tokenUsable(ctx) },
    exportDir: getSetting(db, 'syncExportDir'),
    lastExport: lastRun(db, 'export'),
    lastUpload: lastRun(db, 'push'),
    bundles: bundleHistory(db),
    job: ctx.syncJobs().current(),
  };
}

/** The branch's sync public key as a file head office registers (named after the branch code). */
export function publicKeyFile(ctx: AppContext): { fileName: string; base64: string } {
  const branch = getBranch(ctx.db);
  if (!branch) throw new AppError('conflict', 'errors.notInitialized');
  return {
    fileName: `${branch.code}-sync-public-key.pem`,
    base64: Buffer.from(ctx.signing().publicPem).toString('base64'),
  };
}
