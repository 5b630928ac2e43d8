/**
 * Labels of checklist lines and recorded values on the loan file: the item with the party's name
 * for per-party lines, on-file values (party roles translated) and the values in a change list.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoanFile } from '../../../../shared/contract/loans';

type Party = LoanFile['parties'][number];

/** Labels of checklist lines (with the party's name for per-party lines) and of recorded values. */
export interface LoanFileLabels {
  item(item: string, partyId: number | null): string;
  onFileValue(field: string, value: string): string;
  changeValue(field: 'result' | 'stated' | 'note', value: string): string;
}

export function useLoanFileLabels(parties: readonly Party[]): LoanFileLabels {
  const { t } = useTranslation();
  return useMemo(() => {
    const names = new Map(parties.map((p) => [p.id, p.name]));
    return {
      item: (item, partyId) => {
        const label = t(`items.${item}`, { defaultValue: item });
        const name = partyId === null ? undefined : names.get(partyId);
        return name ? t('loans.file.itemForParty', { item: label, name }) : label;
      },
      onFileValue: (field, value) =>
        field === 'partyRole' ? t(`partyRoles.${value}`, { defaultValue: value }) : value,
      changeValue: (field, value) =>
        value === ''
          ? t('loans.file.emptyValue')
          : field === 'result'
            ? t(`itemResults.${value}`, { defaultValue: value })
            : value,
    };
  }, [parties, t]);
}
