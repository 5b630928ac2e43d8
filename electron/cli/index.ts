/** CLI entry: check the Node version before anything loads better-sqlite3, owner-only file modes, then run. */
import { restrictUmask } from '../core/files';
import { assertNodeVersion } from '../core/nodeVersion';

assertNodeVersion();
restrictUmask(); // every file this run creates is 0600 (see core/files.ts)
// `npm run cli -- tasks list | head` closes the pipe early: that is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
const { main } = await import('./main');
process.exitCode = await main(process.argv.slice(2));
