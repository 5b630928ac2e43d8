/**
 * Validation of one import row: each cell through the zod schema of its column kind, then the
 * rules across columns. Every problem is reported as { column key, code, params }; codes are the
 * message keys under `imports.errors` in the catalogues. Duplicate loan numbers across rows are
 * the reader's job (it sees the whole file).
 */
import { z } from 'zod';
import { checkIdNumber, normalizeIdNumber } from '../domain/idNumber';
import type { LoanTerms } from '../domain/loan';
import { MOBILE_RE } from '../domain/phone';
import { IMPORT_COLUMNS, type ImportColumn } from './columns';
import { hasBidiControl } from '../text';

export type Cell = string | number | boolean | Date | null | undefined;

export interface CellIssue {
  column: string;
  code: string;
  params?: Record<string, string | number>;
}

export interface ImportParty {
  name: string;
  idNumber: string;
  phone: string;
}

export interface ImportRow extends LoanTerms {
  borrower: ImportParty & { employer: string | null; position: string | null; monthlyIncomeCents: number | null };
  coBorrower: ImportParty | null;
  guarantor: ImportParty | null;
}

export type RowResult = { ok: true; row: ImportRow } | { ok: false; issues: CellIssue[] };

const FORMULA_START = /^[=+\-@\t\r]/;

/** What core-system exports write for "no value": a dash, a slash, 无. */
const PLACEHOLDER = /^(?:[-–—－/]+|无)$/;

function isEmpty(v: Cell): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v !== 'string') return false;
  const s = v.trim();
  return s === '' || PLACEHOLDER.test(s);
}

function text(v: Cell): string {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim();
}

function isoDate(y: number, m: number, d: number): string | null {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return dt.toISOString().slice(0, 10);
}

/** Excel serial day numbers (1900 date system; day 0 = 1899-12-30). */
function fromExcelSerial(n: number): string | null {
  if (!Number.isInteger(n) || n < 1 || n > 2_958_465) return null;
  return new Date(Date.UTC(1899, 11, 30) + n * 86_400_000).toISOString().slice(0, 10);
}

type Fail = (code: string, params?: Record<string, string | number>) => never;

/** Thrown by `fail` to leave a converter early; caught right below, never escapes. */
class Stop {
  constructor(
    readonly code: string,
    readonly params: Record<string, string | number> | undefined,
  ) {}
}
const fail: Fail = (code, params) => {
  throw new Stop(code, params);
};

/** A zod schema from a converter that reports problems through `fail(code)`. */
function kind<T>(convert: (v: Cell, fail: Fail) => T) {
  return z.custom<Cell>().transform((v, ctx) => {
    try {
      return convert(v, fail);
    } catch (e) {
      if (!(e instanceof Stop)) throw e;
      ctx.addIssue({ code: 'custom', message: e.code, ...(e.params ? { params: e.params } : {}) });
      return z.NEVER;
    }
  });
}

function guardText(s: string, c: ImportColumn, fail: Fail): string {
  if (FORMULA_START.test(s)) fail('formula_like');
  // Refused at the row and column rather than stripped: the extract comes from the core banking
  // system, whose copy the branch's must match; a bidi control in it is damage or an attack, and
  // the manager should see where (shared/text.ts).
  if (hasBidiControl(s)) fail('bidi_control');
  if (c.max !== undefined && s.length > c.max) fail('too_long', { max: c.max });
  return s;
}

function schemaFor(c: ImportColumn, today: string) {
  switch (c.kind) {
    case 'loan_no':
      return kind((v, fail) => {
        const s = guardText(text(v), c, fail);
        if (!/^[A-Za-z0-9][A-Za-z0-9\-_/]*$/.test(s)) fail('loan_no_format');
        return s;
      });
    case 'name':
      return kind((v, fail) => {
        const s = guardText(text(v).replace(/\s+/g, ' '), { ...c, max: 30 }, fail);
        if (!/^[\p{Script=Han}A-Za-z·•. ]+$/u.test(s)) fail('name_format');
        return s;
      });
    case 'id':
      return kind((v, fail) => {
        if (typeof v === 'number') fail('not_text');
        const s = normalizeIdNumber(text(v));
        const problem = checkIdNumber(s, today);
        if (problem) fail(`id_${problem}`);
        return s;
      });
    case 'phone':
      return kind((v, fail) => {
        const s = (typeof v === 'number' ? String(v) : text(v)).replace(/[\s-]/g, '').replace(/^\+?86(?=1\d{10}$)/, '');
        if (!MOBILE_RE.test(s)) fail('phone_format');
        return s;
      });
    case 'account':
      return kind((v, fail) => {
        if (typeof v === 'number') fail('not_text');
        const s = text(v).replace(/\s/g, '');
        if (!/^\d{12,30}$/.test(s)) fail('account_format');
        return s;
      });
    case 'text':
      return kind((v, fail) => guardText(text(v), c, fail));
    case 'money':
      return kind((v, fail) => {
        if (typeof v === 'number') {
          if (!Number.isFinite(v)) fail('amount_format');
          if (v <= 0) fail('amount_positive');
          const cents = Math.round(v * 100);
          if (Math.abs(v * 100 - cents) > 1e-6) fail('amount_format');
          return cents;
        }
        const s = text(v)
          .replace(/^[¥￥]/, '')
          .replace(/\s/g, '');
        if (/^-/.test(s) || /^0+(\.0*)?$/.test(s)) fail('amount_positive');
        const m = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/.exec(s);
        if (!m) fail('amount_format');
        const cents = Number(m![1]!.replace(/,/g, '')) * 100 + Number((m![2] ?? '').padEnd(2, '0'));
        if (!Number.isSafeInteger(cents)) fail('amount_format');
        return cents;
      });
    case 'int':
      return kind((v, fail) => {
        const s = typeof v === 'number' ? String(v) : text(v);
        if (!/^\d+$/.test(s)) fail('int_format');
        const n = Number(s);
        const [min, max] = c.range ?? [0, Number.MAX_SAFE_INTEGER];
        if (n < min || n > max) fail('int_range', { min, max });
        return n;
      });
    case 'rate':
      return kind((v, fail) => {
        const s = typeof v === 'number' ? String(v) : text(v).replace(/%$/, '').trim();
        if (!/^\d+(\.\d{1,4})?$/.test(s)) fail('rate_format');
        const n = Number(s);
        if (n < 0 || n > 24) fail('rate_range');
        // 3.1 % written as a fraction (0.031), or an Excel cell in percent format: no mortgage
        // rate is below 0.5 %, so this is refused rather than stored a hundred times too small.
        if (n > 0 && n < 0.5) fail('rate_fraction', { value: s, percent: Number((n * 100).toFixed(4)) });
        return n;
      });
    case 'date':
      return kind((v, fail) => {
        if (v instanceof Date) {
          if (Number.isNaN(v.getTime())) fail('date_format');
          return v.toISOString().slice(0, 10);
        }
        if (typeof v === 'number') return fromExcelSerial(v) ?? fail('date_format');
        const s = text(v).replace(/\s+0{1,2}:0{2}(:0{2})?$/, '');
        const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s) ?? /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(s);
        if (!m) fail('date_format');
        return isoDate(Number(m![1]), Number(m![2]), Number(m![3])) ?? fail('date_format');
      });
  }
}

export interface RowValidator {
  (cells: ReadonlyMap<string, Cell>): RowResult;
}

/** Build the validator once per import (`today` bounds birth dates, YYYY-MM-DD). */
export function rowValidator(today: string): RowValidator {
  const schemas = new Map(IMPORT_COLUMNS.map((c) => [c.key, schemaFor(c, today)]));
  return (cells) => {
    const issues: CellIssue[] = [];
    const out = new Map<string, unknown>();
    for (const c of IMPORT_COLUMNS) {
      const v = cells.get(c.key);
      if (isEmpty(v)) {
        if (c.required) issues.push({ column: c.key, code: 'required' });
        out.set(c.key, null);
        continue;
      }
      const r = schemas.get(c.key)!.safeParse(v);
      if (r.success) out.set(c.key, r.data);
      else {
        const issue = r.error.issues[0]!;
        const params = (issue as { params?: Record<string, string | number> }).params;
        issues.push({ column: c.key, code: issue.message, ...(params ? { params } : {}) });
      }
    }
    const g = <T>(k: string) => out.get(k) as T;
    const approval = g<string | null>('approval_date');
    const disb = g<string | null>('disbursement_date');
    if (approval && disb && disb < approval)
      issues.push({ column: 'disbursement_date', code: 'disbursement_before_approval' });

    const party = (prefix: 'co_borrower' | 'guarantor'): ImportParty | null => {
      const keys = [`${prefix}_name`, `${prefix}_id_number`, `${prefix}_phone`];
      const present = keys.filter((k) => !isEmpty(cells.get(k)));
      if (present.length === 0) return null;
      for (const k of keys) if (!present.includes(k)) issues.push({ column: k, code: `${prefix}_incomplete` });
      const [name, idNumber, phone] = keys.map((k) => g<string | null>(k));
      if (idNumber && idNumber === g<string | null>('borrower_id_number')) {
        issues.push({ column: `${prefix}_id_number`, code: 'same_as_borrower' });
      }
      return name && idNumber && phone ? { name, idNumber, phone } : null;
    };
    const coBorrower = party('co_borrower');
    const guarantor = party('guarantor');
    if (issues.length > 0) return { ok: false, issues };
    return {
      ok: true,
      row: {
        loanNo: g('loan_no'),
        borrower: {
          name: g('borrower_name'),
          idNumber: g('borrower_id_number'),
          phone: g('borrower_phone'),
          employer: g('employer'),
          position: g('position'),
          monthlyIncomeCents: g('monthly_income'),
        },
        amountCents: g('loan_amount'),
        termMonths: g('term_months'),
        annualRate: g('annual_rate'),
        monthlyPaymentCents: g('monthly_payment'),
        repaymentDay: g('repayment_day'),
        repaymentAccount: g('repayment_account'),
        approvalDate: g('approval_date'),
        disbursementDate: g('disbursement_date'),
        propertyAddress: g('property_address'),
        propertyCertificateNo: g('property_certificate_no'),
        appraisedValueCents: g('appraised_value'),
        downPaymentCents: g('down_payment'),
        coBorrower,
        guarantor,
      },
    };
  };
}
