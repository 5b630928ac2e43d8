/**
 * Manager-only pages are guarded as routes, not only hidden from the menu (issue #17 item 4): an
 * officer typing their address lands on the workbench and never sees the page; a manager opens it.
 */
import { expect, login, test } from './fixtures';

/** Each manager-only route and the region its page shows. */
const MANAGER_ONLY = [
  { path: '#/import', region: '导入贷款清单' },
  { path: '#/review', region: '复核' },
  { path: '#/reports?week=2026-W01', region: '报表' },
  { path: '#/sync', region: '与总行同步' },
];

test('an officer opening a manager-only page by its address lands on the workbench', async ({ page, app }) => {
  await page.goto(app.url);
  await login(page, 'officer1', 'demo1234');
  await expect(page.getByRole('region', { name: '工作台' })).toBeVisible();
  for (const { path, region } of MANAGER_ONLY) {
    await page.goto(`${app.url}${path}`);
    await expect(page, path).toHaveURL(/#\/workbench$/);
    await expect(page.getByRole('region', { name: '工作台' }), path).toBeVisible();
    await expect(page.getByRole('region', { name: region }), path).toHaveCount(0);
  }
  await expect(page.getByTestId('kpi-completion')).toHaveCount(0);
});

test('a manager opens every manager-only page by its address', async ({ page, app }) => {
  await page.goto(app.url);
  await login(page, 'manager1', 'demo1234');
  await expect(page.getByRole('region', { name: '工作台' })).toBeVisible();
  for (const { path, region } of MANAGER_ONLY) {
    await page.goto(`${app.url}${path}`);
    await expect(page.getByRole('region', { name: region }), path).toBeVisible();
    await expect(page, path).toHaveURL(new RegExp(`${path.replace(/[?]/g, '\\$&')}$`));
  }
});
