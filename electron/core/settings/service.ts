/** Settings use cases: a rule set is saved with its audit entry in one transaction, and what follows from it. */
import type { ChannelOutput, ChannelParsedInput } from '../../../shared/contract';
import { appendAudit } from '../audit/log';
import { shanghaiDate } from '../clock';
import type { AppContext } from '../context';
import { generateTasks } from '../tasks/generate';
import { getSetting, setSetting, type SettingValue } from './store';

/** Save one rule set and its audit entry (the rules as details) in one transaction; returns the time used. */
function saveRules<K extends 'taskRules' | 'callRules'>(
  ctx: AppContext,
  change: { actor: string; action: string; key: K; rules: SettingValue<K> },
): Date {
  const now = ctx.clock();
  ctx.db.transaction(() => {
    setSetting(ctx.db, change.key, change.rules, now);
    appendAudit(ctx.db, { actor: change.actor, action: change.action, details: { rules: change.rules } }, now);
  })();
  return now;
}

/** New task windows; open tasks follow them at once. */
export function setTaskRules(
  ctx: AppContext,
  actor: string,
  input: ChannelParsedInput<'settings.setTaskRules'>,
): ChannelOutput<'settings.setTaskRules'> {
  const now = saveRules(ctx, { actor, action: 'settings.task_rules', key: 'taskRules', rules: input.rules });
  return generateTasks(ctx.db, { asOf: shanghaiDate(now), now, actor });
}

/** New call rules; attempts already made keep the rules they were made under, the next uses these. */
export function setCallRules(
  ctx: AppContext,
  actor: string,
  input: ChannelParsedInput<'settings.setCallRules'>,
): ChannelOutput<'settings.setCallRules'> {
  saveRules(ctx, { actor, action: 'settings.call_rules', key: 'callRules', rules: input.rules });
  return getSetting(ctx.db, 'callRules');
}
