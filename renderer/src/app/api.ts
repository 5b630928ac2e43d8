/** Typed access to `window.api` (set by the preload in Electron, by the harness in a browser). */
import type { Api, Channel, ChannelInput, ChannelOutput } from '../../../shared/contract';
import type { AppErrorShape } from '../../../shared/result';

declare global {
  interface Window {
    api?: Api;
  }
}

export class ApiError extends Error {
  constructor(readonly error: AppErrorShape) {
    super(error.message);
    this.name = 'ApiError';
  }
}

/** Call a channel; resolves with its value or rejects with an ApiError carrying code and i18n key. */
export async function call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const api = window.api;
  if (!api) throw new ApiError({ code: 'unavailable', message: 'errors.network' });
  const fn = api[channel] as unknown as (i: ChannelInput<C>) => ReturnType<Api[C]>;
  let res;
  try {
    res = await fn(input);
  } catch {
    throw new ApiError({ code: 'unavailable', message: 'errors.network' });
  }
  if (!res || typeof res !== 'object') throw new ApiError({ code: 'internal', message: 'errors.internal' });
  if (res.ok) return res.value as ChannelOutput<C>;
  throw new ApiError(res.error);
}

export function errorOf(e: unknown): AppErrorShape {
  return e instanceof ApiError ? e.error : { code: 'internal', message: 'errors.internal' };
}
