/** parseOffsets: the post-disbursement offsets as an officer types them in 设置 (shared/domain/taskRules.ts). */
import { describe, expect, it } from 'vitest';
import { parseOffsets, taskRulesSchema, DEFAULT_TASK_RULES } from '../../shared/domain/taskRules';

describe('parseOffsets', () => {
  it.each([
    ['30, 60, 90', [30, 60, 90]],
    ['30 60 90', [30, 60, 90]],
    ['30，60，90', [30, 60, 90]],
    ['30、60、90', [30, 60, 90]],
    ['  30 ,  60\t90 ', [30, 60, 90]],
    ['３０ ６０', [30, 60]],
    ['', []],
  ])('%j → %j', (text, days) => expect(parseOffsets(text)).toEqual(days));

  it('keeps a piece that is not a number, so the rules schema refuses it instead of dropping it', () => {
    const days = parseOffsets('30, 6o, 90');
    expect(days).toHaveLength(3);
    const rules = {
      ...DEFAULT_TASK_RULES,
      postDisbursement: { ...DEFAULT_TASK_RULES.postDisbursement, offsetsDays: days },
    };
    expect(taskRulesSchema.safeParse(rules).success).toBe(false);
    // a letter is not a separator (the old pattern split on "s" and on backslashes)
    expect(parseOffsets('30s60')).toHaveLength(1);
  });
});
