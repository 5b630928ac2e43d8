/**
 * Issue #16 item 10: 3 million empty CSV lines took 95 s and 431 MB, because blank rows did not
 * count against the row limit. They count now: the analysis stops at the limit with a plain
 * refusal, having read only a small part of the file (bounded by what it reads, not by a timer).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { initBranch } from '../../electron/core/branch';
import { openAppContext, type AppContext } from '../../electron/core/context';
import { analyseImport, disposeAnalysis, fileSource } from '../../electron/core/imports/analyse';
import { importLimits } from '../../electron/core/imports/limits';
import { DEFAULT_IMPORT_LIMITS } from '../../shared/import/columns';
import { sampleRows, toCsv } from '../fixtures/import/generate';
import { tempDir } from '../helpers';

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const f of cleanup.splice(0)) f();
});

async function setup(): Promise<{ ctx: AppContext; dir: string }> {
  const dir = tempDir('cbd-blank-');
  const ctx = openAppContext(path.join(dir, 'branch.db'));
  cleanup.push(() => {
    ctx.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  await initBranch(ctx.db, { code: 'HZ1', name: '测试支行', admin: 'admin', password: 'admin-pass-1' }, new Date());
  return { ctx, dir };
}

/** A header, one good row, then `blank` empty lines, streamed to the file (never held whole). */
async function writeBlankFile(file: string, blank: number, eol = '\n'): Promise<void> {
  const out = fs.createWriteStream(file);
  out.write(toCsv(sampleRows(1)));
  const block = eol.repeat(64 * 1024);
  for (let left = blank; left > 0; left -= 64 * 1024) {
    if (!out.write(left >= 64 * 1024 ? block : eol.repeat(left)))
      await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

describe('blank lines count against the row limit', () => {
  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ])(
    '3 million empty lines (%s) are refused at the limit, after reading a small part of the file',
    async (_, eol) => {
      const { ctx, dir } = await setup();
      const limits = importLimits(ctx.db);
      expect(limits.maxRows).toBe(DEFAULT_IMPORT_LIMITS.maxRows);
      const file = path.join(dir, 'blank.csv');
      await writeBlankFile(file, 3_000_000, eol);
      const base = fileSource(file);
      // Bytes read by each pass over the file (hash, first look, encoding sample, rows).
      const passes: number[] = [];
      const source = {
        size: base.size,
        open: () => {
          const s = base.open();
          const pass = passes.push(0) - 1;
          s.on('data', (c: Buffer | string) => (passes[pass]! += c.length));
          return s;
        },
      };
      const a = await analyseImport(ctx.db, ctx.pii(), { fileName: 'blank.csv', source, limits, today: '2026-11-23' });
      cleanup.push(() => disposeAnalysis(a));
      expect(a.fileErrors).toEqual([
        { row: limits.maxRows + 2, column: '', code: 'too_many_blank_rows', params: { limit: limits.maxRows } },
      ]);
      expect(a.validRows).toBe(1);
      // The row pass (the last one) stopped near the limit, far from the end of the file.
      expect(passes.length).toBeGreaterThanOrEqual(2);
      expect(passes.at(-1)!).toBeLessThan(base.size / 2);
    },
    120_000,
  );

  it('a few blank lines between rows and at the end still import as before', async () => {
    const { ctx, dir } = await setup();
    const file = path.join(dir, 'some-blank.csv');
    const [header, ...rows] = toCsv(sampleRows(3)).trimEnd().split('\n');
    fs.writeFileSync(file, [header, rows[0], '', rows[1], '', '', rows[2], '', '', ''].join('\n'));
    const a = await analyseImport(ctx.db, ctx.pii(), {
      fileName: 'some-blank.csv',
      source: fileSource(file),
      limits: importLimits(ctx.db),
      today: '2026-11-23',
    });
    cleanup.push(() => disposeAnalysis(a));
    expect(a.fileErrors).toEqual([]);
    expect(a.validRows).toBe(3);
  });
});
