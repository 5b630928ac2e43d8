/** The foundation slice end to end: sign in, see the branch's loans, language, errors, lockout. */
import { expect, expectNoHorizontalOverflow, login, shot, test } from './fixtures';

const MASKED_ID = /^\d{6}\*{8}[\dX]{4}$/;
const MASKED_PHONE = /^1\d{2}\*{4}\d{4}$/;

test('an officer signs in and sees the branch’s 500 loans, masked, in Chinese', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByRole('heading', { name: '回访工作台' })).toBeVisible();
  await expect(page.getByText('杭州西湖支行')).toBeVisible();
  await shot(page, '01-login-zh');
  await login(page, 'officer1', 'demo1234');
  await expect(page.locator('header').getByText('王芳')).toBeVisible();
  await expect(page.getByRole('menuitem', { name: /贷款档案/ })).toBeVisible();
  // Officers do not get the manager pages.
  await expect(page.getByRole('menuitem', { name: /复核/ })).toHaveCount(0);
  await page.getByRole('menuitem', { name: /贷款档案/ }).click();
  await expect(page.getByTestId('loans-total')).toHaveText('共 500 笔');
  const firstRow = page.locator('.ant-table-row').first();
  await expect(firstRow).toBeVisible();
  const cells = firstRow.locator('.ant-table-cell');
  await expect(cells.nth(2)).toHaveText(MASKED_ID);
  await expect(cells.nth(3)).toHaveText(MASKED_PHONE);
  await expect(cells.nth(1)).toHaveText(/^\p{Script=Han}{1,2}\*+$/u);
  // Virtualized: far fewer rows in the DOM than loans in the list.
  expect(await page.locator('.ant-table-row').count()).toBeLessThan(100);
  await expectNoHorizontalOverflow(page);
  await shot(page, '02-loans-zh-1366x768');
});

test('search narrows the list by loan number and by borrower surname', async ({ page, app }) => {
  await page.goto(app.url);
  await login(page, 'officer2', 'demo1234');
  await page.getByRole('menuitem', { name: /贷款档案/ }).click();
  await expect(page.getByTestId('loans-total')).toHaveText('共 500 笔');
  const loanNo = (await page.locator('.ant-table-row').first().locator('.ant-table-cell').first().innerText()).trim();
  const search = page.getByRole('searchbox', { name: '搜索贷款' }).or(page.getByLabel('搜索贷款'));
  await search.first().fill(loanNo);
  await expect(page.getByTestId('loans-total')).toHaveText('共 1 笔');
  await expect(page.locator('.ant-table-row').first()).toContainText(loanNo);
  await search.first().fill('不存在的人');
  await expect(page.getByText('没有符合“不存在的人”的贷款')).toBeVisible();
  await shot(page, '03-loans-no-match');
});

test('the language switch turns the whole UI to English and back', async ({ page, app }) => {
  await page.goto(app.url);
  await login(page, 'manager1', 'demo1234');
  await page.getByRole('menuitem', { name: /贷款档案/ }).click();
  await expect(page.getByTestId('loans-total')).toHaveText('共 500 笔');
  await page.getByText('English', { exact: true }).click();
  await expect(page.getByRole('menuitem', { name: /Loan files/ })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: /Review/ })).toBeVisible();
  await expect(page.getByTestId('loans-total')).toHaveText('500 loans');
  await expect(page.getByRole('columnheader', { name: 'ID number' })).toBeVisible();
  await expect(page.getByText('Branch manager')).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await shot(page, '04-loans-en-1366x768');
  // The choice survives a reload, and switching back restores Chinese.
  await page.reload();
  await expect(page.getByRole('menuitem', { name: /Loan files/ })).toBeVisible();
  await page.getByText('中文', { exact: true }).click();
  await expect(page.getByRole('menuitem', { name: /贷款档案/ })).toBeVisible();
});

test('a wrong password shows a plain error and no session starts', async ({ page, app }) => {
  await page.goto(app.url);
  await login(page, 'officer1', 'wrong-password');
  await expect(page.getByRole('alert')).toContainText('用户名或密码错误');
  await expect(page.getByRole('menuitem', { name: /贷款档案/ })).toHaveCount(0);
  await shot(page, '05-wrong-password');
});

test('five wrong passwords lock the account, even against the right password', async ({ page, app }) => {
  await page.goto(app.url);
  for (let i = 0; i < 4; i++) {
    await login(page, 'officer3', `wrong-${i}`);
    await expect(page.getByRole('alert')).toContainText('用户名或密码错误');
  }
  await login(page, 'officer3', 'wrong-4');
  await expect(page.getByRole('alert')).toContainText('账号已锁定');
  await login(page, 'officer3', 'demo1234');
  await expect(page.getByRole('alert')).toContainText('账号已锁定');
  await expect(page.getByRole('menuitem', { name: /贷款档案/ })).toHaveCount(0);
  await shot(page, '06-account-locked');
});

test('locking the workbench hides data until the same user unlocks it', async ({ page, app }) => {
  await page.goto(app.url);
  await login(page, 'officer1', 'demo1234');
  await page.getByRole('button', { name: /锁\s*定/ }).click();
  await expect(page.getByRole('heading', { name: '工作台已锁定' })).toBeVisible();
  await expect(page.getByRole('menuitem')).toHaveCount(0);
  await shot(page, '07-locked');
  await page.getByLabel('密码').fill('demo1234');
  await page.getByRole('button', { name: /解\s*锁/ }).click();
  await expect(page.getByRole('menuitem', { name: /贷款档案/ })).toBeVisible();
});

test('ten idle minutes lock the workbench by themselves', async ({ page, app }) => {
  await page.clock.install();
  await page.goto(app.url);
  await login(page, 'officer1', 'demo1234');
  await page.getByRole('menuitem', { name: /贷款档案/ }).click();
  await expect(page.getByTestId('loans-total')).toHaveText('共 500 笔');
  await page.clock.fastForward('09:00');
  await expect(page.getByRole('menuitem', { name: /贷款档案/ })).toBeVisible();
  await page.clock.fastForward('01:30');
  await expect(page.getByRole('heading', { name: '工作台已锁定' })).toBeVisible();
  await expect(page.getByText('王芳，为保护客户信息')).toBeVisible();
});

test('a session that ended elsewhere sends the user back to sign in', async ({ page, app }) => {
  await page.goto(app.url);
  await login(page, 'officer1', 'demo1234');
  await expect(page.getByRole('menuitem', { name: /贷款档案/ })).toBeVisible();
  // Sign out behind the page's back (as a restart of the main process would).
  const token = new URL(app.url).searchParams.get('token');
  await page.request.post(new URL('/api/auth.logout', app.url).href, {
    headers: { authorization: `Bearer ${token}` },
    data: {},
  });
  // The next call the page makes (here: opening the loans page) finds the session gone.
  await page.evaluate(() => (window.location.hash = '#/loans'));
  await expect(page.getByLabel('用户名')).toBeVisible();
});
