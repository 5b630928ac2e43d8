/** `calendar status|import` (DESIGN.md §8): calendar status → { years, missing }; import → { years, days, tasks }. */
import fs from 'node:fs';
import { AppError } from '../../shared/result';
import { describeIssue, type Translate } from '../../shared/import/messages';
import { openAppContext } from '../core/context';
import { calendarNow, importCalendarText } from '../core/calendar/service';
import { cliActor, UsageError, type Output } from './common';

export async function runCalendar(cmd: string[], _v: unknown, dbFile: string, t: Translate): Promise<Output> {
  const name = cmd.slice(0, 2).join(' ');
  if (name !== 'calendar status' && name !== 'calendar import')
    throw new UsageError(`unknown command: ${cmd.join(' ')}`);
  if (name === 'calendar import' && (!cmd[2] || cmd.length > 3)) throw new UsageError('calendar import needs one file');
  if (name !== 'calendar import' && cmd.length > 2) throw new UsageError(`unexpected argument: ${cmd[2]}`);
  const ctx = openAppContext(dbFile, { mustExist: true });
  try {
    const now = ctx.clock();
    switch (name) {
      case 'calendar status': {
        const s = calendarNow(ctx.db, now);
        const text = `years: ${s.years[0]}–${s.years[s.years.length - 1]} (${s.years.length})\nmissing: ${s.missing.join(', ') || 'none'}`;
        return { json: s, text };
      }
      default: {
        const file = cmd[2]!;
        if (!fs.existsSync(file)) throw new AppError('not_found', 'errors.fileMissing', { file });
        const r = importCalendarText(ctx.db, fs.readFileSync(file, 'utf8'), cliActor(), now);
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
