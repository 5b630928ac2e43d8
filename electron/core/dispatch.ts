/**
 * One entry point for every channel call, shared by Electron IPC and the browser harness:
 * parse the input against the contract, check the session and role, run the handler, validate
 * the output, and answer with a Result. Nothing throws to the caller; unexpected errors are
 * logged without their input (which may hold personal data) and reported as `internal`.
 * A handler table says which channels answer: the open app's (every channel, `handlers.ts`) or
 * recovery mode's (two channels, `runtime.ts`), both through this one path.
 */
import {
  contract,
  isChannel,
  type Channel,
  type ChannelActor,
  type ChannelOutput,
  type ChannelParsedInput,
} from '../../shared/contract';
import { AppError, fail, ok, type AppErrorShape, type Result } from '../../shared/result';
import { roleAllows } from '../../shared/roles';
import type { Session } from './auth/session';
import type { AppContext } from './context';
import { handlers } from './handlers';
import { ioErrorOf } from './ioErrors';

export type Dispatch = (channel: string, input: unknown) => Promise<Result<unknown>>;

/** Channel → handler; a channel the table leaves out answers the table's `unhandled` error. */
export type HandlerTable<X> = {
  [C in Channel]?: (
    input: ChannelParsedInput<C>,
    x: X,
    actor: ChannelActor<C>,
  ) => ChannelOutput<C> | Promise<ChannelOutput<C>>;
};

export interface DispatchEnv<X> {
  /** What every handler of the table is given (the open app's context, or nothing). */
  with: X;
  /** The session now (read at each call: a restore replaces it), or null where none can exist (recovery mode). */
  session: () => Session | null;
  /** The database file a storage error is reported against. */
  dbFile: string;
  /** What a channel the table does not handle answers. */
  unhandled: AppErrorShape;
  log: (msg: string) => void;
}

/** The open app's dispatcher: every channel of the contract, through `handlers.ts`. */
export function createDispatcher(
  ctx: AppContext,
  log: (msg: string) => void = (m) => ctx.log.error('dispatch', m),
): Dispatch {
  return dispatcherFor(handlers as HandlerTable<AppContext>, {
    with: ctx,
    session: () => ctx.session,
    dbFile: ctx.dbFile,
    unhandled: { code: 'not_found', message: 'errors.unknownChannel' },
    log,
  });
}

export function dispatcherFor<X>(table: HandlerTable<X>, env: DispatchEnv<X>): Dispatch {
  const { log } = env;
  return async (channel, input) => {
    if (!isChannel(channel))
      return fail('not_found', 'errors.unknownChannel', { channel: String(channel).slice(0, 64) });
    const handler = table[channel] as ((i: unknown, x: X, actor: unknown) => unknown) | undefined;
    if (!handler) return { ok: false, error: env.unhandled };
    const def = contract[channel];
    const parsed = def.input.safeParse(input ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return fail('invalid_input', 'errors.invalidInput', { field: issue ? issue.path.join('.') : '' });
    }
    // The actor is resolved here, once: handlers are given it and never look it up themselves.
    const session = env.session();
    if (def.role !== 'public') session?.touch();
    const actor = session?.current ?? null;
    if (def.role !== 'public') {
      if (!session || !actor) return fail('unauthenticated', 'errors.notSignedIn');
      if (session.isLocked) return fail('locked', 'errors.sessionLocked');
      if (!roleAllows(def.role, actor.role)) return fail('forbidden', 'errors.forbidden');
    }
    try {
      const value = await handler(parsed.data, env.with, actor);
      const out = def.output.safeParse(value);
      if (!out.success) {
        log(`${channel}: output does not match the contract: ${out.error.issues[0]?.path.join('.')}`);
        return fail('internal', 'errors.internal');
      }
      // A field the contract does not name is a handler bug (it might be a hash or a plaintext
      // number): answer `internal` so it is seen, rather than stripping it silently. Logged by
      // its path only, never its value.
      const extra = extraField(value, out.data);
      if (extra !== null) {
        log(`${channel}: output has a field the contract does not name: ${extra}`);
        return fail('internal', 'errors.internal');
      }
      return ok(out.data);
    } catch (e) {
      if (e instanceof AppError) return { ok: false, error: e.toShape() };
      // A read-only, locked or full database (or folder): a plain message, not `internal`.
      const io = ioErrorOf(e, env.dbFile);
      if (io) {
        log(`${channel}: ${(e as { code: string }).code}`);
        return { ok: false, error: io.toShape() };
      }
      log(`${channel}: ${(e as Error)?.name ?? 'Error'}: ${(e as Error)?.message ?? ''}`);
      return fail('internal', 'errors.internal');
    }
  };
}

const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && [Object.prototype, null].includes(Object.getPrototypeOf(v) as object | null);

/** The path of the first own key of `raw` (at any depth) that the parsed output dropped, or null. */
function extraField(raw: unknown, parsed: unknown, at = ''): string | null {
  if (Array.isArray(raw) && Array.isArray(parsed)) {
    for (let i = 0; i < Math.min(raw.length, parsed.length); i++) {
      const e = extraField(raw[i], parsed[i], `${at}[${i}]`);
      if (e !== null) return e;
    }
    return null;
  }
  if (!isPlain(raw) || !isPlain(parsed)) return null;
  for (const k of Object.keys(raw)) {
    if (raw[k] === undefined) continue;
    if (!Object.hasOwn(parsed, k)) return at ? `${at}.${k}` : k;
    const e = extraField(raw[k], parsed[k], at ? `${at}.${k}` : k);
    if (e !== null) return e;
  }
  return null;
}
