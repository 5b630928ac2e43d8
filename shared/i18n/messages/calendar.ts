/** The `calendar` namespace: the holiday calendar card (设置 › 节假日日历). zh is the default language; en has the same keys. */
import type { Widen } from '../widen';

export const zh = {
  title: '节假日日历',
  years: '已有数据的年份：{{from}}–{{to}}（共 {{count}} 年）',
  missing: '缺少 {{years}} 年的数据：相关任务暂按周一至周五计算。',
  ok: '当前任务所需年份的日历数据齐全。',
  import: '导入日历文件（CSV 或 JSON）',
  format: 'CSV 表头为 date,kind,name；kind 为 holiday（放假）或 workday（调休上班）。导入某年会整体替换该年数据。',
  imported: '已导入 {{years}} 年日历（{{days}} 天）',
  errors: '日历文件有误，未导入：',
} as const;

export const en: Widen<typeof zh> = {
  title: 'Holiday calendar',
  years: 'Years with data: {{from}}–{{to}} ({{count}} years)',
  missing: 'No data for {{years}}: those tasks assume Mon–Fri for now.',
  ok: 'Calendar data covers every year current tasks need.',
  import: 'Import a calendar file (CSV or JSON)',
  format:
    'CSV header date,kind,name; kind is holiday or workday (make-up working day). Importing a year replaces that year.',
  imported: 'Imported the {{years}} calendar ({{days}} days)',
  errors: 'The calendar file has errors; nothing was imported:',
};
