/**
 * The renderer's data path (renderer/src/app/query.ts): lists come from the server a page at a
 * time, and the cache never shows one user's data to the next person at the desk.
 */
import type { Route } from '@playwright/test';
import { expect, login, shot, test } from './fixtures';

test('贷款档案 asks the server for one page, and the next as the list scrolls', async ({ page, app }) => {
  const asked: { offset: number; limit: number }[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/loans.list')) asked.push(r.postDataJSON() as { offset: number; limit: number });
  });
  await page.goto(app.url);
  await login(page, 'officer1', 'demo1234');
  await page.getByRole('menuitem', { name: /贷款档案/ }).click();
  await expect(page.getByTestId('loans-total')).toHaveText('共 500 笔');
  await expect(page.locator('.ant-table-row').first()).toBeVisible();
  expect(asked).toHaveLength(1);
  expect(asked[0]).toMatchObject({ offset: 0 });
  expect(asked[0]!.limit).toBeLessThanOrEqual(200);

  // Scroll to the end until every loan is loaded: each page is asked for once, in order.
  const holder = page.locator('.ant-table-tbody-virtual-holder');
  await expect(async () => {
    await holder.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    expect(asked.at(-1)!.offset + asked.at(-1)!.limit).toBeGreaterThanOrEqual(500);
  }).toPass({ timeout: 15_000 });
  expect(asked.map((a) => a.offset)).toEqual(asked.map((_, i) => i * asked[0]!.limit));
  await shot(page, 'query-loans-scrolled');
});

test('what one user loaded is not shown to the next one signed in at the desk', async ({ page, app }) => {
  await page.goto(app.url);
  await login(page, 'officer1', 'demo1234');
  const today = page.locator('.ant-statistic').filter({ hasText: '今日待回访' }).locator('.ant-statistic-content');
  await expect(today).toHaveText(/^\d+$/);

  await page.getByRole('button', { name: /退出登录/ }).click();
  // Hold officer2's first read of the workbench: until it answers, nothing of officer1's may show.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/api/workbench.summary', async (route: Route) => {
    await held;
    await route.continue();
  });
  await login(page, 'officer2', 'demo1234');
  await expect(page.getByText(/李娜，今天是/)).toBeVisible();
  await expect(today).toHaveText('—');
  release();
  await expect(today).toHaveText(/^\d+$/);
  await page.unrouteAll({ behavior: 'ignoreErrors' });
});
