import { describe, expect, it } from 'vitest';
import { columnForHeader, IMPORT_COLUMNS } from '../../shared/import/columns';
import { rowValidator, type Cell } from '../../shared/import/rules';

const validate = rowValidator('2026-11-23');

function base(): Map<string, Cell> {
  return new Map<string, Cell>([
    ['loan_no', 'DK001'],
    ['borrower_name', '张伟'],
    ['borrower_id_number', '11010519491231002X'],
    ['borrower_phone', '13812345678'],
    ['loan_amount', '1200000'],
    ['term_months', '360'],
    ['annual_rate', '3.1'],
    ['approval_date', '2026-11-02'],
    ['property_address', '浙江省杭州市西湖区文三路100号'],
  ]);
}

function issues(patch: Record<string, Cell>) {
  const cells = base();
  for (const [k, v] of Object.entries(patch)) cells.set(k, v);
  const r = validate(cells);
  return r.ok ? [] : r.issues.map((i) => `${i.column}:${i.code}`);
}

function value(patch: Record<string, Cell>) {
  const cells = base();
  for (const [k, v] of Object.entries(patch)) cells.set(k, v);
  const r = validate(cells);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.row;
}

describe('import headers', () => {
  it('match Chinese or English names regardless of case, spaces and full-width characters', () => {
    expect(columnForHeader(' 贷款编号 ')?.key).toBe('loan_no');
    expect(columnForHeader('LOAN_NO')?.key).toBe('loan_no');
    expect(columnForHeader('期限（月）')?.key).toBe('term_months');
    expect(columnForHeader('年利率（％）')?.key).toBe('annual_rate');
    expect(columnForHeader('Annual_Rate')?.key).toBe('annual_rate');
    expect(columnForHeader('备注')).toBeUndefined();
  });
  it('have unique keys and Chinese names', () => {
    expect(new Set(IMPORT_COLUMNS.map((c) => c.key)).size).toBe(IMPORT_COLUMNS.length);
    expect(new Set(IMPORT_COLUMNS.map((c) => c.zh)).size).toBe(IMPORT_COLUMNS.length);
  });
});

describe('row validation', () => {
  it('accepts a minimal valid row and normalizes it', () => {
    const r = value({ borrower_id_number: '11010519491231002x' });
    expect(r).toMatchObject({
      loanNo: 'DK001',
      amountCents: 120_000_000,
      termMonths: 360,
      annualRate: 3.1,
      approvalDate: '2026-11-02',
    });
    expect(r.borrower.idNumber).toBe('11010519491231002X');
    expect(r.coBorrower).toBeNull();
  });

  it('reads a dash, a slash or 无 as an empty cell, not as a formula', () => {
    const r = value({ co_borrower_name: '-', co_borrower_id_number: '—', co_borrower_phone: '/', employer: '无' });
    expect(r.coBorrower).toBeNull();
    expect(r.borrower.employer).toBeNull();
    expect(issues({ borrower_phone: '-' })).toEqual(['borrower_phone:required']);
    expect(issues({ property_address: '-1+2' })).toEqual(['property_address:formula_like']);
  });

  it('refuses an annual rate written as a fraction (3.1 % as 0.031), saying what to write', () => {
    const r = validate(new Map([...base(), ['annual_rate', 0.031]]));
    expect(r.ok ? [] : r.issues).toEqual([
      { column: 'annual_rate', code: 'rate_fraction', params: { value: '0.031', percent: 3.1 } },
    ]);
    expect(value({ annual_rate: '3.1%' }).annualRate).toBe(3.1);
    expect(value({ annual_rate: '0' }).annualRate).toBe(0);
  });

  it('reports every required field that is empty', () => {
    expect(issues({ loan_no: '', borrower_phone: '  ', approval_date: null })).toEqual([
      'loan_no:required',
      'borrower_phone:required',
      'approval_date:required',
    ]);
  });

  it('reads amounts with thousands separators and at most two decimals', () => {
    expect(value({ loan_amount: '1,200,000.50' }).amountCents).toBe(120_000_050);
    expect(value({ loan_amount: '￥800000' }).amountCents).toBe(80_000_000);
    expect(value({ loan_amount: 1234.5 }).amountCents).toBe(123_450);
    expect(issues({ loan_amount: '1.234' })).toEqual(['loan_amount:amount_format']);
    expect(issues({ loan_amount: '12,34' })).toEqual(['loan_amount:amount_format']);
    expect(issues({ loan_amount: '0' })).toEqual(['loan_amount:amount_positive']);
    expect(issues({ loan_amount: '-5' })).toEqual(['loan_amount:amount_positive']);
    expect(issues({ loan_amount: 12.345 })).toEqual(['loan_amount:amount_format']);
  });

  it('checks term, rate and repayment day ranges', () => {
    expect(issues({ term_months: '0' })).toEqual(['term_months:int_range']);
    expect(issues({ term_months: '361' })).toEqual(['term_months:int_range']);
    expect(issues({ term_months: '12.5' })).toEqual(['term_months:int_format']);
    expect(issues({ annual_rate: '24.01' })).toEqual(['annual_rate:rate_range']);
    expect(value({ annual_rate: '3.85%' }).annualRate).toBe(3.85);
    expect(value({ annual_rate: '0' }).annualRate).toBe(0);
    expect(issues({ repayment_day: '29' })).toEqual(['repayment_day:int_range']);
  });

  it('reads dates as YYYY-MM-DD, YYYY/M/D, 年月日, Excel date cells and serial numbers', () => {
    expect(value({ approval_date: '2026/11/2' }).approvalDate).toBe('2026-11-02');
    expect(value({ approval_date: '2026年11月2日' }).approvalDate).toBe('2026-11-02');
    expect(value({ approval_date: '2026/11/2 00:00:00' }).approvalDate).toBe('2026-11-02');
    expect(value({ approval_date: new Date('2026-11-02T00:00:00Z') }).approvalDate).toBe('2026-11-02');
    expect(value({ approval_date: 46328 }).approvalDate).toBe('2026-11-02');
    expect(issues({ approval_date: '2026-02-29' })).toEqual(['approval_date:date_format']);
    expect(issues({ approval_date: '02/11/2026' })).toEqual(['approval_date:date_format']);
  });

  it('refuses a disbursement before the approval', () => {
    expect(issues({ disbursement_date: '2026-11-01' })).toEqual(['disbursement_date:disbursement_before_approval']);
    expect(value({ disbursement_date: '2026-11-02' }).disbursementDate).toBe('2026-11-02');
  });

  it('checks ID numbers and phones, and catches IDs Excel turned into numbers', () => {
    expect(issues({ borrower_id_number: '110105194912310021' })).toEqual(['borrower_id_number:id_check_digit']);
    expect(issues({ borrower_id_number: '1101051949123100' })).toEqual(['borrower_id_number:id_format']);
    expect(issues({ borrower_id_number: 110105194912310020 })).toEqual(['borrower_id_number:not_text']);
    expect(issues({ borrower_phone: '12812345678' })).toEqual(['borrower_phone:phone_format']);
    expect(value({ borrower_phone: '+86 138-1234-5678' }).borrower.phone).toBe('13812345678');
    expect(value({ borrower_phone: 13812345678 }).borrower.phone).toBe('13812345678');
  });

  it('refuses formula-like text and names with digits (shifted columns)', () => {
    expect(issues({ borrower_name: '=1+1' })).toEqual(['borrower_name:formula_like']);
    expect(issues({ property_address: '@SUM(A1)' })).toEqual(['property_address:formula_like']);
    expect(issues({ borrower_name: '13812345678' })).toEqual(['borrower_name:name_format']);
    expect(issues({ property_address: 'x'.repeat(201) })).toEqual(['property_address:too_long']);
  });

  it('needs co-borrower and guarantor name, ID and phone together, and a different person', () => {
    expect(issues({ co_borrower_name: '李娜' })).toEqual([
      'co_borrower_id_number:co_borrower_incomplete',
      'co_borrower_phone:co_borrower_incomplete',
    ]);
    expect(
      issues({ guarantor_name: '王强', guarantor_id_number: '11010519491231002X', guarantor_phone: '13900001111' }),
    ).toEqual(['guarantor_id_number:same_as_borrower']);
    const r = value({
      co_borrower_name: '李娜',
      co_borrower_id_number: '440524188001010014',
      co_borrower_phone: '13900001111',
    });
    expect(r.coBorrower).toEqual({ name: '李娜', idNumber: '440524188001010014', phone: '13900001111' });
  });
});
