/** Import use cases: a job's status as the contract shows it, the rejected rows as CSV, the templates. */
import type { ChannelOutput, ChannelParsedInput } from '../../../shared/contract';
import { describeIssue } from '../../../shared/import/messages';
import { AppError } from '../../../shared/result';
import type { AppContext } from '../context';
import { translator } from '../i18n';
import type { ImportJob } from './jobs';
import { rejectsCsv } from './rejects';
import { csvTemplate, xlsxTemplate } from './template';

/** What the wizard sees of a job: the analysis summary without the parsed rows. */
export function statusOf(j: ImportJob) {
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

/** The rows an analysis rejected, as a CSV in the user's language (after the job's owner check). */
export function rejectedRows(
  ctx: AppContext,
  actor: string,
  input: ChannelParsedInput<'imports.rejects'>,
): ChannelOutput<'imports.rejects'> {
  const j = ctx.imports().get(actor, input.jobId);
  if (!j.analysis) throw new AppError('conflict', 'errors.importNotReady');
  const t = translator(input.language);
  const csv = rejectsCsv(j.analysis, (issue) => describeIssue(t, issue), {
    row: t('imports.rowColumn'),
    errors: t('imports.errorsColumn'),
  });
  return {
    fileName: `${stem(j.fileName)}-${input.language === 'en' ? 'rejected' : '错误行'}.csv`,
    base64: csv.toString('base64'),
  };
}

/** The empty import template, CSV or XLSX, headed in the user's language. */
export async function importTemplate(
  input: ChannelParsedInput<'imports.template'>,
): Promise<ChannelOutput<'imports.template'>> {
  const data = input.format === 'csv' ? csvTemplate(input.language) : await xlsxTemplate(input.language);
  const name = input.language === 'en' ? 'loan-import-template' : '贷款导入模板';
  return { fileName: `${name}.${input.format}`, base64: data.toString('base64') };
}
