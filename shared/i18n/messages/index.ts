/** Every namespace's catalogue (one file per namespace, named as its top-level key), merged per language. A new namespace: a new file here, imported and listed in both objects (alphabetical). */
import * as app from './app';
import * as auth from './auth';
import * as backup from './backup';
import * as calendar from './calendar';
import * as calls from './calls';
import * as cli from './cli';
import * as common from './common';
import * as errors from './errors';
import * as flagCodes from './flagCodes';
import * as header from './header';
import * as imports from './imports';
import * as itemResults from './itemResults';
import * as items from './items';
import * as loans from './loans';
import * as menu from './menu';
import * as nav from './nav';
import * as onFileFields from './onFileFields';
import * as outcomes from './outcomes';
import * as partyRoles from './partyRoles';
import * as pii from './pii';
import * as records from './records';
import * as recovery from './recovery';
import * as reports from './reports';
import * as review from './review';
import * as roles from './roles';
import * as samples from './samples';
import * as scripts from './scripts';
import * as settings from './settings';
import * as severity from './severity';
import * as sync from './sync';
import * as taskStatuses from './taskStatuses';
import * as taskTypes from './taskTypes';
import * as tasks from './tasks';
import * as workbench from './workbench';

export const zhCN = {
  app: app.zh,
  auth: auth.zh,
  backup: backup.zh,
  calendar: calendar.zh,
  calls: calls.zh,
  cli: cli.zh,
  common: common.zh,
  errors: errors.zh,
  flagCodes: flagCodes.zh,
  header: header.zh,
  imports: imports.zh,
  itemResults: itemResults.zh,
  items: items.zh,
  loans: loans.zh,
  menu: menu.zh,
  nav: nav.zh,
  onFileFields: onFileFields.zh,
  outcomes: outcomes.zh,
  partyRoles: partyRoles.zh,
  pii: pii.zh,
  records: records.zh,
  recovery: recovery.zh,
  reports: reports.zh,
  review: review.zh,
  roles: roles.zh,
  samples: samples.zh,
  scripts: scripts.zh,
  settings: settings.zh,
  severity: severity.zh,
  sync: sync.zh,
  taskStatuses: taskStatuses.zh,
  taskTypes: taskTypes.zh,
  tasks: tasks.zh,
  workbench: workbench.zh,
} as const;

export const en = {
  app: app.en,
  auth: auth.en,
  backup: backup.en,
  calendar: calendar.en,
  calls: calls.en,
  cli: cli.en,
  common: common.en,
  errors: errors.en,
  flagCodes: flagCodes.en,
  header: header.en,
  imports: imports.en,
  itemResults: itemResults.en,
  items: items.en,
  loans: loans.en,
  menu: menu.en,
  nav: nav.en,
  onFileFields: onFileFields.en,
  outcomes: outcomes.en,
  partyRoles: partyRoles.en,
  pii: pii.en,
  records: records.en,
  recovery: recovery.en,
  reports: reports.en,
  review: review.en,
  roles: roles.en,
  samples: samples.en,
  scripts: scripts.en,
  settings: settings.en,
  severity: severity.en,
  sync: sync.en,
  taskStatuses: taskStatuses.en,
  taskTypes: taskTypes.en,
  tasks: tasks.en,
  workbench: workbench.en,
};
