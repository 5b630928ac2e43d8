/** Row counts of the branch database for `stats` (later issues add keys). */
import { stmt, type Db } from './db/open';
import { countLoans } from './loans';

export function stats(db: Db): { loans: number; parties: number; users: number; auditEntries: number } {
  return {
    ...countLoans(db),
    users: stmt<[], { n: number }>(db, 'SELECT count(*) AS n FROM users WHERE active = 1').get()!.n,
    auditEntries: stmt<[], { n: number }>(db, 'SELECT count(*) AS n FROM audit_log').get()!.n,
  };
}
