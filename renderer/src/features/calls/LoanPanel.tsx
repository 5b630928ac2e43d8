/** The borrower and loan panel of the call screen: masked ID and phone (reveal with a reason), terms, earlier attempts. */
import { Descriptions, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CallView } from '../../../../shared/contract/calls';
import { RevealPii } from '../pii/RevealPii';
import { useFormats } from '../../ui/format';

export function LoanPanel({ view }: { view: CallView }) {
  const { t } = useTranslation();
  const f = useFormats();
  const borrower = view.parties.find((p) => p.role === 'borrower');
  const others = view.parties.filter((p) => p.role !== 'borrower');
  return (
    <aside className="cbd-call-loan" aria-label={t('calls.loanPane')}>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {borrower?.name}
      </Typography.Title>
      {borrower && (
        <div className="cbd-call-pii">
          <div>
            <Typography.Text type="secondary">{t('loans.phone')}</Typography.Text>{' '}
            <RevealPii partyId={borrower.id} field="phone" masked={borrower.phone} />
          </div>
          <div>
            <Typography.Text type="secondary">{t('loans.idNumber')}</Typography.Text>{' '}
            <RevealPii partyId={borrower.id} field="idNumber" masked={borrower.idNumber} />
          </div>
        </div>
      )}
      <Descriptions
        size="small"
        column={1}
        styles={{ label: { width: 84 } }}
        items={[
          {
            key: 'loanNo',
            label: t('loans.loanNo'),
            children: <a href={`#/loans/${encodeURIComponent(view.loan.loanNo)}`}>{view.loan.loanNo}</a>,
          },
          { key: 'type', label: t('tasks.type'), children: t(`taskTypes.${view.task.type}`) },
          { key: 'window', label: t('calls.window'), children: `${view.task.windowStart} ~ ${view.task.dueBy}` },
          {
            key: 'attempts',
            label: t('calls.attempts'),
            children: `${view.task.attempts} / ${view.rules.maxAttempts}`,
          },
          { key: 'amount', label: t('loans.amount'), children: f.money(view.loan.amountCents) },
          {
            key: 'term',
            label: t('loans.term'),
            children: `${t('loans.termValue', { months: view.loan.termMonths })} · ${view.loan.annualRate.toFixed(2)}%`,
          },
          { key: 'payment', label: t('onFileFields.monthlyPayment'), children: f.money(view.loan.monthlyPaymentCents) },
          {
            key: 'day',
            label: t('onFileFields.repaymentDay'),
            children: view.loan.repaymentDay ?? '—',
          },
          { key: 'property', label: t('loans.property'), children: view.loan.propertyAddress },
        ]}
      />
      {others.length > 0 && (
        <div className="cbd-call-parties">
          {others.map((p) => (
            <div key={p.id}>
              <Tag>{t(`partyRoles.${p.role}`)}</Tag>
              {p.name} <RevealPii partyId={p.id} field="phone" masked={p.phone} />
            </div>
          ))}
        </div>
      )}
      {view.attempts.length > 0 && (
        <div className="cbd-call-history">
          <Typography.Text type="secondary">{t('calls.earlierAttempts')}</Typography.Text>
          {view.attempts.map((a) => (
            <div key={a.id}>
              {f.dateTime(a.startedAt)} · {t(`outcomes.${a.outcome}`)} · {a.officer}
            </div>
          ))}
        </div>
      )}
    </aside>
  );
}
