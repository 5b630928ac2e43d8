/**
 * Settings end to end: the holiday calendar (status, import of a later year, bad file), callback
 * rules, and the attempt and outcome rules of calls.
 */
import fs from 'node:fs';
import { expect, expectNoHorizontalOverflow, login, shot, test } from './fixtures';

test('an administrator imports the 2027 calendar and changes a callback rule', async ({ page, app }, testInfo) => {
  await page.goto(app.url);
  await login(page, 'admin', 'admin-pass-1');
  await page.getByRole('menuitem', { name: /设置/ }).click();
  await expect(page.getByText('已有数据的年份：2004–2026（共 23 年）')).toBeVisible();
  // A bad file is refused with its rows.
  const bad = testInfo.outputPath('bad.csv');
  fs.writeFileSync(bad, 'date,kind,name\n2027-02-30,holiday,春节\n2027-02-07,day-off,春节\n');
  await page.locator('input[type=file]').setInputFiles(bad);
  const errors = page.getByRole('alert').filter({ hasText: '日历文件有误，未导入' });
  await expect(errors).toContainText('日期无效');
  await expect(errors).toContainText('kind 只能是 holiday 或 workday');
  const good = testInfo.outputPath('2027.csv');
  fs.writeFileSync(good, 'date,kind,name\n2027-01-01,holiday,元旦\n2027-02-06,holiday,春节\n2027-02-07,workday,春节\n');
  await page.locator('input[type=file]').setInputFiles(good);
  await expect(page.getByText('已导入 2027 年日历（3 天）')).toBeVisible();
  await expect(page.getByText('已有数据的年份：2004–2027（共 24 年）')).toBeVisible();
  // Rules: the post-approval window now opens on the 8th working day.
  const start = page.getByLabel('窗口开始（第 N 个工作日）');
  await start.fill('8');
  await page.getByRole('button', { name: '保存规则' }).click();
  await expect(page.getByText(/规则已保存：新增 \d+、更新 \d+ 个任务/)).toBeVisible();
  // The disbursement offsets as typed with spaces, or with a Chinese IME's digits and commas.
  await page.locator('#rule-offsets').fill('30 ６０、120');
  await page.getByRole('button', { name: '保存规则' }).click();
  await expect
    .poll(() =>
      page.evaluate(async () => {
        const r = await window.api!['settings.taskRules']({});
        return r.ok ? r.value.postDisbursement.offsetsDays : r.error.message;
      }),
    )
    .toEqual([30, 60, 120]);
  // An impossible rule is refused by the same schema the server uses.
  await start.fill('20');
  await page.getByRole('button', { name: '保存规则' }).click();
  await expect(page.getByText('窗口截止不能早于窗口开始')).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await shot(page, '25-settings-admin');
});

test('an administrator changes attempt limits, calling hours and an outcome; bad values are explained', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await login(page, 'admin', 'admin-pass-1');
  await page.getByRole('menuitem', { name: /设置/ }).click();
  const card = page.getByRole('form', { name: '拨打与结果规则' });
  await expect(card.getByLabel('每个任务最多拨打次数')).toHaveValue('3');
  await expect(card.getByLabel('时段 2 开始')).toHaveValue('14:00');
  const save = card.getByRole('button', { name: '保存拨打规则' });
  // More days than attempts, overlapping hours and a malformed time are all refused in place.
  await card.getByLabel('至少分布在几天').fill('4');
  await card.getByLabel('时段 2 开始').fill('11:00');
  await card.getByRole('button', { name: '添加时段' }).click();
  await card.getByLabel('时段 3 开始').fill('19:3');
  await card.getByLabel('时段 3 结束').fill('20:30');
  await save.click();
  await expect(card.getByText('天数不能多于最多拨打次数')).toBeVisible();
  await expect(card.getByText('时间格式应为 HH:MM，例如 09:00')).toBeVisible();
  await card.getByLabel('时段 3 开始').fill('19:30');
  await card.getByLabel('至少分布在几天').fill('2');
  await save.click();
  await expect(card.getByText('拨打时段不能重叠')).toBeVisible();
  await card.getByLabel('时段 2 开始').fill('14:00');
  // 无人接听: retry after two hours instead of four, and the next day from the 3rd (default: the 2nd).
  await expect(card.getByLabel('无人接听 满几次后改为次日')).toHaveValue('2');
  await card.getByLabel('无人接听 间隔分钟数').fill('120');
  await card.getByLabel('无人接听 满几次后改为次日').fill('3');
  await expect(card.getByLabel('核实完成 结束任务')).toBeChecked();
  await save.click();
  await expect(page.getByText('拨打规则已保存，下一次拨打起生效')).toBeVisible();
  await card.getByLabel('时段 3 开始').scrollIntoViewIfNeeded();
  await expectNoHorizontalOverflow(page);
  await shot(page, '26-settings-call-rules');
  // Saved on the server: a reloaded page (same session) shows the new values.
  await page.reload();
  await page.getByRole('menuitem', { name: /设置/ }).click();
  await expect(card.getByLabel('无人接听 间隔分钟数')).toHaveValue('120');
  await expect(card.getByLabel('无人接听 满几次后改为次日')).toHaveValue('3');
  await expect(card.getByLabel('时段 3 结束')).toHaveValue('20:30');
});

test('a manager sees the rules read-only; an officer sees neither', async ({ page, app }) => {
  await page.goto(app.url);
  await login(page, 'manager1', 'demo1234');
  await page.getByRole('menuitem', { name: /设置/ }).click();
  await expect(page.getByText('仅系统管理员可修改。')).toHaveCount(2); // task rules and call rules
  await expect(page.getByRole('button', { name: '保存规则' })).toHaveCount(0);
  await expect(page.getByRole('form', { name: '拨打与结果规则' }).getByLabel('无人接听 间隔分钟数')).toBeDisabled();
  await expect(page.getByRole('button', { name: '保存拨打规则' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /导入日历文件/ })).toHaveCount(0);
  await page.getByRole('button', { name: /退出登录/ }).click();
  await login(page, 'officer1', 'demo1234');
  await page.getByRole('menuitem', { name: /设置/ }).click();
  await expect(page.getByText(/无操作 10 分钟后自动锁定工作台/)).toBeVisible();
  await expect(page.getByText('回访规则')).toHaveCount(0);
});
