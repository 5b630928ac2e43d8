/**
 * Per-test fixture: a private copy of the seeded database in the test's output folder and a
 * harness process serving it. `app.url` is the page to open; screenshots go to test-results/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { startHarnessProcess, type HarnessProcess } from '../harness/process';
import { TEMPLATE_ENV } from './template';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots');

export const test = base.extend<{ app: HarnessProcess & { dbFile: string } }>({
  app: async ({}, use, testInfo) => {
    const template = process.env[TEMPLATE_ENV];
    if (!template) throw new Error('global setup did not create the template database');
    const dir = testInfo.outputPath('data');
    fs.mkdirSync(dir, { recursive: true });
    const dbFile = path.join(dir, 'branch.db');
    fs.copyFileSync(template, dbFile);
    fs.copyFileSync(`${template}.key`, `${dbFile}.key`);
    if (fs.existsSync(`${template}.sign.key`)) fs.copyFileSync(`${template}.sign.key`, `${dbFile}.sign.key`);
    const h = await startHarnessProcess(dbFile);
    await use({ ...h, dbFile });
    await h.stop();
  },
});

export { expect };

export async function login(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

export async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

/** Fails when the page scrolls sideways at the current viewport (1366×768 by default). */
export async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, 'page must not overflow horizontally').toBeLessThanOrEqual(clientWidth);
}
