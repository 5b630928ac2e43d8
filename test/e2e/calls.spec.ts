/**
 * The call screen end to end: a full guided call with one mismatch, the attempt limit across
 * days, and a draft that survives a killed process. Screenshots at 1366×768 in zh-CN and en.
 */
import type { Page } from '@playwright/test';
import { startHarnessProcess } from '../harness/process';
import { expect, expectNoHorizontalOverflow, login, openFreshCall, shot, test } from './fixtures';

/** Open post-approval tasks of mine or the pool with no attempts yet, via the page's API. */
async function freshTasks(page: Page): Promise<{ taskId: number; loanNo: string }[]> {
  await expect(page.getByRole('menuitem', { name: /回访任务|Tasks/ })).toBeVisible();
  return page.evaluate(async () => {
    const r = await window.api!['tasks.queue']({ tab: 'today', type: 'post_approval', limit: 500 });
    if (!r.ok) throw new Error(r.error.message);
    return r.value.rows
      .filter((x) => x.attempts === 0 && x.status === 'open')
      .map((x) => ({ taskId: x.taskId, loanNo: x.loanNo }));
  });
}

const script = (page: Page) => page.getByRole('region', { name: '回访脚本' });
const checklist = (page: Page) => page.getByRole('region', { name: '核实清单' });
const outcome = (page: Page) => page.getByTestId('outcome-panel');

/** Walk the script with the keyboard: tick reads, pick the first answer (or `pick` for an item), Enter. */
async function walkScript(page: Page, pick: Record<string, string> = {}, stopAt?: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    const pane = script(page);
    const text = await pane.getByTestId('script-text').innerText();
    if (await pane.getByText('脚本已结束').isVisible()) return;
    const tag = (await pane.locator('.ant-tag-blue').count())
      ? await pane.locator('.ant-tag-blue').first().innerText()
      : '';
    if (stopAt && tag === stopAt) return;
    const read = pane.getByRole('checkbox');
    if (await read.count()) {
      await read.check();
      await read.focus();
    }
    const radios = pane.getByRole('radio');
    if (await radios.count()) {
      const choice = pick[tag] ? pane.getByRole('radio', { name: pick[tag] }) : radios.first();
      await choice.check();
      await choice.focus();
    }
    await page.keyboard.press('Enter');
    await expect(pane.getByTestId('script-text')).not.toHaveText(text);
  }
  throw new Error('the script did not end');
}

test('a full call with one mismatch finalizes the record, raises a flag and completes the task', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await login(page, 'officer1', 'demo1234');
  await page.getByRole('menuitem', { name: /回访任务/ }).click();
  const [task] = await freshTasks(page);
  expect(task).toBeDefined();
  // Open the call from the queue.
  await page.getByLabel('搜索任务').fill(task!.loanNo);
  await page
    .getByRole('link', { name: `回访 ${task!.loanNo}` })
    .first()
    .click();
  await expect(page.getByRole('heading', { name: '回访通话' })).toBeVisible();
  await page.getByRole('button', { name: '开始拨打' }).click();
  await expect(page.getByRole('timer')).toBeVisible();
  await expect(script(page).getByTestId('script-text')).toContainText('王芳'); // {officerName} filled
  await walkScript(page, { 首付款来源: '来自其他借款（首付贷、消费贷、经营贷等）' }, '首付款来源');
  await expectNoHorizontalOverflow(page);
  await shot(page, '30-call-screen-zh');
  await walkScript(page, { 首付款来源: '来自其他借款（首付贷、消费贷、经营贷等）' });
  // The answer marked the down-payment line as a mismatch; its note is required.
  const line = checklist(page).getByRole('group', { name: '首付款来源' });
  await expect(line.getByRole('radio', { name: '不一致' })).toBeChecked();
  await expect(outcome(page).getByRole('radio', { name: /核实异常/ })).toBeChecked();
  await outcome(page).getByRole('button', { name: '提交核实记录' }).click();
  await expect(page.getByText('核实清单尚未填完')).toBeVisible();
  await line.getByLabel('首付款来源 说明').fill('借款人称首付 30 万元来自消费贷');
  await outcome(page).getByRole('button', { name: '提交核实记录' }).click();
  await expect(page.getByRole('dialog')).toContainText('提交为“核实异常”？');
  await page.getByRole('button', { name: /确\s*认/ }).click();
  await expect(page.getByText(/核实记录已提交：核实异常，风险标记 1 条/)).toBeVisible();
  await expect(page.getByText('已提交核实记录（第 1 版）：核实异常')).toBeVisible();
  // The task is completed: it left today's queue for 已完成.
  const done = await page.evaluate(async (taskId) => {
    const r = await window.api!['tasks.queue']({ tab: 'done', limit: 5000 });
    if (!r.ok) throw new Error(r.error.message);
    return r.value.rows.some((x) => x.taskId === taskId && x.status === 'completed');
  }, task!.taskId);
  expect(done).toBe(true);
});

test('the call screen in English at 1366×768', async ({ page, app }) => {
  await page.goto(app.url);
  await login(page, 'officer1', 'demo1234');
  const [task] = await freshTasks(page);
  await page.evaluate(() => localStorage.setItem('callback-desk.language', 'en'));
  await page.goto(`${app.url}#/call/${task!.taskId}`);
  await page.reload();
  await page.getByRole('button', { name: 'Start call' }).click();
  await expect(page.getByRole('region', { name: 'Call script' })).toBeVisible();
  await page.getByRole('region', { name: 'Call script' }).getByRole('checkbox').check();
  await expectNoHorizontalOverflow(page);
  await shot(page, '31-call-screen-en');
});

test('two unanswered attempts on one day: the third waits for another day', async ({ page, app }) => {
  await page.goto(app.url);
  await login(page, 'officer1', 'demo1234');
  const [, task] = await freshTasks(page);
  await page.goto(`${app.url}#/call/${task!.taskId}`);
  for (let i = 0; i < 2; i++) {
    await page.getByRole('button', { name: '开始拨打' }).click();
    // Digit 4 picks 无人接听, but only inside the outcome panel.
    await page.keyboard.press('4');
    await expect(outcome(page).getByRole('radio', { name: /无人接听/ })).not.toBeChecked();
    await outcome(page).getByRole('radio').first().focus();
    await page.keyboard.press('4');
    await expect(outcome(page).getByRole('radio', { name: /无人接听/ })).toBeChecked();
    await outcome(page).getByRole('button', { name: '结束本次拨打' }).click();
    await expect(page.getByText('已记录：无人接听').first()).toBeVisible();
    await expect(page.getByText(`${i + 1} / 3`)).toBeVisible();
  }
  await expect(page.getByText(/今天不能再拨打/)).toBeVisible();
  await expect(page.getByRole('button', { name: '开始拨打' })).toBeDisabled();
  await shot(page, '32-call-another-day');
});

test('a draft survives a killed process and resumes where it was', async ({ page, app }) => {
  await page.goto(app.url);
  await login(page, 'officer1', 'demo1234');
  const [, , task] = await freshTasks(page);
  await page.goto(`${app.url}#/call/${task!.taskId}`);
  await page.getByRole('button', { name: '开始拨打' }).click();
  await walkScript(page, {}, '工作单位及职务');
  // Half the checklist by hand.
  const employer = checklist(page).getByRole('group', { name: '工作单位及职务' });
  await employer.getByText('不一致', { exact: true }).click();
  await employer.getByLabel('工作单位及职务 客户陈述').fill('已跳槽到杭州某科技公司');
  await employer.getByLabel('工作单位及职务 说明').fill('上月换工作，未告知银行');
  await expect(page.getByTestId('draft-status')).toHaveText(/已保存/);
  const step = await script(page).getByTestId('script-text').innerText();

  app.proc.kill('SIGKILL');
  await new Promise((r) => app.proc.once('exit', r));
  const again = await startHarnessProcess(app.dbFile);
  try {
    await page.goto(again.url);
    await login(page, 'officer1', 'demo1234');
    await page.goto(`${again.url}#/call/${task!.taskId}`);
    await expect(page.getByText('发现未完成的回访')).toBeVisible();
    await shot(page, '33-call-resume');
    await page.getByRole('button', { name: '继续上次的回访' }).click();
    await expect(script(page).getByTestId('script-text')).toHaveText(step);
    const line = checklist(page).getByRole('group', { name: '工作单位及职务' });
    await expect(line.getByRole('radio', { name: '不一致' })).toBeChecked();
    await expect(line.getByLabel('工作单位及职务 客户陈述')).toHaveValue('已跳槽到杭州某科技公司');
    await expect(line.getByLabel('工作单位及职务 说明')).toHaveValue('上月换工作，未告知银行');
    await expect(
      checklist(page).getByRole('group', { name: '身份核实' }).getByRole('radio', { name: '一致', exact: true }),
    ).toBeChecked();
  } finally {
    await again.stop();
  }
});

test("back on a call started earlier, the screen offers its draft and never the last visit's start button", async ({
  page,
  app,
}) => {
  const taskId = await openFreshCall(page, app.url);
  await page.getByRole('button', { name: '开始拨打' }).click();
  await expect(page.getByTestId('draft-status')).toHaveText(/已保存/);
  await page.getByRole('button', { name: '返回任务列表' }).click();
  await expect(page.getByRole('heading', { name: '回访通话' })).toHaveCount(0);

  // The main side answers slowly: what shows meanwhile must not be the view read before the start.
  let answer!: () => void;
  const held = new Promise<void>((r) => (answer = r));
  await page.route('**/api/calls.open', async (route) => {
    await held;
    await route.continue();
  });
  await page.evaluate((id) => (window.location.hash = `#/call/${id}`), taskId);
  await expect(page.getByLabel('加载中…')).toBeVisible();
  await expect(page.getByRole('button', { name: '开始拨打' })).toHaveCount(0);
  answer();
  await expect(page.getByText('发现未完成的回访')).toBeVisible();
  await expect(page.getByRole('button', { name: '开始拨打' })).toHaveCount(0);
});
