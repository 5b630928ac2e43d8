/** The loan's callback tasks: window, status, attempts, officer, and a link to each task's call screen. */
import { Table, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { LoanFile } from '../../../../shared/contract/loans';
import type { TaskStatus } from '../../../../shared/domain/taskRules';
import { useFormats } from '../../ui/format';
import { EmptyHint, pageOf } from './loanFileParts';

type LoanTask = LoanFile['tasks'][number];

const STATUS_COLOURS: Partial<Record<TaskStatus, string>> = {
  completed: 'green',
  escalated: 'orange',
  in_progress: 'blue',
  cancelled: 'default',
};

export function Tasks({ tasks }: { tasks: LoanTask[] }) {
  const { t } = useTranslation();
  const f = useFormats();
  if (tasks.length === 0) return <EmptyHint text={t('loans.file.empty.tasks')} />;
  const columns: TableColumnsType<LoanTask> = [
    {
      title: t('loans.file.taskType'),
      dataIndex: 'type',
      width: 130,
      render: (v: LoanTask['type']) => t(`taskTypes.${v}`),
    },
    {
      title: t('loans.file.window'),
      key: 'window',
      width: 190,
      render: (_: unknown, r) => `${r.windowStart} ~ ${r.dueBy}`,
    },
    {
      title: t('loans.file.status'),
      dataIndex: 'status',
      width: 90,
      render: (v: TaskStatus) => <Tag color={STATUS_COLOURS[v]}>{t(`taskStatuses.${v}`)}</Tag>,
    },
    { title: t('loans.file.attempts'), dataIndex: 'attempts', width: 80, align: 'right' },
    {
      title: t('loans.file.officer'),
      dataIndex: 'assigneeName',
      width: 90,
      render: (v: string | null) => v ?? <Tag>{t('loans.file.pool')}</Tag>,
    },
    {
      title: t('loans.file.completedAt'),
      key: 'when',
      width: 170,
      render: (_: unknown, r) =>
        r.completedAt
          ? f.dateTime(r.completedAt)
          : r.bookedAt
            ? `${t('loans.file.bookedAt')} ${f.dateTime(r.bookedAt)}`
            : '',
    },
    {
      title: t('loans.file.escalation'),
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
          aria-label={t('loans.file.openTaskLabel', { taskId: r.taskId, type: t(`taskTypes.${r.type}`) })}
        >
          {t('loans.file.openTask')}
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
