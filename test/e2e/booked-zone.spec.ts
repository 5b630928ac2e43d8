/**
 * A callback booked on a workstation whose clock is set to another zone is booked at the Shanghai
 * time the officer typed (the calling hours and the queue are Shanghai's): the page used to read
 * the `datetime-local` field in the machine's zone. Every other spec runs in Asia/Shanghai.
 */
import { shanghaiDate } from '../../shared/domain/shanghai';
import { expect, openFreshCall, test } from './fixtures';

test.use({ timezoneId: 'Europe/Berlin' });

test('a callback booked at 10:00 is 10:00 in Shanghai, whatever zone the workstation is in', async ({ page, app }) => {
  const taskId = await openFreshCall(page, app.url);
  await page.getByRole('button', { name: '开始拨打' }).click();
  await page.getByRole('radio', { name: /本人改约/ }).check();
  const tomorrow = shanghaiDate(new Date(Date.now() + 86_400_000));
  await page.getByLabel('预约回访时间').fill(`${tomorrow}T10:00`);
  await page.getByRole('button', { name: '结束本次拨打' }).click();
  await expect(page.getByText('已记录：本人改约').first()).toBeVisible();
  await expect
    .poll(() =>
      page.evaluate(async (id) => {
        const r = await window.api!['tasks.queue']({ tab: 'all', limit: 1000 });
        if (!r.ok) throw new Error(r.error.message);
        return r.value.rows.find((x) => x.taskId === id)?.bookedAt ?? null;
      }, taskId),
    )
    .toBe(new Date(`${tomorrow}T10:00:00+08:00`).toISOString());
});
