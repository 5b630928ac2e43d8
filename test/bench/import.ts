/**
 * Import benchmark: 100k generated rows imported end to end (read, validate, classify, spool,
 * commit with encryption and events) against a floor measured in the same run: the same rows
 * inserted with raw prepared statements in one transaction, no validation, no encryption.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { initBranch } from '../../electron/core/branch';
import { openAppContext } from '../../electron/core/context';
import { analyseImport, disposeAnalysis, fileSource } from '../../electron/core/imports/analyse';
import { commitImport } from '../../electron/core/imports/commit';
import { importLimits } from '../../electron/core/imports/limits';
import { sampleRows, toCsv } from '../fixtures/import/generate';

export interface BenchResult {
  name: string;
  [k: string]: unknown;
}

export async function benchImport(rows = 100_000): Promise<BenchResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cbd-bench-import-'));
  try {
    let data: ReturnType<typeof sampleRows> | null = sampleRows(rows, 42);
    const csv = path.join(dir, 'loans.csv');
    fs.writeFileSync(csv, toCsv(data));

    // Floor: raw prepared inserts of the same rows in one transaction.
    const floorCtx = openAppContext(path.join(dir, 'floor.db'));
    const insLoan = floorCtx.db.prepare(
      `INSERT INTO loans (loan_no, amount_cents, term_months, annual_rate, approval_date, disbursement_date, property_address, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insParty = floorCtx.db.prepare(
      `INSERT INTO parties (loan_id, role, name, id_number_enc, id_number_masked, id_number_hmac, phone_enc, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const t0 = performance.now();
    floorCtx.db.transaction(() => {
      const at = new Date().toISOString();
      for (const r of data!) {
        const id = Number(
          insLoan.run(
            r.loan_no,
            Math.round(Number(r.loan_amount) * 100),
            Number(r.term_months),
            Number(r.annual_rate),
            r.approval_date,
            r.disbursement_date || null,
            r.property_address,
            at,
            at,
          ).lastInsertRowid,
        );
        insParty.run(
          id,
          'borrower',
          r.borrower_name,
          r.borrower_id_number,
          r.borrower_id_number,
          r.borrower_id_number,
          r.borrower_phone,
          at,
          at,
        );
        if (r.co_borrower_name)
          insParty.run(
            id,
            'co_borrower',
            r.co_borrower_name,
            r.co_borrower_id_number,
            '',
            '',
            r.co_borrower_phone,
            at,
            at,
          );
        if (r.guarantor_name)
          insParty.run(id, 'guarantor', r.guarantor_name, r.guarantor_id_number, '', '', r.guarantor_phone, at, at);
      }
    })();
    const floorSeconds = (performance.now() - t0) / 1000;
    floorCtx.close();
    data = null; // only the file is needed from here; keep the import's memory reading honest
    (globalThis as { gc?: () => void }).gc?.();

    const ctx = openAppContext(path.join(dir, 'import.db'));
    const now = new Date();
    await initBranch(ctx.db, { code: 'BENCH', name: 'bench', admin: 'admin', password: 'bench-pass-1' }, now);
    const limits = importLimits(ctx.db);
    let peakRss = process.memoryUsage().rss;
    const sample = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
    const t1 = performance.now();
    const a = await analyseImport(ctx.db, ctx.pii(), {
      fileName: 'loans.csv',
      source: fileSource(csv),
      limits,
      today: '2026-11-23',
    });
    const t2 = performance.now();
    const r = commitImport(ctx.db, ctx.pii(), a, { skipInvalid: false, actor: 'bench', now });
    const t3 = performance.now();
    clearInterval(sample);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    disposeAnalysis(a);
    ctx.close();
    if (r.imported !== rows)
      throw new Error(`expected ${rows} imported, got ${JSON.stringify(r)} / ${a.errors[0]?.code}`);
    const importSeconds = (t3 - t1) / 1000;
    return {
      name: 'import',
      rows,
      fileMB: Math.round((fs.statSync(csv).size / 1024 / 1024) * 10) / 10,
      importSeconds: round(importSeconds),
      checkSeconds: round((t2 - t1) / 1000),
      commitSeconds: round((t3 - t2) / 1000),
      rowsPerSecond: Math.round(rows / importSeconds),
      floorSeconds: round(floorSeconds),
      floorRowsPerSecond: Math.round(rows / floorSeconds),
      ratio: round(floorSeconds / importSeconds),
      target: 0.5,
      peakRssMB: Math.round(peakRss / 1024 / 1024),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
