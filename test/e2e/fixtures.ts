/**
 * Per-test fixture: a private copy of the seeded database in the test's output folder and a
 * harness process serving it. `app.url` is the page to open; screenshots go to test-results/.
 * Every page a test opens is watched: a console error, an uncaught page error, a failed request
 * or an HTTP error response fails the test when it ends (issue #23: a broken CSP and a 404 went
 * unnoticed), unless the test names it with `expectPageProblem`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { startHarnessProcess, type HarnessProcess } from '../harness/process';
import { TEMPLATE_ENV } from './template';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots');

/** What went wrong on the pages of one test, as plain lines (URLs without their query: the token). */
const problems = new WeakMap<BrowserContext, { seen: string[]; expected: RegExp[]; upTo?: number }>();
const noQuery = (url: string) => url.replace(/[?#].*$/, '');

/** Declares a problem this test causes on purpose (e.g. a refused upload): matching lines do not fail it. */
export function expectPageProblem(page: Page, pattern: RegExp): void {
  problems.get(page.context())?.expected.push(pattern);
}

export const test = base.extend<{ app: HarnessProcess & { dbFile: string }; pageWatch: void }>({
  // Not tied to `app`: a test that starts its own harness on its own data folder must not get a
  // second one on the same folder. What pages log once the harness stops is not counted (`upTo`).
  pageWatch: [
    async ({ context }, use) => {
      const p: { seen: string[]; expected: RegExp[]; upTo?: number } = { seen: [], expected: [] };
      problems.set(context, p);
      context.on('console', (m) => {
        if (m.type() === 'error') p.seen.push(`console error: ${m.text()} (${noQuery(m.location().url)})`);
      });
      context.on('weberror', (e) => p.seen.push(`page error: ${e.error().message}`));
      context.on('requestfailed', (r) => {
        const why = r.failure()?.errorText ?? '';
        // Aborted = cancelled by the page (a superseded query, a download) or by the test ending;
        // refused = a test's own harness already stopped (a page that never loads fails its test).
        if (why !== 'net::ERR_ABORTED' && why !== 'net::ERR_CONNECTION_REFUSED')
          p.seen.push(`request failed: ${r.method()} ${noQuery(r.url())} ${why}`);
      });
      context.on('response', (r) => {
        if (r.status() >= 400) p.seen.push(`HTTP ${r.status()}: ${r.request().method()} ${noQuery(r.url())}`);
      });
      await use();
      const unexpected = p.seen
        .slice(0, p.upTo ?? p.seen.length)
        .filter((line) => !p.expected.some((re) => re.test(line)));
      expect(unexpected, 'console errors, page errors or failed requests on the pages this test opened').toEqual([]);
    },
    { auto: true },
  ],
  app: async ({ context }, use, testInfo) => {
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
    const p = problems.get(context);
    if (p) p.upTo ??= p.seen.length;
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

/** Signs in as officer1 and opens the call screen of a fresh (never dialled, open) post-approval task; returns its id. */
export async function openFreshCall(page: Page, appUrl: string): Promise<number> {
  await page.goto(appUrl);
  await login(page, 'officer1', 'demo1234');
  await expect(page.getByRole('menuitem', { name: /回访任务/ })).toBeVisible();
  const taskId = await page.evaluate(async () => {
    const r = await window.api!['tasks.queue']({ tab: 'today', type: 'post_approval', limit: 500 });
    if (!r.ok) throw new Error(r.error.message);
    return r.value.rows.find((x) => x.attempts === 0 && x.status === 'open')!.taskId;
  });
  await page.goto(`${appUrl}#/call/${taskId}`);
  return taskId;
}
