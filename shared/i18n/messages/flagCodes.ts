/** The `flagCodes` namespace: the risk flag codes (shared vocabulary). zh is the default language; en has the same keys. */
import type { Widen } from '../widen';

export const zh = {
  mismatch: '核实不一致',
  down_payment_loan: '首付款来自借款',
  intermediary_arranged: '中介代办贷款',
  co_borrower_unaware: '共同借款人/担保人不知情',
  refused: '拒绝配合回访',
} as const;

export const en: Widen<typeof zh> = {
  mismatch: 'Checklist mismatch',
  down_payment_loan: 'Down payment from a loan',
  intermediary_arranged: 'Intermediary arranged the loan',
  co_borrower_unaware: 'Co-borrower/guarantor unaware',
  refused: 'Refused the callback',
};
