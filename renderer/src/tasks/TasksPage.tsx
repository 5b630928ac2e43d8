/**
 * 回访任务: the work queue. Tabs with counts (今日 / 逾期 / 即将到期 / 已预约 / 已完成), filters by
 * type, status and officer, search by name, loan number or phone last 4; sorted by urgency on the
 * server; virtualized. Officers take pool tasks; managers assign, return to the pool and
 * reassign everything of an officer on leave.
 */
import {
  App,
  Button,
  Empty,
  Input,
  Modal,
  Segmented,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { tIn } from '../i18n/messages';
import type { QueueTabName, TaskRowView, UserView } from '../../../shared/contract';
import {
  EVENT_KINDS,
  eventTaskInputSchema,
  TASK_STATUSES,
  TASK_TYPES,
  type EventKind,
  type TaskStatus,
  type TaskType,
} from '../../../shared/domain/taskRules';
import type { AppErrorShape } from '../../../shared/result';
import { roleAllows } from '../../../shared/roles';
import { call, errorOf } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { reportAuthProblem, useSession } from '../session/SessionContext';
import { useElementHeight } from '../components/useElementHeight';
import { useSearchQuery } from '../components/useSearchQuery';
import { SHANGHAI_TZ } from '../../../shared/domain/shanghai';

const TABS: QueueTabName[] = ['today', 'overdue', 'due_soon', 'booked', 'done'];

export function TasksPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { session } = useSession();
  const user = session!.user!;
  const manager = roleAllows('manager', user.role);
  // A link may name the tab to open (`#/tasks?tab=overdue`, from the manager's dashboard).
  const [params] = useSearchParams();
  const [tab, setTab] = useState<QueueTabName>(() => {
    const asked = params.get('tab') as QueueTabName | null;
    return asked && TABS.includes(asked) ? asked : 'today';
  });
  const [type, setType] = useState<TaskType | ''>('');
  const [status, setStatus] = useState<TaskStatus | ''>('');
  const [assignee, setAssignee] = useState<string>(manager ? 'all' : 'mine_or_pool');
  const { query, inputProps } = useSearchQuery();
  const [data, setData] = useState<{ rows: TaskRowView[]; total: number; counts: Record<QueueTabName, number> } | null>(
    null,
  );
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [selected, setSelected] = useState<number[]>([]);
  const [officers, setOfficers] = useState<UserView[]>([]);
  const [version, setVersion] = useState(0);
  const [reassign, setReassign] = useState<{ from?: string; to?: string | null } | null>(null);
  const [eventOpen, setEventOpen] = useState(false);
  const [boxRef, boxHeight] = useElementHeight<HTMLDivElement>();

  useEffect(() => {
    if (!manager) return;
    call('users.list', {}).then(
      (u) => setOfficers(u.filter((x) => x.role === 'officer')),
      () => undefined,
    );
  }, [manager]);

  useEffect(() => {
    let stale = false;
    call('tasks.queue', {
      tab,
      ...(type ? { type } : {}),
      ...(status ? { status } : {}),
      assignee,
      ...(query ? { search: query } : {}),
      offset: 0,
      limit: 20_000,
    }).then(
      (r) => {
        if (stale) return;
        setData(r);
        setError(null);
        setSelected((sel) => sel.filter((id) => r.rows.some((x) => x.taskId === id)));
      },
      (e: unknown) => {
        reportAuthProblem(e);
        if (!stale) setError(errorOf(e));
      },
    );
    return () => {
      stale = true;
    };
  }, [tab, type, status, assignee, query, version]);

  const act = useCallback(
    async (fn: () => Promise<string>) => {
      try {
        message.success(await fn());
        setSelected([]);
        setVersion((v) => v + 1);
      } catch (e) {
        reportAuthProblem(e);
        setError(errorOf(e));
      }
    },
    [message],
  );

  const take = (ids: number[]) =>
    act(async () => t('tasks.taken', { count: (await call('tasks.take', { taskIds: ids })).taken }));
  const assign = (ids: number[], to: string | null) =>
    act(async () =>
      t('tasks.assigned', { count: (await call('tasks.assign', { taskIds: ids, assignee: to })).assigned }),
    );

  const poolRows = (data?.rows ?? []).filter((r) => selected.includes(r.taskId) && r.assignee === null);
  const columns: TableColumnsType<TaskRowView> = [
    {
      title: t('tasks.loanNo'),
      dataIndex: 'loanNo',
      width: 130,
      render: (v: string, r) => (
        <a href={`#/call/${r.taskId}`} aria-label={`${t('calls.open')} ${v}`}>
          {v}
        </a>
      ),
    },
    { title: t('tasks.borrower'), dataIndex: 'borrowerName', width: 80 },
    { title: t('tasks.phone'), dataIndex: 'phone', width: 115 },
    { title: t('tasks.type'), dataIndex: 'type', width: 130, render: (v: TaskType) => t(`taskTypes.${v}`) },
    {
      title: t('tasks.window'),
      key: 'window',
      width: 200,
      render: (_: unknown, r) => (
        <span>
          {r.windowStart} ~ {r.dueBy} {r.overdue && <Tag color="red">{t('tasks.overdue')}</Tag>}
        </span>
      ),
    },
    { title: t('tasks.status'), dataIndex: 'status', width: 90, render: (v: TaskStatus) => t(`taskStatuses.${v}`) },
    {
      title: t('tasks.officer'),
      key: 'officer',
      width: 110,
      render: (_: unknown, r) =>
        r.assignee ? (
          r.assigneeName
        ) : (
          <Space size={4}>
            <Tag>{t('tasks.pool')}</Tag>
            {(r.status === 'open' || r.status === 'in_progress') && (
              <Button
                size="small"
                type="link"
                onClick={() => void take([r.taskId])}
                aria-label={`${t('tasks.take')} ${r.loanNo}`}
              >
                {t('tasks.take')}
              </Button>
            )}
          </Space>
        ),
    },
    { title: t('tasks.attempts'), dataIndex: 'attempts', width: 60, align: 'right' },
    {
      title: t('tasks.booked'),
      dataIndex: 'bookedAt',
      width: 130,
      render: (v: string | null) =>
        v
          ? new Intl.DateTimeFormat(i18n.language, {
              dateStyle: 'short',
              timeStyle: 'short',
              timeZone: SHANGHAI_TZ,
            }).format(new Date(v))
          : '',
    },
    {
      title: t('tasks.notes'),
      key: 'notes',
      width: 90,
      render: (_: unknown, r) => [
        ...(r.reason
          ? [
              <Tooltip key="reason" title={r.reason.text}>
                <Tag color="purple">{tIn(t, 'tasks.eventKinds', r.reason.kind)}</Tag>
              </Tooltip>,
            ]
          : []),
        ...r.warnings.map((w) => {
          const year = /^calendar_missing:(\d{4})$/.exec(w)?.[1];
          return year ? (
            <Tooltip key={w} title={t('tasks.calendarMissing', { year })}>
              <Tag color="orange">{year}?</Tag>
            </Tooltip>
          ) : (
            <Tag key={w}>{w}</Tag>
          );
        }),
      ],
    },
  ];

  return (
    <section aria-label={t('tasks.title')} className="cbd-page">
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, flexWrap: 'wrap', marginBottom: 4 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('tasks.title')}
        </Typography.Title>
        <Typography.Text type="secondary" data-testid="tasks-total">
          {data ? t('tasks.total', { count: data.total }) : ''}
        </Typography.Text>
        <Input.Search
          aria-label={t('tasks.searchLabel')}
          placeholder={t('tasks.searchPlaceholder')}
          allowClear
          style={{ maxWidth: 260, marginLeft: 'auto' }}
          {...inputProps}
        />
      </div>
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as QueueTabName)}
        items={TABS.map((k) => ({ key: k, label: `${t(`tasks.tabs.${k}`)} ${data ? data.counts[k] : ''}` }))}
        style={{ marginBottom: 0 }}
      />
      <Space wrap style={{ marginBottom: 8 }}>
        <Select
          aria-label={t('tasks.filterType')}
          style={{ width: 150 }}
          value={type}
          onChange={setType}
          options={[
            { value: '', label: t('tasks.allTypes') },
            ...TASK_TYPES.map((v) => ({ value: v, label: t(`taskTypes.${v}`) })),
          ]}
        />
        <Select
          aria-label={t('tasks.filterStatus')}
          style={{ width: 120 }}
          value={status}
          onChange={setStatus}
          options={[
            { value: '', label: t('tasks.allStatuses') },
            ...TASK_STATUSES.map((v) => ({ value: v, label: t(`taskStatuses.${v}`) })),
          ]}
        />
        {manager ? (
          <Select
            aria-label={t('tasks.filterOfficer')}
            style={{ width: 150 }}
            value={assignee}
            onChange={setAssignee}
            options={[
              { value: 'all', label: t('tasks.scopeAll') },
              { value: 'pool', label: t('tasks.scopePool') },
              ...officers.map((o) => ({ value: o.username, label: o.displayName })),
            ]}
          />
        ) : (
          <Segmented
            aria-label={t('tasks.filterOfficer')}
            value={assignee}
            onChange={(v) => setAssignee(String(v))}
            options={[
              { value: 'mine_or_pool', label: t('tasks.scopeMineOrPool') },
              { value: 'mine', label: t('tasks.scopeMine') },
              { value: 'pool', label: t('tasks.scopePool') },
            ]}
          />
        )}
        {poolRows.length > 0 && (
          <Button onClick={() => void take(poolRows.map((r) => r.taskId))}>
            {t('tasks.takeSelected', { count: poolRows.length })}
          </Button>
        )}
        {manager && selected.length > 0 && (
          <Select
            aria-label={t('tasks.assignSelected', { count: selected.length })}
            placeholder={t('tasks.assignSelected', { count: selected.length })}
            style={{ width: 200 }}
            value={null}
            onChange={(v: string) => void assign(selected, v === '__pool__' ? null : v)}
            options={[
              { value: '__pool__', label: t('tasks.toPool') },
              ...officers.map((o) => ({ value: o.username, label: o.displayName })),
            ]}
          />
        )}
        {manager && <Button onClick={() => setReassign({})}>{t('tasks.reassignAll')}</Button>}
        {manager && <Button onClick={() => setEventOpen(true)}>{t('tasks.newEvent')}</Button>}
      </Space>
      <ErrorAlert error={error} />
      <div ref={boxRef} className="cbd-fill">
        <Table<TaskRowView>
          virtual
          size="small"
          rowKey="taskId"
          columns={columns}
          dataSource={data?.rows ?? []}
          loading={!data && !error}
          pagination={false}
          rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]) }}
          scroll={{ x: 1200, y: Math.max(160, boxHeight - 56) }}
          locale={{
            emptyText: <Empty description={tab === 'today' ? t('tasks.emptyToday') : t('tasks.emptyOther')} />,
          }}
        />
      </div>
      <Modal
        open={reassign !== null}
        title={t('tasks.reassignAll')}
        okText={t('tasks.reassignOk')}
        okButtonProps={{ disabled: !reassign?.from || reassign.to === undefined }}
        onCancel={() => setReassign(null)}
        onOk={() => {
          const r = reassign!;
          setReassign(null);
          void act(async () =>
            t('tasks.moved', { count: (await call('tasks.reassignAll', { from: r.from!, to: r.to ?? null })).moved }),
          );
        }}
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Select
            aria-label={t('tasks.reassignFrom')}
            placeholder={t('tasks.reassignFrom')}
            style={{ width: '100%' }}
            value={reassign?.from}
            onChange={(v: string) => setReassign((r) => ({ ...r, from: v }))}
            options={officers.map((o) => ({ value: o.username, label: o.displayName }))}
          />
          <Select
            aria-label={t('tasks.reassignTo')}
            placeholder={t('tasks.reassignTo')}
            style={{ width: '100%' }}
            value={reassign?.to === null ? '__pool__' : reassign?.to}
            onChange={(v: string) => setReassign((r) => ({ ...r, to: v === '__pool__' ? null : v }))}
            options={[
              { value: '__pool__', label: t('tasks.toPool') },
              ...officers
                .filter((o) => o.username !== reassign?.from)
                .map((o) => ({ value: o.username, label: o.displayName })),
            ]}
          />
        </Space>
      </Modal>
      {eventOpen && (
        <EventTaskModal
          onClose={() => setEventOpen(false)}
          onCreated={() => {
            setEventOpen(false);
            message.success(t('tasks.eventCreated'));
            setVersion((v) => v + 1);
          }}
        />
      )}
    </section>
  );
}

/** A manager asks for a callback on one loan, with the reason (收入变化 / 工作变动 / 逾期 / 其他). */
function EventTaskModal(props: { onClose(): void; onCreated(): void }) {
  const { t } = useTranslation();
  const [loanNo, setLoanNo] = useState('');
  const [kind, setKind] = useState<EventKind>('income_change');
  const [reason, setReason] = useState('');
  const [dueBy, setDueBy] = useState('');
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [busy, setBusy] = useState(false);
  // The same schema the main side checks with: the button is enabled exactly when the input is valid.
  const input = { loanNo, kind, reason, ...(dueBy ? { dueBy } : {}) };
  const valid = eventTaskInputSchema.safeParse(input).success;
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await call('tasks.createEvent', input);
      props.onCreated();
    } catch (e) {
      reportAuthProblem(e);
      setError(errorOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('tasks.newEvent')}
      okText={t('tasks.eventCreate')}
      okButtonProps={{ disabled: !valid, loading: busy }}
      onCancel={props.onClose}
      onOk={() => void submit()}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <ErrorAlert error={error} />
        <label htmlFor="event-loan">{t('tasks.eventLoanNo')}</label>
        <Input id="event-loan" value={loanNo} onChange={(e) => setLoanNo(e.target.value)} />
        <label htmlFor="event-kind">{t('tasks.eventKind')}</label>
        <Select
          id="event-kind"
          aria-label={t('tasks.eventKind')}
          value={kind}
          onChange={setKind}
          options={EVENT_KINDS.map((k) => ({ value: k, label: t(`tasks.eventKinds.${k}`) }))}
        />
        <label htmlFor="event-reason">{t('tasks.eventReason')}</label>
        <Input.TextArea
          id="event-reason"
          rows={3}
          maxLength={200}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <label htmlFor="event-due">{t('tasks.eventDueBy')}</label>
        <Input id="event-due" type="date" value={dueBy} onChange={(e) => setDueBy(e.target.value)} />
      </Space>
    </Modal>
  );
}
