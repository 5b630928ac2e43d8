/** The `settings.*` channels: the task rules and the call rules, read by managers and set by the admin. */
import { z } from 'zod';
import { callRulesSchema } from '../domain/calls';
import { taskRulesSchema } from '../domain/taskRules';
import { channel, empty } from './channel';

export const settingsChannels = {
  'settings.taskRules': channel({ input: empty, output: taskRulesSchema, role: 'manager' }),
  'settings.setTaskRules': channel({
    input: z.strictObject({ rules: taskRulesSchema }),
    output: z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() }),
    role: 'admin',
  }),
  'settings.callRules': channel({ input: empty, output: callRulesSchema, role: 'manager' }),
  'settings.setCallRules': channel({
    input: z.strictObject({ rules: callRulesSchema }),
    output: callRulesSchema,
    role: 'admin',
  }),
} as const;
