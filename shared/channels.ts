/**
 * The contract's channel names as a plain list, and the transport helpers built from it. The preload
 * imports this file instead of the contract, so it does not bundle every zod schema just for the
 * names; test/unit/channels.test.ts keeps the list equal to the contract's keys.
 */
import type { Api, Channel } from './contract';

export const CHANNEL_NAMES = [
  'auth.session',
  'auth.login',
  'auth.logout',
  'auth.lock',
  'auth.unlock',
  'loans.list',
  'loans.searchAlerts',
  'users.list',
  'imports.upload',
  'imports.analyse',
  'imports.status',
  'imports.commit',
  'imports.cancel',
  'imports.rejects',
  'imports.template',
  'imports.list',
  'imports.damagedText',
  'tasks.queue',
  'tasks.take',
  'tasks.assign',
  'tasks.createEvent',
  'tasks.reassignAll',
  'settings.taskRules',
  'settings.setTaskRules',
  'settings.callRules',
  'settings.setCallRules',
  'calendar.status',
  'calendar.import',
  'workbench.summary',
  'calls.open',
  'calls.start',
  'calls.saveDraft',
  'calls.discard',
  'calls.recordAttempt',
  'calls.finalize',
  'calls.newPhone',
  'records.amend',
  'loans.file',
  'pii.reveal',
  'review.queue',
  'review.detail',
  'review.decide',
  'review.comment',
  'samples.view',
  'samples.draw',
  'samples.score',
  'reports.dashboard',
  'reports.details',
  'reports.weekly',
  'sync.status',
  'sync.export',
  'sync.push',
  'sync.cancel',
  'sync.ack',
  'sync.publicKey',
  'sync.setTarget',
  'backup.list',
  'backup.create',
  'backup.describe',
  'backup.restore',
  'recovery.status',
  'recovery.restore',
] as const satisfies readonly Channel[];

/** Electron IPC channel name for a contract channel. */
export const ipcChannelName = (c: Channel): string => `callback-desk:${c}`;

/** Build an Api object from a transport function (used by preload and the harness client). */
export function buildApi(invoke: (channel: Channel, input: unknown) => Promise<unknown>): Api {
  const api: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const name of CHANNEL_NAMES) api[name] = (input: unknown) => invoke(name, input ?? {});
  return Object.freeze(api) as unknown as Api;
}
