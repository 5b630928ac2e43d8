/** backup.* channels → backups and restore. */
import type { SliceHandlers } from '../handlerTypes';
import { backupNow, backupsView, describeBackup, restoreBackup } from './service';

export const backupHandlers = {
  'backup.list': (_i, ctx) => backupsView(ctx),
  'backup.create': (_i, ctx, actor) => backupNow(ctx, actor.username),
  'backup.describe': (i, ctx) => describeBackup(ctx, i.name),
  'backup.restore': (i, ctx) => restoreBackup(ctx, i.name, i.password),
} satisfies SliceHandlers<'backup'>;
