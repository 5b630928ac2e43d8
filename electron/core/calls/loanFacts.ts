/**
 * What the bank's file says about a loan, as the call screen and the loan page see it: terms,
 * borrower and other parties (ID and phone masked), and the value on file for each checklist
 * item. Revealing a full ID or phone number is `pii/reveal.ts` (with a reason, audited).
 */
import type { LoanViewShape, PartyViewShape } from '../../../shared/contract/loans';
import type { RecordVersionShape } from '../../../shared/contract/records';
import type { ItemKey } from '../../../shared/domain/calls';
import { AppError } from '../../../shared/result';
import { stmt, type Db } from '../db/open';
import type { LoansRow, PartiesRow } from '../db/rows';

export type PartyView = PartyViewShape;

/** A loan as the screens see it: the file's terms with the repayment account masked. */
export type LoanView = LoanViewShape;

/** A value on file: a field name (translated by the UI) and the value as the file states it. */
export type OnFileValue = RecordVersionShape['items'][number]['onFile'][number];

/** A loan as the screens read it: every column but the encrypted account and the stamps. */
type LoanRaw = Omit<LoansRow, 'repayment_account_enc' | 'created_at' | 'updated_at'>;

type PartyRaw = Pick<
  PartiesRow,
  'id' | 'role' | 'name' | 'id_number_masked' | 'phone_masked' | 'employer' | 'position' | 'monthly_income_cents'
>;

export function loanView(db: Db, where: { id: number } | { loanNo: string }): LoanView {
  const r =
    'id' in where
      ? stmt<[number], LoanRaw>(db, 'SELECT * FROM loans WHERE id = ?').get(where.id)
      : stmt<[string], LoanRaw>(db, 'SELECT * FROM loans WHERE loan_no = ?').get(where.loanNo);
  if (!r) throw new AppError('not_found', 'errors.loanMissing', { loanNo: 'loanNo' in where ? where.loanNo : '' });
  return {
    id: r.id,
    loanNo: r.loan_no,
    amountCents: r.amount_cents,
    termMonths: r.term_months,
    annualRate: r.annual_rate,
    monthlyPaymentCents: r.monthly_payment_cents,
    repaymentDay: r.repayment_day,
    repaymentAccount: r.repayment_account_masked,
    approvalDate: r.approval_date,
    disbursementDate: r.disbursement_date,
    propertyAddress: r.property_address,
    propertyCertificateNo: r.property_certificate_no,
    appraisedValueCents: r.appraised_value_cents,
    downPaymentCents: r.down_payment_cents,
  };
}

/** The borrower first, then co-borrowers, then guarantors, in the order they were filed. */
export function partiesOf(db: Db, loanId: number): PartyView[] {
  return stmt<[number], PartyRaw>(
    db,
    `SELECT id, role, name, id_number_masked, phone_masked, employer, position, monthly_income_cents
       FROM parties WHERE loan_id = ?
      ORDER BY CASE role WHEN 'borrower' THEN 0 WHEN 'co_borrower' THEN 1 ELSE 2 END, id`,
  )
    .all(loanId)
    .map((p) => ({
      id: p.id,
      role: p.role,
      name: p.name,
      idNumber: p.id_number_masked,
      phone: p.phone_masked ?? '',
      employer: p.employer,
      position: p.position,
      monthlyIncomeCents: p.monthly_income_cents,
    }));
}

const yuan = (cents: number | null) =>
  cents === null
    ? ''
    : `¥${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** The file's value for each checklist line (keys as in `checklistKey`); lines with nothing on file are absent. */
export function onFileValues(loan: LoanView, parties: readonly PartyView[]): Record<string, OnFileValue[]> {
  const b = parties.find((p) => p.role === 'borrower');
  const v = (field: string, value: string | number | null): OnFileValue[] =>
    value === null || value === '' ? [] : [{ field, value: String(value) }];
  const out: Partial<Record<ItemKey, OnFileValue[]>> & Record<string, OnFileValue[]> = {
    identity: b ? [...v('name', b.name), ...v('idLast4', b.idNumber.slice(-4))] : [],
    employer: b ? [...v('employer', b.employer), ...v('position', b.position)] : [],
    income: b ? v('monthlyIncome', yuan(b.monthlyIncomeCents)) : [],
    property: [
      ...v('propertyAddress', loan.propertyAddress),
      ...v('certificateNo', loan.propertyCertificateNo),
      ...v('appraisedValue', yuan(loan.appraisedValueCents)),
    ],
    loan_terms: [
      ...v('amount', yuan(loan.amountCents)),
      ...v('termMonths', loan.termMonths),
      ...v('annualRate', `${loan.annualRate}%`),
      ...v('monthlyPayment', yuan(loan.monthlyPaymentCents)),
      ...v('repaymentDay', loan.repaymentDay),
    ],
    down_payment: v('downPayment', yuan(loan.downPaymentCents)),
    repayment_account: v('repaymentAccount', loan.repaymentAccount),
    use_of_funds: v('propertyAddress', loan.propertyAddress),
  };
  for (const p of parties)
    if (p.role !== 'borrower') out[`co_borrower:${p.id}`] = [...v('name', p.name), ...v('partyRole', p.role)];
  for (const k of Object.keys(out)) if (out[k]!.length === 0) delete out[k];
  return out;
}
