/**
 * Backup and recovery end to end (issue 8): an administrator makes a backup in 设置, changes a
 * rule, restores the backup with their password and finds the old rule back after signing in
 * again; and a damaged database opens on the recovery screen instead of crashing, offers only
 * the backups that pass every check, and lets the branch sign in again after a restore.
 */
import fs from 'node:fs';
import path from 'node:path';
import { startHarnessProcess } from '../harness/process';
import { expect, expectNoHorizontalOverflow, login, shot, test } from './fixtures';
import { TEMPLATE_ENV } from './template';

test('an administrator backs up, restores the backup with their password, and the old data is back', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await login(page, 'admin', 'admin-pass-1');
  await page.getByRole('menuitem', { name: /设置/ }).click();
  const card = page.locator('.ant-card').filter({ hasText: '备份与恢复' });
  await card.scrollIntoViewIfNeeded();
  await expect(card).toContainText('备份中不含密钥文件');
  await card.getByRole('button', { name: '立即备份' }).click();
  const done = page.getByText(/^备份已完成：callback-desk-\d{4}-\d{2}-\d{2}-\d{6}\.db$/);
  await expect(done).toBeVisible();
  const name = (await done.innerText()).replace('备份已完成：', '');
  await expect(card.getByRole('row').filter({ hasText: name })).toContainText('手动');
  await expectNoHorizontalOverflow(page);
  await shot(page, '80-settings-backups');

  // Work after the backup: the post-approval window now opens on the 8th working day.
  const start = page.getByLabel('窗口开始（第 N 个工作日）');
  const original = await start.inputValue();
  expect(original).not.toBe('8');
  await start.fill('8');
  await page.getByRole('button', { name: '保存规则' }).click();
  await expect(page.getByText(/规则已保存/)).toBeVisible();

  await card.getByRole('button', { name: `从备份 ${name} 恢复` }).click();
  const dialog = page.getByRole('dialog', { name: `从备份 ${name} 恢复` });
  await expect(dialog).toContainText(/此备份通过了全部检查：贷款 500 笔/);
  await expect(dialog).toContainText('备份之后的所有工作都会丢失');
  const confirm = dialog.getByRole('button', { name: /确认恢复/ });
  await expect(confirm).toBeDisabled(); // no password yet
  await dialog.getByLabel('输入您的密码以确认').fill('wrong-password');
  await confirm.click();
  await expect(dialog.getByRole('alert').filter({ hasText: '用户名或密码错误' })).toBeVisible();
  await shot(page, '81-settings-restore-dialog');
  await dialog.getByLabel('输入您的密码以确认').fill('admin-pass-1');
  await dialog.getByLabel('输入您的密码以确认').press('Enter');
  const restored = page.getByRole('dialog').filter({ hasText: `已从备份 ${name} 恢复，请重新登录` });
  await expect(restored).toBeVisible();
  await expect(page.getByLabel('用户名')).toBeVisible(); // signed out
  await shot(page, '82-settings-restored');
  await restored.getByRole('button').click();

  await login(page, 'admin', 'admin-pass-1');
  await page.getByRole('menuitem', { name: /设置/ }).click();
  await expect(page.getByLabel('窗口开始（第 N 个工作日）')).toHaveValue(original);
});

test('a damaged database opens on the recovery screen and a good backup brings the branch back', async ({
  page,
}, testInfo) => {
  const template = process.env[TEMPLATE_ENV]!;
  const dir = testInfo.outputPath('data');
  const backups = path.join(dir, 'backups');
  fs.mkdirSync(backups, { recursive: true });
  const db = path.join(dir, 'branch.db');
  fs.copyFileSync(template, db);
  for (const ext of ['.key', '.sign.key']) fs.copyFileSync(template + ext, db + ext);
  fs.copyFileSync(template, path.join(backups, 'callback-desk-2026-11-18.db'));
  fs.writeFileSync(path.join(backups, 'callback-desk-2026-11-19.db'), 'not a database'); // never offered
  // The disk damages the database: 64 KiB in the middle overwritten.
  const fd = fs.openSync(db, 'r+');
  fs.writeSync(fd, Buffer.alloc(64 * 1024, 0x5a), 0, 64 * 1024, 8 * 4096);
  fs.closeSync(fd);

  const h = await startHarnessProcess(db);
  try {
    await page.goto(h.url);
    const screen = page.getByRole('main', { name: '数据库无法打开' });
    await expect(screen).toContainText('回访工作台没有打开这个数据库文件，也没有改动它。');
    await expect(screen).toContainText(db);
    await expect(screen).toContainText(/(完整性检查未通过|无法打开数据库文件)/);
    const offered = screen.getByRole('listitem').filter({ hasText: /callback-desk-/ });
    await expect(offered).toHaveCount(1);
    await expect(offered).toContainText('callback-desk-2026-11-18.db');
    await expect(page.getByLabel('用户名')).toHaveCount(0); // nobody signs in to a damaged file
    await expectNoHorizontalOverflow(page);
    await shot(page, '83-recovery-screen');

    await screen.getByRole('button', { name: /用此备份恢复 callback-desk-2026-11-18\.db/ }).click();
    const confirm = page.getByRole('dialog').filter({ hasText: '用备份 callback-desk-2026-11-18.db 恢复？' });
    await expect(confirm).toContainText('损坏的文件会保留');
    await confirm.getByRole('button', { name: /确认恢复/ }).click();
    const restored = page.getByRole('dialog').filter({ hasText: '已从备份 callback-desk-2026-11-18.db 恢复，请登录' });
    await expect(restored).toBeVisible();
    await shot(page, '84-recovery-restored');
    await restored.getByRole('button').click();
    await login(page, 'officer1', 'demo1234');
    await expect(page.getByRole('menuitem', { name: /工作台/ })).toBeVisible();
    // The workbench has read the restored file (and stopping the harness cuts no read short).
    const today = page.locator('.ant-statistic').filter({ hasText: '今日待回访' }).locator('.ant-statistic-content');
    await expect(today).toHaveText(/^\d+$/);
    // The damaged file is kept beside the restored one.
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('branch.db.before-restore-'))).toHaveLength(1);
  } finally {
    await page.close(); // what the page still asks is aborted, not refused by a stopped harness
    await h.stop();
  }
});
