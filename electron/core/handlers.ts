/** The service behind each contract channel. Input arrives parsed; the role is already checked. */
import type { Channel, ChannelOutput, ChannelParsedInput } from '../../shared/contract';
import { listUsers } from './auth/users';
import type { AppContext } from './context';
import { listLoans } from './loans';
import { describeIssue } from '../../shared/import/messages';
import { AppError } from '../../shared/result';
import { listImports } from './import/commit';
import type { ImportJob } from './import/jobs';
import { rejectsCsv } from './import/rejects';
import { csvTemplate, xlsxTemplate } from './import/template';
import { translator } from './i18n';

function me(ctx: AppContext): string {
  const u = ctx.session.current;
  if (!u) throw new AppError('unauthenticated', 'errors.notSignedIn');
  return u.username;
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
  'loans.list': (i, ctx) => listLoans(ctx.db, ctx.pii(), i),
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
};
