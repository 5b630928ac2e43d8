/**
 * The crash test's victim: loops over the work a branch does, starting with the phase it is
 * given, until the test kills it with SIGKILL —
 * - `import`: the CLI's import of a 100k-row extract (one all-or-nothing commit);
 * - `finalize`: a burst of calls finalized one by one through the call services (each record its
 *   own transaction), printing `finalized <recordId>` after each commit;
 * - `export`: the CLI's sync export;
 * - `seed`: demo-seed of more loans with their call history (new open tasks for the next burst).
 * `node --import tsx test/crash/worker.ts <db> <extract.csv> <out> <phase> <round>`
 */
import { assertNodeVersion } from '../../electron/core/nodeVersion';

assertNodeVersion();
const { main } = await import('../../electron/cli/main');
const { openAppContext } = await import('../../electron/core/context');
const { findUser, toUserView } = await import('../../electron/core/users/users');
const { startCall } = await import('../../electron/core/calls/calls');
const { finalizeRecord, scriptParties } = await import('../../electron/core/records/records');
const { scriptById } = await import('../../electron/core/calls/scripts');
const { checklistOf } = await import('../../shared/scripts/schema');
const { fullState } = await import('../callState');
const { AppError } = await import('../../shared/result');

const [db, csv, out, phase, round] = process.argv.slice(2) as [string, string, string, string, string];
const PHASES = ['import', 'finalize', 'export', 'seed'];

/** Finalize up to `n` fresh open tasks as officer1, every checklist line a match. */
function finalizeBurst(n: number): void {
  const ctx = openAppContext(db, { mustExist: true });
  try {
    const officer = toUserView(findUser(ctx.db, 'officer1')!);
    const tasks = ctx.db
      .prepare(
        `SELECT id, loan_id FROM tasks WHERE status = 'open' AND attempts = 0 AND (assignee_id IS NULL OR assignee_id = ?)
           AND NOT EXISTS (SELECT 1 FROM drafts d WHERE d.task_id = tasks.id) ORDER BY id LIMIT ?`,
      )
      .all(officer.id, n) as { id: number; loan_id: number }[];
    for (const t of tasks) {
      try {
        const now = new Date();
        const draft = startCall(ctx.db, t.id, officer, now);
        const { script } = scriptById(ctx.db, draft.scriptId);
        const keys = checklistOf(script, scriptParties(ctx.db, t.loan_id)).map((l) => l.key);
        const state = fullState(script, keys, now.toISOString());
        const r = finalizeRecord(ctx.db, t.id, officer, state, new Date());
        process.stderr.write(`finalized ${r.recordId}\n`);
      } catch (e) {
        if (!(e instanceof AppError)) throw e; // a task the rules refuse today: the next one
      }
    }
  } finally {
    ctx.close();
  }
}

const start = PHASES.indexOf(phase);
let loans = 60 + Number(round) * 15;
for (let i = 0; ; i++) {
  const p = PHASES[(start + i) % PHASES.length];
  let code = 0;
  if (p === 'import') code = await main(['import', csv, '--db', db, '--json']);
  else if (p === 'finalize') finalizeBurst(300);
  else if (p === 'export') code = await main(['sync', 'export', '--db', db, '--out', out, '--json']);
  else
    code = await main(['demo-seed', '--db', db, '--loans', String((loans += 15)), '--as-of', '2026-11-20', '--json']);
  process.stderr.write(`[worker] ${p} → ${code}\n`);
  if (code !== 0) process.exit(10 + code);
}
