/**
 * A form refused by the contract's own schema before anything is sent, shown as the server would
 * have refused it: `errors.invalidInput` naming the first field at fault (dispatch.ts does the same).
 */
import type { FieldErrors } from 'react-hook-form';
import type { AppErrorShape } from '../../../shared/result';

function firstPath(errors: Record<string, unknown>, prefix: string): string | null {
  for (const [key, value] of Object.entries(errors)) {
    if (!value || typeof value !== 'object') continue;
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof (value as { type?: unknown }).type === 'string') return path;
    const inner = firstPath(value as Record<string, unknown>, path);
    if (inner !== null) return inner;
  }
  return null;
}

export function invalidInput(errors: FieldErrors): AppErrorShape {
  return { code: 'invalid_input', message: 'errors.invalidInput', params: { field: firstPath(errors, '') ?? '' } };
}
