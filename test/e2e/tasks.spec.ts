/** The work queue end to end: today's tasks, filters, phone search, taking pool tasks, reassigning. */
import { expect, expectNoHorizontalOverflow, login, shot, test } from './fixtures';

const rows = (page: import('@playwright/test').Page) => page.locator('.ant-table-tbody .ant-table-row');
/** Click an option in the dropdown that is open now (closed dropdowns stay in the DOM). */
const pick = (page: import('@playwright/test').Page, title: string) =>
  // The newest dropdown is appended last; an older one may still be fading out.
  page
    .locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${title}"]`)
    .last()
    .click();
/** Cells of a virtual table are divs: 0 = selection, 1 loan no, 2 borrower, 3 phone, 4 type, … 6 status, 7 officer. */
const cellTexts = async (page: import('@playwright/test').Page, i: number) => {
  const all: string[] = [];
  for (const row of await rows(page).all()) all.push((await row.locator('.ant-table-cell').nth(i).innerText()).trim());
  expect(all.length).toBeGreaterThan(0);
  return all;
};

test('an officer works today’s queue: filter, search by phone last 4, take a pool task', async ({ page, app }) => {
  await page.goto(app.url);
  await login(page, 'officer1', 'demo1234');
  // The workbench shows today's counts.
  await expect(page.getByText('今日待回访')).toBeVisible();
  await expect(page.getByText('待领取（网点）')).toBeVisible();
  await shot(page, '20-workbench-officer');
  await page.getByRole('menuitem', { name: /回访任务/ }).click();
  const todayTab = page.getByRole('tab', { name: /^今日 \d+$/ });
  await expect(todayTab).toBeVisible();
  const today = Number((await todayTab.innerText()).replace(/\D/g, ''));
  expect(today).toBeGreaterThan(0);
  await expect(rows(page).first()).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await shot(page, '21-tasks-today-officer');

  // Filter by type: every row shows that type.
  await page.getByRole('combobox', { name: '回访类型' }).click();
  await pick(page, '还款提醒');
  // Wait for the filtered list to arrive before reading it.
  await expect(rows(page).first().locator('.ant-table-cell').nth(4)).toHaveText('还款提醒');
  await expect(rows(page).locator('.ant-table-cell:nth-child(5)', { hasText: /^(?!还款提醒$)/ })).toHaveCount(0);
  for (const text of await cellTexts(page, 4)) expect(text).toBe('还款提醒');
  await page.getByRole('combobox', { name: '回访类型' }).click();
  await pick(page, '全部类型');

  // Search by the last 4 digits of a borrower's phone.
  const phone = (await cellTexts(page, 3))[0]!;
  const last4 = phone.slice(-4);
  const before = await page.getByTestId('tasks-total').innerText();
  await page.getByLabel('搜索任务').fill(last4);
  await expect(page.getByTestId('tasks-total')).not.toHaveText(before);
  await expect(rows(page).first()).toBeVisible();
  // A 4-digit search matches phone last 4, or those digits inside a loan number.
  const phones = await cellTexts(page, 3);
  const loans = await cellTexts(page, 1);
  phones.forEach((p, i) => expect(p.endsWith(last4) || loans[i]!.includes(last4), `${p} ${loans[i]}`).toBe(true));
  expect(phones.some((p) => p === phone)).toBe(true);
  await page.getByLabel('搜索任务').fill('');

  // Take the first pool task.
  const first = rows(page).first();
  const loanNo = (await first.locator('.ant-table-cell').nth(1).innerText()).trim();
  await first.getByRole('button', { name: `领取 ${loanNo}` }).click();
  await expect(page.getByText('已领取 1 个任务')).toBeVisible();
  await page.getByText('我的', { exact: true }).click();
  await expect(rows(page).filter({ hasText: loanNo }).first()).toContainText('王芳');
  await shot(page, '22-tasks-taken');
});

test('a manager assigns tasks and moves an officer’s open tasks to a colleague', async ({ page, app }) => {
  await page.goto(app.url);
  await login(page, 'manager1', 'demo1234');
  await page.getByRole('menuitem', { name: /回访任务/ }).click();
  await expect(rows(page).first()).toBeVisible();
  // Select two tasks and give them to 王芳 (officer1).
  await rows(page).nth(0).locator('input[type=checkbox]').check();
  await rows(page).nth(1).locator('input[type=checkbox]').check();
  await page.getByLabel('分配所选（2）给…').click();
  await pick(page, '王芳');
  await expect(page.getByText('已分配 2 个任务')).toBeVisible();
  // 王芳 goes on leave: everything of hers moves to 刘洋 (officer3).
  await page.getByRole('button', { name: '批量转派' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('从回访员').click();
  await pick(page, '王芳');
  await dialog.getByLabel('转给').click();
  await pick(page, '刘洋');
  await dialog.getByRole('button', { name: '确定转派' }).click();
  await expect(page.getByText('已转派 2 个任务')).toBeVisible();
  await page.getByRole('combobox', { name: '回访员', exact: true }).click();
  await pick(page, '刘洋');
  // Both tasks came from 今日 and 刘洋 had none: now exactly those two are his, in 今日.
  await page.getByRole('tab', { name: /^今日/ }).click();
  await expect(page.getByTestId('tasks-total')).toHaveText('共 2 个');
  await expect(rows(page)).toHaveCount(2);
  for (const text of await cellTexts(page, 7)) expect(text).toBe('刘洋');
  await expectNoHorizontalOverflow(page);
  await shot(page, '23-tasks-manager-reassigned');
});

test('a manager creates a special-event callback with a reason', async ({ page, app }) => {
  await page.goto(app.url);
  await login(page, 'manager1', 'demo1234');
  await page.getByRole('menuitem', { name: /贷款档案/ }).click();
  const loanNo = (await page.locator('.ant-table-row').first().locator('.ant-table-cell').first().innerText()).trim();
  await page.getByRole('menuitem', { name: /回访任务/ }).click();
  await page.getByRole('button', { name: '新建特殊情况回访' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('贷款编号').fill(loanNo);
  await dialog.getByLabel('原因说明').fill('借款人来电反映单位裁员，收入下降');
  await dialog.getByRole('button', { name: '创建任务' }).click();
  await expect(page.getByText('已创建特殊情况回访任务')).toBeVisible();
  await page.getByLabel('搜索任务').fill(loanNo);
  const row = rows(page).filter({ hasText: '特殊情况回访' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('收入变化');
  await shot(page, '24-event-task');
  // An unknown loan number is refused in plain words.
  await page.getByRole('button', { name: '新建特殊情况回访' }).click();
  await dialog.getByLabel('贷款编号').fill('NO-SUCH-LOAN');
  await dialog.getByLabel('原因说明').fill('测试');
  await dialog.getByRole('button', { name: '创建任务' }).click();
  await expect(dialog.getByRole('alert')).toContainText('找不到贷款 NO-SUCH-LOAN');
});
