// `npm test`: typecheck, lint, build, unit/db/integration (vitest) and e2e (Playwright),
// then one summary line `N passed, N failed` summing every suite.
// Every suite runs with TMPDIR set to a fresh folder of this run; at the end whatever the tests
// (or the product code they drive) left there is listed and counted, and the run fails if
// anything is left: every test cleans up after itself.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const results = [];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'callback-desk-test-run-'));
const env = { ...process.env, TMPDIR: tmp, TMP: tmp, TEMP: tmp };
/** Caches tools keep in the temp folder on purpose (tsx's and Playwright's transform caches, Node's compile cache). */
const TOOL_CACHES = /^(tsx-\d+|node-compile-cache|playwright-transform-cache-\d+)$/;

function run(name, cmd, args, counter) {
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  let counts = counter ? counter() : null;
  if (!counts) counts = r.status === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
  else if (r.status !== 0 && counts.failed === 0) counts.failed = 1; // crashed without reporting a failure
  results.push({ name, ...counts, seconds: Math.round((Date.now() - started) / 1000) });
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));
  } catch {
    return null;
  }
}

const bin = (n) => path.join(root, 'node_modules', '.bin', n);
fs.rmSync(path.join(root, 'test-results/vitest.json'), { force: true });
fs.rmSync(path.join(root, 'test-results/playwright.json'), { force: true });

run('typecheck', bin('tsc'), ['-b']);
run('lint', bin('eslint'), ['.']);
run('format', bin('prettier'), ['--check', '.']);
run('build', bin('electron-vite'), ['build']);
run('vitest (unit, db, integration)', bin('vitest'), ['run'], () => {
  const j = readJson('test-results/vitest.json');
  return j ? { passed: j.numPassedTests, failed: j.numFailedTests } : null;
});
run('playwright (e2e)', bin('playwright'), ['test'], () => {
  const j = readJson('test-results/playwright.json');
  return j ? { passed: j.stats.expected + j.stats.flaky, failed: j.stats.unexpected } : null;
});

// What the suites left in their temp folder.
const left = fs.readdirSync(tmp).filter((n) => !TOOL_CACHES.test(n));
console.log(`\n=== temp files left in ${tmp}: ${left.length}`);
for (const n of left.slice(0, 200)) console.log(`  ${n}`);
if (left.length > 200) console.log(`  … ${left.length - 200} more`);
results.push({
  name: 'temp files left by tests',
  passed: left.length === 0 ? 1 : 0,
  failed: left.length === 0 ? 0 : 1,
  seconds: 0,
});
fs.rmSync(tmp, { recursive: true, force: true });

console.log('\n=== summary');
for (const r of results)
  console.log(
    `${r.name.padEnd(32)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed  (${r.seconds}s)`,
  );
const passed = results.reduce((a, r) => a + r.passed, 0);
const failed = results.reduce((a, r) => a + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
