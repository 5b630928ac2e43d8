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
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { QueueTabName, TaskRowView } from '../../../../shared/contract';
import {
  isActiveStatus,
  TASK_STATUSES,
  TASK_TYPES,
  type TaskStatus,
  type TaskType,
} from '../../../../shared/domain/taskRules';
import { calendarMissingYear } from '../../../../shared/domain/schedule';
import type { AppErrorShape } from '../../../../shared/result';
import { roleAllows } from '../../../../shared/roles';
import {
  loadMoreOnScroll,
  pagedRows,
  shownError,
  useChannel,
  useChannelMutation,
  useChannelPages,
} from '../../app/query';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useSession } from '../../app/session/SessionContext';
import { useElementHeight } from '../../ui/useElementHeight';
import { useSearchQuery } from '../../ui/useSearchQuery';
import { SHANGHAI_TZ } from '../../../../shared/domain/shanghai';
import { tIn } from '../../i18n/messages';
import { EventTaskModal, ReassignAllModal, TASKS_CHANGED } from './TaskDialogs';

const TABS: QueueTabName[] = ['today', 'overdue', 'due_soon', 'booked', 'done'];
/** Rows per server page; the next page loads as the list nears its end. */
const PAGE_SIZE = 200;

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
  const [reassignOpen, setReassignOpen] = useState(false);
  const [eventOpen, setEventOpen] = useState(false);
  // A failed take/assign/reassign, shown in the view it happened in until the next action succeeds
  // (a refusal because the queue moved on also reloads it: app/query.ts).
  const [actionError, setActionError] = useState<{ error: AppErrorShape; view: string } | null>(null);
  const [boxRef, boxHeight] = useElementHeight<HTMLDivElement>();

  const users = useChannel('users.list', {}, { enabled: manager });
  const officers = useMemo(() => (users.data ?? []).filter((x) => x.role === 'officer'), [users.data]);
  const pages = useChannelPages(
    'tasks.queue',
    { tab, ...(type ? { type } : {}), ...(status ? { status } : {}), assignee, ...(query ? { search: query } : {}) },
    PAGE_SIZE,
    { keepPrevious: true },
  );
  const rows = useMemo(() => pagedRows(pages.data), [pages.data]);
  // Total and tab counts are the first page's: every page answers them, the first is the one shown first.
  const first = pages.data?.pages[0];
  const readError = shownError(pages.error);

  // A selection belongs to the view it was made in (tab, filters, search) and counts only rows the
  // list shows: switching tab or filter and back starts from none, and a reload drops rows now gone.
  const view = JSON.stringify([tab, type, status, assignee, query]);
  const [picked, setPicked] = useState<{ view: string; ids: number[] }>({ view, ids: [] });
  // Leaving the view drops its selection (React's "adjust state when an input changes" pattern).
  if (picked.view !== view && picked.ids.length > 0) setPicked({ view, ids: [] });
  const error = readError ?? (actionError?.view === view ? actionError.error : null);
  const setSelected = (ids: number[]) => setPicked({ view, ids });
  const shownIds = useMemo(() => new Set(rows.map((r) => r.taskId)), [rows]);
  const selected = picked.view === view ? picked.ids.filter((id) => shownIds.has(id)) : [];

  /*
   * "Select all" (the header checkbox) used to select every task of the tab, since the page loaded
   * them all. Now it selects the rows loaded so far, and when the tab holds more the toolbar says
   * so and offers to select all of them: that loads the remaining pages (the rows must be known to
   * tell pool tasks from assigned ones, and the selection must be what the list shows), then
   * selects them. A bulk action never touches a task nobody could see selected.
   */
  const total = first?.total ?? 0;
  const allLoadedSelected = rows.length > 0 && selected.length === rows.length;
  const partOfTab = allLoadedSelected && rows.length < total;
  const [loadingAll, setLoadingAll] = useState(false);
  const selectAllOfTab = async () => {
    setLoadingAll(true);
    // Kept with the view of the click: if the tab or a filter changes while pages load, the rows
    // loaded are the new view's, and a selection made in the old view selects nothing in it.
    const at = view;
    try {
      let r = await pages.fetchNextPage();
      while (r.hasNextPage && !r.isError) r = await pages.fetchNextPage();
      if (!r.isError) setPicked({ view: at, ids: pagedRows(r.data).map((x) => x.taskId) });
    } finally {
      setLoadingAll(false);
    }
  };

  const takeTasks = useChannelMutation('tasks.take', TASKS_CHANGED);
  const assignTasks = useChannelMutation('tasks.assign', TASKS_CHANGED);
  const reassignAll = useChannelMutation('tasks.reassignAll', TASKS_CHANGED);

  const act = async (fn: () => Promise<string>) => {
    try {
      message.success(await fn());
      setSelected([]);
      setActionError(null);
    } catch (e) {
      const shown = shownError(e);
      if (shown) setActionError({ error: shown, view });
    }
  };

  const take = (ids: number[]) =>
    act(async () => t('tasks.taken', { count: (await takeTasks.mutateAsync({ taskIds: ids })).taken }));
  const assign = (ids: number[], to: string | null) =>
    act(async () =>
      t('tasks.assigned', { count: (await assignTasks.mutateAsync({ taskIds: ids, assignee: to })).assigned }),
    );

  const selectedSet = new Set(selected);
  const poolRows = rows.filter((r) => selectedSet.has(r.taskId) && r.assignee === null);
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
            {isActiveStatus(r.status) && (
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
          const year = calendarMissingYear(w);
          return year !== null ? (
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
          {first ? t('tasks.total', { count: first.total }) : ''}
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
        items={TABS.map((k) => ({ key: k, label: `${t(`tasks.tabs.${k}`)} ${first ? first.counts[k] : ''}` }))}
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
        {partOfTab && (
          <Typography.Text type="secondary" data-testid="tasks-selected-loaded">
            {t('tasks.selectedLoaded', { count: rows.length, total })}{' '}
            <Button size="small" type="link" loading={loadingAll} onClick={() => void selectAllOfTab()}>
              {t('tasks.selectAllOfTab', { total })}
            </Button>
          </Typography.Text>
        )}
        {manager && <Button onClick={() => setReassignOpen(true)}>{t('tasks.reassignAll')}</Button>}
        {manager && <Button onClick={() => setEventOpen(true)}>{t('tasks.newEvent')}</Button>}
      </Space>
      <ErrorAlert error={error} />
      <div ref={boxRef} className="cbd-fill">
        <Table<TaskRowView>
          virtual
          size="small"
          rowKey="taskId"
          columns={columns}
          dataSource={rows}
          onScroll={loadMoreOnScroll(pages)}
          loading={pages.isPending && !readError}
          pagination={false}
          rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]) }}
          scroll={{ x: 1200, y: Math.max(160, boxHeight - 56) }}
          locale={{
            emptyText: <Empty description={tab === 'today' ? t('tasks.emptyToday') : t('tasks.emptyOther')} />,
          }}
        />
      </div>
      {reassignOpen && (
        <ReassignAllModal
          officers={officers}
          onClose={() => setReassignOpen(false)}
          onOk={(v) => {
            setReassignOpen(false);
            void act(async () => t('tasks.moved', { count: (await reassignAll.mutateAsync(v)).moved }));
          }}
        />
      )}
      {eventOpen && (
        <EventTaskModal
          onClose={() => setEventOpen(false)}
          onCreated={() => {
            setEventOpen(false);
            message.success(t('tasks.eventCreated'));
          }}
        />
      )}
    </section>
  );
}
