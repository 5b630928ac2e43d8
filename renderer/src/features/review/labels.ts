/**
 * Words for the review desk: what was flagged or why a task was escalated, severity colours, and
 * the message of a form field.
 */
import type { TFunction } from 'i18next';
import type { ReviewRow } from '../../../../shared/contract/review';

export const SEVERITY_COLOR: Record<'high' | 'medium' | 'low', string> = {
  high: 'red',
  medium: 'orange',
  low: 'blue',
};

/** 核实不一致 · 房产信息, 首付款来自借款, 升级：空号/错号 … */
export function codeLabel(t: TFunction, r: Pick<ReviewRow, 'kind' | 'code' | 'item'>): string {
  if (r.kind === 'task') return t(`review.escalation.${r.code}`, { defaultValue: r.code });
  const code = t(`flagCodes.${r.code}`, { defaultValue: r.code });
  return r.item ? `${code} · ${t(`items.${r.item}`, { defaultValue: r.item })}` : code;
}

/** Schema messages that are catalogue keys are shown; zod's own ones become one plain sentence. */
export const fieldMessage = (m: string | undefined): string => (m?.startsWith('errors.') ? m : 'review.invalidField');
