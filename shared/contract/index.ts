/**
 * The IPC contract: every channel with its zod input and output schemas and the least role that
 * may call it. The Electron main process, the preload bridge and the browser harness are all
 * built from this one table (DESIGN.md §3). Each slug declares its channels in its own file
 * (`shared/contract/<slug>.ts`, named `<slug>.*`); this module merges them and re-exports every
 * schema and type, so `import … from 'shared/contract'` reaches all of them.
 */
import type { z } from 'zod';
import type { Result } from '../result';
import { authChannels } from './auth';
import { backupChannels } from './backup';
import { calendarChannels } from './calendar';
import { callsChannels } from './calls';
import { importsChannels } from './imports';
import { loansChannels } from './loans';
import { piiChannels } from './pii';
import { recordsChannels } from './records';
import { recoveryChannels } from './recovery';
import { reportsChannels } from './reports';
import { reviewChannels } from './review';
import { samplesChannels } from './samples';
import { settingsChannels } from './settings';
import { syncChannels } from './sync';
import { tasksChannels } from './tasks';
import { usersChannels, type UserView } from './users';
import { workbenchChannels } from './workbench';

export type { ChannelDef } from './channel';
export * from './auth';
export * from './backup';
export * from './calendar';
export * from './calls';
export * from './imports';
export * from './loans';
export * from './pii';
export * from './records';
export * from './recovery';
export * from './reports';
export * from './review';
export * from './samples';
export * from './settings';
export * from './sync';
export * from './tasks';
export * from './users';
export * from './workbench';

export const contract = {
  ...authChannels,
  ...usersChannels,
  ...loansChannels,
  ...piiChannels,
  ...importsChannels,
  ...tasksChannels,
  ...calendarChannels,
  ...workbenchChannels,
  ...callsChannels,
  ...recordsChannels,
  ...reviewChannels,
  ...samplesChannels,
  ...reportsChannels,
  ...syncChannels,
  ...backupChannels,
  ...settingsChannels,
  ...recoveryChannels,
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export const CHANNELS = Object.keys(contract) as Channel[];

export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ChannelParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;
/** Who calls a channel, as the dispatcher resolved it: the signed-in user, or null on a public channel. */
export type ChannelActor<C extends Channel> = Contract[C]['role'] extends 'public' ? UserView | null : UserView;

/** What `window.api` looks like in the renderer: one function per channel. */
export type Api = {
  [C in Channel]: (input: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>;
};

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

export { buildApi, ipcChannelName } from '../channels';
