/**
 * Message keys are typed (issue 17): the real `tsc` with the renderer's config (tsconfig.web.json)
 * checks two probes against the catalogue. Every line of the bad probe must fail at its line, the
 * good probe must compile: a missing or old-namespace key is a type error, a real key, a template
 * over a literal union and a server message through tError are not.
 * (i18n-rename: skip — the bad probe keeps old keys on purpose.)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers';

const TSC = path.join(ROOT, 'node_modules/typescript/bin/tsc');
const I18N = path.join(ROOT, 'renderer/src/i18n');

const header = [
  `import i18n from '${path.join(I18N, 'index')}';`,
  `import { tError, tIn, tMessage } from '${path.join(I18N, 'messages')}';`,
  'const t = i18n.t;',
];

const good = [
  "t('imports.title');",
  "t('workbench.title');",
  "t('reports.kpi.completion');",
  "t('reports.weekly.sheets.overview');",
  "t('loans.file.title');",
  "t('auth.lock.title');",
  "t('review.days', { count: 2 });",
  "const type = 'post_approval' as 'post_approval' | 'event'; t(`taskTypes.${type}`);",
  "const fromServer = { message: 'errors.internal' as string }; tError(t, fromServer);",
  "tMessage(t, 'errors.' + String(Date.now()));",
  "tIn(t, 'tasks.eventKinds', String(Date.now()));",
  "const s: string = t('common.retry');",
];
const bad = [
  "t('nope.missing');",
  "t('import.title');",
  "t('report.metrics.completion');",
  "t('dashboard.title');",
  "t('imports.noSuchKey');",
  'const code = String(Date.now()); t(`taskTypes.${code}`);',
  "tIn(t, 'noSuchGroup', 'x');",
];

function compile(): string {
  const dir = tempDir('cbd-tsc-keys-');
  const write = (name: string, lines: string[]) =>
    fs.writeFileSync(path.join(dir, name), [...header, ...lines, 'export {};', ''].join('\n'));
  write('good.ts', good);
  write('bad.ts', bad);
  fs.writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({
      extends: path.join(ROOT, 'tsconfig.web.json'),
      compilerOptions: { composite: false, noEmit: true, emitDeclarationOnly: false, rootDir: '/' },
      files: ['good.ts', 'bad.ts'],
      include: [],
    }),
  );
  const r = spawnSync(process.execPath, [TSC, '-p', path.join(dir, 'tsconfig.json')], { encoding: 'utf8', cwd: dir });
  return r.stdout + r.stderr;
}

describe('typed message keys', () => {
  it('refuse a key missing from the catalogue and accept the real ones', { timeout: 120_000 }, () => {
    const out = compile();
    expect(out.split('\n').filter((l) => l.startsWith('good.ts'))).toEqual([]);
    const failing = new Set([...out.matchAll(/^bad\.ts\((\d+),/gm)].map((m) => Number(m[1])));
    const expected = bad.map((_, i) => header.length + i + 1);
    expect([...failing].sort((a, b) => a - b)).toEqual(expected);
  });
});
