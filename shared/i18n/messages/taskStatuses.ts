/** The `taskStatuses` namespace: the task statuses (shared vocabulary). zh is the default language; en has the same keys. */
import type { Widen } from '../widen';

export const zh = {
  open: '待回访',
  in_progress: '进行中',
  completed: '已完成',
  escalated: '已升级',
  cancelled: '已取消',
} as const;

export const en: Widen<typeof zh> = {
  open: 'Open',
  in_progress: 'In progress',
  completed: 'Completed',
  escalated: 'Escalated',
  cancelled: 'Cancelled',
};
