/** CLI entry: check the Node version before anything loads better-sqlite3, then run. */
import { assertNodeVersion } from '../core/nodeVersion';

assertNodeVersion();
const { main } = await import('./main');
process.exitCode = await main(process.argv.slice(2));
