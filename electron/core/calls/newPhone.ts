/**
 * A new phone number the borrower gives during a call (新联系电话): validated as a mainland
 * mobile (domain reference §4), stored like the parties' numbers through `Pii` — AES-GCM
 * ciphertext, keyed HMAC index for exact-match lookups, display mask — and shown masked. It is
 * not written to the outbox: head office receives no personal data (DESIGN §9), and the audit
 * entry carries the masked number only. A proper field, so officers need not type the number
 * into a note (where it would only be kept masked, i.e. lost).
 */
import type { UserView } from '../../../shared/contract';
import { maskPhone } from '../../../shared/domain/mask';
import { normalizeMobile } from '../../../shared/domain/phone';
import { AppError } from '../../../shared/result';
import { appendAudit } from '../audit/log';
import { stmt, type Db } from '../db/open';
import type { Pii } from '../pii/cipher';
import { assertCaller, taskState } from './calls';

export interface ReportedPhoneView {
  id: number;
  phone: string;
  reportedAt: string;
  by: string;
}

export function reportNewPhone(
  db: Db,
  pii: Pii,
  taskId: number,
  input: { phone: string },
  user: UserView,
  now: Date,
): ReportedPhoneView {
  const phone = normalizeMobile(input.phone);
  if (!phone) throw new AppError('invalid_input', 'errors.newPhoneInvalid');
  return db.transaction(() => {
    const t = taskState(db, taskId);
    assertCaller(t, user);
    const at = now.toISOString();
    const masked = maskPhone(phone);
    const id = Number(
      stmt(
        db,
        `INSERT INTO reported_phones (task_id, loan_id, phone_enc, phone_hmac, phone_masked, reported_by, reported_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(taskId, t.loan_id, pii.encrypt(phone), pii.index('phone', phone), masked, user.id, at).lastInsertRowid,
    );
    appendAudit(
      db,
      {
        actor: user.username,
        action: 'calls.new_phone',
        entity: 'task',
        entityId: String(taskId),
        details: { loanNo: t.loan_no, phone: masked },
      },
      now,
    );
    return { id, phone: masked, reportedAt: at, by: user.displayName };
  })();
}

/** The new numbers given on a task's calls, masked, oldest first. */
export function reportedPhones(db: Db, taskId: number): ReportedPhoneView[] {
  return stmt<[number], ReportedPhoneView>(
    db,
    `SELECT r.id, r.phone_masked AS phone, r.reported_at AS reportedAt, u.display_name AS by
       FROM reported_phones r JOIN users u ON u.id = r.reported_by WHERE r.task_id = ? ORDER BY r.id`,
  ).all(taskId);
}
