/**
 * The services' shared state for one open database: connection, PII keys, clock and the login
 * session. The Electron main process, the CLI and the harness each hold one.
 */
import { AppError } from '../../shared/result';
import { Session } from './auth/session';
import { shanghaiDate, systemClock, type Clock } from './clock';
import { backupRunning, openDatabase, stmt, type Db, type OpenOptions } from './db/open';
import { generateTasks } from './tasks/generate';
import { ImportJobs } from './imports/jobs';
import { adoptLegacyKeys } from './keyDir';
import { stderrLogger, type Logger } from './log';
import { bindPii, openPii, parseKeyText, type Pii } from './pii/cipher';
import { bindSigningKey, openSigningKey, parseSigningKey, type SigningKey } from './sync/keys';
import { SyncJobs } from './sync/jobs';

export interface AppContext {
  db: Db;
  dbFile: string;
  clock: Clock;
  session: Session;
  /** The application log (redacted, rotated). */
  log: Logger;
  /** PII keys, loaded on first use (a fresh file gets a new key file beside it). */
  pii(): Pii;
  /** Imports started from the UI (uploads, background analysis, commit). */
  imports(): ImportJobs;
  /** The branch's sync signing key, loaded (or, for a database without one, created) on first use. */
  signing(): SigningKey;
  /** Sync exports and uploads started from the UI, one at a time. */
  syncJobs(): SyncJobs;
  /**
   * Close the database, let `replace` change the file (a restore), then open it again with the
   * keys reloaded, no jobs and nobody signed in. Refused while an import, a sync job or a backup
   * runs. When `replace` throws, the file it left (the old one: a restore changes nothing until it
   * succeeds) is opened again and the error goes on.
   */
  swapDatabase<T>(replace: () => T): T;
  /** Ids of the keys this context holds (loaded or handed over by the shell), without loading any. */
  heldKeyIds(): { pii?: string | undefined; sync?: string | undefined };
  close(): void;
}

export interface ContextOptions extends OpenOptions {
  clock?: Clock;
  /** Key material unwrapped by the Electron shell (safeStorage); otherwise the key file is used. */
  keyText?: { text: string; source: string };
  /** Where log lines go (default: redacted lines on stderr). */
  log?: Logger;
  /** The sync signing key unwrapped by the Electron shell; otherwise `<db>.sign.key` is used. */
  signingKeyText?: { text: string; source: string };
}

/** Ids of the keys handed over by the shell (safeStorage), read without binding them to a database. */
export function handedKeyIds(opts: ContextOptions): { pii?: string | undefined; sync?: string | undefined } {
  return {
    pii: opts.keyText ? parseKeyText(opts.keyText.text, opts.keyText.source).keyId : undefined,
    sync: opts.signingKeyText ? parseSigningKey(opts.signingKeyText.text, opts.signingKeyText.source).keyId : undefined,
  };
}

/** What the app does when it starts on a database: refresh the calendar seed and the task list. */
export function onAppStart(ctx: AppContext): void {
  const now = ctx.clock();
  if (stmt(ctx.db, 'SELECT 1 FROM branch').get())
    generateTasks(ctx.db, { asOf: shanghaiDate(now), now, actor: 'system' });
}

export function openAppContext(dbFile: string, opts: ContextOptions = {}): AppContext {
  const clock = opts.clock ?? systemClock;
  let pii: Pii | undefined;
  let imports: ImportJobs | undefined;
  let signing: SigningKey | undefined;
  let syncJobs: SyncJobs | undefined;
  const log = opts.log ?? stderrLogger;
  const db = openDatabase(dbFile, opts);
  // Keys still beside the database move into the key folder (when one is set), and we say so.
  try {
    const adopted = adoptLegacyKeys(dbFile);
    for (const [from, to] of adopted.moved)
      log.warn(
        'keys',
        `moved the key file ${from} to the key folder: ${to}; back up the key folder apart from the data`,
      );
    for (const f of adopted.leftBeside)
      log.warn('keys', `an old key file is still beside the database: ${f}; the key folder's copy is used`);
  } catch (e) {
    db.close();
    throw e;
  }
  const ctx: AppContext = {
    db,
    dbFile,
    clock,
    session: new Session(db, clock),
    log,
    pii() {
      pii ??= opts.keyText
        ? bindPii(ctx.db, parseKeyText(opts.keyText.text, opts.keyText.source), opts.keyText.source, clock())
        : openPii(ctx.db, dbFile, clock());
      return pii;
    },
    imports() {
      imports ??= new ImportJobs(ctx);
      return imports;
    },
    signing() {
      signing ??= opts.signingKeyText
        ? bindSigningKey(
            ctx.db,
            parseSigningKey(opts.signingKeyText.text, opts.signingKeyText.source),
            opts.signingKeyText.source,
            clock(),
          )
        : openSigningKey(ctx.db, dbFile, clock());
      return signing;
    },
    syncJobs() {
      syncJobs ??= new SyncJobs(ctx);
      return syncJobs;
    },
    heldKeyIds() {
      const handed = handedKeyIds(opts);
      return { pii: handed.pii ?? pii?.keyId, sync: handed.sync ?? signing?.keyId };
    },
    swapDatabase(replace) {
      if (imports?.busy() || syncJobs?.current()?.phase === 'running' || backupRunning(ctx.db))
        throw new AppError('conflict', 'errors.restoreBusy');
      imports?.disposeAll();
      ctx.db.close();
      try {
        return replace();
      } finally {
        // Opened again whether or not `replace` succeeded; an older backup is migrated here.
        ctx.db = openDatabase(dbFile, { ...opts, mustExist: true });
        ctx.session = new Session(ctx.db, clock);
        pii = imports = signing = syncJobs = undefined;
      }
    },
    close() {
      ctx.db.close();
    },
  };
  return ctx;
}
