/**
 * 贷款档案 detail (`/loans/:loanNo`): everything the branch knows about one loan on one page —
 * terms and collateral, parties (masked, with an audited reveal), callback tasks, call attempts,
 * finalized records with every version and its differences, risk flags and the change log.
 * A record is corrected by amending it: a new version with the changed lines and a reason.
 */
import { ArrowLeftOutlined, EditOutlined, InfoCircleOutlined } from '@ant-design/icons';
import { zodResolver } from '@hookform/resolvers/zod';
import {
  App,
  Button,
  Collapse,
  Descriptions,
  Empty,
  Input,
  Modal,
  Select,
  Spin,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { z } from 'zod';
import type { LoanFile, RecordVersionShape } from '../../../shared/callViews';
import {
  ITEM_RESULTS,
  ITEMS,
  itemResultSchema,
  lineProblem,
  type ItemKey,
  type ItemResult,
  type Outcome,
} from '../../../shared/domain/calls';
import type { TaskStatus } from '../../../shared/domain/taskRules';
import { COLUMN_BY_KEY } from '../../../shared/import/columns';
import type { AppErrorShape } from '../../../shared/result';
import { roleAllows } from '../../../shared/roles';
import { call, errorOf } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { RevealPii } from '../components/RevealPii';
import { useFormats } from '../format';
import { reportAuthProblem, useSession } from '../session/SessionContext';

type Party = LoanFile['parties'][number];
type LoanTask = LoanFile['tasks'][number];
type Attempt = LoanFile['attempts'][number];
type Flag = LoanFile['flags'][number];
type LoanEvent = LoanFile['events'][number];
type RecordGroup = LoanFile['records'][number];

const SECTIONS = ['loan', 'collateral', 'parties', 'tasks', 'attempts', 'records', 'flags', 'events'] as const;

const OUTCOME_COLOURS: Partial<Record<Outcome, string>> = {
  completed: 'green',
  completed_with_discrepancy: 'red',
  invalid_number: 'volcano',
  refused: 'volcano',
  callback_requested: 'blue',
};
const STATUS_COLOURS: Partial<Record<TaskStatus, string>> = {
  completed: 'green',
  escalated: 'orange',
  in_progress: 'blue',
  cancelled: 'default',
};
const RESULT_COLOURS = { match: 'green', mismatch: 'red', unverifiable: 'orange' } as const;
const SEVERITY_COLOURS = { high: 'red', medium: 'orange', low: 'blue' } as const;

/** Tables page only when they get long; the file is one scrolling page. */
const pageOf = (n: number) => (n > 10 ? { pageSize: 10, size: 'small' as const, showSizeChanger: false } : false);

export function LoanFilePage() {
  const { loanNo = '' } = useParams();
  const { t } = useTranslation();
  const [data, setData] = useState<LoanFile | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [loaded, setLoaded] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const key = `${loanNo}#${version}`;

  useEffect(() => {
    let stale = false;
    call('loans.file', { loanNo })
      .then((r) => {
        if (stale) return;
        setData(r);
        setError(null);
      })
      .catch((e: unknown) => {
        if (stale) return;
        reportAuthProblem(e);
        setError(errorOf(e));
      })
      .finally(() => !stale && setLoaded(`${loanNo}#${version}`));
    return () => {
      stale = true;
    };
  }, [loanNo, version]);

  const file = data && data.loan.loanNo === loanNo ? data : null;
  const borrower = file?.parties.find((p) => p.role === 'borrower');
  const openFlags = file?.flags.filter((f) => f.status === 'open').length ?? 0;

  return (
    <section aria-label={t('loanFile.title')} className="cbd-page">
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, flexWrap: 'wrap', marginBottom: 8 }}>
        <Link to="/loans">
          <ArrowLeftOutlined /> {t('loanFile.back')}
        </Link>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {loanNo}
        </Typography.Title>
        {borrower && (
          <Typography.Text>
            {t('loanFile.borrowerLabel')}
            {t('loanFile.colon')}
            <strong data-testid="loan-file-borrower">{borrower.name}</strong>
          </Typography.Text>
        )}
        {openFlags > 0 && <Tag color="red">{t('loanFile.openFlags', { count: openFlags })}</Tag>}
        {loaded !== key && file && <Spin size="small" />}
      </div>
      <ErrorAlert error={error} />
      <div className="cbd-fill" style={{ overflowY: 'auto', overflowX: 'hidden' }}>
        {file ? (
          <FileSections file={file} onAmended={() => setVersion((v) => v + 1)} />
        ) : (
          !error && (
            <div style={{ padding: 48, textAlign: 'center' }}>
              <Spin aria-label={t('loanFile.loading')} />
            </div>
          )
        )}
      </div>
    </section>
  );
}

function FileSections({ file, onAmended }: { file: LoanFile; onAmended(): void }) {
  const { t } = useTranslation();
  const labels = useLoanFileLabels(file.parties);
  const count = (n: number) => t('loanFile.count', { count: n });
  const sections: Record<(typeof SECTIONS)[number], { label: string; children: ReactNode }> = {
    loan: { label: t('loanFile.sections.loan'), children: <LoanTerms file={file} /> },
    collateral: { label: t('loanFile.sections.collateral'), children: <Collateral file={file} /> },
    parties: {
      label: t('loanFile.sections.parties') + count(file.parties.length),
      children: <Parties parties={file.parties} />,
    },
    tasks: { label: t('loanFile.sections.tasks') + count(file.tasks.length), children: <Tasks tasks={file.tasks} /> },
    attempts: {
      label: t('loanFile.sections.attempts') + count(file.attempts.length),
      children: <Attempts attempts={file.attempts} />,
    },
    records: {
      label: t('loanFile.sections.records') + count(file.records.length),
      children: <Records records={file.records} labels={labels} onAmended={onAmended} />,
    },
    flags: {
      label: t('loanFile.sections.flags') + count(file.flags.length),
      children: <Flags flags={file.flags} labels={labels} />,
    },
    events: {
      label: t('loanFile.sections.events') + count(file.events.length),
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

const emptyText = (hint: string) => ({
  emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={hint} />,
});

/** An empty section in one line: what is missing and what to do next. */
function EmptyHint({ text }: { text: string }) {
  return (
    <Typography.Text type="secondary" className="cbd-empty-hint">
      <InfoCircleOutlined aria-hidden /> {text}
    </Typography.Text>
  );
}

function LoanTerms({ file }: { file: LoanFile }) {
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

function Collateral({ file }: { file: LoanFile }) {
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

function Parties({ parties }: { parties: Party[] }) {
  const { t } = useTranslation();
  const f = useFormats();
  if (parties.length === 0) return <EmptyHint text={t('loanFile.empty.parties')} />;
  const columns: TableColumnsType<Party> = [
    { title: t('loanFile.role'), dataIndex: 'role', width: 100, render: (v: Party['role']) => t(`partyRoles.${v}`) },
    { title: t('loanFile.name'), dataIndex: 'name', width: 100 },
    {
      title: t('loanFile.idNumber'),
      dataIndex: 'idNumber',
      width: 230,
      render: (v: string, p) => <RevealPii partyId={p.id} field="idNumber" masked={v} />,
    },
    {
      title: t('loanFile.phone'),
      dataIndex: 'phone',
      width: 170,
      render: (v: string, p) => <RevealPii partyId={p.id} field="phone" masked={v} />,
    },
    { title: t('loanFile.employer'), dataIndex: 'employer', ellipsis: true, render: (v: string | null) => v ?? '—' },
    { title: t('loanFile.position'), dataIndex: 'position', width: 110, ellipsis: true, render: (v) => v ?? '—' },
    {
      title: t('loanFile.income'),
      dataIndex: 'monthlyIncomeCents',
      width: 130,
      align: 'right',
      render: (v: number | null) => f.money(v),
    },
  ];
  return (
    <Table<Party>
      size="small"
      rowKey="id"
      tableLayout="fixed"
      columns={columns}
      dataSource={parties}
      pagination={false}
    />
  );
}

function Tasks({ tasks }: { tasks: LoanTask[] }) {
  const { t } = useTranslation();
  const f = useFormats();
  if (tasks.length === 0) return <EmptyHint text={t('loanFile.empty.tasks')} />;
  const columns: TableColumnsType<LoanTask> = [
    {
      title: t('loanFile.taskType'),
      dataIndex: 'type',
      width: 130,
      render: (v: LoanTask['type']) => t(`taskTypes.${v}`),
    },
    {
      title: t('loanFile.window'),
      key: 'window',
      width: 190,
      render: (_: unknown, r) => `${r.windowStart} ~ ${r.dueBy}`,
    },
    {
      title: t('loanFile.status'),
      dataIndex: 'status',
      width: 90,
      render: (v: TaskStatus) => <Tag color={STATUS_COLOURS[v]}>{t(`taskStatuses.${v}`)}</Tag>,
    },
    { title: t('loanFile.attempts'), dataIndex: 'attempts', width: 80, align: 'right' },
    {
      title: t('loanFile.officer'),
      dataIndex: 'assigneeName',
      width: 90,
      render: (v: string | null) => v ?? <Tag>{t('loanFile.pool')}</Tag>,
    },
    {
      title: t('loanFile.completedAt'),
      key: 'when',
      width: 170,
      render: (_: unknown, r) =>
        r.completedAt
          ? f.dateTime(r.completedAt)
          : r.bookedAt
            ? `${t('loanFile.bookedAt')} ${f.dateTime(r.bookedAt)}`
            : '',
    },
    {
      title: t('loanFile.escalation'),
      dataIndex: 'escalationReason',
      ellipsis: { showTitle: true },
      render: (v: string | null) => v ?? '',
    },
    {
      title: '',
      key: 'open',
      width: 70,
      render: (_: unknown, r) => (
        <Link
          to={`/call/${r.taskId}`}
          aria-label={t('loanFile.openTaskLabel', { taskId: r.taskId, type: t(`taskTypes.${r.type}`) })}
        >
          {t('loanFile.openTask')}
        </Link>
      ),
    },
  ];
  return (
    <Table<LoanTask>
      size="small"
      rowKey="taskId"
      tableLayout="fixed"
      columns={columns}
      dataSource={tasks}
      pagination={pageOf(tasks.length)}
    />
  );
}

function Attempts({ attempts }: { attempts: Attempt[] }) {
  const { t } = useTranslation();
  const f = useFormats();
  if (attempts.length === 0) return <EmptyHint text={t('loanFile.empty.attempts')} />;
  const columns: TableColumnsType<Attempt> = [
    { title: t('loanFile.startedAt'), dataIndex: 'startedAt', width: 170, render: (v: string) => f.dateTime(v) },
    { title: t('loanFile.officer'), dataIndex: 'officer', width: 90 },
    {
      title: t('loanFile.outcome'),
      dataIndex: 'outcome',
      width: 130,
      render: (v: Outcome) => <Tag color={OUTCOME_COLOURS[v]}>{t(`outcomes.${v}`)}</Tag>,
    },
    { title: t('loanFile.duration'), dataIndex: 'durationS', width: 90, align: 'right', render: (v) => f.duration(v) },
    {
      title: t('loanFile.note'),
      dataIndex: 'note',
      ellipsis: { showTitle: true },
      render: (v: string | null) => v ?? '',
    },
    {
      title: t('loanFile.bookedAt'),
      dataIndex: 'bookedAt',
      width: 170,
      render: (v: string | null) => (v ? f.dateTime(v) : ''),
    },
    {
      title: '',
      dataIndex: 'outsideHours',
      width: 120,
      render: (v: boolean) => (v ? <Tag color="orange">{t('loanFile.outsideHours')}</Tag> : null),
    },
  ];
  return (
    <Table<Attempt>
      size="small"
      rowKey="id"
      tableLayout="fixed"
      columns={columns}
      dataSource={attempts}
      pagination={pageOf(attempts.length)}
    />
  );
}

function Records(props: { records: RecordGroup[]; labels: LoanFileLabels; onAmended(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { session } = useSession();
  const user = session!.user!;
  const [amending, setAmending] = useState<RecordGroup | null>(null);
  if (props.records.length === 0) return <EmptyHint text={t('loanFile.empty.records')} />;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      {props.records.map((r) => {
        const newestFirst = [...r.versions].sort((a, b) => b.version - a.version);
        const latest = newestFirst[0]!;
        const first = r.versions.find((v) => v.version === 1);
        // The same rule as the main side: the officer who finalized it, or a manager.
        const mayAmend = roleAllows('manager', user.role) || first?.finalizedBy === user.displayName;
        return (
          <div key={r.taskId} data-testid={`record-${r.taskId}`}>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t('loanFile.recordHeading', { type: t(`taskTypes.${r.type}`), taskId: r.taskId })}
            </Typography.Title>
            <Collapse
              // A new version opens expanded: the panel set starts afresh when the latest changes.
              key={latest.version}
              size="small"
              defaultActiveKey={[String(latest.version)]}
              items={newestFirst.map((v) => ({
                key: String(v.version),
                label: <VersionHeader v={v} current={v === latest} />,
                children: (
                  <VersionBody
                    v={v}
                    labels={props.labels}
                    action={
                      v === latest ? (
                        <Tooltip title={mayAmend ? undefined : t('loanFile.amendNotAllowed')}>
                          <Button
                            size="small"
                            icon={<EditOutlined aria-hidden />}
                            disabled={!mayAmend}
                            onClick={() => setAmending(r)}
                          >
                            {t('loanFile.amend')}
                          </Button>
                        </Tooltip>
                      ) : null
                    }
                  />
                ),
              }))}
            />
          </div>
        );
      })}
      {amending && (
        <AmendModal
          taskId={amending.taskId}
          type={amending.type}
          latest={amending.versions.reduce((a, b) => (b.version > a.version ? b : a))}
          labels={props.labels}
          onCancel={() => setAmending(null)}
          onAmended={(version) => {
            setAmending(null);
            message.success(t('loanFile.amended', { version }));
            props.onAmended();
          }}
        />
      )}
    </div>
  );
}

function VersionHeader({ v, current }: { v: RecordVersionShape; current: boolean }) {
  const { t } = useTranslation();
  const f = useFormats();
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', alignItems: 'center', gap: 8 }}>
      <strong>{t('loanFile.version', { version: v.version })}</strong>
      {current && <Tag color="blue">{t('loanFile.currentVersion')}</Tag>}
      <Tag color={OUTCOME_COLOURS[v.outcome]}>{t(`outcomes.${v.outcome}`)}</Tag>
      <Typography.Text type="secondary">
        {t('loanFile.finalizedBy', { at: f.dateTime(v.finalizedAt), by: v.finalizedBy })}
      </Typography.Text>
      {v.reason && (
        <Typography.Text data-testid="version-reason">{t('loanFile.reason', { reason: v.reason })}</Typography.Text>
      )}
    </span>
  );
}

function VersionBody({ v, labels, action }: { v: RecordVersionShape; labels: LoanFileLabels; action: ReactNode }) {
  const { t } = useTranslation();
  type Item = RecordVersionShape['items'][number];
  const columns: TableColumnsType<Item> = [
    {
      title: t('loanFile.item'),
      key: 'item',
      width: 190,
      render: (_: unknown, i) => labels.item(i.item, i.partyId),
    },
    {
      title: t('loanFile.onFile'),
      dataIndex: 'onFile',
      width: 280,
      render: (_: unknown, i) =>
        i.onFile.length === 0 ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          i.onFile.map((o) => (
            <div key={o.field} style={{ wordBreak: 'break-all' }}>
              <Typography.Text type="secondary">
                {t(`onFileFields.${o.field}`, { defaultValue: o.field })}
                {t('loanFile.colon')}
              </Typography.Text>
              {labels.onFileValue(o.field, o.value)}
            </div>
          ))
        ),
    },
    { title: t('loanFile.stated'), dataIndex: 'stated', width: 200, render: (s: string) => s || '—' },
    {
      title: t('loanFile.result'),
      dataIndex: 'result',
      width: 100,
      render: (r: Item['result']) => (r ? <Tag color={RESULT_COLOURS[r]}>{t(`itemResults.${r}`)}</Tag> : '—'),
    },
    { title: t('loanFile.itemNote'), dataIndex: 'note', render: (s: string) => s || '' },
  ];
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, flexWrap: 'wrap' }}>
        <Typography.Text type="secondary">
          {t('loanFile.scriptVersion', { key: v.scriptKey, version: v.scriptVersion })}
          {v.note ? ` · ${t('loanFile.callNote', { note: v.note })}` : ''}
        </Typography.Text>
        {action}
      </div>
      {v.changes.length > 0 && (
        <div data-testid={`changes-v${v.version}`}>
          <Typography.Text strong>{t('loanFile.changesTitle')}</Typography.Text>
          <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
            {v.changes.map((c) => {
              const line = v.items.find((i) => i.key === c.key);
              return (
                <li key={`${c.key}.${c.field}`}>
                  {line ? labels.item(line.item, line.partyId) : c.key}
                  {t('loanFile.colon')}
                  {t(`loanFile.changeFields.${c.field}`)} <del>{labels.changeValue(c.field, c.from)}</del> →{' '}
                  <ins>{labels.changeValue(c.field, c.to)}</ins>
                </li>
              );
            })}
          </ul>
        </div>
      )}
      <Table<Item>
        size="small"
        rowKey="key"
        tableLayout="fixed"
        columns={columns}
        dataSource={v.items}
        pagination={false}
        onRow={(i) => (i.result === 'mismatch' ? { style: { background: '#fff1f0' } } : {})}
        locale={emptyText(t('loanFile.empty.items'))}
      />
    </div>
  );
}

function Flags({ flags, labels }: { flags: Flag[]; labels: LoanFileLabels }) {
  const { t } = useTranslation();
  const f = useFormats();
  if (flags.length === 0) return <EmptyHint text={t('loanFile.empty.flags')} />;
  const columns: TableColumnsType<Flag> = [
    {
      title: t('loanFile.flagCode'),
      dataIndex: 'code',
      width: 190,
      render: (v: string) => t(`flagCodes.${v}`, { defaultValue: v }),
    },
    {
      title: t('loanFile.item'),
      key: 'item',
      width: 220,
      render: (_: unknown, r) => (r.item ? labels.item(r.item, r.partyId) : '—'),
    },
    {
      title: t('loanFile.severity'),
      dataIndex: 'severity',
      width: 70,
      render: (v: Flag['severity']) => <Tag color={SEVERITY_COLOURS[v]}>{t(`severity.${v}`)}</Tag>,
    },
    {
      title: t('loanFile.status'),
      dataIndex: 'status',
      width: 90,
      render: (v: string) => t(`loanFile.flagStatuses.${v}`, { defaultValue: v }),
    },
    {
      title: t('loanFile.createdAt'),
      key: 'created',
      width: 230,
      render: (_: unknown, r) => `${f.dateTime(r.createdAt)}${r.createdBy ? ` · ${r.createdBy}` : ''}`,
    },
    {
      title: t('loanFile.note'),
      dataIndex: 'note',
      ellipsis: { showTitle: true },
      render: (v: string | null) => v ?? '',
    },
  ];
  return (
    <Table<Flag>
      size="small"
      rowKey="id"
      tableLayout="fixed"
      columns={columns}
      dataSource={flags}
      pagination={pageOf(flags.length)}
    />
  );
}

function Events({ events }: { events: LoanEvent[] }) {
  const { t, i18n } = useTranslation();
  const f = useFormats();
  if (events.length === 0) return <EmptyHint text={t('loanFile.empty.events')} />;
  const fieldLabel = (field: string) => {
    const c = COLUMN_BY_KEY.get(field);
    return c ? (i18n.language === 'en' ? c.en.replace(/_/g, ' ') : c.zh) : field;
  };
  const columns: TableColumnsType<LoanEvent & { n: number }> = [
    { title: t('loanFile.eventAt'), dataIndex: 'at', width: 170, render: (v: string) => f.dateTime(v) },
    { title: t('loanFile.actor'), dataIndex: 'actor', width: 110 },
    {
      title: t('loanFile.eventKind'),
      dataIndex: 'kind',
      width: 110,
      render: (v: string) => t(`loanFile.eventKinds.${v}`, { defaultValue: v }),
    },
    {
      title: t('loanFile.field'),
      dataIndex: 'field',
      width: 170,
      render: (v: string | null) => (v ? fieldLabel(v) : ''),
    },
    {
      title: t('loanFile.change'),
      key: 'change',
      render: (_: unknown, r) =>
        r.field ? (
          <span style={{ wordBreak: 'break-all' }}>
            {r.fromValue ?? t('loanFile.emptyValue')} → {r.toValue ?? t('loanFile.emptyValue')}
          </span>
        ) : (
          ''
        ),
    },
  ];
  return (
    <Table<LoanEvent & { n: number }>
      size="small"
      rowKey="n"
      tableLayout="fixed"
      columns={columns}
      dataSource={events.map((e, n) => ({ ...e, n }))}
      pagination={pageOf(events.length)}
    />
  );
}

/** Labels of checklist lines (with the party's name for per-party lines) and of recorded values. */
interface LoanFileLabels {
  item(item: string, partyId: number | null): string;
  onFileValue(field: string, value: string): string;
  changeValue(field: 'result' | 'stated' | 'note', value: string): string;
}

function useLoanFileLabels(parties: readonly Party[]): LoanFileLabels {
  const { t } = useTranslation();
  return useMemo(() => {
    const names = new Map(parties.map((p) => [p.id, p.name]));
    return {
      item: (item, partyId) => {
        const label = t(`items.${item}`, { defaultValue: item });
        const name = partyId === null ? undefined : names.get(partyId);
        return name ? t('loanFile.itemForParty', { item: label, name }) : label;
      },
      onFileValue: (field, value) =>
        field === 'partyRole' ? t(`partyRoles.${value}`, { defaultValue: value }) : value,
      changeValue: (field, value) =>
        value === ''
          ? t('loanFile.emptyValue')
          : field === 'result'
            ? t(`itemResults.${value}`, { defaultValue: value })
            : value,
    };
  }, [parties, t]);
}

const lineSchema = z.object({
  result: itemResultSchema.nullable(),
  stated: z.string().max(1000),
  note: z.string().max(1000),
});
type Line = z.infer<typeof lineSchema>;

/** Did the officer change this line? The same comparison as the main side (text is trimmed). */
const lineChanged = (a: Line, b: RecordVersionShape['items'][number]) =>
  a.result !== b.result || a.stated.trim() !== b.stated || a.note.trim() !== b.note;

/**
 * 更正记录: every line of the current version editable (result, stated, note), a required reason;
 * only the changed lines go to `records.amend`, which writes the next version.
 */
function AmendModal(props: {
  taskId: number;
  type: RecordGroup['type'];
  latest: RecordVersionShape;
  labels: LoanFileLabels;
  onCancel(): void;
  onAmended(version: number): void;
}) {
  const { t } = useTranslation();
  const { latest, labels } = props;
  const [error, setError] = useState<AppErrorShape | null>(null);
  const schema = useMemo(
    () =>
      z
        .object({
          lines: z.array(lineSchema),
          reason: z.string().trim().min(2, 'loanFile.amendReasonLength').max(500, 'loanFile.amendReasonLength'),
        })
        .superRefine((v, ctx) =>
          v.lines.forEach((l, i) => {
            const item = latest.items[i]?.item;
            if (!item || !(item in ITEMS)) return;
            const record = ITEMS[item as ItemKey].kind === 'record';
            const p = lineProblem(item as ItemKey, l);
            if (p === 'unanswered')
              ctx.addIssue({
                code: 'custom',
                path: ['lines', i, record ? 'stated' : 'result'],
                message: record ? 'loanFile.statedRequired' : 'loanFile.resultRequired',
              });
            else if (p === 'noteRequired')
              ctx.addIssue({ code: 'custom', path: ['lines', i, 'note'], message: 'loanFile.noteRequired' });
          }),
        ),
    [latest],
  );
  const { control, handleSubmit, formState } = useForm({
    resolver: zodResolver(schema),
    defaultValues: {
      lines: latest.items.map((i) => ({ result: i.result, stated: i.stated, note: i.note })),
      reason: '',
    },
  });
  const lines = useWatch({ control, name: 'lines' });
  const submit = handleSubmit(async (v) => {
    setError(null);
    const items: Record<string, Line> = {};
    v.lines.forEach((l, i) => {
      const was = latest.items[i]!;
      if (lineChanged(l, was)) items[was.key] = { result: l.result, stated: l.stated.trim(), note: l.note.trim() };
    });
    if (Object.keys(items).length === 0) {
      setError({ code: 'invalid_input', message: 'errors.amendNoChange' });
      return;
    }
    try {
      const r = await call('records.amend', {
        taskId: props.taskId,
        expectedVersion: latest.version,
        items,
        reason: v.reason.trim(),
      });
      props.onAmended(r.version);
    } catch (e) {
      reportAuthProblem(e);
      setError(errorOf(e));
    }
  });
  type Row = RecordVersionShape['items'][number] & { index: number };
  const fieldError = (i: number, f: keyof Line) => formState.errors.lines?.[i]?.[f]?.message;
  const problem = (msg: string | undefined) =>
    msg ? (
      <Typography.Text type="danger" style={{ fontSize: 12 }}>
        {t(msg)}
      </Typography.Text>
    ) : null;
  const columns: TableColumnsType<Row> = [
    {
      title: t('loanFile.item'),
      key: 'item',
      width: 190,
      render: (_: unknown, r) => (
        <span>
          {labels.item(r.item, r.partyId)}{' '}
          {lines?.[r.index] && lineChanged(lines[r.index]!, r) && <Tag color="gold">{t('loanFile.changed')}</Tag>}
        </span>
      ),
    },
    {
      title: t('loanFile.onFile'),
      key: 'onFile',
      width: 200,
      render: (_: unknown, r) =>
        r.onFile.map((o) => (
          <div key={o.field} style={{ fontSize: 12, wordBreak: 'break-all' }}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(`onFileFields.${o.field}`, { defaultValue: o.field })}
              {t('loanFile.colon')}
            </Typography.Text>
            {labels.onFileValue(o.field, o.value)}
          </div>
        )),
    },
    {
      title: t('loanFile.result'),
      key: 'result',
      width: 130,
      render: (_: unknown, r) =>
        r.item in ITEMS && ITEMS[r.item as ItemKey].kind === 'record' ? (
          '—'
        ) : (
          <>
            <Controller
              control={control}
              name={`lines.${r.index}.result`}
              render={({ field }) => (
                <Select
                  aria-label={t('loanFile.resultLabel', { item: labels.item(r.item, r.partyId) })}
                  style={{ width: '100%' }}
                  value={field.value ?? undefined}
                  onChange={(val: ItemResult) => field.onChange(val)}
                  status={fieldError(r.index, 'result') ? 'error' : undefined}
                  options={ITEM_RESULTS.map((x) => ({ value: x, label: t(`itemResults.${x}`) }))}
                />
              )}
            />
            {problem(fieldError(r.index, 'result'))}
          </>
        ),
    },
    {
      title: t('loanFile.stated'),
      key: 'stated',
      width: 200,
      render: (_: unknown, r) => (
        <>
          <Controller
            control={control}
            name={`lines.${r.index}.stated`}
            render={({ field }) => (
              <Input
                aria-label={t('loanFile.statedLabel', { item: labels.item(r.item, r.partyId) })}
                maxLength={1000}
                status={fieldError(r.index, 'stated') ? 'error' : undefined}
                {...field}
              />
            )}
          />
          {problem(fieldError(r.index, 'stated'))}
        </>
      ),
    },
    {
      title: t('loanFile.itemNote'),
      key: 'note',
      render: (_: unknown, r) => (
        <>
          <Controller
            control={control}
            name={`lines.${r.index}.note`}
            render={({ field }) => (
              <Input
                aria-label={t('loanFile.noteLabel', { item: labels.item(r.item, r.partyId) })}
                maxLength={1000}
                status={fieldError(r.index, 'note') ? 'error' : undefined}
                {...field}
              />
            )}
          />
          {problem(fieldError(r.index, 'note'))}
        </>
      ),
    },
  ];
  return (
    <Modal
      open
      title={t('loanFile.amendTitle', { type: t(`taskTypes.${props.type}`), version: latest.version })}
      width="min(1120px, calc(100vw - 48px))"
      okText={t('loanFile.amendSubmit')}
      okButtonProps={{ loading: formState.isSubmitting }}
      onOk={() => void submit()}
      onCancel={props.onCancel}
      maskClosable={false}
      styles={{ body: { maxHeight: 'calc(100vh - 240px)', overflowY: 'auto', overflowX: 'hidden' } }}
    >
      <form
        aria-label={t('loanFile.amend')}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        style={{ display: 'flex', flexDirection: 'column', gap: 8, paddingBottom: 16 }}
      >
        <Typography.Text type="secondary">{t('loanFile.amendHint', { next: latest.version + 1 })}</Typography.Text>
        <ErrorAlert error={error} />
        <Table<Row>
          size="small"
          rowKey="key"
          tableLayout="fixed"
          columns={columns}
          dataSource={latest.items.map((i, index) => ({ ...i, index }))}
          pagination={false}
        />
        <label htmlFor="amend-reason">
          <Typography.Text strong>{t('loanFile.amendReason')}</Typography.Text>
        </label>
        <Controller
          control={control}
          name="reason"
          render={({ field }) => (
            <Input.TextArea
              id="amend-reason"
              rows={2}
              maxLength={500}
              showCount
              placeholder={t('loanFile.amendReasonPlaceholder')}
              status={formState.errors.reason ? 'error' : undefined}
              aria-invalid={!!formState.errors.reason}
              {...field}
            />
          )}
        />
        {problem(formState.errors.reason?.message)}
      </form>
    </Modal>
  );
}
