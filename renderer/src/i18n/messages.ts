/**
 * Keys known only at run time, in one place: server error messages (`AppErrorShape.message`), schema
 * messages of forms, codes from data. Every other `t()` call takes a literal (or a template over a
 * literal union) that the compiler checks against the catalogue (types.ts).
 */
import type { ParseKeys, TFunction } from 'i18next';
import type { Messages } from '../../../shared/i18n/index';

/** A key of the catalogue, for tables that hold keys (labels of settings fields ...). */
export type MessageKey = ParseKeys;

type Untyped = (key: string, params?: Record<string, unknown>) => string;

/**
 * A key that arrives as a string: the one documented cast from `string` to a key. A key missing from
 * the catalogue shows as itself (i18next's fallback), as it always has; the catalogue tests check that
 * every key the code sends exists.
 */
export function tMessage(t: TFunction, key: string, params?: Record<string, unknown>): string {
  return (t as unknown as Untyped)(key, params ?? {});
}

/** An error from the server (`{ message, params }`), in the user's language. */
export function tError(t: TFunction, error: { message: string; params?: Record<string, unknown> | undefined }): string {
  return tMessage(t, error.message, error.params);
}

/** Every key that holds a group of messages: `items`, `tasks.eventKinds`, `imports.errors` ... */
type Groups<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? never : `${P}${K}` | Groups<T[K], `${P}${K}.`>;
}[keyof T & string];
export type MessageGroup = Groups<Messages>;

/**
 * A code from data (typed `string` by its schema) under a group the compiler checks:
 * `tIn(t, 'items', row.item)` for t(`items.${row.item}`).
 */
export function tIn(t: TFunction, group: MessageGroup, code: string, params?: Record<string, unknown>): string {
  return tMessage(t, `${group}.${code}`, params);
}
