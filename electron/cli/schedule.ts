/**
 * `tasks generate|list` and `calendar status|import` (DESIGN.md §8).
 * tasks generate → { created, updated, unchanged }; tasks list → [{ taskId, loanNo, type,
 * windowStart, dueBy, status, assignee, attempts, warnings }]; calendar status → { years, missing }.
 */
import fs from 'node:fs';
import { AppError } from '../../shared/result';
import { taskStatusSchema, taskTypeSchema } from '../../shared/domain/taskRules';
import { asOfOption, UsageError } from './common';
import { openAppContext } from '../core/context';
import { calendarNow, importCalendarText } from '../core/calendar/service';
import { generateTasks } from '../core/tasks/generate';
import { listTasks } from '../core/tasks/queue';
import { describeIssue, type Translate } from '../../shared/import/messages';

interface Flags {
  'as-of'?: string | undefined;
  status?: string | undefined;
  type?: string | undefined;
  assignee?: string | undefined;
}

export async function runSchedule(cmd: string[], v: Flags, dbFile: string, actor: string, t: Translate) {
  const name = cmd.slice(0, 2).join(' ');
  if (!['tasks generate', 'tasks list', 'calendar status', 'calendar import'].includes(name)) {
    throw new UsageError(`unknown command: ${cmd.join(' ')}`);
  }
  if (name === 'calendar import' && (!cmd[2] || cmd.length > 3)) throw new UsageError('calendar import needs one file');
  if (name !== 'calendar import' && cmd.length > 2) throw new UsageError(`unexpected argument: ${cmd[2]}`);
  const status = v.status === undefined ? undefined : taskStatusSchema.safeParse(v.status);
  if (status && !status.success)
    throw new UsageError('--status must be open, in_progress, completed, escalated or cancelled');
  const type = v.type === undefined ? undefined : taskTypeSchema.safeParse(v.type);
  if (type && !type.success) throw new UsageError('--type is not a task type');
  const ctx = openAppContext(dbFile, { mustExist: true });
  try {
    const now = ctx.clock();
    switch (name) {
      case 'tasks generate': {
        const r = generateTasks(ctx.db, { asOf: asOfOption(v['as-of'], now), now, actor });
        return { json: r, text: t('cli.tasksGenerated', { ...r }) };
      }
      case 'tasks list': {
        const { rows } = listTasks(ctx.db, null, {
          asOf: asOfOption(v['as-of'], now),
          status: status?.data,
          type: type?.data,
          assignee: v.assignee,
          limit: 1_000_000,
        });
        const json = rows.map((r) => ({
          taskId: r.taskId,
          loanNo: r.loanNo,
          type: r.type,
          windowStart: r.windowStart,
          dueBy: r.dueBy,
          status: r.status,
          assignee: r.assignee,
          attempts: r.attempts,
          warnings: r.warnings,
        }));
        const text = rows
          .map(
            (r) =>
              `${r.taskId}\t${r.loanNo}\t${r.type}\t${r.windowStart}…${r.dueBy}\t${r.status}${r.overdue ? '(逾期)' : ''}\t${r.assignee ?? '-'}\t${r.warnings.join(',')}`,
          )
          .join('\n');
        return { json, text: text || t('cli.noTasks') };
      }
      case 'calendar status': {
        const s = calendarNow(ctx.db, now);
        const text = `years: ${s.years[0]}–${s.years[s.years.length - 1]} (${s.years.length})\nmissing: ${s.missing.join(', ') || 'none'}`;
        return { json: s, text };
      }
      default: {
        const file = cmd[2]!;
        if (!fs.existsSync(file)) throw new AppError('not_found', 'errors.fileMissing', { file });
        const r = importCalendarText(ctx.db, fs.readFileSync(file, 'utf8'), actor, now);
        if (!r.ok) {
          const errors = r.issues.map((i) => ({ ...i, message: describeIssue(t, i) }));
          const text = `✘ ${t('imports.fileRejected')}\n${errors.map((e) => `  ${e.message}`).join('\n')}`;
          return { json: { imported: 0, errors }, text, exitCode: 1 };
        }
        return {
          json: { years: r.years, days: r.days, tasks: r.tasks },
          text: t('cli.calendarImported', { years: r.years.join(', '), days: r.days, updated: r.tasks.updated }),
        };
      }
    }
  } finally {
    ctx.close();
  }
}
