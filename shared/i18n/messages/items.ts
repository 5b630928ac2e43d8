/** The `items` namespace: the verification items (shared vocabulary). zh is the default language; en has the same keys. */
import type { Widen } from '../widen';

export const zh = {
  identity: '身份核实',
  application_willingness: '本人申请及意愿',
  employer: '工作单位及职务',
  income: '收入情况',
  property: '房产信息',
  loan_terms: '贷款要素知悉',
  down_payment: '首付款来源',
  intermediary: '中介参与',
  co_borrower: '共同借款人/担保人意愿',
  repayment_account: '还款账户',
  use_of_funds: '资金用途',
  changes: '情况变化',
  fraud_notice: '防诈骗提示',
  satisfaction: '满意度',
} as const;

export const en: Widen<typeof zh> = {
  identity: 'Identity',
  application_willingness: 'Applied in person, willing',
  employer: 'Employer and position',
  income: 'Income',
  property: 'Property',
  loan_terms: 'Knows the loan terms',
  down_payment: 'Down-payment source',
  intermediary: 'Intermediary involvement',
  co_borrower: 'Co-borrower/guarantor consent',
  repayment_account: 'Repayment account',
  use_of_funds: 'Use of funds',
  changes: 'Changes in circumstances',
  fraud_notice: 'Fraud warning',
  satisfaction: 'Satisfaction',
};
