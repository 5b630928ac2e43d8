/**
 * The services' shared state for one open database: connection, PII keys, clock and the login
 * session. The Electron main process, the CLI and the harness each hold one.
 */
import { Session } from './auth/session';
import { shanghaiDate, systemClock, type Clock } from './clock';
import { openDatabase, stmt, type Db, type OpenOptions } from './db/open';
import { generateTasks } from './schedule/generate';
import { ImportJobs } from './import/jobs';
import { stderrLogger, type Logger } from './log';
import { bindPii, openPii, parseKeyText, type Pii } from './pii';
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

/** What the app does when it starts on a database: refresh the calendar seed and the task list. */
export function onAppStart(ctx: AppContext): void {
  const now = ctx.clock();
  if (stmt(ctx.db, 'SELECT 1 FROM branch').get())
    generateTasks(ctx.db, { asOf: shanghaiDate(now), now, actor: 'system' });
}

export function openAppContext(dbFile: string, opts: ContextOptions = {}): AppContext {
  const db = openDatabase(dbFile, opts);
  const clock = opts.clock ?? systemClock;
  let pii: Pii | undefined;
  let imports: ImportJobs | undefined;
  let signing: SigningKey | undefined;
  let syncJobs: SyncJobs | undefined;
  const ctx: AppContext = {
    db,
    dbFile,
    clock,
    session: new Session(db, clock),
    log: opts.log ?? stderrLogger,
    pii() {
      pii ??= opts.keyText
        ? bindPii(db, parseKeyText(opts.keyText.text, opts.keyText.source), opts.keyText.source, clock())
        : openPii(db, dbFile, clock());
      return pii;
    },
    imports() {
      imports ??= new ImportJobs(ctx);
      return imports;
    },
    signing() {
      signing ??= opts.signingKeyText
        ? bindSigningKey(
            db,
            parseSigningKey(opts.signingKeyText.text, opts.signingKeyText.source),
            opts.signingKeyText.source,
            clock(),
          )
        : openSigningKey(db, dbFile, clock());
      return signing;
    },
    syncJobs() {
      syncJobs ??= new SyncJobs(ctx);
      return syncJobs;
    },
    close() {
      db.close();
    },
  };
  return ctx;
}
