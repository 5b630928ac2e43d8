/**
 * `sync export | push | ack | verify | public-key | status`: sync bundles for head office from
 * the command line (docs/sync-format.md). Arguments are checked before the database is opened.
 * Exit codes: 0 done; 1 rejected (bundle invalid, conflict, refused, bad receipt); 2 usage or
 * I/O (folder missing, server unreachable after every retry); 3 internal.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Translate } from '../../shared/import/messages';
import { AppError } from '../../shared/result';
import { openAppContext } from '../core/context';
import { checkOutFolder } from '../core/files';
import { getSetting } from '../core/settings/store';
import { exportBundles, exportFolder } from '../core/sync/export';
import { parsePublicKey } from '../core/sync/keys';
import { acknowledgeReceipt } from '../core/sync/ledger';
import { pushBundles } from '../core/sync/push';
import { storedTarget, syncSource, syncView } from '../core/sync/service';
import { normalUrl } from '../core/sync/target';
import { verifyBundle } from '../core/sync/verify';
import { cliActor, UsageError, type Output } from './common';

export interface SyncValues {
  out?: string | undefined;
  url?: string | undefined;
  token?: string | undefined;
  'public-key'?: string | undefined;
  tries?: string | undefined;
  'backoff-ms'?: string | undefined;
  'timeout-ms'?: string | undefined;
}

function intOpt(
  v: SyncValues,
  name: 'tries' | 'backoff-ms' | 'timeout-ms',
  min: number,
  max: number,
): number | undefined {
  const raw = v[name];
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max)
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`);
  return Number(raw);
}

function readFileArg(file: string | undefined, what: string): Buffer {
  if (!file) throw new UsageError(`${what} is required`);
  try {
    return fs.readFileSync(file);
  } catch {
    throw new AppError('not_found', 'errors.fileMissing', { file });
  }
}

export async function runSync(cmd: string[], v: SyncValues, dbFile: string, t: Translate): Promise<Output> {
  const sub = cmd[1] ?? '';
  if (sub === 'verify') {
    if (cmd.length !== 3) throw new UsageError('usage: sync verify <bundle.zip> --public-key <pem>');
    const pem = readFileArg(v['public-key'], '--public-key <file>');
    const key = parsePublicKey(pem.toString('utf8'));
    if (!key) throw new AppError('not_found', 'errors.publicKeyUnreadable', { file: v['public-key']! });
    const zip = readFileArg(cmd[2], '<bundle.zip>');
    const r = verifyBundle(zip, key, path.basename(cmd[2]!));
    if (r.valid)
      return {
        json: {
          valid: true,
          reason: null,
          bundleId: r.manifest.bundleId,
          branchCode: r.manifest.branchCode,
          fromSeq: r.manifest.fromSeq,
          toSeq: r.manifest.toSeq,
          entries: r.entries.length,
        },
        text: t('sync.cli.verified', { bundleId: r.manifest.bundleId, entries: r.entries.length }),
      };
    const message = t(`sync.verify.${r.reason}`, { detail: r.detail });
    return { json: { valid: false, reason: r.reason, detail: r.detail, message }, text: `✘ ${message}`, exitCode: 1 };
  }
  if (cmd.length !== 2 && !(sub === 'ack' && cmd.length === 3))
    throw new UsageError(`unknown command: ${cmd.join(' ')}`);

  // Check every argument before the database is opened.
  let receipt: string | null = null;
  let outDir: string | null = null;
  let push: { tries?: number | undefined; backoffMs?: number | undefined; timeoutMs?: number | undefined } = {};
  switch (sub) {
    case 'export':
      if (!v.out) throw new UsageError('--out <folder> is required');
      outDir = exportFolder(v.out);
      break;
    case 'public-key':
      if (!v.out) throw new UsageError('--out <file> is required');
      checkOutFolder(v.out);
      break;
    case 'ack':
      if (cmd.length !== 3) throw new UsageError('usage: sync ack <receipt.json>');
      receipt = readFileArg(cmd[2], '<receipt.json>').toString('utf8');
      break;
    case 'push': {
      push = {
        tries: intOpt(v, 'tries', 1, 20),
        backoffMs: intOpt(v, 'backoff-ms', 0, 600_000),
        timeoutMs: intOpt(v, 'timeout-ms', 100, 600_000),
      };
      break;
    }
    case 'status':
      break;
    default:
      throw new UsageError(`unknown command: ${cmd.join(' ')}`);
  }

  const ctx = openAppContext(dbFile, { mustExist: true });
  try {
    const actor = cliActor();
    if (sub === 'export') {
      const r = await exportBundles(syncSource(ctx, actor), outDir!);
      const { bundles } = r;
      return {
        json: { bundles },
        text:
          bundles.length === 0
            ? t('sync.cli.nothingPending')
            : [
                t('sync.cli.exported', { count: bundles.length, dir: outDir! }),
                ...bundles.map((b) => `  ${b.file}  (${b.entries})`),
              ].join('\n'),
      };
    }
    if (sub === 'public-key') {
      const src = syncSource(ctx, actor);
      fs.writeFileSync(v.out!, src.key.publicPem);
      return {
        json: { file: path.resolve(v.out!), keyId: src.key.keyId, branchCode: src.branchCode },
        text: t('sync.cli.publicKey', { file: path.resolve(v.out!), keyId: src.key.keyId }),
      };
    }
    if (sub === 'ack') {
      const r = acknowledgeReceipt(ctx.db, receipt!, actor, ctx.clock());
      return { json: r, text: t(r.already ? 'sync.cli.alreadyAcked' : 'sync.cli.acked', { bundleId: r.bundleId }) };
    }
    if (sub === 'status') {
      const s = syncView(ctx);
      return {
        json: { pending: s.pending, lastSeq: s.lastSeq, keyId: s.keyId, bundles: s.bundles },
        text: [
          t('sync.cli.pending', { count: s.pending }),
          ...s.bundles.map((b) => `  ${b.fileName}  ${t(`sync.status.${b.status}`)}`),
        ].join('\n'),
      };
    }
    // push
    const stored = storedTarget(ctx);
    // The token from --token, else $CALLBACK_DESK_SYNC_TOKEN (keeps it off the process list), else the app's setting.
    // The stored token goes only to the address it was entered for: with another --url it needs
    // --token or the environment variable.
    const url = v.url ?? stored.url;
    const target = {
      url,
      token:
        v.token ??
        (process.env.CALLBACK_DESK_SYNC_TOKEN || (normalUrl(url) === normalUrl(stored.url) ? stored.token : '')),
    };
    const r = await pushBundles(syncSource(ctx, actor), target, {
      maxTries: push.tries ?? getSetting(ctx.db, 'syncMaxTries'),
      backoffMs: push.backoffMs,
      timeoutMs: push.timeoutMs,
      onProgress: (p) => {
        if (p.retry) process.stderr.write(`${t('sync.cli.retrying', { attempt: p.retry.attempt, of: p.retry.of })}\n`);
      },
    });
    const error = r.error ? t(r.error.message, r.error.params) : null;
    const exitCode = r.outcome === 'ok' || r.outcome === 'nothing' ? 0 : r.outcome === 'unreachable' ? 2 : 1;
    return {
      json: { outcome: r.outcome, acknowledged: r.acknowledged, bundles: r.bundles, error },
      text:
        r.outcome === 'nothing'
          ? t('sync.cli.nothingPending')
          : [
              t('sync.cli.pushed', { acknowledged: r.acknowledged, total: r.bundles.length }),
              ...r.bundles.map(
                (b) =>
                  `  ${b.file}  ${t(`sync.pushStatus.${b.status}`)}${b.httpStatus ? ` (HTTP ${b.httpStatus})` : ''}`,
              ),
              ...(error ? [`✘ ${error}`] : []),
            ].join('\n'),
      exitCode,
    };
  } finally {
    ctx.close();
  }
}
