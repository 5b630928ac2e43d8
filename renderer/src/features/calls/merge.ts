/** Merge-field values for a call's script text, in the UI language (names as the file has them). */
import type { TFunction } from 'i18next';
import type { CallView } from '../../../../shared/contract/calls';
import type { Formats } from '../../ui/format';

export function mergeFields(view: CallView, t: TFunction, f: Formats, partyId: number | null): Record<string, string> {
  const borrower = view.parties.find((p) => p.role === 'borrower');
  const party = partyId === null ? undefined : view.parties.find((p) => p.id === partyId);
  return {
    borrowerName: borrower?.name ?? '',
    loanAmount: f.money(view.loan.amountCents),
    monthlyPayment: f.money(view.loan.monthlyPaymentCents),
    propertyAddress: view.loan.propertyAddress,
    officerName: view.officerName,
    branchName: view.branchName,
    loanTerm: t('loans.termValue', { months: view.loan.termMonths }),
    repaymentDay: view.loan.repaymentDay === null ? '—' : String(view.loan.repaymentDay),
    partyName: party?.name ?? '',
    partyRole: party ? t(`partyRoles.${party.role}`) : '',
  };
}

/** Text of a script string in the UI language. */
export const textIn = (text: { 'zh-CN': string; en: string }, lang: string) =>
  lang === 'en' ? text.en : text['zh-CN'];
