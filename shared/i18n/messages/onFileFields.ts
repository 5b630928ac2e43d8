/** The `onFileFields` namespace: the loan-file fields a checklist item compares with (shared vocabulary). zh is the default language; en has the same keys. */
import type { Widen } from '../widen';

export const zh = {
  name: '姓名',
  idLast4: '身份证后四位',
  employer: '工作单位',
  position: '职务',
  monthlyIncome: '月收入',
  propertyAddress: '房产坐落',
  certificateNo: '不动产权证号',
  appraisedValue: '评估价',
  amount: '贷款金额',
  termMonths: '期限（月）',
  annualRate: '年利率',
  monthlyPayment: '月供',
  repaymentDay: '每月还款日',
  downPayment: '首付款',
  repaymentAccount: '还款账户',
  partyRole: '身份',
} as const;

export const en: Widen<typeof zh> = {
  name: 'Name',
  idLast4: 'ID last 4',
  employer: 'Employer',
  position: 'Position',
  monthlyIncome: 'Monthly income',
  propertyAddress: 'Property address',
  certificateNo: 'Title certificate no.',
  appraisedValue: 'Appraised value',
  amount: 'Loan amount',
  termMonths: 'Term (months)',
  annualRate: 'Annual rate',
  monthlyPayment: 'Monthly payment',
  repaymentDay: 'Repayment day',
  downPayment: 'Down payment',
  repaymentAccount: 'Repayment account',
  partyRole: 'Role',
};
