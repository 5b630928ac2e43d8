/**
 * 贷款档案 detail (`/loans/:loanNo`): everything the branch knows about one loan on one page —
 * terms and collateral, parties (masked, with an audited reveal), callback tasks, call attempts,
 * finalized records with every version and its differences, risk flags and the change log.
 * A record is corrected by amending it: a new version with the changed lines and a reason (the
 * amendment's `invalidates` reloads the file).
 */
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Collapse, Spin, Tag, Typography } from 'antd';
import { type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { LoanFile } from '../../../../shared/contract';
import { shownError, useChannel } from '../../app/query';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Attempts } from './AttemptsSection';
import { Events } from './EventsSection';
import { Flags } from './FlagsSection';
import { useLoanFileLabels } from './loanFileLabels';
import { Collateral, LoanTerms } from './LoanTermsSection';
import { Parties } from './PartiesSection';
import { Records } from '../records/RecordsSection';
import { Tasks } from './TasksSection';

const SECTIONS = ['loan', 'collateral', 'parties', 'tasks', 'attempts', 'records', 'flags', 'events'] as const;

export function LoanFilePage() {
  const { loanNo = '' } = useParams();
  const { t } = useTranslation();
  const { data, error: failed, isFetching } = useChannel('loans.file', { loanNo });
  const error = shownError(failed);

  const file = data ?? null;
  const borrower = file?.parties.find((p) => p.role === 'borrower');
  const openFlags = file?.flags.filter((f) => f.status === 'open').length ?? 0;

  return (
    <section aria-label={t('loans.file.title')} className="cbd-page">
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, flexWrap: 'wrap', marginBottom: 8 }}>
        <Link to="/loans">
          <ArrowLeftOutlined /> {t('loans.file.back')}
        </Link>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {loanNo}
        </Typography.Title>
        {borrower && (
          <Typography.Text>
            {t('loans.file.borrowerLabel')}
            {t('loans.file.colon')}
            <strong data-testid="loan-file-borrower">{borrower.name}</strong>
          </Typography.Text>
        )}
        {openFlags > 0 && <Tag color="red">{t('loans.file.openFlags', { count: openFlags })}</Tag>}
        {isFetching && file && <Spin size="small" />}
      </div>
      <ErrorAlert error={error} />
      <div className="cbd-fill" style={{ overflowY: 'auto', overflowX: 'hidden' }}>
        {file ? (
          <FileSections file={file} />
        ) : (
          !error && (
            <div style={{ padding: 48, textAlign: 'center' }}>
              <Spin aria-label={t('loans.file.loading')} />
            </div>
          )
        )}
      </div>
    </section>
  );
}

function FileSections({ file }: { file: LoanFile }) {
  const { t } = useTranslation();
  const labels = useLoanFileLabels(file.parties);
  const count = (n: number) => t('loans.file.count', { count: n });
  const sections: Record<(typeof SECTIONS)[number], { label: string; children: ReactNode }> = {
    loan: { label: t('loans.file.sections.loan'), children: <LoanTerms file={file} /> },
    collateral: { label: t('loans.file.sections.collateral'), children: <Collateral file={file} /> },
    parties: {
      label: t('loans.file.sections.parties') + count(file.parties.length),
      children: <Parties parties={file.parties} />,
    },
    tasks: { label: t('loans.file.sections.tasks') + count(file.tasks.length), children: <Tasks tasks={file.tasks} /> },
    attempts: {
      label: t('loans.file.sections.attempts') + count(file.attempts.length),
      children: <Attempts attempts={file.attempts} />,
    },
    records: {
      label: t('loans.file.sections.records') + count(file.records.length),
      children: <Records records={file.records} labels={labels} />,
    },
    flags: {
      label: t('loans.file.sections.flags') + count(file.flags.length),
      children: <Flags flags={file.flags} labels={labels} />,
    },
    events: {
      label: t('loans.file.sections.events') + count(file.events.length),
      children: <Events events={file.events} />,
    },
  };
  return (
    <Collapse
      size="small"
      defaultActiveKey={[...SECTIONS]}
      items={SECTIONS.map((k) => ({
        key: k,
        label: <span data-testid={`section-${k}`}>{sections[k].label}</span>,
        children: sections[k].children,
      }))}
    />
  );
}
