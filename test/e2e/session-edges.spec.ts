/**
 * The data path at its edges (renderer/src/app/): the next user at the desk, a lock met halfway
 * through an upload, a selection that outlives its tab, and an action refused because the queue
 * moved on. Each test fails on the code before these were handled.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { expect, login, test } from './fixtures';

const rows = (page: Page) => page.locator('.ant-table-tbody .ant-table-row');

test('the next user starts at 工作台, not on the loan the last one had open', async ({ page, app }) => {
  await page.goto(app.url);
  await login(page, 'manager1', 'demo1234');
  await page.getByRole('menuitem', { name: /贷款档案/ }).click();
  const loanNo = (await rows(page).first().locator('.ant-table-cell').first().innerText()).trim();
  await page.goto(`${app.url}#/loans/${encodeURIComponent(loanNo)}`);
  await expect(page.getByText(loanNo).first()).toBeVisible();
  await page.getByRole('button', { name: /退出登录/ }).click();
  await login(page, 'officer1', 'demo1234');
  await expect(page.getByRole('heading', { name: '工作台', exact: true })).toBeVisible();
  await expect(page).toHaveURL(/#\/workbench$/);
});

test('a lock met while a file uploads brings up the lock screen, not a silent return', async ({ page, app }) => {
  await page.goto(app.url);
  await login(page, 'manager1', 'demo1234');
  await page.getByRole('menuitem', { name: /导入/ }).click();
  await expect(page.getByRole('heading', { name: '导入贷款清单' })).toBeVisible();
  // The session locks behind the page's back, the way the idle timer does on the main side.
  await page.evaluate(async () => {
    const r = await window.api!['auth.lock']({});
    if (!r.ok) throw new Error(r.error.message);
  });
  const file = path.resolve(import.meta.dirname, '../fixtures/import/valid.xlsx');
  await page.locator('input[type=file]').setInputFiles(file);
  await expect(page.getByRole('heading', { name: '工作台已锁定' })).toBeVisible();
});

test('a selection belongs to its tab: switching tabs and back starts from none', async ({ page, app }) => {
  await page.goto(app.url);
  await login(page, 'manager1', 'demo1234');
  await page.getByRole('menuitem', { name: /回访任务/ }).click();
  await expect(rows(page).first()).toBeVisible();
  const checks = page.locator('.ant-table-tbody .ant-checkbox-input');
  await checks.nth(0).check();
  await checks.nth(1).check();
  await expect(page.locator('.ant-table-tbody .ant-checkbox-checked')).toHaveCount(2);
  await page.getByRole('tab', { name: /^逾期 \d+$/ }).click();
  await expect(rows(page).first()).toBeVisible();
  await page.getByRole('tab', { name: /^今日 \d+$/ }).click();
  await expect(rows(page).first()).toBeVisible();
  await expect(page.locator('.ant-table-tbody .ant-checkbox-checked')).toHaveCount(0);
});

test('a take refused because another officer took the task meanwhile reloads the queue', async ({ page, app }) => {
  await page.goto(app.url);
  await login(page, 'officer1', 'demo1234');
  await page.getByRole('menuitem', { name: /回访任务/ }).click();
  const take = page.getByRole('button', { name: /^领取 / }).first();
  await expect(take).toBeVisible();
  const loanNo = ((await take.getAttribute('aria-label')) ?? (await take.innerText())).replace(/^领取\s*/, '').trim();
  const row = rows(page).filter({ hasText: loanNo });
  await expect(row).not.toHaveCount(0);
  // officer2 takes every open task of that loan at another desk.
  const db = new Database(app.dbFile);
  db.prepare(
    `UPDATE tasks SET assignee_id = (SELECT id FROM users WHERE username = 'officer2')
      WHERE assignee_id IS NULL AND loan_id = (SELECT id FROM loans WHERE loan_no = ?)`,
  ).run(loanNo);
  db.close();
  await row
    .first()
    .getByRole('button', { name: `领取 ${loanNo}` })
    .click();
  await expect(page.getByText('所选任务中有的已被领取或已结束，请刷新后重试。')).toBeVisible();
  // The queue shows where things stand now: the task is no longer offered from the pool.
  await expect(page.getByRole('button', { name: `领取 ${loanNo}` })).toHaveCount(0);
});
