/** The `workbench` namespace: the officer's workbench (工作台). zh is the default language; en has the same keys. */
import type { Widen } from '../widen';

export const zh = {
  title: '工作台',
  greeting: '{{name}}，今天是 {{date}}',
  today: '今日待回访',
  overdue: '逾期',
  dueSoon: '3 天内到期',
  pool: '待领取（网点）',
  bookedSoon: '一小时内的预约回访',
  noBooked: '一小时内没有预约回访。',
  openQueue: '打开回访任务',
  calendarMissing: '缺少 {{years}} 年的节假日数据，相关任务按周一至周五计算。请管理员在“设置”或命令行导入日历。',
  searchAlertsTitle: '近 7 天号码查询超限',
  searchAlert:
    '{{name}}（{{user}}）{{time}} 按完整手机号或身份证号查询达到上限（每 {{minutes}} 分钟 {{limit}} 次），之后的查询被拒绝。请核实是否为正常工作需要。',
} as const;

export const en: Widen<typeof zh> = {
  title: 'Workbench',
  greeting: '{{name}}, today is {{date}}',
  today: 'To call today',
  overdue: 'Overdue',
  dueSoon: 'Due within 3 days',
  pool: 'In the branch pool',
  bookedSoon: 'Booked callbacks in the next hour',
  noBooked: 'No booked callbacks in the next hour.',
  openQueue: 'Open the callback queue',
  calendarMissing:
    'No holiday data for {{years}}: those tasks assume Mon–Fri. An administrator should import the calendar.',
  searchAlertsTitle: 'Number searches over the limit (last 7 days)',
  searchAlert:
    '{{name}} ({{user}}) reached the limit of searches by full phone or ID number at {{time}} ({{limit}} every {{minutes}} minutes); later searches were refused. Check that this was needed for their work.',
};
