/**
 * `tasks generate|list` and `calendar status|import` (DESIGN.md §8).
 * tasks generate → { created, updated, unchanged }; tasks list → [{ taskId, loanNo, type,
 * windowStart, dueBy, status, assignee, attempts, warnings }]; calendar status → { years, missing }.
 */
import fs from 'node:fs';
import { AppError } from '../../shared/result';
import { taskStatusSchema, taskTypeSchema } from '../../shared/domain/taskRules';
import { toDate, toIso } from '../../shared/domain/workdays';
import { shanghaiDate } from '../core/clock';
import { openAppContext } from '../core/context';
import { calendarStatus, importCalendar, parseCalendarFile, seedCalendar } from '../core/schedule/calendar';
import { generateTasks } from '../core/schedule/generate';
import { listTasks } from '../core/schedule/queue';
import type { Translate } from '../../shared/import/messages';

export class ScheduleUsageError extends Error {}

interface Flags {
  'as-of'?: string | undefined;
  status?: string | undefined;
  type?: string | undefined;
  assignee?: string | undefined;
}

function asOf(v: Flags, now: Date): string {
  const raw = v['as-of'];
  if (raw === undefined) return shanghaiDate(now);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw) || Number.isNaN(toDate(raw).getTime()) || toIso(toDate(raw)) !== raw) {
    throw new ScheduleUsageError('--as-of must be a date YYYY-MM-DD');
  }
  return raw;
}

export async function runSchedule(cmd: string[], v: Flags, dbFile: string, actor: string, t: Translate) {
  const name = cmd.slice(0, 2).join(' ');
  if (!['tasks generate', 'tasks list', 'calendar status', 'calendar import'].includes(name)) {
    throw new ScheduleUsageError(`unknown command: ${cmd.join(' ')}`);
  }
  if (name === 'calendar import' && (!cmd[2] || cmd.length > 3))
    throw new ScheduleUsageError('calendar import needs one file');
  if (name !== 'calendar import' && cmd.length > 2) throw new ScheduleUsageError(`unexpected argument: ${cmd[2]}`);
  const status = v.status === undefined ? undefined : taskStatusSchema.safeParse(v.status);
  if (status && !status.success)
    throw new ScheduleUsageError('--status must be open, in_progress, completed, escalated or cancelled');
  const type = v.type === undefined ? undefined : taskTypeSchema.safeParse(v.type);
  if (type && !type.success) throw new ScheduleUsageError('--type is not a task type');
  const ctx = openAppContext(dbFile, { mustExist: true });
  try {
    const now = ctx.clock();
    switch (name) {
      case 'tasks generate': {
        const r = generateTasks(ctx.db, { asOf: asOf(v, now), now, actor });
        return { json: r, text: `✔ 回访任务：新增 ${r.created}，更新 ${r.updated}，未变 ${r.unchanged}` };
      }
      case 'tasks list': {
        const { rows } = listTasks(ctx.db, null, {
          asOf: asOf(v, now),
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
        return { json, text: text || '（没有符合条件的任务）' };
      }
      case 'calendar status': {
        seedCalendar(ctx.db, now);
        const s = calendarStatus(ctx.db);
        const text = `years: ${s.years[0]}–${s.years[s.years.length - 1]} (${s.years.length})\nmissing: ${s.missing.join(', ') || 'none'}`;
        return { json: s, text };
      }
      default: {
        const file = cmd[2]!;
        if (!fs.existsSync(file)) throw new AppError('not_found', 'errors.fileMissing', { file });
        const parsed = parseCalendarFile(file);
        if (parsed.issues.length > 0) {
          const errors = parsed.issues.map((i) => ({ ...i, message: t(`importErrors.${i.code}`, {}) }));
          const text = `✘ ${t('import.fileRejected')}\n${errors.map((e) => `  ${e.row ? `${e.row} · ` : ''}${e.column}: ${e.message}`).join('\n')}`;
          return { json: { imported: 0, errors }, text, exitCode: 1 };
        }
        seedCalendar(ctx.db, now);
        const r = importCalendar(ctx.db, parsed.rows, actor, now);
        const g = generateTasks(ctx.db, { asOf: shanghaiDate(now), now, actor });
        return {
          json: { ...r, tasks: g },
          text: `✔ 已导入 ${r.years.join(', ')} 年日历（${r.days} 天）；任务更新 ${g.updated}`,
        };
      }
    }
  } finally {
    ctx.close();
  }
}
