/**
 * Result objects and the closed set of error codes carried over IPC and HTTP.
 * Every channel answers `{ ok: true, value }` or `{ ok: false, error }`; nothing throws across
 * the process boundary. `message` is an i18n key; `params` fill its placeholders.
 */
import { z } from 'zod';

export const ERROR_CODES = [
  'invalid_input',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'locked',
  /** Too many searches by full phone or ID number in a short time (`loanSearch.ts`). */
  'rate_limited',
  'unavailable',
  'internal',
] as const;
export const errorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const appErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type AppErrorShape = z.infer<typeof appErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string, params?: Record<string, string | number>): Result<never> {
  return { ok: false, error: params ? { code, message, params } : { code, message } };
}

/** Error thrown inside services; the dispatcher turns it into a failed Result. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: Record<string, string | number> | undefined;
  constructor(code: ErrorCode, messageKey: string, params?: Record<string, string | number>) {
    super(messageKey);
    this.name = 'AppError';
    this.code = code;
    this.params = params;
  }
  toShape(): AppErrorShape {
    return this.params
      ? { code: this.code, message: this.message, params: this.params }
      : { code: this.code, message: this.message };
  }
}
