/**
 * The restore crash test's victim: restores two backups in turn over the database, the way the CLI's
 * `restore` does (`restoreFileInPlace`: check, copy, continue the outbox, audit, swap), and after
 * each restore writes one outbox entry, printing `given <seq>` once it is committed, until the test
 * kills it with SIGKILL. Prints `ready` once its modules are loaded.
 * `node --import tsx test/crash/restore-worker.ts <db> <backupA> <backupB>`
 */
import { assertNodeVersion } from '../../electron/core/nodeVersion';

assertNodeVersion();
const { restoreFileInPlace } = await import('../../electron/core/backup/service');
const { openDatabase } = await import('../../electron/core/db/open');
const { enqueue } = await import('../../electron/core/sync/outbox');

const [db, a, b] = process.argv.slice(2) as [string, string, string];
process.stderr.write('ready\n');
for (let i = 0; i < 40; i++) {
  restoreFileInPlace(i % 2 === 0 ? a : b, db, 'crash-test', new Date());
  process.stderr.write(`restored ${i}\n`);
  const d = openDatabase(db, { mustExist: true });
  try {
    const seq = d.transaction(() =>
      enqueue(d, { entity: 'task', op: 'update', id: 1, data: { loanNo: 'CRASH', round: i } }, new Date()),
    )();
    process.stderr.write(`given ${seq}\n`);
  } finally {
    d.close();
  }
}
