/** The audited reveal (`pii.reveal`): one party's full ID or phone number, decrypted for a user who may see the loan and gave a reason. */
import type { UserView } from '../../../shared/contract';
import { AppError } from '../../../shared/result';
import { appendAudit } from '../audit/log';
import { assertLoanVisible } from '../calls/access';
import { stmt, type Db } from '../db/open';
import type { Pii } from './cipher';

/** Decrypt one party's full ID or phone number for an officer who gave a reason; audited. */
export function revealPii(
  db: Db,
  pii: Pii,
  input: { partyId: number; field: 'idNumber' | 'phone'; reason: string },
  user: UserView,
  now: Date,
): string {
  const row = stmt<[number], { id_number_enc: string; phone_enc: string | null; loan_no: string; loan_id: number }>(
    db,
    'SELECT p.id_number_enc, p.phone_enc, l.loan_no, l.id AS loan_id FROM parties p JOIN loans l ON l.id = p.loan_id WHERE p.id = ?',
  ).get(input.partyId);
  if (!row) throw new AppError('not_found', 'errors.partyMissing');
  assertLoanVisible(db, row.loan_id, user);
  const actor = user.username;
  const enc = input.field === 'idNumber' ? row.id_number_enc : row.phone_enc;
  if (!enc) throw new AppError('not_found', 'errors.partyMissing');
  const value = pii.decrypt(enc);
  appendAudit(
    db,
    {
      actor,
      action: 'pii.reveal',
      entity: 'party',
      entityId: String(input.partyId),
      details: { loanNo: row.loan_no, field: input.field, reason: input.reason },
    },
    now,
  );
  return value;
}
