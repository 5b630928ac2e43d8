/**
 * `npm run cli -- <command> [--db <file>] [--json]` (DESIGN.md §8). With --json exactly one JSON
 * document goes to stdout. Exit codes: 0 done; 1 rejected (nothing changed); 2 usage or I/O
 * error; 3 internal error.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AppError, type ErrorCode } from '../../shared/result';
import { initBranch } from '../core/branch';
import { openAppContext } from '../core/context';
import { demoSeed } from '../core/demo/seed';
import { doctor } from '../core/doctor';
import type { RowProblem } from '../core/audit/integrity';
import { stats } from '../core/stats';
import { translator } from '../core/i18n';
import type { Translate } from '../../shared/import/messages';
import { asOfOption, need, password, UsageError, type Output } from './common';
import { runAudit } from './audit';
import { runBackup } from './backup';
import { runCalendar } from './calendar';
import { runScripts } from './calls';
import { runImport } from './imports';
import { runReport } from './reports';
import { runSync } from './sync';
import { runTasks } from './tasks';
import { runUsers } from './users';
import { backupDirFor } from '../core/backup/store';
import { ioErrorOf } from '../core/ioErrors';
import { sweepLeftovers } from '../core/leftovers';
import { setKeyDir } from '../core/keyDir';

const USAGE = `回访工作台 Callback Desk CLI

用法 Usage: npm run cli -- <command> [options] [--db <file>] [--json] [--lang zh-CN|en]

  init --branch-code <code> --branch-name <name> --admin <username> [--admin-name <n>] --password-stdin
  users add --username <u> --role <officer|manager|admin> --display-name <n> --password-stdin
  users list
  demo-seed [--loans N] [--seed S] [--as-of YYYY-MM-DD] [--no-history]
  import <file> [--dry-run] [--skip-invalid] [--rejects <out.csv>]
  tasks generate [--as-of YYYY-MM-DD]
  tasks list [--as-of D] [--status S] [--type T] [--assignee <username|pool>]
  calendar status
  calendar import <file.csv|file.json>
  report weekly --week YYYY-Www --out <file> [--format xlsx|csv]
  sync export --out <folder>
  sync push [--url <base>] [--token <t>] [--tries N] [--backoff-ms N] [--timeout-ms N]
  sync ack <receipt.json>
  sync verify <bundle.zip> --public-key <pem>
  sync public-key --out <file.pem>
  sync status
  doctor
  stats
  backup --out <file>
  restore <file>

--db defaults to $CALLBACK_DESK_DB or ./callback-desk.db
--key-dir <folder>: the key files' folder, kept apart from the data (default $CALLBACK_DESK_KEY_DIR,
  else beside the database); keys found beside the database are moved there.
Exit codes: 0 done, 1 rejected (nothing changed), 2 usage or I/O error, 3 internal error.
`;

const OPTIONS = {
  db: { type: 'string' },
  'key-dir': { type: 'string' },
  json: { type: 'boolean' },
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  'branch-code': { type: 'string' },
  'branch-name': { type: 'string' },
  admin: { type: 'string' },
  'admin-name': { type: 'string' },
  'password-stdin': { type: 'boolean' },
  username: { type: 'string' },
  role: { type: 'string' },
  'display-name': { type: 'string' },
  loans: { type: 'string' },
  seed: { type: 'string' },
  'as-of': { type: 'string' },
  'dry-run': { type: 'boolean' },
  'skip-invalid': { type: 'boolean' },
  'no-history': { type: 'boolean' },
  rejects: { type: 'string' },
  status: { type: 'string' },
  type: { type: 'string' },
  assignee: { type: 'string' },
  dir: { type: 'string' },
  week: { type: 'string' },
  out: { type: 'string' },
  format: { type: 'string' },
  url: { type: 'string' },
  token: { type: 'string' },
  'public-key': { type: 'string' },
  tries: { type: 'string' },
  'backoff-ms': { type: 'string' },
  'timeout-ms': { type: 'string' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

/** One line of `doctor`'s text: which row, what is wrong with it. */
function describeRowProblem(p: RowProblem): string {
  const what =
    p.kind === 'record'
      ? `record ${p.id}${p.taskId !== undefined ? ` (task ${p.taskId}, version ${p.version ?? '?'})` : ''}`
      : p.kind === 'user'
        ? `user ${p.username ?? '?'} (id ${p.id})`
        : p.kind === 'outbox'
          ? `outbox entry ${p.id}`
          : `flag ${p.id}`;
  const why =
    p.problem === 'changed'
      ? 'changed since its audit entry'
      : p.problem === 'missing'
        ? 'gone (deleted from the file)'
        : 'has no audit entry (written straight into the file)';
  return `${what}: ${why}`;
}

function exitCodeFor(code: ErrorCode): number {
  if (code === 'internal') return 3;
  if (code === 'not_found' || code === 'unavailable') return 2;
  return 1;
}

function intOption(v: Values, name: 'loans' | 'seed', dflt: number): number {
  const raw = v[name];
  if (raw === undefined) return dflt;
  if (!/^\d+$/.test(raw)) throw new UsageError(`--${name} must be a whole number`);
  return Number(raw);
}

/**
 * The commands of each feature slice, by first word: each lives in `cli/<slug>.ts` and calls that
 * slice's core use cases. What is left below (init, demo-seed, stats, doctor) is infrastructure.
 */
const COMMANDS: Record<string, (cmd: string[], v: Values, dbFile: string, t: Translate) => Promise<Output>> = {
  import: runImport,
  tasks: runTasks,
  calendar: runCalendar,
  scripts: runScripts,
  audit: runAudit,
  report: runReport,
  sync: runSync,
  users: runUsers,
  backup: runBackup,
  restore: runBackup,
};

async function run(cmd: string[], v: Values, dbFile: string, t: Translate): Promise<Output> {
  const slice = COMMANDS[cmd[0] ?? ''];
  if (slice) return slice(cmd, v, dbFile, t);
  const name = cmd.join(' ');
  if (name === 'doctor') {
    const r = doctor(dbFile);
    const text = [
      `schema version: ${r.schemaVersion} (supported ${r.supportedSchemaVersion})`,
      `integrity: ${r.integrity}`,
      `foreign keys: ${r.foreignKeys}`,
      `audit chain: ${r.auditChain} (${r.auditEntries} entries)`,
      `rows vouched for by the audit log: ${r.rows.status} (${r.rows.anchoredRows} anchored, ${r.rows.problemCount} problem(s))`,
      ...r.rows.problems.slice(0, 20).map((p) => `  ${describeRowProblem(p)}`),
      ...(r.damagedText.loans > 0
        ? [
            `damaged text (U+FFFD): ${r.damagedText.loans} loan(s), e.g. ${r.damagedText.examples.join(', ')}; ` +
              'import their extract again to repair the names and addresses',
          ]
        : []),
      r.healthy ? '✔ healthy' : '✘ problems found',
    ].join('\n');
    return { json: r, text, exitCode: r.healthy ? 0 : 1 };
  }
  const REQUIRED: Record<string, (keyof Values)[]> = {
    init: ['branch-code', 'branch-name', 'admin'],
  };
  if (!(name in REQUIRED) && !['demo-seed', 'stats'].includes(name)) {
    throw new UsageError(`unknown command: ${name || '(none)'}`);
  }
  // Check every argument and read the password before the database is touched.
  for (const k of REQUIRED[name] ?? []) need(v, k);
  const pw = REQUIRED[name] ? await password(v) : '';
  const ctx = openAppContext(dbFile, { mustExist: name !== 'init' && name !== 'demo-seed' });
  try {
    const now = ctx.clock();
    switch (name) {
      case 'init': {
        const b = await initBranch(
          ctx.db,
          {
            code: need(v, 'branch-code'),
            name: need(v, 'branch-name'),
            admin: need(v, 'admin'),
            adminDisplayName: v['admin-name'],
            password: pw,
          },
          now,
        );
        ctx.pii();
        ctx.signing();
        return {
          json: { branch: b, admin: v.admin },
          text: t('cli.initDone', { code: b.code, name: b.name, admin: v.admin }),
        };
      }
      case 'demo-seed': {
        const r = await demoSeed(
          ctx.db,
          ctx.pii(),
          {
            loans: intOption(v, 'loans', 500),
            seed: intOption(v, 'seed', 1),
            asOf: asOfOption(v['as-of'], now),
            history: !v['no-history'],
          },
          now,
        );
        return {
          json: r,
          text: t('cli.seedDone', {
            loans: r.loansCreated,
            skipped: r.loansSkipped,
            users: r.usersCreated.join(', ') || t('cli.none'),
            attempts: r.history?.attempts ?? 0,
            records: r.history?.records ?? 0,
            escalated: r.history?.escalated ?? 0,
            flags: r.history?.flags ?? 0,
          }),
        };
      }
      case 'stats': {
        const s = stats(ctx.db);
        return {
          json: s,
          text: Object.entries(s)
            .map(([k, n]) =>
              typeof n === 'number'
                ? `${k}: ${n}`
                : `${k}: ${Object.entries(n)
                    .map(([s, c]) => `${s} ${c}`)
                    .join(', ')}`,
            )
            .join('\n'),
        };
      }
      default:
        throw new UsageError(`unknown command: ${name || '(none)'}`);
    }
  } finally {
    ctx.close();
  }
}

export async function main(argv: string[]): Promise<number> {
  let values: Values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true }));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n\n${USAGE}`);
    if (argv.includes('--json'))
      process.stdout.write(`${JSON.stringify({ error: { code: 'usage', message: (e as Error).message } })}\n`);
    return 2;
  }
  const t = translator(values.lang ?? process.env.CALLBACK_DESK_LANG);
  if (values.help || positionals.length === 0) {
    process.stdout.write(values.json ? `${JSON.stringify({ usage: USAGE })}\n` : USAGE);
    return values.help ? 0 : 2;
  }
  const dbFile = values.db ?? process.env.CALLBACK_DESK_DB ?? 'callback-desk.db';
  if (values['key-dir'] !== undefined) setKeyDir(values['key-dir']);
  const emitError = (code: string, message: string, exit: number, params?: object): number => {
    process.stderr.write(`✘ ${message}\n`);
    if (values.json)
      process.stdout.write(`${JSON.stringify({ error: { code, message, ...(params ? { params } : {}) } })}\n`);
    return exit;
  };
  try {
    // What a killed run left (backup copies, export parts, a restore's copy, spools): every run sweeps.
    sweepLeftovers(dbFile, backupDirFor(dbFile));
    const out = await run(positionals, values, dbFile, t);
    process.stdout.write(values.json ? `${JSON.stringify(out.json)}\n` : `${out.text}\n`);
    return out.exitCode ?? 0;
  } catch (e) {
    if (e instanceof UsageError) return emitError('usage', `${e.message}\n\n${USAGE}`, 2);
    if (e instanceof AppError) return emitError(e.code, t(e.message, e.params), exitCodeFor(e.code), e.params);
    // A read-only, locked or full database or folder: an I/O error (exit 2) with a plain message.
    const io = ioErrorOf(e, path.resolve(dbFile));
    if (io) return emitError(io.code, t(io.message, io.params), 2, io.params);
    return emitError('internal', `${t('errors.internal')} (${(e as Error)?.message ?? e})`, 3);
  }
}
