/**
 * `tasks generate|list` (DESIGN.md §8): tasks generate → { created, updated, unchanged };
 * tasks list → [{ taskId, loanNo, type, windowStart, dueBy, status, assignee, attempts, warnings }].
 */
import { taskStatusSchema, taskTypeSchema } from '../../shared/domain/taskRules';
import { asOfOption, cliActor, UsageError, type Output } from './common';
import { openAppContext } from '../core/context';
import { generateTasks } from '../core/tasks/generate';
import { listTasks } from '../core/tasks/queue';
import type { Translate } from '../../shared/import/messages';

interface Flags {
  'as-of'?: string | undefined;
  status?: string | undefined;
  type?: string | undefined;
  assignee?: string | undefined;
}

export async function runTasks(cmd: string[], v: Flags, dbFile: string, t: Translate): Promise<Output> {
  const name = cmd.slice(0, 2).join(' ');
  if (name !== 'tasks generate' && name !== 'tasks list') throw new UsageError(`unknown command: ${cmd.join(' ')}`);
  if (cmd.length > 2) throw new UsageError(`unexpected argument: ${cmd[2]}`);
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
        const r = generateTasks(ctx.db, { asOf: asOfOption(v['as-of'], now), now, actor: cliActor() });
        return { json: r, text: t('cli.tasksGenerated', { ...r }) };
      }
      default: {
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
    }
  } finally {
    ctx.close();
  }
}
