/**
 * The message of one field of a settings form: schema messages that are catalogue keys
 * (`settings.*`) are translated; zod's own messages become one plain sentence.
 */
import type { TFunction } from 'i18next';
import { tMessage } from '../../i18n/messages';
import type { FieldErrors, FieldValues } from 'react-hook-form';

export function settingsError<T extends FieldValues>(
  errors: FieldErrors<T>,
  name: string,
  t: TFunction,
): string | undefined {
  let e: unknown = errors;
  for (const p of name.split('.')) e = (e as Record<string, unknown> | undefined)?.[p];
  const m = (e as { message?: unknown } | undefined)?.message;
  if (typeof m !== 'string') return undefined;
  return m.startsWith('settings.') ? tMessage(t, m) : t('settings.invalidNumber');
}
