/**
 * Issue 16 item 1 in the UI: an officer past the limit on searches by full phone number sees the
 * plain `rate_limited` message on the loans page, and the manager's workbench names them.
 */
import { expect, login, shot, test } from './fixtures';

test('an officer past the number-search limit gets a plain message; the manager sees who', async ({ page, app }) => {
  test.setTimeout(180_000); // two sign-ins (scrypt) and 21 searches on a shared build machine
  await page.goto(app.url);
  await login(page, 'officer1', 'demo1234');
  await page.getByRole('menuitem', { name: /贷款档案/ }).click();
  await expect(page.getByTestId('loans-total')).toHaveText(/^共 \d+ 笔$/);
  // Twenty candidate numbers through the API, as a script would try them.
  const answers = await page.evaluate(async () => {
    const codes: string[] = [];
    for (let i = 0; i < 21; i++) {
      const r = await window.api!['loans.list']({
        search: `1380000${String(i).padStart(4, '0')}`,
        offset: 0,
        limit: 5,
      });
      codes.push(r.ok ? 'ok' : r.error.code);
    }
    return codes;
  });
  expect(answers.slice(0, 20).every((c) => c === 'ok')).toBe(true);
  expect(answers[20]).toBe('rate_limited');
  // The next one typed into the search box is refused in plain words.
  await page.getByLabel('搜索贷款').fill('13900001111');
  await expect(page.getByRole('alert')).toContainText('按完整手机号或身份证号查询太频繁：每 10 分钟最多 20 次');
  await shot(page, '90-search-rate-limited');

  // The manager's workbench names the officer.
  const token = new URL(app.url).searchParams.get('token');
  await page.request.post(new URL('/api/auth.logout', app.url).href, {
    headers: { authorization: `Bearer ${token}` },
    data: {},
  });
  await page.goto(app.url);
  await login(page, 'manager1', 'demo1234');
  await expect(page.getByRole('menuitem', { name: /复核/ })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('search-alerts')).toContainText('王芳（officer1）');
  await expect(page.getByTestId('search-alerts')).toContainText('近 7 天号码查询超限');
  await shot(page, '91-search-alerts-manager');
});
