/**
 * 回访任务 pages from the server: one page first, the next as the list scrolls; tab counts still
 * come with the first page, keyboard selection still works, and "select all" says when it holds
 * only the loaded rows. The template's 500 loans give tabs of more than 200 tasks (the page size),
 * so no larger file is seeded (seeding 20,000 loans took over 3 minutes here, past the 60 s budget).
 */
import type { Page } from '@playwright/test';
import { expect, login, shot, test } from './fixtures';

interface Asked {
  tab: string;
  offset: number;
  limit: number;
}

const rows = (page: Page) => page.locator('.ant-table-tbody .ant-table-row');

/** Every `tasks.queue` request the page sends, in order. */
function watchQueue(page: Page): Asked[] {
  const asked: Asked[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/tasks.queue')) asked.push(r.postDataJSON() as Asked);
  });
  return asked;
}

/** The tab with the most tasks, by the counts its label shows; it must hold more than one page. */
async function biggestTab(page: Page): Promise<{ name: string; count: number }> {
  const tabs = page.getByRole('tab', { name: /\d+$/ });
  await expect(tabs).toHaveCount(5);
  let best = { name: '', count: -1 };
  for (const label of await tabs.allInnerTexts()) {
    const m = /^(.*?)\s*(\d+)$/.exec(label.trim())!;
    if (Number(m[2]) > best.count) best = { name: m[1]!, count: Number(m[2]) };
  }
  expect(best.count).toBeGreaterThan(200);
  return best;
}

test('回访任务 asks for one page, the next as the list scrolls, and keeps the tab counts', async ({ page, app }) => {
  const asked = watchQueue(page);
  await page.goto(app.url);
  await login(page, 'manager1', 'demo1234');
  await page.getByRole('menuitem', { name: /回访任务/ }).click();
  await expect(rows(page).first()).toBeVisible();
  expect(asked).toHaveLength(1);
  expect(asked[0]).toMatchObject({ tab: 'today', offset: 0 });
  expect(asked[0]!.limit).toBeLessThanOrEqual(200);

  const big = await biggestTab(page);
  await page.getByRole('tab', { name: new RegExp(`^${big.name}`) }).click();
  await expect(page.getByTestId('tasks-total')).toHaveText(`共 ${big.count} 个`);
  const mine = () => asked.filter((a) => a.tab === asked.at(-1)!.tab);
  expect(mine()).toHaveLength(1);
  expect(mine()[0]).toMatchObject({ offset: 0 });
  // The counts of every tab still show, from that one page.
  await expect(page.getByRole('tab', { name: /\d+$/ })).toHaveCount(5);

  // Scroll to the end until every task is loaded: each page is asked for once, in order.
  const holder = page.locator('.ant-table-tbody-virtual-holder');
  await expect(async () => {
    await holder.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    const last = mine().at(-1)!;
    expect(last.offset + last.limit).toBeGreaterThanOrEqual(big.count);
  }).toPass({ timeout: 20_000 });
  expect(mine().length).toBeGreaterThan(1);
  expect(mine().map((a) => a.offset)).toEqual(mine().map((_, i) => i * mine()[0]!.limit));
  await shot(page, 'tasks-paged-scrolled');
});

test('rows are selected from the keyboard, and "select all" says it holds the loaded rows', async ({ page, app }) => {
  await page.goto(app.url);
  await login(page, 'manager1', 'demo1234');
  await page.getByRole('menuitem', { name: /回访任务/ }).click();
  await expect(rows(page).first()).toBeVisible();
  const big = await biggestTab(page);
  await page.getByRole('tab', { name: new RegExp(`^${big.name}`) }).click();
  await expect(page.getByTestId('tasks-total')).toHaveText(`共 ${big.count} 个`);

  // Space on a row's checkbox selects it, Tab walks on, Space again selects the next.
  await rows(page).nth(0).locator('input[type=checkbox]').focus();
  await page.keyboard.press('Space');
  await expect(page.getByLabel('分配所选（1）给…')).toBeVisible();
  // Tab passes the row's loan link and lands on the next row's checkbox.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(rows(page).nth(1).locator('input[type=checkbox]')).toBeFocused();
  await page.keyboard.press('Space');
  await expect(page.getByLabel('分配所选（2）给…')).toBeVisible();
  await page.keyboard.press('Space');
  await expect(page.getByLabel('分配所选（1）给…')).toBeVisible();

  // The header checkbox selects the loaded page and says the tab holds more; one click selects all.
  await page.locator('.ant-table-thead input[type=checkbox]').check();
  await expect(page.getByTestId('tasks-selected-loaded')).toHaveText(
    new RegExp(`已选中已加载的 200 个任务，本页签共 ${big.count} 个`),
  );
  await expect(page.getByLabel('分配所选（200）给…')).toBeVisible();
  await shot(page, 'tasks-paged-select-loaded');
  await page.getByRole('button', { name: `选择全部 ${big.count} 个` }).click();
  await expect(page.getByLabel(`分配所选（${big.count}）给…`)).toBeVisible();
  await expect(page.getByTestId('tasks-selected-loaded')).toHaveCount(0);
});
