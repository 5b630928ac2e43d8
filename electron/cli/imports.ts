/**
 * `import <file> [--dry-run] [--skip-invalid] [--rejects <out.csv>] [--json]`.
 * JSON: { imported, updated, unchanged, rejected, errors: [{ row, column, code, message }] }.
 * Exit 0 imported; 1 rows invalid and nothing imported (or a dry run that found problems);
 * 2 unreadable file or usage error.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/result';
import { cliActor, UsageError, type Output } from './common';
import { getBranch } from '../core/branch';
import { shanghaiDate } from '../core/clock';
import { writePrivateFile } from '../core/files';
import { openAppContext } from '../core/context';
import { analyseImport, disposeAnalysis, fileSource } from '../core/imports/analyse';
import { sweepOrphanSpools } from '../core/imports/spool';
import { commitImport } from '../core/imports/commit';
import { describeIssue, UNREADABLE_CODES, type Translate } from '../../shared/import/messages';
import { rejectsCsv } from '../core/imports/rejects';
import { importLimits } from '../core/imports/limits';
import { generateTasks } from '../core/tasks/generate';

interface Flags {
  'dry-run'?: boolean | undefined;
  'skip-invalid'?: boolean | undefined;
  rejects?: string | undefined;
}

export async function runImport(cmd: string[], v: Flags, dbFile: string, t: Translate): Promise<Output> {
  const file = cmd[1];
  if (!file || cmd.length > 2) throw new UsageError('import needs exactly one file: import <file>');
  if (!fs.existsSync(file) || !fs.statSync(file).isFile())
    throw new AppError('not_found', 'errors.fileMissing', { file });
  const ctx = openAppContext(dbFile, { mustExist: true });
  try {
    if (!getBranch(ctx.db)) throw new AppError('conflict', 'errors.notInitialized');
    const now = ctx.clock();
    sweepOrphanSpools();
    const a = await analyseImport(ctx.db, ctx.pii(), {
      fileName: path.basename(file),
      source: fileSource(file),
      limits: importLimits(ctx.db),
      today: shanghaiDate(now),
    });
    try {
      const issues = [...a.fileErrors, ...a.errors];
      const errors = issues.map((i) => ({ row: i.row, column: i.column, code: i.code, message: describeIssue(t, i) }));
      const base = { file: a.fileName, sha256: a.sha256, format: a.format, encoding: a.encoding, rows: a.rowsTotal };
      if (v.rejects && a.rejectedRows > 0) {
        writePrivateFile(
          v.rejects,
          rejectsCsv(a, (i) => describeIssue(t, i), { row: t('imports.rowColumn'), errors: t('imports.errorsColumn') }),
        );
      }
      const moreErrors = a.errorCount > a.errors.length ? `\n… ${a.errorCount - a.errors.length} more` : '';
      const listing = errors.map((e) => `  ${e.message}`).join('\n') + moreErrors;
      if (a.fileErrors.length > 0) {
        const unreadable = a.fileErrors.some((i) => UNREADABLE_CODES.has(i.code));
        const json = { imported: 0, updated: 0, unchanged: 0, rejected: a.rejectedRows, errors, ...base };
        return { json, text: `✘ ${t('imports.fileRejected')}\n${listing}`, exitCode: unreadable ? 2 : 1 };
      }
      const blocked = a.rejectedRows > 0 && !v['skip-invalid'];
      if (v['dry-run'] || blocked) {
        const json = {
          imported: 0,
          updated: 0,
          unchanged: 0,
          rejected: a.rejectedRows,
          errors,
          ...base,
          ...(v['dry-run']
            ? {
                dryRun: true,
                wouldImport: a.counts.new,
                wouldUpdate: a.counts.updated,
                wouldLeaveUnchanged: a.counts.unchanged,
              }
            : {}),
        };
        const head = blocked
          ? `✘ ${t('imports.rowsRejected', { count: a.rejectedRows })}`
          : `${t('cli.dryRun', { new: a.counts.new, updated: a.counts.updated, unchanged: a.counts.unchanged })}`;
        return { json, text: `${head}\n${listing}`, exitCode: a.rejectedRows > 0 ? 1 : 0 };
      }
      const r = commitImport(ctx.db, ctx.pii(), a, { skipInvalid: !!v['skip-invalid'], actor: cliActor(), now });
      // New and changed loans get their callback tasks at once (open windows move with the dates).
      const tasks = generateTasks(ctx.db, { asOf: shanghaiDate(now), now, actor: cliActor() });
      const json = {
        imported: r.imported,
        updated: r.updated,
        unchanged: r.unchanged,
        rejected: r.rejected,
        errors,
        importId: r.importId,
        tasks,
        ...base,
      };
      const text = `${t('cli.importDone', { ...r })}${r.rejected ? `\n${listing}` : ''}`;
      return { json, text, exitCode: 0 };
    } finally {
      disposeAnalysis(a);
    }
  } finally {
    ctx.close();
  }
}
