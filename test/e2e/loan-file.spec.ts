/**
 * 贷款档案 detail end to end: a record finalized through the real API, opened from the loan list,
 * amended with a reason (both versions and the differences shown), a phone number revealed with
 * an audited reason, the page in English, and the empty states of a loan nobody has called.
 */
import type { Page } from '@playwright/test';
import { expect, expectNoHorizontalOverflow, login, shot, test } from './fixtures';

/** Click an option in the dropdown that is open now (closed dropdowns stay in the DOM). */
const pick = (page: Page, title: string) =>
  page
    .locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${title}"]`)
    .last()
    .click();

/**
 * Finalize one open post-approval task the way the call screen would: start the call, answer every
 * checklist line of the pinned script as "match", tick every mandatory reading. Returns its loan.
 */
async function finalizeOneRecord(page: Page): Promise<{ loanNo: string; taskId: number }> {
  return page.evaluate(async () => {
    const api = window.api!;
    const value = async <T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>) => {
      const r = await p;
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    const queue = await value(
      api['tasks.queue']({ tab: 'all', type: 'post_approval', status: 'open', offset: 0, limit: 500 }),
    );
    // Untouched tasks first: a task with earlier attempts may have to wait for another day.
    const candidates = [...queue.rows].sort((a, b) => a.attempts - b.attempts);
    for (const task of candidates) {
      const started = await api['calls.start']({ taskId: task.taskId });
      if (!started.ok) continue;
      const view = await value(api['calls.open']({ taskId: task.taskId }));
      const script = view.script!.definition;
      // checklistOf(): one line per distinct asked item, per co-borrower/guarantor for per-party steps.
      const others = view.parties.filter((p) => p.role !== 'borrower');
      const items: Record<string, { result: 'match' | null; stated: string; note: string }> = {};
      for (const st of script.steps) {
        if (st.kind !== 'ask') continue;
        const keys = st.perParty ? others.map((p) => `${st.item}:${p.id}`) : [st.item];
        for (const k of keys)
          items[k] ??=
            st.item === 'satisfaction'
              ? { result: null, stated: '5', note: '' }
              : { result: 'match', stated: '与档案一致', note: '' };
      }
      const reads: Record<string, string> = {};
      for (const st of script.steps) if (st.kind === 'say' && st.mustRead) reads[st.id] = new Date().toISOString();
      await value(
        api['calls.finalize']({
          taskId: task.taskId,
          state: {
            stepId: 'closing',
            history: [],
            answers: {},
            reads,
            items,
            outcome: 'completed',
            bookedAt: null,
            note: '',
          },
        }),
      );
      return { loanNo: task.loanNo, taskId: task.taskId };
    }
    throw new Error('no open post-approval task could be started');
  });
}

async function openLoanFile(page: Page, loanNo: string): Promise<void> {
  await page.getByRole('menuitem', { name: /贷款档案/ }).click();
  await page.getByLabel('搜索贷款').fill(loanNo);
  await page.getByRole('link', { name: loanNo, exact: true }).click();
  await expect(page.getByRole('heading', { name: loanNo })).toBeVisible();
}

test('the loan file shows a record, and an amendment with a reason shows both versions', async ({ page, app }) => {
  await page.goto(app.url);
  await login(page, 'officer1', 'demo1234');
  await expect(page.getByRole('menuitem', { name: /贷款档案/ })).toBeVisible();
  const { loanNo, taskId } = await finalizeOneRecord(page);

  await openLoanFile(page, loanNo);
  await expect(page.getByTestId('loan-file-borrower')).not.toBeEmpty();
  for (const s of ['贷款要素', '抵押物', '当事人', '回访任务', '拨打记录', '核实记录', '风险标记', '变更记录'])
    await expect(
      page
        .getByTestId(/^section-/)
        .filter({ hasText: s })
        .first(),
    ).toBeVisible();
  // The task links to its call screen; the completing attempt is listed.
  await expect(page.getByRole('link', { name: `打开回访任务 ${taskId}（审批后回访）` })).toHaveAttribute(
    'href',
    `#/call/${taskId}`,
  );
  await expect(page.getByText('核实完成').first()).toBeVisible();
  const record = page.getByTestId(`record-${taskId}`);
  await expect(record).toContainText('版本 1');
  await expect(record).toContainText('当前版本');
  await expect(record.getByRole('row', { name: /工作单位及职务/ })).toContainText('一致');
  await expectNoHorizontalOverflow(page);
  await shot(page, '40-loan-file');

  // Amend one line: the form refuses a mismatch without a note, then takes it with one.
  await record.getByRole('button', { name: '更正记录', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('更正核实记录');
  await dialog.getByRole('combobox', { name: '工作单位及职务 核实结果' }).click();
  await pick(page, '不一致');
  await dialog.getByLabel('更正原因').fill('复听录音后更正');
  await dialog.getByRole('button', { name: '提交更正' }).click();
  await expect(dialog.getByText('结果不是“一致”时须填写说明')).toBeVisible();
  await dialog.getByLabel('工作单位及职务 说明').fill('客户称已于上月离职，现无固定单位');
  await expect(dialog.getByText('已修改')).toHaveCount(1);
  await expectNoHorizontalOverflow(page);
  await shot(page, '41-loan-file-amend');
  await dialog.getByRole('button', { name: '提交更正' }).click();
  await expect(page.getByText('已更正，生成版本 2')).toBeVisible();
  await expect(dialog).toBeHidden();

  // Both versions, newest first, with the reason and the differences.
  await expect(record.getByText('版本 2', { exact: true })).toBeVisible();
  await expect(record.getByText('版本 1', { exact: true })).toBeVisible();
  const headers = await record.locator('.ant-collapse-header strong').allInnerTexts();
  expect(headers).toEqual(['版本 2', '版本 1']);
  await expect(record.getByTestId('version-reason')).toHaveText('更正原因：复听录音后更正');
  const changes = record.getByTestId('changes-v2');
  await expect(changes).toContainText('与上一版本相比的变更');
  await expect(changes.getByRole('listitem')).toHaveCount(2);
  await expect(changes).toContainText('工作单位及职务：核实结果 一致 → 不一致');
  await expect(changes).toContainText('工作单位及职务：说明 （空） → 客户称已于上月离职，现无固定单位');
  await expect(record.getByText('核实异常').first()).toBeVisible();
  // The mismatch raised a risk flag on the item.
  const flags = page.getByTestId('section-flags').locator('xpath=ancestor::div[contains(@class,"ant-collapse-item")]');
  await expect(flags.getByRole('row', { name: /核实不一致/ })).toContainText('工作单位及职务');
  // The older version is still there as it was.
  await record.getByText('版本 1', { exact: true }).click();
  await expect(record.getByRole('row', { name: /工作单位及职务/ }).last()).not.toContainText('不一致');
  await record.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await expectNoHorizontalOverflow(page);
  await shot(page, '42-loan-file-versions');
  await flags.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await shot(page, '43-loan-file-flags');

  // Reveal the borrower's phone number with a reason: the full 11-digit number appears.
  const parties = page
    .getByTestId('section-parties')
    .locator('xpath=ancestor::div[contains(@class,"ant-collapse-item")]');
  await parties.scrollIntoViewIfNeeded();
  const borrowerRow = parties.getByRole('row', { name: /借款人/ }).first();
  await expect(borrowerRow).toContainText(/1[3-9]\d\*{4}\d{4}/);
  await borrowerRow.getByRole('button', { name: '查看完整号码' }).click();
  const reveal = page.getByRole('dialog');
  await expect(reveal).toContainText('查看将记入审计日志');
  const ok = reveal.getByRole('button', { name: /^查\s*看$/ });
  await expect(ok).toBeDisabled();
  await reveal.getByRole('button', { name: '拨打电话' }).click();
  await expect(reveal.getByLabel('查看原因')).toHaveValue('拨打电话');
  await shot(page, '44-loan-file-reveal-reason');
  await ok.click();
  await expect(reveal).toBeHidden();
  await expect(borrowerRow.locator('.cbd-pii-revealed')).toHaveText(/^1[3-9]\d{9}$/);
  await expectNoHorizontalOverflow(page);
  await shot(page, '45-loan-file-reveal');
  await borrowerRow.getByRole('button', { name: '隐藏完整号码' }).click();
  await expect(borrowerRow.locator('.cbd-pii-revealed')).toHaveCount(0);

  // The same page in English.
  await page.getByText('English', { exact: true }).click();
  await expect(page.getByText('Verification records')).toBeVisible();
  await expect(record.getByText('Version 2', { exact: true })).toBeVisible();
  await expect(record.getByTestId('version-reason')).toHaveText('Reason for correction: 复听录音后更正');
  await page.getByTestId('section-loan').scrollIntoViewIfNeeded();
  await expectNoHorizontalOverflow(page);
  await shot(page, '46-loan-file-en');
});

test('a loan nobody has called yet shows what to do next in its empty sections', async ({ page, app }) => {
  await page.goto(app.url);
  await login(page, 'officer1', 'demo1234');
  await expect(page.getByRole('menuitem', { name: /贷款档案/ })).toBeVisible();
  // A loan without attempts or records (whatever the demo data holds), found through the API.
  const loanNo = await page.evaluate(async () => {
    const api = window.api!;
    const list = await api['loans.list']({ offset: 0, limit: 100 });
    if (!list.ok) throw new Error(list.error.message);
    for (const row of list.value.rows) {
      const file = await api['loans.file']({ loanNo: row.loanNo });
      if (file.ok && file.value.records.length === 0 && file.value.attempts.length === 0) return row.loanNo;
    }
    throw new Error('every loan has been called');
  });
  await openLoanFile(page, loanNo);
  await expect(page.getByText('还没有已提交的核实记录')).toBeVisible();
  await expect(page.getByText('还没有拨打记录')).toBeVisible();
  await page.getByTestId('section-attempts').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await expectNoHorizontalOverflow(page);
  await shot(page, '47-loan-file-empty');
  await page.getByRole('link', { name: /返回贷款档案/ }).click();
  await expect(page.getByLabel('搜索贷款')).toBeVisible();
});
