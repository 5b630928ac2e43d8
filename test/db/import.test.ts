/** Import service on real files: limits from settings, cancellation, refusals, party identity. */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { initBranch } from '../../electron/core/branch';
import { openAppContext } from '../../electron/core/context';
import { analyseImport, disposeAnalysis, fileSource } from '../../electron/core/imports/analyse';
import { commitImport } from '../../electron/core/imports/commit';
import { importLimits } from '../../electron/core/imports/limits';
import { sweepOrphanSpools } from '../../electron/core/imports/spool';
import { setSetting } from '../../electron/core/settings/store';
import { AppError } from '../../shared/result';
import { sampleRows, toCsv } from '../fixtures/import/generate';
import { ROOT, tempDb, tempDir } from '../helpers';

const FIX = path.join(ROOT, 'test/fixtures/import');

async function setup() {
  const ctx = openAppContext(tempDb());
  await initBranch(ctx.db, { code: 'HZ1', name: '测试支行', admin: 'admin', password: 'admin-pass-1' }, new Date());
  return ctx;
}

async function analyse(ctx: Awaited<ReturnType<typeof setup>>, file: string, signal?: AbortSignal) {
  return analyseImport(ctx.db, ctx.pii(), {
    fileName: path.basename(file),
    source: fileSource(file),
    limits: importLimits(ctx.db),
    today: '2026-11-23',
    ...(signal ? { signal } : {}),
  });
}

describe('import limits come from settings', () => {
  it('refuses a file above the size limit before reading it', async () => {
    const ctx = await setup();
    setSetting(ctx.db, 'importMaxBytes', 2048, new Date());
    const a = await analyse(ctx, path.join(FIX, 'valid-utf8.csv'));
    expect(a.fileErrors).toEqual([
      { row: 0, column: '', code: 'file_too_large', params: { size: expect.any(Number), limit: 0 } },
    ]);
    expect(a.rowsTotal).toBe(0);
    disposeAnalysis(a);
    ctx.close();
  });

  it('stops at the row limit', async () => {
    const ctx = await setup();
    setSetting(ctx.db, 'importMaxRows', 5, new Date());
    const a = await analyse(ctx, path.join(FIX, 'valid-utf8.csv'));
    expect(a.fileErrors).toEqual([{ row: 7, column: '', code: 'too_many_rows', params: { limit: 5 } }]);
    expect(() => commitImport(ctx.db, ctx.pii(), a, { skipInvalid: true, actor: 't', now: new Date() })).toThrow(
      AppError,
    );
    disposeAnalysis(a);
    ctx.close();
  });

  it('refuses an over-long field with its row and column', async () => {
    const ctx = await setup();
    setSetting(ctx.db, 'importMaxFieldChars', 100, new Date());
    const rows = sampleRows(3);
    rows[1]!.property_address = '杭'.repeat(150);
    const file = path.join(tempDir(), 'long.csv');
    fs.writeFileSync(file, toCsv(rows));
    const a = await analyse(ctx, file);
    expect(a.fileErrors).toEqual([{ row: 3, column: '房屋坐落', code: 'field_too_long', params: { limit: 100 } }]);
    disposeAnalysis(a);
    ctx.close();
  });
});

describe('commit', () => {
  it('refuses rows with errors unless told to skip them, and writes nothing when refusing', async () => {
    const ctx = await setup();
    const a = await analyse(ctx, path.join(FIX, 'bad-check-digit.csv'));
    expect(a.rejectedRows).toBe(1);
    expect(() => commitImport(ctx.db, ctx.pii(), a, { skipInvalid: false, actor: 't', now: new Date() })).toThrow(
      /rowsRejected/,
    );
    expect(ctx.db.prepare('SELECT count(*) FROM loans').pluck().get()).toBe(0);
    expect(ctx.db.prepare('SELECT count(*) FROM imports').pluck().get()).toBe(0);
    const r = commitImport(ctx.db, ctx.pii(), a, { skipInvalid: true, actor: 't', now: new Date() });
    expect(r).toMatchObject({ imported: 3, rejected: 1 });
    disposeAnalysis(a);
    ctx.close();
  });

  it('keeps the borrower’s party row (same id) when their details change', async () => {
    const ctx = await setup();
    const rows = sampleRows(2);
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'a.csv'), toCsv(rows));
    let a = await analyse(ctx, path.join(dir, 'a.csv'));
    commitImport(ctx.db, ctx.pii(), a, { skipInvalid: false, actor: 't', now: new Date() });
    disposeAnalysis(a);
    const idBefore = ctx.db.prepare("SELECT id FROM parties WHERE role = 'borrower' ORDER BY id LIMIT 1").pluck().get();
    rows[0]!.borrower_phone = '13700000000';
    rows[0]!.employer = '新单位有限公司';
    fs.writeFileSync(path.join(dir, 'b.csv'), toCsv(rows));
    a = await analyse(ctx, path.join(dir, 'b.csv'));
    expect(a.counts).toEqual({ new: 0, updated: 1, unchanged: 1 });
    commitImport(ctx.db, ctx.pii(), a, { skipInvalid: false, actor: 't', now: new Date() });
    disposeAnalysis(a);
    const row = ctx.db.prepare('SELECT id, phone_masked, employer FROM parties WHERE id = ?').get(idBefore);
    expect(row).toEqual({ id: idBefore, phone_masked: '137****0000', employer: '新单位有限公司' });
    ctx.close();
  });

  it('stops reading when cancelled and leaves nothing behind', async () => {
    const ctx = await setup();
    const c = new AbortController();
    c.abort();
    const a = await analyse(ctx, path.join(FIX, 'valid-utf8.csv'), c.signal);
    expect(a.fileErrors.map((e) => e.code)).toEqual(['cancelled']);
    disposeAnalysis(a);
    expect(fs.existsSync(a.valid.file)).toBe(false);
    ctx.close();
  });

  it('removes at start the spools of processes that ended without cleaning up, never a live one', () => {
    const dir = tempDir();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const spool = (owner: string) => path.join(dir, `callback-desk-import-${owner}${crypto.randomUUID()}.spool`);
    const ofDead = spool(`${dead}-`);
    const ofMine = spool(`${process.pid}-`);
    const oldUnowned = spool('');
    const newUnowned = spool('');
    const other = path.join(dir, 'callback-desk-import-notes.txt');
    for (const f of [ofDead, ofMine, oldUnowned, newUnowned, other]) fs.writeFileSync(f, 'x');
    const twoDaysAgo = new Date(Date.now() - 48 * 3600_000);
    fs.utimesSync(oldUnowned, twoDaysAgo, twoDaysAgo);
    expect(sweepOrphanSpools(dir)).toBe(2);
    expect(fs.readdirSync(dir).sort()).toEqual([ofMine, newUnowned, other].map((f) => path.basename(f)).sort());
  });

  it('spools rows encrypted: the temp file holds no plaintext ID or phone number', async () => {
    const ctx = await setup();
    const a = await analyse(ctx, path.join(FIX, 'valid-utf8.csv'));
    const spool = fs.readFileSync(a.valid.file, 'latin1');
    expect(fs.statSync(a.valid.file).mode & 0o777).toBe(0o600);
    const source = fs.readFileSync(path.join(FIX, 'valid-utf8.csv'), 'utf8');
    for (const m of source.matchAll(/\b(\d{17}[\dX]|1[3-9]\d{9})\b/g)) expect(spool.includes(m[1]!)).toBe(false);
    expect([...a.valid.read()]).toHaveLength(12);
    disposeAnalysis(a);
    ctx.close();
  });
});

describe('templates and documentation', () => {
  it.each(['csv', 'xlsx'] as const)('the %s template imports cleanly (its example row is valid)', async (format) => {
    const { csvTemplate, xlsxTemplate } = await import('../../electron/core/imports/template');
    for (const lang of ['zh-CN', 'en'] as const) {
      const ctx = await setup();
      const file = path.join(tempDir(), `template.${format}`);
      fs.writeFileSync(file, format === 'csv' ? csvTemplate(lang) : await xlsxTemplate(lang));
      const a = await analyse(ctx, file);
      expect(a.fileErrors).toEqual([]);
      expect(a.errors).toEqual([]);
      expect(a.validRows).toBe(1);
      disposeAnalysis(a);
      ctx.close();
    }
  });

  it('docs/import-format.md lists every column', async () => {
    const { IMPORT_COLUMNS } = await import('../../shared/import/columns');
    const doc = fs.readFileSync(path.join(ROOT, 'docs/import-format.md'), 'utf8');
    const esc = (t: string) => t.replace(/[()%]/g, (ch) => `\\${ch}`);
    for (const c of IMPORT_COLUMNS)
      expect(doc, c.key).toMatch(new RegExp(`\\|\\s*${esc(c.zh)}\\s*\\|\\s*\`${c.key}\`\\s*\\|`));
  });
});
