/** The loan's terms (amount, term, rate, repayment, dates) and its collateral, as two description lists. */
import { Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LoanFile } from '../../../shared/contract/loans';
import { useFormats } from '../format';

export function LoanTerms({ file }: { file: LoanFile }) {
  const { t } = useTranslation();
  const f = useFormats();
  const l = file.loan;
  return (
    <Descriptions
      size="small"
      bordered
      column={4}
      items={[
        { key: 'amount', label: t('loanFile.amount'), children: f.money(l.amountCents) },
        { key: 'term', label: t('loanFile.term'), children: t('loanFile.termValue', { months: l.termMonths }) },
        { key: 'rate', label: t('loanFile.rate'), children: `${l.annualRate.toFixed(2)}%` },
        { key: 'monthly', label: t('loanFile.monthlyPayment'), children: f.money(l.monthlyPaymentCents) },
        {
          key: 'day',
          label: t('loanFile.repaymentDay'),
          children: l.repaymentDay === null ? '—' : t('loanFile.repaymentDayValue', { day: l.repaymentDay }),
        },
        { key: 'account', label: t('loanFile.repaymentAccount'), children: l.repaymentAccount ?? '—' },
        { key: 'approval', label: t('loanFile.approvalDate'), children: l.approvalDate },
        {
          key: 'disbursement',
          label: t('loanFile.disbursementDate'),
          children: l.disbursementDate ?? (
            <Typography.Text type="secondary">{t('loanFile.notDisbursed')}</Typography.Text>
          ),
        },
      ]}
    />
  );
}

export function Collateral({ file }: { file: LoanFile }) {
  const { t } = useTranslation();
  const f = useFormats();
  const l = file.loan;
  return (
    <Descriptions
      size="small"
      bordered
      column={3}
      items={[
        { key: 'address', label: t('loanFile.propertyAddress'), children: l.propertyAddress, span: 3 },
        { key: 'certificate', label: t('loanFile.certificateNo'), children: l.propertyCertificateNo ?? '—' },
        { key: 'appraised', label: t('loanFile.appraisedValue'), children: f.money(l.appraisedValueCents) },
        { key: 'down', label: t('loanFile.downPayment'), children: f.money(l.downPaymentCents) },
      ]}
    />
  );
}
