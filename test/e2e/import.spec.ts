/** The import wizard end to end through the harness: GBK CSV and XLSX, errors, history. */
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, expectNoHorizontalOverflow, login, shot, test } from './fixtures';

const FIX = path.resolve(import.meta.dirname, '../fixtures/import');

async function openImport(page: import('@playwright/test').Page, url: string) {
  await page.goto(url);
  await login(page, 'manager1', 'demo1234');
  await page.getByRole('menuitem', { name: /导入/ }).click();
  await expect(page.getByRole('heading', { name: '导入贷款清单' })).toBeVisible();
}

test('a GBK CSV goes through check, preview and confirm, and its loans appear', async ({ page, app }) => {
  let statusAsked = 0;
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/api/imports.status') statusAsked += 1;
  });
  await openImport(page, app.url);
  await page.locator('input[type=file]').setInputFiles(path.join(FIX, 'valid-gbk.csv'));
  await expect(page.getByText('共 12 行：可导入 12 行（新增 12、更新 0、未变 0），有误 0 行')).toBeVisible();
  // The status is polled only while the check reads the file: the preview asks nothing more.
  const asked = statusAsked;
  expect(asked).toBeGreaterThan(0);
  await page.waitForTimeout(1_000);
  expect(statusAsked).toBe(asked);
  await expect(page.getByText(/gb18030/)).toBeVisible();
  // Chinese from the GBK file reads correctly in the preview.
  await expect(page.getByRole('columnheader', { name: '借款人姓名', exact: true })).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await shot(page, '10-import-preview-gbk');
  await page.getByRole('button', { name: '确认导入' }).click();
  await expect(page.getByText('导入完成')).toBeVisible();
  await expect(page.getByText('新增 12 笔，更新 0 笔，未变 0 笔，跳过 0 行。')).toBeVisible();
  await shot(page, '11-import-done');
  await page.getByRole('button', { name: '查看贷款档案' }).click();
  await expect(page.getByTestId('loans-total')).toHaveText('共 512 笔');
  await page.getByLabel('搜索贷款').fill('IMP000001');
  await expect(page.getByTestId('loans-total')).toHaveText('共 1 笔');
});

test('an XLSX imports, and importing it again changes nothing', async ({ page, app }) => {
  await openImport(page, app.url);
  await page.locator('input[type=file]').setInputFiles(path.join(FIX, 'valid.xlsx'));
  await expect(page.getByText(/可导入 12 行（新增 12/)).toBeVisible();
  await page.getByRole('button', { name: '确认导入' }).click();
  await expect(page.getByText('新增 12 笔，更新 0 笔，未变 0 笔，跳过 0 行。')).toBeVisible();
  await page.getByRole('button', { name: '再导入一个文件' }).click();
  await page.locator('input[type=file]').setInputFiles(path.join(FIX, 'valid.xlsx'));
  await expect(page.getByText(/可导入 12 行（新增 0、更新 0、未变 12）/)).toBeVisible();
  await page.getByRole('button', { name: '确认导入' }).click();
  await expect(page.getByText('新增 0 笔，更新 0 笔，未变 12 笔，跳过 0 行。')).toBeVisible();
  await page.getByRole('tab', { name: '导入记录' }).click();
  await expect(page.getByRole('row', { name: /valid\.xlsx/ })).toHaveCount(2);
  await shot(page, '12-import-history');
});

test('loans whose text an earlier XLSX import damaged are pointed out until the extract is imported again', async ({
  page,
  app,
}) => {
  await openImport(page, app.url);
  const notice = page.getByRole('alert').filter({ hasText: '损坏的字符' });
  await page.locator('input[type=file]').setInputFiles(path.join(FIX, 'valid.xlsx'));
  await page.getByRole('button', { name: '确认导入' }).click();
  await expect(page.getByText('新增 12 笔，更新 0 笔，未变 0 笔，跳过 0 行。')).toBeVisible();
  await expect(notice).toHaveCount(0);
  // What the old reader left when a character fell between two chunks.
  const db = new Database(app.dbFile);
  db.prepare(
    `UPDATE parties SET name = substr(name, 1, 1) || char(65533)
     WHERE role = 'borrower' AND loan_id = (SELECT id FROM loans WHERE loan_no = 'IMP000002')`,
  ).run();
  db.close();
  await page.reload();
  await expect(page.getByRole('heading', { name: '导入贷款清单' })).toBeVisible();
  await expect(notice).toContainText('有 1 笔贷款的姓名、单位或房屋坐落中有损坏的字符');
  await expect(notice).toContainText('例如：IMP000002');
  await expectNoHorizontalOverflow(page);
  await shot(page, '14-import-damaged-text');
  await page.locator('input[type=file]').setInputFiles(path.join(FIX, 'valid.xlsx'));
  await expect(page.getByText(/可导入 12 行（新增 0、更新 1、未变 11）/)).toBeVisible();
  await page.getByRole('button', { name: '确认导入' }).click();
  await expect(page.getByText('新增 0 笔，更新 1 笔，未变 11 笔，跳过 0 行。')).toBeVisible();
  await expect(notice).toHaveCount(0);
});

test('a file with errors shows them by row and column, blocks the import, and can skip the bad rows', async ({
  page,
  app,
}) => {
  await openImport(page, app.url);
  await page.locator('input[type=file]').setInputFiles(path.join(FIX, 'bad-dates.csv'));
  await expect(page.getByText(/有误 4 行/)).toBeVisible();
  await expect(page.getByText('第 5 行 · 放款日期：放款日期早于审批日期')).toBeVisible();
  await expect(page.locator('[data-invalid="date_format"]').first()).toBeVisible();
  await expect(page.getByRole('button', { name: '确认导入' })).toBeDisabled();
  await expectNoHorizontalOverflow(page);
  await shot(page, '13-import-preview-errors');
  // Filter the error list by column.
  await page.getByLabel('按列筛选').click();
  await page.locator('.ant-select-item-option[title="放款日期"]').click();
  await expect(page.getByText('第 2 行 · 审批日期：日期无效，应为 YYYY-MM-DD 或 YYYY/M/D')).toHaveCount(0);
  await expect(page.getByText('第 4 行 · 放款日期：日期无效，应为 YYYY-MM-DD 或 YYYY/M/D')).toBeVisible();
  // The rejected rows download as a CSV.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '下载错误行' }).click();
  expect((await download).suggestedFilename()).toBe('bad-dates-错误行.csv');
  await page.getByText('跳过有误的 4 行').click();
  await page.getByRole('button', { name: '确认导入' }).click();
  await expect(page.getByText('新增 1 笔，更新 0 笔，未变 0 笔，跳过 4 行。')).toBeVisible();
});

test('a file that is not a table is refused with a plain reason', async ({ page, app }) => {
  await openImport(page, app.url);
  await page.locator('input[type=file]').setInputFiles(path.join(FIX, 'missing-column.csv'));
  await expect(page.getByText('文件无法导入，请按下列提示修正后重新导出。')).toBeVisible();
  await expect(page.getByText('第 1 行 · 身份证号：缺少必填列')).toBeVisible();
  await expect(page.getByRole('button', { name: '确认导入' })).toBeDisabled();
  await page.getByRole('button', { name: '重新选择文件' }).click();
  await page.locator('input[type=file]').setInputFiles(path.join(FIX, 'garbage.csv'));
  await expect(page.getByText('文件不是 CSV 或 XLSX 表格，无法读取')).toBeVisible();
});

test('officers do not see the import page', async ({ page, app }) => {
  await page.goto(app.url);
  await login(page, 'officer1', 'demo1234');
  await expect(page.getByRole('menuitem', { name: /贷款档案/ })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: /导入/ })).toHaveCount(0);
});

test('the preview masks ID and phone numbers', async ({ page, app }) => {
  await openImport(page, app.url);
  await page.locator('input[type=file]').setInputFiles(path.join(FIX, 'valid-utf8.csv'));
  await expect(page.getByText(/可导入 12 行/)).toBeVisible();
  const body = await page.locator('section[aria-label^="数据预览"]').innerText();
  expect(body).toMatch(/\d{6}\*{8}[\dX]{4}/);
  expect(body).toMatch(/1\d{2}\*{4}\d{4}/);
  expect(body).not.toMatch(/\d{17}[\dX]|1[3-9]\d{9}/);
});
