/**
 * The crash test's victim: runs the CLI's own commands in this process, in a loop, starting with
 * the phase it is given — import of a 100k-row extract, demo-seed of more loans with their call
 * history (finalized records, attempts, flags through the services), and a sync export — until
 * the test kills it with SIGKILL. `node --import tsx test/crash/worker.ts <db> <extract.csv> <out> <phase> <round>`
 */
import { assertNodeVersion } from '../../electron/core/nodeVersion';

assertNodeVersion();
const { main } = await import('../../electron/cli/main');

const [db, csv, out, phase, round] = process.argv.slice(2) as [string, string, string, string, string];
const PHASES = ['import', 'seed', 'export'];
const start = PHASES.indexOf(phase);
let loans = 60 + Number(round) * 15;
for (let i = 0; ; i++) {
  const p = PHASES[(start + i) % PHASES.length];
  let code: number;
  if (p === 'import') code = await main(['import', csv, '--db', db, '--json']);
  else if (p === 'seed')
    code = await main(['demo-seed', '--db', db, '--loans', String((loans += 15)), '--as-of', '2026-11-20', '--json']);
  else code = await main(['sync', 'export', '--db', db, '--out', out, '--json']);
  process.stderr.write(`[worker] ${p} → ${code}\n`);
  if (code !== 0) process.exit(10 + code);
}
