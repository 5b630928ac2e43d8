/** The `scripts` namespace: the call-script validation messages (the CLI command `scripts validate` and publishing). zh is the default language; en has the same keys. */
import type { Widen } from '../widen';

export const zh = {
  badStepId: '步骤编号只能包含小写字母、数字和下划线',
  duplicateStep: '步骤编号重复',
  unknownStep: '指向不存在的步骤',
  perPartyStart: '开始步骤不能是按共同借款人/担保人逐一询问的步骤',
  noNext: '缺少下一步（next）',
  duplicateOption: '选项值重复',
  perPartyItem: '只有 co_borrower 核实项可以逐人询问（perParty）',
  perPartyBranch: '逐人询问的步骤必须有自己的 next，且选项不能分支',
  sayItem: '朗读步骤只能绑定需朗读的核实项（如防诈骗提示）',
  sayItemMustRead: '绑定核实项的朗读步骤必须设为必读（mustRead）',
  askReadItem: '提问步骤不能绑定需朗读的核实项',
  cycle: '步骤之间存在循环',
  unreachable: '从开始步骤无法到达该步骤',
} as const;

export const en: Widen<typeof zh> = {
  badStepId: 'Step ids may contain only lower-case letters, digits and underscores',
  duplicateStep: 'Duplicate step id',
  unknownStep: 'Points to a step that does not exist',
  perPartyStart: 'The start step cannot be asked per co-borrower/guarantor',
  noNext: 'Missing next step (next)',
  duplicateOption: 'Duplicate option value',
  perPartyItem: 'Only the co_borrower item can be asked per party (perParty)',
  perPartyBranch: 'A per-party step needs its own next and its options cannot branch',
  sayItem: 'A say step can only be bound to a read-aloud item (such as the fraud notice)',
  sayItemMustRead: 'A say step bound to an item must be mustRead',
  askReadItem: 'An ask step cannot be bound to a read-aloud item',
  cycle: 'The steps form a loop',
  unreachable: 'Cannot be reached from the start step',
};
