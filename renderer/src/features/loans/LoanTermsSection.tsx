/** The loan's terms (amount, term, rate, repayment, dates) and its collateral, as two description lists. */
import { Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LoanFile } from '../../../../shared/contract/loans';
import { useFormats } from '../../ui/format';

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
        { key: 'amount', label: t('loans.file.amount'), children: f.money(l.amountCents) },
        { key: 'term', label: t('loans.file.term'), children: t('loans.file.termValue', { months: l.termMonths }) },
        { key: 'rate', label: t('loans.file.rate'), children: `${l.annualRate.toFixed(2)}%` },
        { key: 'monthly', label: t('loans.file.monthlyPayment'), children: f.money(l.monthlyPaymentCents) },
        {
          key: 'day',
          label: t('loans.file.repaymentDay'),
          children: l.repaymentDay === null ? '—' : t('loans.file.repaymentDayValue', { day: l.repaymentDay }),
        },
        { key: 'account', label: t('loans.file.repaymentAccount'), children: l.repaymentAccount ?? '—' },
        { key: 'approval', label: t('loans.file.approvalDate'), children: l.approvalDate },
        {
          key: 'disbursement',
          label: t('loans.file.disbursementDate'),
          children: l.disbursementDate ?? (
            <Typography.Text type="secondary">{t('loans.file.notDisbursed')}</Typography.Text>
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
        { key: 'address', label: t('loans.file.propertyAddress'), children: l.propertyAddress, span: 3 },
        { key: 'certificate', label: t('loans.file.certificateNo'), children: l.propertyCertificateNo ?? '—' },
        { key: 'appraised', label: t('loans.file.appraisedValue'), children: f.money(l.appraisedValueCents) },
        { key: 'down', label: t('loans.file.downPayment'), children: f.money(l.downPaymentCents) },
      ]}
    />
  );
}
