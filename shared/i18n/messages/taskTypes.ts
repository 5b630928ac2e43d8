/** The `taskTypes` namespace: the callback task types (shared vocabulary). zh is the default language; en has the same keys. */
import type { Widen } from '../widen';

export const zh = {
  post_approval: '审批后回访',
  post_disbursement: '放款后回访',
  repayment_reminder: '还款提醒',
  collateral_revaluation: '抵押物重估回访',
  event: '特殊情况回访',
  satisfaction: '满意度回访',
} as const;

export const en: Widen<typeof zh> = {
  post_approval: 'Post-approval',
  post_disbursement: 'Post-disbursement',
  repayment_reminder: 'Repayment reminder',
  collateral_revaluation: 'Collateral revaluation',
  event: 'Special event',
  satisfaction: 'Satisfaction',
};
