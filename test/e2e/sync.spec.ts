/**
 * 同步 end to end (issue 7): a manager exports signed bundles to a folder and acknowledges one by
 * receipt; an administrator sets up head office's server and uploads through a failing-once
 * reference receiver; an unreachable server leaves the data pending with a plain message (and a
 * run in progress can be cancelled); a malformed address is refused before it is sent; officers
 * have no 同步 page.
 */
import fs from 'node:fs';
import net from 'node:net';
import type { Page } from '@playwright/test';
import { openDatabase } from '../../electron/core/db/open';
import { setSetting } from '../../electron/core/settings/store';
import { parseSigningKey } from '../../electron/core/sync/keys';
import { startReceiver } from '../sync/receiver';
import { expect, expectNoHorizontalOverflow, login, shot, test } from './fixtures';

const TOKEN = 'e2e-sync-token-7f3a';

async function openSync(page: Page): Promise<void> {
  await page.getByRole('menuitem', { name: /同步/ }).click();
  await expect(page.getByRole('region', { name: '与总行同步' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '与总行同步' })).toBeVisible();
}

async function pending(page: Page): Promise<number> {
  return Number(await page.getByTestId('sync-pending').innerText());
}

const bundleRows = (page: Page) =>
  page.locator('.ant-table-tbody .ant-table-row').filter({ hasText: /HZ001-\d+-\d+-[0-9a-f-]{36}\.zip/ });

/** The branch's public key, as head office registers it. */
const publicKeyOf = (dbFile: string) => parseSigningKey(fs.readFileSync(`${dbFile}.sign.key`, 'utf8'), 'e2e').publicKey;

/** Smaller bundles than the default 10 000 entries, so the ~7 500 demo entries make several. */
function capBundles(dbFile: string, maxEntries: number): void {
  const db = openDatabase(dbFile, { mustExist: true });
  try {
    setSetting(db, 'syncBundleMaxEntries', maxEntries, new Date());
  } finally {
    db.close();
  }
}

async function setTarget(page: Page, url: string, token: string): Promise<void> {
  await page.getByLabel('服务器地址').fill(url);
  await page.getByLabel('访问令牌').fill(token);
  await page.getByRole('button', { name: /保\s*存/ }).click();
  // .last(): an earlier save's toast may still show.
  await expect(page.getByText('总行服务器设置已保存。').last()).toBeVisible();
  // The token is never shown back, only that one is set.
  await expect(page.getByLabel('访问令牌')).toHaveValue('');
  await expect(page.getByLabel('访问令牌')).toHaveAttribute('placeholder', '已设置（留空则保持不变）');
}

test('a manager exports bundles to a folder and acknowledges one by receipt', async ({ page, app }, testInfo) => {
  const outDir = testInfo.outputPath('export');
  fs.mkdirSync(outDir, { recursive: true });
  capBundles(app.dbFile, 3000);
  let statusAsked = 0;
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/api/sync.status') statusAsked += 1;
  });
  await page.goto(app.url);
  await login(page, 'manager1', 'demo1234');
  await openSync(page);
  const before = await pending(page);
  expect(before).toBeGreaterThan(0);
  await expect(page.getByText(/^还没有数据包。/)).toBeVisible();
  await expect(page.getByText('从未')).toHaveCount(2);
  // Managers cannot change the server, and cannot upload before an administrator has set it.
  await expect(page.getByText('仅系统管理员可以修改总行服务器设置。')).toBeVisible();
  await expect(page.getByLabel('服务器地址')).toBeDisabled();
  await expect(page.getByRole('button', { name: /立即上传/ })).toBeDisabled();
  await expect(page.getByText(/^尚未设置总行服务器，暂不能上传。/)).toBeVisible();
  await expectNoHorizontalOverflow(page);

  // A folder that does not exist: a plain message, nothing written.
  await page.getByLabel('导出文件夹').fill(`${outDir}-missing`);
  await page.getByRole('button', { name: '导出到文件夹…' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '导出文件夹不存在或不是文件夹' })).toBeVisible();

  await page.getByLabel('导出文件夹').fill(outDir);
  await page.getByRole('button', { name: '导出到文件夹…' }).click();
  const done = page.getByText(/^已导出 \d+ 个数据包到 /);
  await expect(done).toBeVisible({ timeout: 30_000 });
  await expect(done).toContainText(outDir);
  const files = fs.readdirSync(outDir).filter((f) => /^HZ001-\d+-\d+-[0-9a-f-]{36}\.zip$/.test(f));
  expect(files.length).toBe(Math.ceil(before / 3000));
  expect(fs.readdirSync(outDir).filter((f) => !files.includes(f))).toEqual([]);
  expect(await done.innerText()).toContain(`已导出 ${files.length} 个数据包`);
  await expect(bundleRows(page)).toHaveCount(files.length);
  await expect(bundleRows(page).filter({ hasText: '已导出，待确认' })).toHaveCount(files.length);
  // Exported is not acknowledged: everything is still pending.
  expect(await pending(page)).toBe(before);
  await expect(page.getByText(/^.+（成功，\d+ 个数据包）$/)).toBeVisible();
  await expect(page.getByLabel('导出文件夹')).toHaveValue(outDir);
  await expectNoHorizontalOverflow(page);
  await shot(page, 'sync-exported');
  // Polled only while a job runs: once the export has finished, the page asks nothing more.
  const polled = statusAsked;
  await page.waitForTimeout(1_500);
  expect(statusAsked).toBe(polled);

  // Head office's receipt for the first bundle acknowledges it; the same receipt again changes nothing.
  const [first] = files.sort();
  const bundleId = /-([0-9a-f-]{36})\.zip$/.exec(first!)![1]!;
  const receipt = testInfo.outputPath('receipt.json');
  fs.writeFileSync(receipt, JSON.stringify({ bundleId, receivedAt: new Date().toISOString() }));
  const receiptInput = page.locator('input[type="file"]');
  await receiptInput.setInputFiles(receipt);
  await expect(page.getByText(`已凭回执确认数据包 ${bundleId}。`)).toBeVisible();
  const row = bundleRows(page).filter({ hasText: bundleId });
  await expect(row).toContainText('总行已确认');
  await expect(row).toContainText('凭回执确认');
  await expect.poll(() => pending(page)).toBeLessThan(before);
  await receiptInput.setInputFiles(receipt);
  await expect(page.getByText(`数据包 ${bundleId} 此前已确认。`)).toBeVisible();
  // Not a receipt: a plain message.
  const junk = testInfo.outputPath('junk.json');
  fs.writeFileSync(junk, '{"hello":');
  await receiptInput.setInputFiles(junk);
  await expect(page.getByRole('alert').filter({ hasText: '回执文件格式不对' })).toBeVisible();

  // The same page in English.
  await page.getByText('English', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Sync with head office' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Export to folder…' })).toBeVisible();
  await expect(page.getByLabel('Export folder')).toHaveValue(outDir);
  await expect(bundleRows(page).filter({ hasText: 'Exported, awaiting receipt' })).toHaveCount(files.length - 1);
  await expect(page.getByRole('alert').filter({ hasText: 'The receipt is not in the expected form' })).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await shot(page, 'sync-english');
});

test('an administrator sets up the server and uploads; head office acknowledges every bundle', async ({
  page,
  app,
}) => {
  capBundles(app.dbFile, 3000);
  const receiver = await startReceiver({ publicKey: publicKeyOf(app.dbFile), token: TOKEN });
  try {
    await page.goto(app.url);
    await login(page, 'admin', 'admin-pass-1');
    await openSync(page);
    const before = await pending(page);
    expect(before).toBeGreaterThan(0);
    await expect(page.getByRole('button', { name: /立即上传/ })).toBeDisabled();
    await expect(page.getByLabel('访问令牌')).toHaveAttribute('placeholder', '未设置');
    await setTarget(page, receiver.url, TOKEN);
    await expect(page.getByRole('button', { name: /立即上传/ })).toBeEnabled();

    // The first request fails (503); the run retries and gets through.
    receiver.failNext(1, 503);
    await page.getByRole('button', { name: /立即上传/ }).click();
    const done = page.getByText(/^已上传 \d+ 个数据包，总行已确认收到。$/);
    await expect(done).toBeVisible({ timeout: 30_000 });
    const rows = bundleRows(page);
    const count = await rows.count();
    expect(count).toBeGreaterThan(1);
    expect(await done.innerText()).toContain(`已上传 ${count} 个数据包`);
    expect(receiver.stored.size).toBe(count);
    // Head office holds every pending entry exactly once, in order, verified against the branch's key.
    expect(receiver.entries().map((e) => e.seq)).toEqual(Array.from({ length: before }, (_, i) => i + 1));
    expect(receiver.requests[0]).toMatchObject({ method: 'PUT', status: 503 });
    expect(receiver.requests.filter((r) => r.status === 201)).toHaveLength(count);
    await expect(rows.filter({ hasText: '总行已确认' })).toHaveCount(count);
    await expect(rows.filter({ hasText: '上传时确认' })).toHaveCount(count);
    await expect.poll(() => pending(page)).toBe(0);
    await expect(page.getByText(/^.+（成功，\d+ 个数据包）$/)).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await shot(page, 'sync-uploaded');

    // Nothing left: a second upload says so and sends nothing.
    const sent = receiver.requests.length;
    await page.getByRole('button', { name: /立即上传/ }).click();
    await expect(page.getByText('没有待同步的数据，无需上传。')).toBeVisible();
    expect(receiver.requests.length).toBe(sent);
  } finally {
    await receiver.close();
  }
});

test('an upload can be cancelled, and an unreachable server keeps the data pending', async ({ page, app }) => {
  test.setTimeout(120_000);
  // A server that accepts connections and never answers: the upload waits until cancelled.
  const sockets: net.Socket[] = [];
  const silent = net.createServer((s) => void sockets.push(s));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const silentUrl = `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}`;
  // A port that was just listening and is now closed.
  const gone = await startReceiver({ publicKey: publicKeyOf(app.dbFile), token: TOKEN });
  const closedUrl = gone.url;
  await gone.close();

  try {
    await page.goto(app.url);
    await login(page, 'admin', 'admin-pass-1');
    await openSync(page);
    const before = await pending(page);
    await setTarget(page, silentUrl, TOKEN);

    await page.getByRole('button', { name: /立即上传/ }).click();
    await expect(page.getByRole('progressbar', { name: '正在上传：总行已确认 0 / 1 个数据包' })).toBeVisible();
    await expect(page.getByRole('button', { name: /立即上传/ })).toBeDisabled();
    await expect.poll(() => sockets.length).toBeGreaterThan(0);
    await expect(page.getByText(/^.+（进行中，0 个数据包）$/)).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await shot(page, 'sync-uploading');
    await page.getByRole('button', { name: /取\s*消/ }).click();
    await expect(page.getByText(/^已取消。未完成的数据包仍在待同步队列中/)).toBeVisible({ timeout: 20_000 });
    await expect(page.getByRole('progressbar')).toHaveCount(0);
    expect(await pending(page)).toBe(before);
    await expect(page.getByText(/^.+（已取消，0 个数据包）$/)).toBeVisible();

    // Nobody listening: five tries with backoff, then a plain message; no stack, nothing lost.
    await setTarget(page, closedUrl, TOKEN);
    await page.getByRole('button', { name: /立即上传/ }).click();
    await expect(page.getByText(/^总行服务器暂时没有响应，正在进行第 \d \/ 5 次尝试…$/)).toBeVisible({
      timeout: 20_000,
    });
    const error = page.getByRole('alert').filter({ hasText: '无法连接总行服务器，数据已保留' });
    await expect(error).toBeVisible({ timeout: 60_000 });
    await expect(error).toContainText('已尝试 5 次');
    await expect(error).not.toContainText(/at \w+ \(|Error:/);
    await expect(page.getByRole('progressbar')).toHaveCount(0);
    expect(await pending(page)).toBe(before);
    await expect(bundleRows(page).filter({ hasText: '上传失败' })).toHaveCount(1);
    await expect(page.getByText(/^.+（无法连接，0 个数据包）$/)).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await shot(page, 'sync-unreachable');
  } finally {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  }
});

test('an address that is not a URL is refused before it is sent, in the words the server uses', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await login(page, 'admin', 'admin-pass-1');
  await openSync(page);
  const sent: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/api/sync.setTarget') sent.push(r.method());
  });
  await page.getByLabel('服务器地址').fill('总行服务器');
  await page.getByRole('button', { name: /保\s*存/ }).click();
  // The contract's own schema checks the form: the same message as the server's refusal, no request.
  await expect(page.getByRole('alert').filter({ hasText: '输入有误（url），请检查后重试。' })).toBeVisible();
  expect(sent).toEqual([]);
  // A good address afterwards goes through.
  await setTarget(page, 'https://hq.example.cn/sync', TOKEN);
  expect(sent).toEqual(['POST']);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('officers have no sync page', async ({ page, app }) => {
  await page.goto(app.url);
  await login(page, 'officer1', 'demo1234');
  await expect(page.getByRole('menuitem', { name: /回访任务/ })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: /同步/ })).toHaveCount(0);
  await page.goto(`${app.url}#/sync`);
  await expect(page.getByRole('menuitem', { name: /工作台/ })).toBeVisible();
  await expect(page.getByRole('region', { name: '与总行同步' })).toHaveCount(0);
});
