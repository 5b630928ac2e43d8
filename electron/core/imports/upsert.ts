/**
 * Comparing an imported row with the loan on file and writing the difference: new loans are
 * inserted, changed fields updated, and every change is described field by field (old → new,
 * personal data masked) for the loan's event history.
 */
import { maskAccount, maskIdNumber, maskPhone } from '../../../shared/domain/mask';
import type { ImportParty, ImportRow } from '../../../shared/import/rules';
import { stmt, type Db } from '../db/open';
import { insertParty, updateLoanTerms, updateParty, type NewLoan, type PartyRole } from '../loans/parties';
import type { LoansRow, PartiesRow } from '../db/rows';
import type { Pii } from '../pii/cipher';

/** A loan as an import compares it: every column but its number, the masked account and the stamps. */
type LoanDb = Omit<LoansRow, 'loan_no' | 'repayment_account_masked' | 'created_at' | 'updated_at'>;

type PartyDb = Pick<
  PartiesRow,
  | 'id'
  | 'role'
  | 'name'
  | 'id_number_hmac'
  | 'id_number_masked'
  | 'phone_hmac'
  | 'phone_masked'
  | 'employer'
  | 'position'
  | 'monthly_income_cents'
>;

export interface ExistingLoan {
  loan: LoanDb;
  parties: Partial<Record<PartyRole, PartyDb>>;
}

export interface FieldChange {
  field: string;
  old: string | null;
  new: string | null;
}

export function loadExisting(db: Db, loanNo: string): ExistingLoan | null {
  const loan = stmt<[string], LoanDb>(db, 'SELECT * FROM loans WHERE loan_no = ?').get(loanNo);
  if (!loan) return null;
  const parties: Partial<Record<PartyRole, PartyDb>> = {};
  for (const p of stmt<[number], PartyDb>(db, 'SELECT * FROM parties WHERE loan_id = ? ORDER BY id').all(loan.id)) {
    parties[p.role] ??= p;
  }
  return { loan, parties };
}

const yuan = (c: number | null) => (c === null ? null : (c / 100).toFixed(2));
const str = (v: string | number | null) => (v === null ? null : String(v));

export function diffLoan(e: ExistingLoan, row: ImportRow, pii: Pii): FieldChange[] {
  const changes: FieldChange[] = [];
  const cmp = (field: string, old: string | null, now: string | null) => {
    if (old !== now) changes.push({ field, old, new: now });
  };
  const l = e.loan;
  cmp('loan_amount', yuan(l.amount_cents), yuan(row.amountCents));
  cmp('term_months', str(l.term_months), str(row.termMonths));
  cmp('annual_rate', str(l.annual_rate), str(row.annualRate));
  cmp('monthly_payment', yuan(l.monthly_payment_cents), yuan(row.monthlyPaymentCents));
  cmp('repayment_day', str(l.repayment_day), str(row.repaymentDay));
  const oldAccount = l.repayment_account_enc ? pii.decrypt(l.repayment_account_enc) : null;
  if (oldAccount !== row.repaymentAccount) {
    changes.push({
      field: 'repayment_account',
      old: maskAccountOrNull(oldAccount),
      new: maskAccountOrNull(row.repaymentAccount),
    });
  }
  cmp('approval_date', l.approval_date, row.approvalDate);
  cmp('disbursement_date', l.disbursement_date, row.disbursementDate);
  cmp('property_address', l.property_address, row.propertyAddress);
  cmp('property_certificate_no', l.property_certificate_no, row.propertyCertificateNo);
  cmp('appraised_value', yuan(l.appraised_value_cents), yuan(row.appraisedValueCents));
  cmp('down_payment', yuan(l.down_payment_cents), yuan(row.downPaymentCents));

  const b = e.parties.borrower;
  const nb = row.borrower;
  cmp('borrower_name', b?.name ?? null, nb.name);
  if (!b || b.id_number_hmac !== pii.index('id', nb.idNumber)) {
    changes.push({ field: 'borrower_id_number', old: b?.id_number_masked ?? null, new: maskIdNumber(nb.idNumber) });
  }
  if (!b || b.phone_hmac !== pii.index('phone', nb.phone)) {
    changes.push({ field: 'borrower_phone', old: b?.phone_masked ?? null, new: maskPhone(nb.phone) });
  }
  cmp('employer', b?.employer ?? null, nb.employer);
  cmp('position', b?.position ?? null, nb.position);
  cmp('monthly_income', yuan(b?.monthly_income_cents ?? null), yuan(nb.monthlyIncomeCents));

  for (const [role, prefix, next] of [
    ['co_borrower', 'co_borrower', row.coBorrower],
    ['guarantor', 'guarantor', row.guarantor],
  ] as const) {
    const old = e.parties[role];
    cmp(`${prefix}_name`, old?.name ?? null, next?.name ?? null);
    if ((old?.id_number_hmac ?? null) !== (next ? pii.index('id', next.idNumber) : null)) {
      changes.push({
        field: `${prefix}_id_number`,
        old: old?.id_number_masked ?? null,
        new: next ? maskIdNumber(next.idNumber) : null,
      });
    }
    if ((old?.phone_hmac ?? null) !== (next ? pii.index('phone', next.phone) : null)) {
      changes.push({
        field: `${prefix}_phone`,
        old: old?.phone_masked ?? null,
        new: next ? maskPhone(next.phone) : null,
      });
    }
  }
  return changes;
}

const maskAccountOrNull = (acc: string | null) => (acc === null ? null : maskAccount(acc));

export function toNewLoan(row: ImportRow): NewLoan {
  const party = (role: PartyRole, p: ImportParty) => ({ role, name: p.name, idNumber: p.idNumber, phone: p.phone });
  return {
    loanNo: row.loanNo,
    amountCents: row.amountCents,
    termMonths: row.termMonths,
    annualRate: row.annualRate,
    monthlyPaymentCents: row.monthlyPaymentCents,
    repaymentDay: row.repaymentDay,
    repaymentAccount: row.repaymentAccount,
    approvalDate: row.approvalDate,
    disbursementDate: row.disbursementDate,
    propertyAddress: row.propertyAddress,
    propertyCertificateNo: row.propertyCertificateNo,
    appraisedValueCents: row.appraisedValueCents,
    downPaymentCents: row.downPaymentCents,
    parties: [
      {
        ...party('borrower', row.borrower),
        employer: row.borrower.employer,
        position: row.borrower.position,
        monthlyIncomeCents: row.borrower.monthlyIncomeCents,
      },
      ...(row.coBorrower ? [party('co_borrower', row.coBorrower)] : []),
      ...(row.guarantor ? [party('guarantor', row.guarantor)] : []),
    ],
  };
}

/** Rewrite a loan and its parties to match the row (call only when diffLoan found changes). */
export function applyUpdate(db: Db, pii: Pii, e: ExistingLoan, row: ImportRow, now: Date): void {
  updateLoanTerms(db, pii, e.loan.id, row, now);
  const wanted = toNewLoan(row).parties;
  for (const role of ['borrower', 'co_borrower', 'guarantor'] as const) {
    const old = e.parties[role];
    const next = wanted.find((p) => p.role === role);
    const samePerson = old && next && (role === 'borrower' || old.id_number_hmac === pii.index('id', next.idNumber));
    if (old && next && samePerson) updateParty(db, pii, old.id, next, now);
    else {
      if (old) stmt(db, 'DELETE FROM parties WHERE id = ?').run(old.id);
      if (next) insertParty(db, pii, e.loan.id, next, now);
    }
  }
}
