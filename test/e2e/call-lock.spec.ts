/**
 * A lock during a call (issue #17 item 5): a draft save answered `locked` brings up the lock screen,
 * not "draft not saved", and the edit typed at that moment is saved once the officer unlocks.
 */
import { expect, login, openFreshCall, test } from './fixtures';

test('a checklist edit after the session locked shows the lock screen and is saved after unlock', async ({
  page,
  app,
}) => {
  const taskId = await openFreshCall(page, app.url);
  await page.getByRole('button', { name: '开始拨打' }).click();
  const checklist = page.getByRole('region', { name: '核实清单' });
  const employer = checklist.getByRole('group', { name: '工作单位及职务' });
  await employer.getByLabel('工作单位及职务 客户陈述').fill('已跳槽到杭州某科技公司');
  await expect(page.getByTestId('draft-status')).toHaveText(/已保存/);

  // The session locks behind the page's back, the way the idle timer does on the main side.
  await page.evaluate(async () => {
    const r = await window.api!['auth.lock']({});
    if (!r.ok) throw new Error(r.error.message);
  });
  await employer.getByLabel('工作单位及职务 说明').fill('上月换工作，未告知银行');
  await expect(page.getByRole('heading', { name: '工作台已锁定' })).toBeVisible();
  await expect(page.getByText('草稿保存失败')).toHaveCount(0);

  await page.getByLabel('密码').fill('demo1234');
  await page.getByRole('button', { name: /解\s*锁/ }).click();
  await expect(page.getByRole('heading', { name: '回访通话' })).toBeVisible();
  await expect(page.getByText('发现未完成的回访')).toBeVisible();
  // The edit typed while locked reached the draft on the main side.
  const saved = await page.evaluate(async (id) => {
    const r = await window.api!['calls.open']({ taskId: id });
    if (!r.ok) throw new Error(r.error.message);
    return r.value.draft?.state?.items;
  }, taskId);
  expect(Object.values(saved ?? {}).some((e) => e.note === '上月换工作，未告知银行')).toBe(true);
  await page.getByRole('button', { name: '继续上次的回访' }).click();
  const line = page.getByRole('region', { name: '核实清单' }).getByRole('group', { name: '工作单位及职务' });
  await expect(line.getByLabel('工作单位及职务 客户陈述')).toHaveValue('已跳槽到杭州某科技公司');
  await expect(line.getByLabel('工作单位及职务 说明')).toHaveValue('上月换工作，未告知银行');
  await expect(page.getByTestId('draft-status')).not.toHaveText(/保存失败/);
});

test('what a lock kept from the draft is dropped when the officer switches user instead of unlocking', async ({
  page,
  app,
}) => {
  const taskId = await openFreshCall(page, app.url);
  await page.getByRole('button', { name: '开始拨打' }).click();
  const employer = page.getByRole('region', { name: '核实清单' }).getByRole('group', { name: '工作单位及职务' });
  await employer.getByLabel('工作单位及职务 客户陈述').fill('已跳槽到杭州某科技公司');
  await expect(page.getByTestId('draft-status')).toHaveText(/已保存/);
  await page.evaluate(async () => {
    const r = await window.api!['auth.lock']({});
    if (!r.ok) throw new Error(r.error.message);
  });
  await employer.getByLabel('工作单位及职务 说明').fill('上月换工作，未告知银行');
  await expect(page.getByRole('heading', { name: '工作台已锁定' })).toBeVisible();
  await page.getByRole('button', { name: '切换用户' }).click();

  // The same officer signs in again in the same page: the kept edit is gone, not saved late.
  await login(page, 'officer1', 'demo1234');
  await page.goto(`${app.url}#/call/${taskId}`);
  await expect(page.getByText('发现未完成的回访')).toBeVisible();
  const saved = await page.evaluate(async (id) => {
    const r = await window.api!['calls.open']({ taskId: id });
    if (!r.ok) throw new Error(r.error.message);
    return r.value.draft?.state?.items;
  }, taskId);
  expect(Object.values(saved ?? {}).some((e) => e.stated === '已跳槽到杭州某科技公司')).toBe(true);
  expect(Object.values(saved ?? {}).some((e) => e.note === '上月换工作，未告知银行')).toBe(false);
});
