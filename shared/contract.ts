/**
 * The IPC contract: every channel with its zod input and output schemas and the least role that
 * may call it. The Electron main process, the preload bridge and the browser harness are all
 * built from this one table (DESIGN.md §3).
 */
import { z } from 'zod';
import { appErrorSchema, type Result } from './result';
import { roleSchema, type ChannelRole } from './roles';

export interface ChannelDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  role: ChannelRole;
}

function channel<I extends z.ZodType, O extends z.ZodType>(def: ChannelDef<I, O>): ChannelDef<I, O> {
  return def;
}

const empty = z.strictObject({});

export const userViewSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
});
export type UserView = z.infer<typeof userViewSchema>;

export const sessionViewSchema = z.object({
  user: userViewSchema.nullable(),
  locked: z.boolean(),
  idleLockMinutes: z.number().int().positive(),
  branch: z.object({ code: z.string(), name: z.string() }).nullable(),
});
export type SessionView = z.infer<typeof sessionViewSchema>;

export const loanRowSchema = z.object({
  loanNo: z.string(),
  borrowerName: z.string(),
  idNumber: z.string(),
  phone: z.string(),
  amountCents: z.number().int(),
  termMonths: z.number().int(),
  annualRate: z.number(),
  approvalDate: z.string(),
  disbursementDate: z.string().nullable(),
  propertyAddress: z.string(),
  coBorrowers: z.number().int(),
  guarantors: z.number().int(),
});
export type LoanRow = z.infer<typeof loanRowSchema>;

export const credentialsSchema = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

export const contract = {
  'auth.session': channel({ input: empty, output: sessionViewSchema, role: 'public' }),
  'auth.login': channel({ input: credentialsSchema, output: sessionViewSchema, role: 'public' }),
  'auth.logout': channel({ input: empty, output: sessionViewSchema, role: 'public' }),
  'auth.lock': channel({ input: empty, output: sessionViewSchema, role: 'officer' }),
  'auth.unlock': channel({
    input: z.strictObject({ password: z.string().min(1).max(256) }),
    output: sessionViewSchema,
    role: 'public',
  }),
  'loans.list': channel({
    input: z.strictObject({
      search: z.string().trim().max(64).optional(),
      offset: z.number().int().min(0).max(10_000_000).default(0),
      limit: z.number().int().min(1).max(50_000).default(1000),
    }),
    output: z.object({ total: z.number().int(), rows: z.array(loanRowSchema) }),
    role: 'officer',
  }),
  'users.list': channel({ input: empty, output: z.array(userViewSchema), role: 'manager' }),
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export const CHANNELS = Object.keys(contract) as Channel[];

export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ChannelParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;

/** What `window.api` looks like in the renderer: one function per channel. */
export type Api = {
  [C in Channel]: (input: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>;
};

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** Schema of any answer on the wire, for a channel's output schema. */
export function resultSchema<O extends z.ZodType>(output: O) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value: output }),
    z.object({ ok: z.literal(false), error: appErrorSchema }),
  ]);
}

/** Build an Api object from a transport function (used by preload and the harness client). */
export function buildApi(invoke: (channel: Channel, input: unknown) => Promise<unknown>): Api {
  const api: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const name of CHANNELS) api[name] = (input: unknown) => invoke(name, input ?? {});
  return Object.freeze(api) as unknown as Api;
}

/** Electron IPC channel name for a contract channel. */
export const ipcChannelName = (c: Channel): string => `callback-desk:${c}`;
