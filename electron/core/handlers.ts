/** The service behind each contract channel. Input arrives parsed; the role is already checked. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Channel, ChannelOutput, ChannelParsedInput } from '../../shared/contract';
import { listUsers } from './auth/users';
import type { AppContext } from './context';
import { listLoans } from './loans';
import { guardedSearch, searchAlerts } from './loanSearch';
import { loanScopeOf } from './calls/access';
import { reportTempPrefix } from './leftovers';
import { describeIssue } from '../../shared/import/messages';
import { AppError } from '../../shared/result';
import { listImports } from './import/commit';
import { damagedText } from './doctor';
import type { ImportJob } from './import/jobs';
import { rejectsCsv } from './import/rejects';
import { csvTemplate, xlsxTemplate } from './import/template';
import { translator } from './i18n';
import { roleAllows } from '../../shared/roles';
import { shanghaiDate } from './clock';
import { assignTasks, reassignAll, takeTasks } from './schedule/assign';
import { calendarStatus, importCalendar, parseCalendarText, seedCalendar } from './schedule/calendar';
import { generateTasks } from './schedule/generate';
import { getSetting, setSetting } from './settings';
import { appendAudit } from './audit';
import { createEventTask } from './schedule/events';
import { listTasks, tabCounts } from './schedule/queue';
import { discardDraft, recordAttempt, saveDraft, startCall } from './calls/calls';
import { revealPii } from './calls/loanFacts';
import { reportNewPhone } from './calls/newPhone';
import { amendRecord, finalizeRecord } from './calls/records';
import { loanFile, openCall } from './calls/view';
import { dashboard, reportDetails } from './reports/metrics';
import { writeWeeklyReport } from './reports/weekly';
import { addComment, decide, reviewDetail, reviewQueue } from './review/review';
import { drawSamples, samplesView, scoreSample } from './review/samples';
import { acknowledgeReceipt } from './sync/ledger';
import { setTarget, syncView } from './sync/service';
import { getBranch } from './branch';
import { backupNow, backupsView, describeBackup, restoreBackup } from './restore';

function me(ctx: AppContext): string {
  const u = ctx.session.current;
  if (!u) throw new AppError('unauthenticated', 'errors.notSignedIn');
  return u.username;
}

function user(ctx: AppContext) {
  const u = ctx.session.current;
  if (!u) throw new AppError('unauthenticated', 'errors.notSignedIn');
  return u;
}

function statusOf(j: ImportJob) {
  const a = j.analysis;
  return {
    phase: j.phase,
    fileName: j.fileName,
    progress: j.progress,
    summary: a
      ? {
          fileName: a.fileName,
          sha256: a.sha256,
          bytes: a.bytes,
          format: a.format,
          encoding: a.encoding,
          columns: a.columns,
          fileErrors: a.fileErrors,
          rowsTotal: a.rowsTotal,
          validRows: a.validRows,
          rejectedRows: a.rejectedRows,
          errorCount: a.errorCount,
          errors: a.errors,
          counts: a.counts,
          preview: a.preview.map((p) => ({
            row: p.row,
            cells: p.cells,
            invalid: Object.fromEntries(Object.entries(p.invalid)),
          })),
        }
      : null,
    result: j.result,
    failure: j.failure ? j.failure.toShape() : null,
  };
}

const stem = (name: string) => name.replace(/\.[^.]+$/, '');

export type Handlers = {
  [C in Channel]: (input: ChannelParsedInput<C>, ctx: AppContext) => ChannelOutput<C> | Promise<ChannelOutput<C>>;
};

export const handlers: Handlers = {
  'auth.session': (_i, ctx) => ctx.session.view(),
  'auth.login': (i, ctx) => ctx.session.login(i.username, i.password),
  'auth.logout': (_i, ctx) => ctx.session.logout(),
  'auth.lock': (_i, ctx) => ctx.session.lock('manual'),
  'auth.unlock': (i, ctx) => ctx.session.unlock(i.password),
  'loans.list': (i, ctx) => {
    const u = user(ctx);
    return guardedSearch(
      ctx.db,
      u,
      { channel: 'loans.list', search: i.search },
      ctx.clock(),
      () => listLoans(ctx.db, ctx.pii(), { ...i, me: loanScopeOf(u) }),
      (r) => r.total,
    );
  },
  'loans.searchAlerts': (i, ctx) => searchAlerts(ctx.db, i.days, ctx.clock()),
  'users.list': (_i, ctx) => listUsers(ctx.db),
  'imports.upload': (i, ctx) => ctx.imports().upload(me(ctx), i),
  'imports.analyse': (i, ctx) => ctx.imports().analyse(me(ctx), i.uploadId),
  'imports.status': (i, ctx) => statusOf(ctx.imports().get(me(ctx), i.jobId)),
  'imports.commit': (i, ctx) => ctx.imports().commit(me(ctx), i.jobId, i.skipInvalid),
  'imports.cancel': (i, ctx) => {
    ctx.imports().cancel(me(ctx), i.jobId);
    return {};
  },
  'imports.rejects': (i, ctx) => {
    const j = ctx.imports().get(me(ctx), i.jobId);
    if (!j.analysis) throw new AppError('conflict', 'errors.importNotReady');
    const t = translator(i.language);
    const csv = rejectsCsv(j.analysis, (issue) => describeIssue(t, issue), {
      row: t('import.rowColumn'),
      errors: t('import.errorsColumn'),
    });
    return {
      fileName: `${stem(j.fileName)}-${i.language === 'en' ? 'rejected' : '错误行'}.csv`,
      base64: csv.toString('base64'),
    };
  },
  'imports.template': async (i) => {
    const data = i.format === 'csv' ? csvTemplate(i.language) : await xlsxTemplate(i.language);
    const name = i.language === 'en' ? 'loan-import-template' : '贷款导入模板';
    return { fileName: `${name}.${i.format}`, base64: data.toString('base64') };
  },
  'imports.list': (_i, ctx) => listImports(ctx.db),
  'imports.damagedText': (_i, ctx) => damagedText(ctx.db),
  'tasks.queue': (i, ctx) => {
    const user = ctx.session.current!;
    const asOf = shanghaiDate(ctx.clock());
    // Officers see their own work and the pool, whatever they ask for.
    const manager = roleAllows('manager', user.role);
    const assignee = !manager && !['mine', 'pool', 'mine_or_pool'].includes(i.assignee) ? 'mine_or_pool' : i.assignee;
    const q = {
      asOf,
      type: i.type,
      status: i.status,
      assignee: assignee === 'all' ? undefined : assignee,
      me: user.id,
      search: i.search,
    };
    // A search by a full phone number here is the same oracle as in loans.list: same limit, same audit.
    return guardedSearch(
      ctx.db,
      user,
      { channel: 'tasks.queue', search: i.search },
      ctx.clock(),
      () => {
        const list = listTasks(ctx.db, ctx.pii(), { ...q, tab: i.tab, offset: i.offset, limit: i.limit });
        return { asOf, total: list.total, rows: list.rows, counts: tabCounts(ctx.db, ctx.pii(), q) };
      },
      (r) => r.total,
    );
  },
  'tasks.take': (i, ctx) => {
    const u = ctx.session.current!;
    return { taken: takeTasks(ctx.db, i.taskIds, { id: u.id, username: u.username }, ctx.clock()) };
  },
  'tasks.assign': (i, ctx) => ({ assigned: assignTasks(ctx.db, i.taskIds, i.assignee, me(ctx), ctx.clock()) }),
  'tasks.createEvent': (i, ctx) => ({
    taskId: createEventTask(ctx.db, i, shanghaiDate(ctx.clock()), me(ctx), ctx.clock()),
  }),
  'tasks.reassignAll': (i, ctx) => ({ moved: reassignAll(ctx.db, i.from, i.to, me(ctx), ctx.clock()) }),
  'settings.taskRules': (_i, ctx) => getSetting(ctx.db, 'taskRules'),
  'settings.setTaskRules': (i, ctx) => {
    const now = ctx.clock();
    ctx.db.transaction(() => {
      setSetting(ctx.db, 'taskRules', i.rules, now);
      appendAudit(ctx.db, { actor: me(ctx), action: 'settings.task_rules', details: { rules: i.rules } }, now);
    })();
    // Open tasks follow the new windows at once.
    return generateTasks(ctx.db, { asOf: shanghaiDate(now), now, actor: me(ctx) });
  },
  'settings.callRules': (_i, ctx) => getSetting(ctx.db, 'callRules'),
  'settings.setCallRules': (i, ctx) => {
    const now = ctx.clock();
    // Attempts already made keep the rules they were made under; the next attempt uses these.
    ctx.db.transaction(() => {
      setSetting(ctx.db, 'callRules', i.rules, now);
      appendAudit(ctx.db, { actor: me(ctx), action: 'settings.call_rules', details: { rules: i.rules } }, now);
    })();
    return getSetting(ctx.db, 'callRules');
  },
  'calendar.status': (_i, ctx) => {
    seedCalendar(ctx.db, ctx.clock());
    return calendarStatus(ctx.db);
  },
  'calendar.import': (i, ctx) => {
    const now = ctx.clock();
    const parsed = parseCalendarText(Buffer.from(i.content, 'base64').toString('utf8'));
    if (parsed.issues.length > 0) return { years: [], days: 0, errors: parsed.issues };
    seedCalendar(ctx.db, now);
    const r = importCalendar(ctx.db, parsed.rows, me(ctx), now);
    generateTasks(ctx.db, { asOf: shanghaiDate(now), now, actor: me(ctx) });
    return { ...r, errors: [] };
  },
  'dashboard.summary': (_i, ctx) => {
    const user = ctx.session.current!;
    const now = ctx.clock();
    const asOf = shanghaiDate(now);
    const mine = tabCounts(ctx.db, null, { asOf, assignee: 'mine', me: user.id });
    const pool = tabCounts(ctx.db, null, { asOf, assignee: 'pool' }).today;
    const hourLater = new Date(now.getTime() + 3600_000).toISOString();
    const booked = listTasks(ctx.db, null, { asOf, tab: 'booked', assignee: 'mine', me: user.id, limit: 50 }).rows;
    return {
      asOf,
      mine,
      pool,
      bookedSoon: booked.filter((r) => r.bookedAt !== null && r.bookedAt <= hourLater),
      calendarMissing: calendarStatus(ctx.db).missing,
    };
  },
  'calls.open': (i, ctx) => openCall(ctx.db, i.taskId, user(ctx), ctx.clock()),
  'calls.start': (i, ctx) => {
    const d = startCall(ctx.db, i.taskId, user(ctx), ctx.clock());
    return { startedAt: d.startedAt, scriptId: d.scriptId };
  },
  'calls.saveDraft': (i, ctx) => saveDraft(ctx.db, i.taskId, user(ctx), i.state, ctx.clock()),
  'calls.discard': (i, ctx) => {
    discardDraft(ctx.db, i.taskId, user(ctx), ctx.clock());
    return {};
  },
  'calls.recordAttempt': (i, ctx) =>
    recordAttempt(ctx.db, i.taskId, user(ctx), { outcome: i.outcome, note: i.note, bookedAt: i.bookedAt }, ctx.clock()),
  'calls.finalize': (i, ctx) => finalizeRecord(ctx.db, i.taskId, user(ctx), i.state, ctx.clock()),
  'calls.newPhone': (i, ctx) => reportNewPhone(ctx.db, ctx.pii(), i.taskId, { phone: i.phone }, user(ctx), ctx.clock()),
  'records.amend': (i, ctx) =>
    amendRecord(
      ctx.db,
      i.taskId,
      user(ctx),
      { items: i.items, reason: i.reason, expectedVersion: i.expectedVersion },
      ctx.clock(),
    ),
  'loans.file': (i, ctx) => loanFile(ctx.db, i.loanNo, user(ctx)),
  'pii.reveal': (i, ctx) => ({ value: revealPii(ctx.db, ctx.pii(), i, user(ctx), ctx.clock()) }),
  'review.queue': (i, ctx) => reviewQueue(ctx.db, i, ctx.clock()),
  'review.detail': (i, ctx) => reviewDetail(ctx.db, i, ctx.clock()),
  'review.decide': (i, ctx) => decide(ctx.db, i, user(ctx), ctx.clock()),
  'review.comment': (i, ctx) => addComment(ctx.db, i, user(ctx), ctx.clock()),
  'samples.view': (i, ctx) => samplesView(ctx.db, i.week),
  'samples.draw': (i, ctx) => drawSamples(ctx.db, i.week, user(ctx), ctx.clock()),
  'samples.score': (i, ctx) => scoreSample(ctx.db, i, user(ctx), ctx.clock()),
  'reports.dashboard': (i, ctx) => dashboard(ctx.db, i.week, ctx.clock()),
  'reports.details': (i, ctx) => reportDetails(ctx.db, i),
  'reports.weekly': async (i, ctx) => {
    // Written to a private temporary folder (streaming, bounded memory), then handed over as bytes;
    // the folder carries the process id so a kill mid-export leaves nothing the next start keeps.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), reportTempPrefix()));
    try {
      const name = `${i.language === 'en' ? 'weekly-summary' : '回访周报'}-${i.week}.${i.format}`;
      const out = path.join(dir, name);
      await writeWeeklyReport(ctx.db, { week: i.week, format: i.format, language: i.language, out }, ctx.clock());
      return { fileName: name, base64: fs.readFileSync(out).toString('base64') };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
  'sync.status': (_i, ctx) => syncView(ctx),
  'sync.export': (i, ctx) => ({ jobId: ctx.syncJobs().startExport(i.dir, me(ctx)) }),
  'sync.push': (_i, ctx) => ({ jobId: ctx.syncJobs().startPush(me(ctx)) }),
  'sync.cancel': (i, ctx) => {
    ctx.syncJobs().cancel(i.jobId);
    return {};
  },
  'sync.ack': (i, ctx) => acknowledgeReceipt(ctx.db, i.receipt, me(ctx), ctx.clock()),
  'sync.publicKey': (_i, ctx) => {
    const branch = getBranch(ctx.db);
    if (!branch) throw new AppError('conflict', 'errors.notInitialized');
    return {
      fileName: `${branch.code}-sync-public-key.pem`,
      base64: Buffer.from(ctx.signing().publicPem).toString('base64'),
    };
  },
  'sync.setTarget': (i, ctx) => {
    setTarget(ctx, i, me(ctx));
    return syncView(ctx);
  },
  'backup.list': (_i, ctx) => backupsView(ctx),
  'backup.create': (_i, ctx) => backupNow(ctx, me(ctx)),
  'backup.describe': (i, ctx) => describeBackup(ctx, i.name),
  'backup.restore': (i, ctx) => restoreBackup(ctx, i.name, i.password),
  // The database opened: there is nothing to recover (recovery mode answers these in runtime.ts).
  'recovery.status': () => {
    throw new AppError('conflict', 'errors.notInRecovery');
  },
  'recovery.restore': () => {
    throw new AppError('conflict', 'errors.notInRecovery');
  },
};
