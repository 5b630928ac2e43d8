import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openAppContext } from '../../electron/core/context';
import { demoSeed } from '../../electron/core/demo/seed';
import { listLoans } from '../../electron/core/loans/list';
import { keyFileFor } from '../../electron/core/pii/cipher';
import { checkIdNumber } from '../../shared/domain/idNumber';
import { isMobile } from '../../shared/domain/phone';
import { AppError } from '../../shared/result';
import { TestClock, tempDb } from '../helpers';

const AS_OF = '2026-11-20';

async function seededContext(loans = 120, seed = 3) {
  const clock = new TestClock();
  const file = tempDb();
  const ctx = openAppContext(file, { clock: clock.now });
  const result = await demoSeed(ctx.db, ctx.pii(), { loans, seed, asOf: AS_OF }, clock.now());
  return { ctx, file, result };
}

function parties(ctx: Awaited<ReturnType<typeof seededContext>>['ctx']) {
  return ctx.db.prepare('SELECT * FROM parties').all() as Record<string, string | null>[];
}

describe('the PII module', () => {
  it('encrypts with a fresh IV each time and decrypts back; indexes are stable', async () => {
    const { ctx } = await seededContext(1);
    const pii = ctx.pii();
    const a = pii.encrypt('13812345678');
    expect(a).not.toBe(pii.encrypt('13812345678'));
    expect(pii.decrypt(a)).toBe('13812345678');
    expect(pii.index('phone', '13812345678')).toBe(pii.index('phone', '13812345678'));
    expect(pii.index('phone', '13812345678')).not.toBe(pii.index('id', '13812345678'));
    const tampered = Buffer.from(a, 'base64');
    tampered[tampered.length - 1]! ^= 1;
    expect(() => pii.decrypt(tampered.toString('base64'))).toThrow();
    ctx.close();
  });

  it('keeps the key file beside the database with mode 0600', async () => {
    const { ctx, file } = await seededContext(1);
    ctx.close();
    expect(fs.statSync(keyFileFor(file)).mode & 0o777).toBe(0o600);
  });

  it('refuses to run with the key file missing or replaced', async () => {
    const { ctx, file } = await seededContext(1);
    ctx.close();
    const key = fs.readFileSync(keyFileFor(file));
    fs.rmSync(keyFileFor(file));
    const again = openAppContext(file);
    expect(() => again.pii()).toThrow(AppError);
    expect(fs.existsSync(keyFileFor(file))).toBe(false);
    again.close();
    const other = (await seededContext(1)).file;
    fs.copyFileSync(keyFileFor(other), keyFileFor(file));
    const wrong = openAppContext(file);
    expect(() => wrong.pii()).toThrow(/piiKeyMismatch/);
    wrong.close();
    fs.writeFileSync(keyFileFor(file), key);
  });

  it('leaves no plaintext ID or phone number in the database file', async () => {
    const { ctx, file } = await seededContext(60);
    const pii = ctx.pii();
    const plain = parties(ctx).flatMap((p) => [pii.decrypt(p.id_number_enc!), pii.decrypt(p.phone_enc!)]);
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    ctx.close();
    const bytes = fs.readFileSync(file).toString('latin1');
    expect(plain.length).toBeGreaterThan(100);
    for (const value of plain) expect(bytes.includes(value), value.slice(0, 3)).toBe(false);
  });
});

describe('demo-seed', () => {
  it('creates valid, realistic loans: check digits, mobiles, dates in the 120 days before as-of', async () => {
    const { ctx, result } = await seededContext(300);
    expect(result.loansCreated).toBe(300);
    expect(result.usersCreated).toEqual(['admin', 'officer1', 'officer2', 'officer3', 'manager1']);
    const pii = ctx.pii();
    const ps = parties(ctx);
    for (const p of ps) {
      expect(checkIdNumber(pii.decrypt(p.id_number_enc!), AS_OF)).toBeNull();
      expect(isMobile(pii.decrypt(p.phone_enc!))).toBe(true);
      expect(p.name).toMatch(/^\p{Script=Han}{2,4}$/u);
    }
    const loans = ctx.db.prepare('SELECT approval_date, disbursement_date FROM loans').all() as {
      approval_date: string;
      disbursement_date: string | null;
    }[];
    for (const l of loans) {
      expect(l.approval_date >= '2026-07-23' && l.approval_date <= AS_OF).toBe(true);
      if (l.disbursement_date) expect(l.disbursement_date > l.approval_date && l.disbursement_date <= AS_OF).toBe(true);
    }
    const co = ps.filter((p) => p.role === 'co_borrower').length;
    expect(co / 300).toBeGreaterThan(0.25);
    expect(co / 300).toBeLessThan(0.42);
    ctx.close();
  });

  it('is deterministic for a seed and adds nothing when run again', async () => {
    const a = await seededContext(50, 9);
    const b = await seededContext(50, 9);
    const rows = (c: typeof a.ctx) => listLoans(c.db, c.pii(), { offset: 0, limit: 100 }).rows;
    expect(rows(a.ctx)).toEqual(rows(b.ctx));
    const again = await demoSeed(a.ctx.db, a.ctx.pii(), { loans: 50, seed: 9, asOf: AS_OF }, new Date());
    expect(again).toMatchObject({ loansCreated: 0, loansSkipped: 50, usersCreated: [], branchCreated: false });
    a.ctx.close();
    b.ctx.close();
  });
});

describe('loan search', () => {
  it('finds by loan number, borrower name, phone last 4 and full phone, never showing plaintext', async () => {
    const { ctx } = await seededContext(200);
    const pii = ctx.pii();
    const borrower = ctx.db
      .prepare(
        "SELECT p.*, l.loan_no FROM parties p JOIN loans l ON l.id = p.loan_id WHERE p.role = 'borrower' LIMIT 1",
      )
      .get() as Record<string, string>;
    const phone = pii.decrypt(borrower.phone_enc!);
    const q = (search: string) => listLoans(ctx.db, pii, { search, offset: 0, limit: 1000 });
    expect(q(borrower.loan_no!).rows.map((r) => r.loanNo)).toEqual([borrower.loan_no]);
    expect(q(borrower.name!).rows.map((r) => r.loanNo)).toContain(borrower.loan_no);
    expect(q(phone.slice(-4)).rows.map((r) => r.loanNo)).toContain(borrower.loan_no);
    expect(q(phone).rows.map((r) => r.loanNo)).toEqual([borrower.loan_no]);
    expect(q('100%_').total).toBe(0);
    const all = q('');
    expect(all.total).toBe(200);
    expect(JSON.stringify(all.rows)).not.toContain(phone);
    ctx.close();
  });
});
