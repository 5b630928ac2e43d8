/**
 * `npm run bench [-- <name>]`: prints one JSON array of benchmark results (ratio against a floor
 * measured in the same run). No benchmarks exist yet; later issues add import, queue, report,
 * sync and start-up benchmarks here.
 */
import { assertNodeVersion } from '../../electron/core/nodeVersion';

assertNodeVersion();
const results: unknown[] = [];
process.stdout.write(`${JSON.stringify(results)}\n`);
