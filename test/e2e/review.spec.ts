/**
 * The manager's review desk end to end: a flag decided as a field visit (an event task appears in
 * the queue), a sampled record failed (a rework task appears for the officer), the queue paged from
 * the server as it scrolls, a blank-looking comment refused before it is sent, officers kept out.
 */
import type { Page } from '@playwright/test';
import { expect, expectNoHorizontalOverflow, login, shot, test } from './fixtures';

const pick = (page: Page, title: RegExp) =>
  page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: title })
    .last()
    .click();

/** The 回访任务 page, searched for one loan: the event tags of its rows. */
async function eventTagsOf(page: Page, loanNo: string, tab: RegExp) {
  await page.getByRole('menuitem', { name: /回访任务/ }).click();
  await page.getByRole('tab', { name: tab }).click();
  await page.getByLabel('搜索任务').fill(loanNo);
  const row = page.locator('.ant-table-tbody .ant-table-row').filter({ hasText: loanNo });
  await expect(row.first()).toBeVisible();
  return row;
}

test('a manager decides a flag as a field visit and an event task appears', async ({ page, app }) => {
  await page.goto(app.url);
  await login(page, 'manager1', 'demo1234');
  await page.getByRole('menuitem', { name: /复核/ }).click();
  const flagsFilter = page.getByText(/^风险标记（[1-9]\d*）$/);
  await expect(flagsFilter).toBeVisible();
  const open = Number((await flagsFilter.innerText()).replace(/\D/g, ''));
  expect(open).toBeGreaterThan(0);
  await expect(page.getByText(/^升级任务（\d+）$/)).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await shot(page, '60-review-queue');

  // Oldest mismatch first: open it, compare the answers with the file, decide.
  await flagsFilter.click();
  const first = page.locator('.ant-table-tbody .ant-table-row').filter({ hasText: '核实不一致' }).first();
  const loanNo = (await first.getByRole('button', { name: /^复核 / }).innerText()).trim();
  await first.getByRole('button', { name: /^复核 / }).click();
  const drawer = page.getByRole('dialog').filter({ hasText: loanNo });
  await expect(drawer.getByRole('region', { name: '核实记录（客户陈述与档案值对照）' })).toContainText('不一致');
  await drawer.getByRole('button', { name: /提交结论/ }).click();
  await expect(drawer.getByText('请选择复核结论')).toBeVisible();
  await drawer
    .locator('label')
    .filter({ hasText: /^实地核查/ })
    .click();
  await drawer.getByLabel('复核意见', { exact: true }).fill('陈述与档案不符，安排上门核实');
  await shot(page, '61-review-decide');
  await drawer.getByRole('button', { name: /提交结论/ }).click();
  await page.getByRole('button', { name: /确认提交/ }).click();
  // The message follows the reload of the queue and the item (app/query.ts): slow under load.
  await expect(page.getByText(/已提交结论：实地核查，已生成任务 #\d+/)).toBeVisible({ timeout: 20_000 });
  await expect(drawer.getByText('复核人')).toBeVisible();
  // Comments are appended after the decision.
  await drawer.getByLabel('追加意见').fill('已通知客户经理陪同');
  await drawer.getByRole('button', { name: /追加意见/ }).click();
  await expect(drawer.getByText('已通知客户经理陪同')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByText(new RegExp(`^风险标记（${open - 1}）$`))).toBeVisible();

  // The field visit is an event task of the branch pool, open today.
  const rows = await eventTagsOf(page, loanNo, /^今日 \d+$/);
  await expect(rows.filter({ hasText: '现场核查' })).toHaveCount(1);
});

test('a manager samples a week, fails a record and the officer gets rework', async ({ page, app }) => {
  await page.goto(app.url);
  await login(page, 'manager1', 'demo1234');
  await page.getByRole('menuitem', { name: /复核/ }).click();
  await page.getByRole('tab', { name: '质检抽样' }).click();
  await page.getByRole('combobox', { name: '统计周' }).click();
  await pick(page, /^2026-W46/);
  const draw = page.getByRole('button', { name: /按 5% 抽样/ });
  await draw.click();
  await expect(page.getByText(/^已抽取 \d+ 条记录$/)).toBeVisible();
  await expect(page.getByText(/王芳 已抽 \d+ \/ \d+ 条/)).toBeVisible();
  // Drawing again adds nothing.
  await draw.click();
  await expect(page.getByText('本周样本已抽足，没有新增')).toBeVisible();

  const scoreButton = page.getByRole('button', { name: /^评分 / }).first();
  const loanNo = (await scoreButton.getAttribute('aria-label'))!.replace('评分 ', '');
  await scoreButton.click();
  const modal = page.getByRole('dialog').filter({ hasText: '质检评分' });
  await modal.getByText('必读内容（开场、录音提示、防诈骗提示）已朗读').click();
  await modal.getByRole('button', { name: /提交评分/ }).click();
  await expect(modal.getByText('有未通过的检查项时不能判定为合格。')).toBeVisible();
  await modal.getByText('不合格', { exact: true }).click();
  await modal.getByRole('button', { name: /提交评分/ }).click();
  await expect(modal.getByText('判定不合格时请写明原因，回访员将据此返工。')).toBeVisible();
  await modal.getByLabel('说明（不合格时必填）').fill('未朗读防诈骗提示');
  await shot(page, '62-review-score');
  await modal.getByRole('button', { name: /提交评分/ }).click();
  await expect(page.getByText(/已评为不合格，已生成返工任务 #\d+/)).toBeVisible();
  const sampleRow = page.locator('.ant-table-tbody .ant-table-row').filter({ hasText: loanNo });
  await expect(sampleRow).toContainText('不合格');
  await expect(sampleRow).toContainText(/返工任务 #\d+/);
  await expectNoHorizontalOverflow(page);
  await shot(page, '63-review-samples');

  const rows = await eventTagsOf(page, loanNo, /^今日 \d+$/);
  await expect(rows.filter({ hasText: '质检返工' })).toHaveCount(1);
});

test('a comment of invisible characters is refused beside the box, before anything is sent', async ({ page, app }) => {
  const sent: unknown[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/review.comment')) sent.push(r.postDataJSON());
  });
  await page.goto(app.url);
  await login(page, 'manager1', 'demo1234');
  await page.getByRole('menuitem', { name: /复核/ }).click();
  const open = page.getByRole('button', { name: /^复核 / }).first();
  const loanNo = (await open.innerText()).trim();
  await open.click();
  const comments = page.getByRole('dialog').filter({ hasText: loanNo }).getByRole('region', { name: '复核意见记录' });
  // Two zero-width spaces: not blank to the eye of trim(), but nothing a reviewer can read.
  await comments.getByLabel('追加意见').fill('\u200b\u200b');
  await comments.getByRole('button', { name: /追加意见/ }).click();
  await expect(comments.getByRole('alert')).toHaveText('请填写复核意见（至少 2 个字）。');
  expect(sent).toEqual([]);
  await comments.getByLabel('追加意见').fill('请补充通话录音');
  await comments.getByRole('button', { name: /追加意见/ }).click();
  await expect(comments.getByText('请补充通话录音')).toBeVisible();
  await expect(comments.getByRole('alert')).toHaveCount(0);
  expect(sent).toHaveLength(1);
});

test('the review queue asks the server for one page, and the next as the list scrolls', async ({ page, app }) => {
  const asked: { offset: number; limit: number }[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/review.queue')) asked.push(r.postDataJSON() as { offset: number; limit: number });
  });
  await page.goto(app.url);
  await login(page, 'manager1', 'demo1234');
  await page.getByRole('menuitem', { name: /复核/ }).click();
  const all = page.getByText(/^全部（[1-9]\d*）$/);
  await expect(all).toBeVisible();
  const total = Number((await all.innerText()).replace(/\D/g, ''));
  await expect(page.locator('.ant-table-row').first()).toBeVisible();
  expect(asked).toHaveLength(1);
  expect(asked[0]).toMatchObject({ offset: 0 });
  // The demo queue is longer than one page, so the paging below is real.
  expect(asked[0]!.limit).toBeLessThan(total);

  // Scroll to the end until the whole queue is loaded: each page is asked for once, in order.
  const holder = page.locator('.ant-table-tbody-virtual-holder');
  await expect(async () => {
    await holder.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    expect(asked.at(-1)!.offset + asked.at(-1)!.limit).toBeGreaterThanOrEqual(total);
  }).toPass({ timeout: 15_000 });
  expect(asked.map((a) => a.offset)).toEqual(asked.map((_, i) => i * asked[0]!.limit));
  await expect(holder.locator('.ant-table-row').last()).toBeVisible();
});

test('officers have no review desk', async ({ page, app }) => {
  await page.goto(app.url);
  await login(page, 'officer1', 'demo1234');
  await expect(page.getByRole('menuitem', { name: /回访任务/ })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: /复核/ })).toHaveCount(0);
  await page.goto(`${app.url}#/review`);
  await expect(page.getByRole('region', { name: '复核' })).toHaveCount(0);
});
