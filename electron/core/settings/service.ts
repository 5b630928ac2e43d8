/** Settings use cases: a rule set is saved with its audit entry in one transaction, and what follows from it. */
import type { ChannelOutput, ChannelParsedInput } from '../../../shared/contract';
import { appendAudit } from '../audit/log';
import { shanghaiDate } from '../clock';
import type { AppContext } from '../context';
import { generateTasks } from '../tasks/generate';
import { getSetting, setSetting } from './store';

/** New task windows; open tasks follow them at once. */
export function setTaskRules(
  ctx: AppContext,
  actor: string,
  input: ChannelParsedInput<'settings.setTaskRules'>,
): ChannelOutput<'settings.setTaskRules'> {
  const now = ctx.clock();
  ctx.db.transaction(() => {
    setSetting(ctx.db, 'taskRules', input.rules, now);
    appendAudit(ctx.db, { actor, action: 'settings.task_rules', details: { rules: input.rules } }, now);
  })();
  return generateTasks(ctx.db, { asOf: shanghaiDate(now), now, actor });
}

/** New call rules; attempts already made keep the rules they were made under, the next uses these. */
export function setCallRules(
  ctx: AppContext,
  actor: string,
  input: ChannelParsedInput<'settings.setCallRules'>,
): ChannelOutput<'settings.setCallRules'> {
  const now = ctx.clock();
  ctx.db.transaction(() => {
    setSetting(ctx.db, 'callRules', input.rules, now);
    appendAudit(ctx.db, { actor, action: 'settings.call_rules', details: { rules: input.rules } }, now);
  })();
  return getSetting(ctx.db, 'callRules');
}
