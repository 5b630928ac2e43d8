/**
 * A checklist line's result (一致 / 不一致 / 无法核实) the same way on the call screen and the loan
 * file: the coloured tag that shows it, and the choices a result control offers.
 */
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { ITEM_RESULTS, type ItemResult } from '../../../shared/domain/calls';

const RESULT_COLOURS = { match: 'green', mismatch: 'red', unverifiable: 'orange' } as const satisfies Record<
  ItemResult,
  string
>;

export function ItemResultTag({ result }: { result: ItemResult }) {
  const { t } = useTranslation();
  return <Tag color={RESULT_COLOURS[result]}>{t(`itemResults.${result}`)}</Tag>;
}

/** The results in their fixed order, labelled in the current language (for a radio group or a select). */
export function useItemResultOptions(): { value: ItemResult; label: string }[] {
  const { t } = useTranslation();
  return ITEM_RESULTS.map((r) => ({ value: r, label: t(`itemResults.${r}`) }));
}
