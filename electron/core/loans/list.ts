/**
 * Reading the branch's loans for the 贷款档案 list. Personal data leaves only in masked form;
 * searches on phone or ID numbers go through the PII module's HMAC indexes, never plaintext.
 * An officer's list holds only the loans in their work (the rule of `calls/access.ts`), so a
 * search can never confirm a number or a name of a loan whose file they may not open.
 */
import type { LoanRow } from '../../../shared/contract';
import { normalizeIdNumber } from '../../../shared/domain/idNumber';
import { maskName } from '../../../shared/domain/mask';
import { officerLoanScope } from '../calls/access';
import { stmt, type Db } from '../db/open';
import type { LoansRow, PartiesRow } from '../db/rows';
import type { Pii } from '../pii/cipher';

export interface LoanQuery {
  search?: string | undefined;
  /** The officer whose work limits the list (`loanScopeOf`); null or absent = the whole branch. */
  me?: number | null | undefined;
  offset: number;
  limit: number;
}

type Row = Pick<
  LoansRow,
  | 'loan_no'
  | 'amount_cents'
  | 'term_months'
  | 'annual_rate'
  | 'approval_date'
  | 'disbursement_date'
  | 'property_address'
> &
  Pick<PartiesRow, 'name' | 'id_number_masked' | 'phone_masked'> & { co: number; gu: number };

const SEARCH_WHERE = `
  FROM loans l JOIN parties p ON p.loan_id = l.id AND p.role = 'borrower'
  WHERE (@q IS NULL
     OR l.loan_no LIKE @like ESCAPE '\\'
     OR p.name LIKE @like ESCAPE '\\'
     OR p.phone_last4_hmac = @last4
     OR p.phone_hmac = @phone
     OR p.id_number_hmac = @idn)`;
const SCOPED_WHERE = `${SEARCH_WHERE} AND ${officerLoanScope('l.id')}`;

/** `%` and `_` typed by a user are literal in LIKE … ESCAPE '\\'. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function listLoans(db: Db, pii: Pii, q: LoanQuery): { total: number; rows: LoanRow[] } {
  const search = q.search?.trim() || null;
  const scoped = q.me !== null && q.me !== undefined;
  const fromWhere = scoped ? SCOPED_WHERE : SEARCH_WHERE;
  const params = {
    ...(scoped ? { me: q.me } : {}),
    q: search,
    like: search ? `%${escapeLike(search)}%` : null,
    last4: search && /^\d{4}$/.test(search) ? pii.index('phone_last4', search) : null,
    phone: search && /^\d{11}$/.test(search) ? pii.index('phone', search) : null,
    idn: search && /^\d{17}[\dXx]$/.test(search) ? pii.index('id', normalizeIdNumber(search)) : null,
  };
  const total = stmt<[typeof params], { n: number }>(db, `SELECT count(*) AS n ${fromWhere}`).get(params)!.n;
  const rows = stmt<[typeof params & { limit: number; offset: number }], Row>(
    db,
    `SELECT l.loan_no, p.name, p.id_number_masked, p.phone_masked, l.amount_cents, l.term_months,
            l.annual_rate, l.approval_date, l.disbursement_date, l.property_address,
            (SELECT count(*) FROM parties c WHERE c.loan_id = l.id AND c.role = 'co_borrower') AS co,
            (SELECT count(*) FROM parties g WHERE g.loan_id = l.id AND g.role = 'guarantor') AS gu
     ${fromWhere}
     ORDER BY l.approval_date DESC, l.loan_no
     LIMIT @limit OFFSET @offset`,
  ).all({ ...params, limit: q.limit, offset: q.offset });
  return {
    total,
    rows: rows.map((r) => ({
      loanNo: r.loan_no,
      borrowerName: maskName(r.name),
      idNumber: r.id_number_masked,
      phone: r.phone_masked ?? '',
      amountCents: r.amount_cents,
      termMonths: r.term_months,
      annualRate: r.annual_rate,
      approvalDate: r.approval_date,
      disbursementDate: r.disbursement_date,
      propertyAddress: r.property_address,
      coBorrowers: r.co,
      guarantors: r.gu,
    })),
  };
}

export function countLoans(db: Db): { loans: number; parties: number } {
  return {
    loans: stmt<[], { n: number }>(db, 'SELECT count(*) AS n FROM loans').get()!.n,
    parties: stmt<[], { n: number }>(db, 'SELECT count(*) AS n FROM parties').get()!.n,
  };
}
