/**
 * The services' shared state for one open database: connection, PII keys, clock and the login
 * session. The Electron main process, the CLI and the harness each hold one.
 */
import { Session } from './auth/session';
import { systemClock, type Clock } from './clock';
import { openDatabase, type Db, type OpenOptions } from './db/open';
import { ImportJobs } from './import/jobs';
import { openPii, type Pii } from './pii';

export interface AppContext {
  db: Db;
  dbFile: string;
  clock: Clock;
  session: Session;
  /** PII keys, loaded on first use (a fresh file gets a new key file beside it). */
  pii(): Pii;
  /** Imports started from the UI (uploads, background analysis, commit). */
  imports(): ImportJobs;
  close(): void;
}

export function openAppContext(dbFile: string, opts: OpenOptions & { clock?: Clock } = {}): AppContext {
  const db = openDatabase(dbFile, opts);
  const clock = opts.clock ?? systemClock;
  let pii: Pii | undefined;
  let imports: ImportJobs | undefined;
  const ctx: AppContext = {
    db,
    dbFile,
    clock,
    session: new Session(db, clock),
    pii() {
      pii ??= openPii(db, dbFile, clock());
      return pii;
    },
    imports() {
      imports ??= new ImportJobs(ctx);
      return imports;
    },
    close() {
      db.close();
    },
  };
  return ctx;
}
