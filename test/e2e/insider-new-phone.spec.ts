/**
 * Issue #16 item 2: the call screen's 新联系电话 field. A wrong number is refused in plain words; a
 * mobile is saved and listed masked, and the page never shows it in full.
 */
import { expect, openFreshCall, shot, test } from './fixtures';

// The harness start counts against the test's time; shared CI machines are slow.
test.describe.configure({ timeout: 240_000 });

test('a new phone number the borrower gives is saved through its own field and shown masked', async ({ page, app }) => {
  await openFreshCall(page, app.url);
  await expect(page.getByRole('heading', { name: '回访通话' })).toBeVisible();
  await page.getByRole('button', { name: '开始拨打' }).click();
  await expect(page.getByRole('timer')).toBeVisible();

  const field = page.getByRole('textbox', { name: '新联系电话' });
  await field.fill('010-1234567');
  await page.getByRole('button', { name: '保存号码' }).click();
  await expect(page.getByRole('alert')).toContainText('请填写大陆手机号码');

  await field.fill('142 4551 8283');
  await page.getByRole('button', { name: '保存号码' }).click();
  const list = page.getByRole('list', { name: '已登记的新号码' });
  await expect(list).toContainText('142****8283');
  await expect(field).toHaveValue('');
  await shot(page, '90-call-new-phone-zh');
  expect(await page.content()).not.toContain('14245518283');
});

test('a number typed with full-width digits and +86 is read as the main side reads it, and saved', async ({
  page,
  app,
}) => {
  await openFreshCall(page, app.url);
  await page.getByRole('button', { name: '开始拨打' }).click();
  await expect(page.getByRole('timer')).toBeVisible();
  const field = page.getByRole('textbox', { name: '新联系电话' });
  // An input method in full-width mode types these; calls.newPhone accepts them.
  await field.fill('+86 １３９（１２３４）５６７８');
  await page.getByRole('button', { name: '保存号码' }).click();
  await expect(page.getByRole('list', { name: '已登记的新号码' })).toContainText('139****5678');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(field).toHaveValue('');
});
