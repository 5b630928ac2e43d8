/**
 * 报表 end to end: a manager reads a past week of the demo history (KPIs with their parts), opens
 * the records behind an officer from the table (the keyboard way to the chart drill-down), exports
 * the weekly XLSX and CSV, sees an empty week explained and a failed read retried, and reads the page
 * in English; an officer who types its address lands on the workbench instead.
 */
import fs from 'node:fs';
import type { Route } from '@playwright/test';
import ExcelJS from 'exceljs';
import { addWeeks, isoWeekOf } from '../../shared/domain/weeks';
import { expect, expectNoHorizontalOverflow, login, shot, test } from './fixtures';
import { AS_OF } from './template';

/** The demo history ends on AS_OF: its week has finalized records. */
const WEEK = isoWeekOf(AS_OF);

test('a manager reads a past week and drills into an officer’s records', async ({ page, app }) => {
  await page.goto(app.url);
  await login(page, 'manager1', 'demo1234');
  await page.getByRole('menuitem', { name: /报表/ }).click();
  await expect(page.getByRole('heading', { name: '报表' })).toBeVisible();
  await expect(page.getByRole('button', { name: /导出周报/ })).toBeVisible();

  // Open the week after, then step back with the keyboard-friendly button.
  await page.goto(`${app.url}#/reports?week=${addWeeks(WEEK, 1)}`);
  await expect(page.getByRole('region', { name: '报表' })).toHaveAttribute('aria-busy', 'false');
  await page.getByRole('button', { name: '上一周' }).click();
  const n = Number(WEEK.slice(-2));
  await expect(page.getByLabel('统计周')).toHaveValue(new RegExp(`^${WEEK.slice(0, 4)} 年第 ${n} 周（`));
  await expect(page).toHaveURL(new RegExp(`week=${WEEK}`));

  // The branch KPIs: a real rate with its numerator and denominator.
  const completion = page.getByTestId('kpi-completion');
  await expect(page.getByTestId('kpi-completion-value')).toHaveText(/^\d+(\.\d)?%$/);
  const parts = /完成 (\d+) \/ 应完成 (\d+)/.exec(await completion.innerText());
  expect(parts, 'completion shows its parts').not.toBeNull();
  expect(Number(parts![2])).toBeGreaterThan(0);
  await expect(page.getByTestId('kpi-discrepancy-value')).toHaveText(/^(\d+(\.\d)?%|—)$/);
  await expect(page.getByTestId('kpi-overdue-value')).toHaveText(/^\d+$/);
  await expect(page.getByTestId('kpi-averageHandle-value')).toHaveText(/^(\d+:\d{2}|—)$/);
  await expect(completion).toContainText('上周');
  // The charts are labelled canvases with a text alternative.
  await expect(page.getByRole('img', { name: /按回访员/ })).toBeVisible();
  await expect(page.getByRole('img', { name: '近 8 周完成率与异常率' })).toBeVisible();
  await expect(page.locator('caption', { hasText: '近 8 周完成率与异常率' })).toHaveCount(1);
  await expectNoHorizontalOverflow(page);
  // No tooltip over the picture: the focus leaves the week buttons.
  await page.mouse.move(700, 300);
  await page.getByRole('button', { name: '上一周' }).blur();
  await expect(page.getByRole('tooltip', { name: '上一周' })).toBeHidden();
  await shot(page, '50-reports-dashboard');

  // Drill down from the per-officer table (buttons, so the keyboard gets there too).
  const table = page.getByRole('tabpanel', { name: '按回访员' });
  await table.scrollIntoViewIfNeeded();
  const details = table.getByRole('button', { name: /^查看.+在该周提交的记录（[1-9]\d* 条）$/ }).first();
  const label = (await details.getAttribute('aria-label'))!;
  const [, officer, count] = /^查看(.+)在该周提交的记录（(\d+) 条）$/.exec(label)!;
  await details.focus();
  await page.keyboard.press('Enter');
  const drawer = page.getByRole('dialog', { name: `${officer} · 已提交的记录` });
  await expect(drawer).toBeVisible();
  const rows = drawer.locator('.ant-table-tbody .ant-table-row');
  await expect(rows.first()).toBeVisible();
  await expect(drawer).toContainText(`共 ${count} 条`);
  expect(await rows.count()).toBe(Math.min(Number(count), 50));
  // Every row is one of that officer's records; loan numbers open the loan file.
  await expect(rows.filter({ hasNotText: officer! })).toHaveCount(0);
  const loan = rows.first().getByRole('link');
  const loanNo = (await loan.innerText()).trim();
  await expect(loan).toHaveAttribute('href', `#/loans/${loanNo}`);
  await expectNoHorizontalOverflow(page);
  await shot(page, '51-reports-drilldown');
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();

  // Only the records with a mismatch, when the officer has any.
  const bad = table.getByRole('button', { name: /在该周核实异常的记录（[1-9]\d* 条）$/ }).first();
  if ((await bad.count()) > 0) {
    await bad.click();
    const badDrawer = page.getByRole('dialog', { name: /核实异常的记录$/ });
    await expect(badDrawer.locator('.ant-table-tbody .ant-table-row').first()).toBeVisible();
    const cells = badDrawer.locator('.ant-table-tbody .ant-table-row td:nth-child(6)');
    for (const text of await cells.allInnerTexts()) expect(text.trim()).not.toBe('—');
    await page.keyboard.press('Escape');
    await expect(badDrawer).toBeHidden();
  }

  // The same drawer from the chart: a click on the first officer's completion bar (the upper bar
  // of the first category; bars start at the axis and the first one reaches past 40 % here).
  const tableRows = table.locator('.ant-table-tbody .ant-table-row');
  const first = (await tableRows.first().locator('td').first().innerText()).trim();
  const chart = page.getByRole('img', { name: /^按回访员/ });
  await chart.scrollIntoViewIfNeeded();
  const box = (await chart.boundingBox())!;
  const band = (box.height - 28 - 4 - 22) / (await tableRows.count());
  const at = { x: box.x + box.width * 0.4, y: box.y + 28 + band / 2 - 7 };
  // Hover first: the chart's tooltip naming the officer shows the pointer is on that bar. The chart
  // may still be settling after the drawer closed, so move away and back until the tooltip shows.
  let tries = 0;
  await expect(async () => {
    const dy = [0, -5, 5, -10][tries++ % 4]!;
    await page.mouse.move(box.x + 2, box.y + 2);
    await page.mouse.move(at.x, at.y + dy, { steps: 4 });
    await expect(chart.getByText(first)).toBeVisible({ timeout: 2000 });
    at.y += dy;
  }).toPass({ timeout: 30_000 });
  await page.mouse.click(at.x, at.y);
  const fromChart = page.getByRole('dialog', { name: `${first} · 已提交的记录` });
  await expect(fromChart.locator('.ant-table-tbody .ant-table-row').first()).toBeVisible();

  // From the drawer to the loan file, and back to the same week.
  const link = fromChart.getByRole('link').first();
  const linkedLoan = (await link.innerText()).trim();
  await link.click();
  await expect(page).toHaveURL(new RegExp(`#/loans/${linkedLoan}$`));
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`week=${WEEK}`));
  await expect(page.getByTestId('kpi-completion-value')).toHaveText(/^\d+(\.\d)?%$/);
});

test('a manager exports the weekly summary (XLSX) and the details (CSV) of the week on screen', async ({
  page,
  app,
}, testInfo) => {
  await page.goto(app.url);
  await login(page, 'manager1', 'demo1234');
  await expect(page.getByRole('menuitem', { name: /报表/ })).toBeVisible();
  await page.goto(`${app.url}#/reports?week=${WEEK}`);
  await expect(page.getByTestId('kpi-completion-value')).toHaveText(/^\d+(\.\d)?%$/);
  // Records finalized in the week, as the dashboard counts them.
  const records = Number(/记录 (\d+)/.exec(await page.getByTestId('kpi-discrepancy').innerText())![1]);
  expect(records).toBeGreaterThan(0);

  // The weekly summary as XLSX: the sheets head office expects.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: /导出周报/ }).click();
  const xlsx = await download;
  expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
  const file = testInfo.outputPath('weekly.xlsx');
  await xlsx.saveAs(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const sheets = wb.worksheets.map((s) => s.name);
  for (const name of ['概览', '按回访员', '按回访类型', '风险标记', '明细']) expect(sheets).toContain(name);
  // 明细 holds one row per record finalized in the week, below its header: the dashboard's count.
  expect(wb.getWorksheet('明细')!.actualRowCount - 1).toBe(records);
  // 按回访员: the officers' (and the pool's) records add up to the branch total row.
  const byOfficer = wb.getWorksheet('按回访员')!;
  const header = (byOfficer.getRow(1).values as unknown[]).map(String);
  const col = header.indexOf('提交记录数');
  expect(col).toBeGreaterThan(0);
  let sum = 0;
  let total: number | null = null;
  byOfficer.eachRow((row, n) => {
    if (n === 1) return;
    const v = Number(row.getCell(col).value ?? 0);
    if (String(row.getCell(1).value) === '合计（全网点）') total = v;
    else sum += v;
  });
  expect(total).toBe(records);
  expect(sum).toBe(records);
  // No text cell in any sheet starts like a formula (=, +, -, @, tab, CR).
  for (const ws of wb.worksheets)
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        expect(cell.formula, `${ws.name}!${cell.address}`).toBeUndefined();
        if (typeof cell.value === 'string')
          expect(cell.value, `${ws.name}!${cell.address}`).not.toMatch(/^[=+\-@\t\r]/);
      }),
    );
  await expect(page.getByText(/^已导出 .+\.xlsx$/)).toBeVisible();

  // The details as CSV.
  const csvDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: /导出明细/ }).click();
  const csv = await csvDownload;
  expect(csv.suggestedFilename()).toMatch(/\.csv$/);
  const csvFile = testInfo.outputPath('details.csv');
  await csv.saveAs(csvFile);
  const csvText = fs.readFileSync(csvFile, 'utf8');
  expect(csvText.charCodeAt(0), 'UTF-8 with BOM').toBe(0xfeff);
  expect(csvText.trim().split(/\r?\n/).length - 1).toBe(records);
});

test('a dashboard that could not be read says so, and 重试 reads it again', async ({ page, app }) => {
  await page.goto(app.url);
  await login(page, 'manager1', 'demo1234');
  await expect(page.getByRole('menuitem', { name: /报表/ })).toBeVisible();
  // The first read of the dashboard meets a service that went away; the next one gets through.
  let failed = 0;
  await page.route('**/api/reports.dashboard', async (route: Route) => {
    if (failed++ > 0) return route.continue();
    await route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ ok: false, error: { code: 'unavailable', message: 'errors.network' } }),
    });
  });
  await page.goto(`${app.url}#/reports?week=${WEEK}`);
  const region = page.getByRole('region', { name: '报表' });
  await expect(region.getByRole('alert')).toContainText('无法连接到工作台服务');
  await expect(page.getByTestId('kpi-completion')).toHaveCount(0);
  await region.getByRole('button', { name: /^重\s*试$/ }).click();
  await expect(page.getByTestId('kpi-completion-value')).toHaveText(/^\d+(\.\d)?%$/);
  await expect(region.getByRole('alert')).toHaveCount(0);
  await expect(region.getByRole('button', { name: /^重\s*试$/ })).toHaveCount(0);
  expect(failed).toBe(2);
  await page.unrouteAll({ behavior: 'ignoreErrors' });
});

test('a week without data says what to do next', async ({ page, app }) => {
  await page.goto(app.url);
  await login(page, 'manager1', 'demo1234');
  await expect(page.getByRole('menuitem', { name: /报表/ })).toBeVisible();
  await page.goto(`${app.url}#/reports?week=2025-W02`);
  await expect(page.getByText(/2025 年第 2 周（01-06 ~ 01-12）还没有回访数据/)).toBeVisible();
  await expect(page.getByText(/可以选择更早的一周查看历史数据/)).toBeVisible();
  await expect(page.getByTestId('kpi-completion')).toHaveCount(0);
  await page.getByRole('button', { name: '打开回访任务' }).click();
  await expect(page).toHaveURL(/#\/tasks$/);
});

test('the dashboard in English at 1366×768', async ({ page, app }) => {
  await page.goto(app.url);
  await login(page, 'manager1', 'demo1234');
  await expect(page.getByRole('menuitem', { name: /报表/ })).toBeVisible();
  await page.evaluate(() => localStorage.setItem('callback-desk.language', 'en'));
  await page.goto(`${app.url}#/reports?week=${WEEK}`);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Reports' })).toBeVisible();
  await expect(page.getByTestId('kpi-completion')).toContainText('Completion rate');
  await expect(page.getByTestId('kpi-completion-value')).toHaveText(/^\d+(\.\d)?%$/);
  await expect(page.getByLabel('Week', { exact: true })).toHaveValue(new RegExp(`^Week ${Number(WEEK.slice(-2))}, `));
  await expect(page.getByRole('button', { name: /Export weekly summary \(XLSX\)/ })).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await shot(page, '52-reports-en');
});

test('officers do not see the dashboard', async ({ page, app }) => {
  await page.goto(app.url);
  await login(page, 'officer1', 'demo1234');
  await expect(page.getByRole('menuitem', { name: /回访任务/ })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: /报表/ })).toHaveCount(0);
  // The address alone does not open it either (issue #17): the officer lands on the workbench.
  await page.goto(`${app.url}#/reports?week=${WEEK}`);
  await expect(page).toHaveURL(/#\/workbench$/);
  await expect(page.getByRole('region', { name: '工作台' })).toBeVisible();
  await expect(page.getByRole('region', { name: '报表' })).toHaveCount(0);
  await expect(page.getByTestId('kpi-completion')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /导出周报/ })).toHaveCount(0);
});
