/**
 * The running app around one database file, shared by the Electron shell and the browser harness.
 * At start it opens the file, refreshes today's tasks and makes the daily backup. When the file
 * cannot be opened (damaged, unreadable, from a newer version) it does not crash: it starts in
 * recovery mode, where only `recovery.status` and `recovery.restore` answer, every other channel
 * answers `errors.recoveryMode`, and the renderer shows the recovery screen with the reason and the
 * backups that pass every check. A restore there opens the restored file and the app goes on.
 */
import path from 'node:path';
import type { ChannelOutput } from '../../shared/contract';
import { AppError, type AppErrorShape } from '../../shared/result';
import { backupDirFor, backupFile, dailyBackup, listBackups, restoreFrom, usableBackups } from './backup/store';
import { systemClock } from './clock';
import { handedKeyIds, onAppStart, openAppContext, type AppContext, type ContextOptions } from './context';
import { createDispatcher, dispatcherFor, type Dispatch, type HandlerTable } from './dispatch';
import { sweepLeftovers } from './leftovers';
import { stderrLogger } from './log';
import { restoreFinish } from './backup/service';

/** Start failures a backup can mend; a file from a newer version needs the newer version instead. */
const RESTORABLE = new Set(['errors.dbCorrupt', 'errors.dbUnreadable', 'errors.dbMissingRestoreLeft']);

export interface Runtime {
  /** Every channel call goes here, in either mode. */
  dispatch: Dispatch;
  /** The open context, or null in recovery mode. */
  context(): AppContext | null;
  close(): void;
}

export interface RuntimeOptions extends ContextOptions {
  /** Make the daily backup at start (default true). */
  dailyBackup?: boolean;
}

type RecoveryStatus = ChannelOutput<'recovery.status'>;

export function startRuntime(dbFile: string, opts: RuntimeOptions = {}): Runtime {
  const log = opts.log ?? stderrLogger;
  const dir = backupDirFor(dbFile);
  // Temporary files of an app or command that crashed or was killed mid-write: import spools,
  // backup copies, export parts, a restore's copy (core/leftovers.ts).
  const swept = sweepLeftovers(dbFile, dir);
  if (swept > 0) log.info('start', `removed ${swept} temporary file(s) left by ended processes`);
  let ctx: AppContext | null = null;
  let normal: Dispatch | null = null;
  let failure: AppErrorShape | null = null;
  let offered: string[] | null = null;

  /** Open the file and do the start's work on it. */
  const open = () => {
    const c = openAppContext(dbFile, opts);
    try {
      onAppStart(c);
    } catch (e) {
      c.close();
      throw e;
    }
    ctx = c;
    normal = createDispatcher(c);
    if (opts.dailyBackup !== false)
      // One backup a day beside the database, the newest 14 kept; a failure is logged, not fatal.
      void dailyBackup(c.db, dir, (opts.clock ?? systemClock)()).catch((e: unknown) =>
        log.warn('backup', `daily backup failed: ${(e as Error)?.message ?? e}`),
      );
  };

  try {
    open();
  } catch (e) {
    failure =
      e instanceof AppError
        ? e.toShape()
        : {
            code: 'internal',
            message: 'errors.dbUnreadable',
            params: { file: dbFile, reason: String((e as Error)?.message ?? e).slice(0, 300) },
          };
    log.error(
      'start',
      `cannot open ${dbFile}: ${failure.message} ${JSON.stringify(failure.params ?? {})}; recovery mode`,
    );
  }

  const status = (): RecoveryStatus => {
    const restorable = failure !== null && RESTORABLE.has(failure.message);
    // Checked once (a full check reads every page of every backup), newest first.
    offered ??= restorable ? usableBackups(dir, dbFile, handedKeyIds(opts)) : [];
    const byName = new Map(listBackups(dir).map((b) => [b.name, b]));
    return {
      file: path.resolve(dbFile),
      error: failure ?? { code: 'internal', message: 'errors.internal' },
      restorable,
      backups: offered.map((f) => byName.get(path.basename(f))).filter((b) => b !== undefined),
    };
  };

  const recover = (name: string) => {
    if (!status().restorable) throw new AppError('conflict', 'errors.recoveryNotRestorable');
    const file = backupFile(dir, name);
    const clock = opts.clock ?? systemClock;
    const now = clock();
    // The continuation past the damaged file's numbers (a margin when it cannot say) and the audit
    // entry are written into the restored file before it takes the name.
    const r = restoreFrom(
      file,
      dbFile,
      now,
      restoreFinish(null, { backup: name, via: 'recovery' }, now),
      handedKeyIds(opts),
    );
    const keptAs = r.keptAs ? path.basename(r.keptAs) : null;
    open();
    log.info('start', `restored ${name} after a failed start; the damaged file is kept as ${keptAs}`);
    failure = null;
    offered = null;
    return { restored: name, keptAs };
  };

  // Recovery mode is a second handler table on the same dispatcher: two channels answer (parsed,
  // output-checked), every other one answers `errors.recoveryMode`.
  const recoveryHandlers: HandlerTable<null> = {
    'recovery.status': () => status(),
    'recovery.restore': (i) => recover(i.name),
  };
  const recoveryDispatch = dispatcherFor(recoveryHandlers, {
    with: null,
    session: () => null,
    dbFile,
    unhandled: { code: 'unavailable', message: 'errors.recoveryMode' },
    log: (m) => log.error('recovery', m),
  });

  return {
    dispatch: (channel, input) => (normal ? normal(channel, input) : recoveryDispatch(channel, input)),
    context: () => ctx,
    close: () => ctx?.close(),
  };
}
