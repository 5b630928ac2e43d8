/**
 * The one handler table of the open app: every slice's table (electron/core/<slug>/handlers.ts)
 * merged here. Each slice handles exactly its own channels (`SliceHandlers<slug>`), so the type
 * below fails when a channel is handled nowhere; test/unit/slices.test.ts checks the slugs.
 */
import { authHandlers } from './auth/handlers';
import { backupHandlers } from './backup/handlers';
import { calendarHandlers } from './calendar/handlers';
import { callsHandlers } from './calls/handlers';
import type { Handlers } from './handlerTypes';
import { importsHandlers } from './imports/handlers';
import { loansHandlers } from './loans/handlers';
import { piiHandlers } from './pii/handlers';
import { recordsHandlers } from './records/handlers';
import { recoveryHandlers } from './recovery/handlers';
import { reportsHandlers } from './reports/handlers';
import { reviewHandlers } from './review/handlers';
import { samplesHandlers } from './samples/handlers';
import { settingsHandlers } from './settings/handlers';
import { syncHandlers } from './sync/handlers';
import { tasksHandlers } from './tasks/handlers';
import { usersHandlers } from './users/handlers';
import { workbenchHandlers } from './workbench/handlers';

export type { Handlers } from './handlerTypes';

/** Slug → its handler table; the slug is the first part of every channel it handles. */
export const SLICES = {
  auth: authHandlers,
  users: usersHandlers,
  loans: loansHandlers,
  pii: piiHandlers,
  imports: importsHandlers,
  tasks: tasksHandlers,
  calendar: calendarHandlers,
  workbench: workbenchHandlers,
  calls: callsHandlers,
  records: recordsHandlers,
  review: reviewHandlers,
  samples: samplesHandlers,
  reports: reportsHandlers,
  sync: syncHandlers,
  backup: backupHandlers,
  settings: settingsHandlers,
  recovery: recoveryHandlers,
} as const;

export const handlers: Handlers = {
  ...authHandlers,
  ...usersHandlers,
  ...loansHandlers,
  ...piiHandlers,
  ...importsHandlers,
  ...tasksHandlers,
  ...calendarHandlers,
  ...workbenchHandlers,
  ...callsHandlers,
  ...recordsHandlers,
  ...reviewHandlers,
  ...samplesHandlers,
  ...reportsHandlers,
  ...syncHandlers,
  ...backupHandlers,
  ...settingsHandlers,
  ...recoveryHandlers,
};
