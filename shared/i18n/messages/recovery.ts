/** The `recovery` namespace: recovery mode. zh is the default language; en has the same keys. */
import type { Widen } from '../widen';

export const zh = {
  title: '数据库无法打开',
  subtitle: '回访工作台没有打开这个数据库文件，也没有改动它。',
  file: '数据库文件',
  reason: '原因',
  backupsTitle: '可用的备份（均已通过完整性、外键和审计链检查）',
  backupHint: '恢复后，所选备份之后录入的工作会丢失，需要重新办理；损坏的文件会改名保留在原处，以便核查。',
  restore: '用此备份恢复',
  confirmTitle: '用备份 {{name}} 恢复？',
  confirmBody: '备份时间：{{at}}。此后录入的回访和操作将丢失；损坏的文件会保留。',
  confirm: '确认恢复',
  cancel: '取消',
  restored: '已从备份 {{name}} 恢复，请登录。原文件保留为 {{kept}}。',
  noBackups: '没有可用的备份。请不要删除或移动数据库文件，联系网点IT或总行技术支持。',
  notRestorable: '这个问题不能用备份解决。请联系网点IT或总行技术支持，并提供上面的文件路径和原因。',
  recheck: '重新检查',
} as const;

export const en: Widen<typeof zh> = {
  title: 'The database cannot be opened',
  subtitle: 'Callback Desk did not open this database file and has not changed it.',
  file: 'Database file',
  reason: 'Reason',
  backupsTitle: 'Usable backups (each passed the integrity, foreign-key and audit-chain checks)',
  backupHint:
    'After a restore, work entered after the chosen backup is lost and must be done again; the damaged file is renamed and kept beside it for investigation.',
  restore: 'Restore this backup',
  confirmTitle: 'Restore backup {{name}}?',
  confirmBody: 'Backup time: {{at}}. Calls and other work entered after it are lost; the damaged file is kept.',
  confirm: 'Restore',
  cancel: 'Cancel',
  restored: 'Restored from backup {{name}}; please sign in. The old file is kept as {{kept}}.',
  noBackups: 'No usable backup. Do not delete or move the database file; contact branch IT or head-office support.',
  notRestorable:
    'A backup cannot mend this. Contact branch IT or head-office support with the file path and reason above.',
  recheck: 'Check again',
};
