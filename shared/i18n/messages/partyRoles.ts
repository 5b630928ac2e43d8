/** The `partyRoles` namespace: borrower / co-borrower / guarantor (shared vocabulary). zh is the default language; en has the same keys. */
import type { Widen } from '../widen';

export const zh = { borrower: '借款人', co_borrower: '共同借款人', guarantor: '担保人' } as const;

export const en: Widen<typeof zh> = { borrower: 'Borrower', co_borrower: 'Co-borrower', guarantor: 'Guarantor' };
