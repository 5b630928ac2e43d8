/** The `backup` namespace: backups and restore (设置 › 备份与恢复, the recovery screen). zh is the default language; en has the same keys. */
import type { Widen } from '../widen';

export const zh = {
  title: '备份与恢复',
  intro: '每天首次启动时自动备份一次；自动备份和手动备份各保留最近 {{keep}} 份。备份文件夹：{{dir}}',
  keysNote: '备份中不含密钥文件（.key、.sign.key），请按网点制度另行保管密钥。',
  now: '立即备份',
  made: '备份已完成：{{name}}',
  name: '备份文件',
  at: '备份时间',
  kind: '类型',
  size: '大小',
  empty: '还没有备份。点击“立即备份”创建第一份。',
  kindDaily: '每日自动',
  kindManual: '手动',
  restore: {
    action: '恢复…',
    title: '从备份 {{name}} 恢复',
    checking: '正在检查备份（完整性、外键、审计链）…',
    summary:
      '此备份通过了全部检查：贷款 {{loans}} 笔，回访记录 {{records}} 份，审计日志 {{audit}} 条，最后一次操作 {{last}}。',
    warning:
      '恢复会用此备份替换当前数据库：备份之后的所有工作都会丢失，所有用户需要重新登录。当前数据库会改名保留在原处。',
    password: '输入您的密码以确认',
    confirm: '确认恢复',
    cancel: '取消',
    done: '已从备份 {{name}} 恢复，请重新登录。原数据库保留为 {{kept}}。',
  },
} as const;

export const en: Widen<typeof zh> = {
  title: 'Backup and restore',
  intro:
    'A backup is made at the first start of each day; the newest {{keep}} of each kind (automatic and manual) are kept. Backup folder: {{dir}}',
  keysNote: 'Backups hold no key files (.key, .sign.key); keep the keys separately as branch rules require.',
  now: 'Back up now',
  made: 'Backup made: {{name}}',
  name: 'Backup file',
  at: 'Made at',
  kind: 'Kind',
  size: 'Size',
  empty: 'No backups yet. Click “Back up now” to make the first one.',
  kindDaily: 'Daily',
  kindManual: 'Manual',
  restore: {
    action: 'Restore…',
    title: 'Restore from backup {{name}}',
    checking: 'Checking the backup (integrity, foreign keys, audit chain)…',
    summary:
      'This backup passed every check: {{loans}} loans, {{records}} call records, {{audit}} audit entries, last activity {{last}}.',
    warning:
      'Restoring replaces the current database with this backup: all work after it is lost and everyone must sign in again. The current database is renamed and kept beside it.',
    password: 'Enter your password to confirm',
    confirm: 'Restore',
    cancel: 'Cancel',
    done: 'Restored from backup {{name}}; please sign in again. The old database is kept as {{kept}}.',
  },
};
