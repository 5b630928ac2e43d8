/**
 * Writing loans and their parties (borrower, co-borrowers, guarantors). ID and phone numbers are
 * stored encrypted with masked copies for display and HMAC indexes for lookup (see pii.ts).
 */
import type { LoanTerms } from '../../../shared/domain/loan';
import { maskAccount, maskIdNumber, maskPhone } from '../../../shared/domain/mask';
import { normalizeIdNumber } from '../../../shared/domain/idNumber';
import { stmt, type Db } from '../db/open';
import type { PartiesRow } from '../db/rows';
import type { Pii } from '../pii/cipher';

export type PartyRole = PartiesRow['role'];

export interface NewParty {
  role: PartyRole;
  name: string;
  idNumber: string;
  phone: string | null;
  employer?: string | null;
  position?: string | null;
  monthlyIncomeCents?: number | null;
}

export interface NewLoan extends LoanTerms {
  parties: NewParty[];
}

/** The loans row for some loan terms: the account encrypted and masked, like every personal number. */
function loanColumns(pii: Pii, loan: LoanTerms, now: Date) {
  return {
    loanNo: loan.loanNo,
    amountCents: loan.amountCents,
    termMonths: loan.termMonths,
    annualRate: loan.annualRate,
    monthlyPaymentCents: loan.monthlyPaymentCents,
    repaymentDay: loan.repaymentDay,
    accEnc: loan.repaymentAccount ? pii.encrypt(loan.repaymentAccount) : null,
    accMasked: loan.repaymentAccount ? maskAccount(loan.repaymentAccount) : null,
    approvalDate: loan.approvalDate,
    disbursementDate: loan.disbursementDate,
    propertyAddress: loan.propertyAddress,
    propertyCertificateNo: loan.propertyCertificateNo,
    appraisedValueCents: loan.appraisedValueCents,
    downPaymentCents: loan.downPaymentCents,
    at: now.toISOString(),
  };
}

/** Rewrite the terms of an existing loan (its number stays). */
export function updateLoanTerms(db: Db, pii: Pii, loanId: number, loan: LoanTerms, now: Date): void {
  stmt(
    db,
    `UPDATE loans SET amount_cents = @amountCents, term_months = @termMonths, annual_rate = @annualRate,
       monthly_payment_cents = @monthlyPaymentCents, repayment_day = @repaymentDay,
       repayment_account_enc = @accEnc, repayment_account_masked = @accMasked, approval_date = @approvalDate,
       disbursement_date = @disbursementDate, property_address = @propertyAddress,
       property_certificate_no = @propertyCertificateNo, appraised_value_cents = @appraisedValueCents,
       down_payment_cents = @downPaymentCents, updated_at = @at
     WHERE id = @id`,
  ).run({ ...loanColumns(pii, loan, now), id: loanId });
}

// The inserts bind positional values: an import inserts ~100k loans and ~150k parties, and
// binding named parameters cost about a third more of the commit's SQL time (measured on 20k
// rows). Updates are rare and keep their named parameters.
const INSERT_LOAN = `INSERT INTO loans (loan_no, amount_cents, term_months, annual_rate, monthly_payment_cents,
    repayment_day, repayment_account_enc, repayment_account_masked, approval_date, disbursement_date,
    property_address, property_certificate_no, appraised_value_cents, down_payment_cents, created_at, updated_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (loan_no) DO NOTHING`;

const INSERT_PARTY = `INSERT INTO parties (loan_id, role, name, id_number_enc, id_number_masked, id_number_hmac,
    phone_enc, phone_masked, phone_hmac, phone_last4_hmac, employer, position, monthly_income_cents,
    created_at, updated_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** Insert one loan with its parties. Returns its id, or null when the loan number already exists. */
export function insertLoan(db: Db, pii: Pii, loan: NewLoan, now: Date): number | null {
  const c = loanColumns(pii, loan, now);
  const info = stmt<unknown[]>(db, INSERT_LOAN).run(
    c.loanNo,
    c.amountCents,
    c.termMonths,
    c.annualRate,
    c.monthlyPaymentCents,
    c.repaymentDay,
    c.accEnc,
    c.accMasked,
    c.approvalDate,
    c.disbursementDate,
    c.propertyAddress,
    c.propertyCertificateNo,
    c.appraisedValueCents,
    c.downPaymentCents,
    c.at,
    c.at,
  );
  if (info.changes === 0) return null;
  const loanId = Number(info.lastInsertRowid);
  for (const p of loan.parties) insertParty(db, pii, loanId, p, now);
  return loanId;
}

function partyColumns(pii: Pii, p: NewParty, now: Date) {
  const id = normalizeIdNumber(p.idNumber);
  const phone = p.phone?.trim() || null;
  return {
    role: p.role,
    name: p.name.trim(),
    idEnc: pii.encrypt(id),
    idMasked: maskIdNumber(id),
    idHmac: pii.index('id', id),
    phoneEnc: phone ? pii.encrypt(phone) : null,
    phoneMasked: phone ? maskPhone(phone) : null,
    phoneHmac: phone ? pii.index('phone', phone) : null,
    last4: phone ? pii.index('phone_last4', phone.slice(-4)) : null,
    employer: p.employer ?? null,
    position: p.position ?? null,
    income: p.monthlyIncomeCents ?? null,
    at: now.toISOString(),
  };
}

export function insertParty(db: Db, pii: Pii, loanId: number, p: NewParty, now: Date): void {
  const c = partyColumns(pii, p, now);
  stmt<unknown[]>(db, INSERT_PARTY).run(
    loanId,
    c.role,
    c.name,
    c.idEnc,
    c.idMasked,
    c.idHmac,
    c.phoneEnc,
    c.phoneMasked,
    c.phoneHmac,
    c.last4,
    c.employer,
    c.position,
    c.income,
    c.at,
    c.at,
  );
}

/** Rewrite a party in place (same person, or the borrower slot), keeping its id. */
export function updateParty(db: Db, pii: Pii, partyId: number, p: NewParty, now: Date): void {
  stmt(
    db,
    `UPDATE parties SET role = @role, name = @name, id_number_enc = @idEnc, id_number_masked = @idMasked,
       id_number_hmac = @idHmac, phone_enc = @phoneEnc, phone_masked = @phoneMasked, phone_hmac = @phoneHmac,
       phone_last4_hmac = @last4, employer = @employer, position = @position, monthly_income_cents = @income,
       updated_at = @at
     WHERE id = @partyId`,
  ).run({ partyId, ...partyColumns(pii, p, now) });
}
