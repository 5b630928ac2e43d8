/** The `cli` namespace: the command-line tool. zh is the default language; en has the same keys. */
import type { Widen } from '../widen';

export const zh = {
  scriptsValid: '✔ {{n}} 个回访脚本全部通过校验',
  scriptsInvalid: '✘ {{n}} 个回访脚本未通过校验',
  auditValid: '✔ 审计日志完整：{{n}} 条，哈希链无断裂',
  auditBroken: '✘ 审计日志在第 {{seq}} 条处断裂（{{reason}}）：该条或其之前的记录被改动过',
  initDone: '✔ 网点 {{code}} {{name}} 已初始化，管理员 {{admin}}',
  userAdded: '✔ 用户 {{username}}（{{displayName}}，{{role}}）已创建',
  seedDone:
    '✔ 演示数据：新增 {{loans}} 笔贷款（跳过已存在 {{skipped}} 笔），新增用户 {{users}}；回访历史：拨打 {{attempts}} 次，回访记录 {{records}} 份，升级 {{escalated}} 个任务，风险提示 {{flags}} 条；密码 demo1234',
  importDone: '✔ 导入完成：新增 {{imported}}，更新 {{updated}}，未变 {{unchanged}}，跳过错误行 {{rejected}}',
  dryRun: '✔ 试导入（未写入）：新增 {{new}}，更新 {{updated}}，未变 {{unchanged}}',
  tasksGenerated: '✔ 回访任务：新增 {{created}}，更新 {{updated}}，未变 {{unchanged}}',
  noTasks: '（没有符合条件的任务）',
  calendarImported: '✔ 已导入 {{years}} 年日历（{{days}} 天）；任务更新 {{updated}}',
  none: '无',
  backupDone: '✔ 备份已写入 {{file}}（{{bytes}} 字节）。请另行备份密钥文件（.key、.sign.key），备份中不含密钥。',
  restoreDone: '✔ 已从 {{from}} 恢复到 {{file}}；原数据库保留为 {{kept}}',
} as const;

export const en: Widen<typeof zh> = {
  scriptsValid: '✔ all {{n}} call scripts are valid',
  scriptsInvalid: '✘ {{n}} call script(s) failed validation',
  auditValid: '✔ audit log intact: {{n}} entries, hash chain unbroken',
  auditBroken: '✘ audit log broken at entry {{seq}} ({{reason}}): that entry or an earlier one was changed',
  initDone: '✔ Branch {{code}} {{name}} initialized; administrator {{admin}}',
  userAdded: '✔ User {{username}} ({{displayName}}, {{role}}) created',
  seedDone:
    '✔ Demo data: {{loans}} loans added ({{skipped}} already there), users added: {{users}}; call history: {{attempts}} attempts, {{records}} records, {{escalated}} escalated tasks, {{flags}} risk flags; password demo1234',
  importDone: '✔ Imported: {{imported}} new, {{updated}} updated, {{unchanged}} unchanged, {{rejected}} rows skipped',
  dryRun: '✔ Dry run (nothing written): {{new}} new, {{updated}} changed, {{unchanged}} unchanged',
  tasksGenerated: '✔ Callback tasks: {{created}} created, {{updated}} updated, {{unchanged}} unchanged',
  noTasks: '(no matching tasks)',
  calendarImported: '✔ Imported the {{years}} calendar ({{days}} days); {{updated}} tasks updated',
  none: 'none',
  backupDone:
    '✔ backup written to {{file}} ({{bytes}} bytes). Back up the key files (.key, .sign.key) separately: backups hold no keys.',
  restoreDone: '✔ restored {{file}} from {{from}}; the replaced database is kept as {{kept}}',
};
