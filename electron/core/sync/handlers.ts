/** sync.* channels → the sync jobs, the ledger and the target. */
import type { SliceHandlers } from '../handlerTypes';
import { acknowledgeReceipt } from './ledger';
import { publicKeyFile, setTarget, syncView } from './service';

export const syncHandlers = {
  'sync.status': (_i, ctx) => syncView(ctx),
  'sync.export': (i, ctx, actor) => ({ jobId: ctx.syncJobs().startExport(i.dir, actor.username) }),
  'sync.push': (_i, ctx, actor) => ({ jobId: ctx.syncJobs().startPush(actor.username) }),
  'sync.cancel': (i, ctx) => (ctx.syncJobs().cancel(i.jobId), {}),
  'sync.ack': (i, ctx, actor) => acknowledgeReceipt(ctx.db, i.receipt, actor.username, ctx.clock()),
  'sync.publicKey': (_i, ctx) => publicKeyFile(ctx),
  'sync.setTarget': (i, ctx, actor) => (setTarget(ctx, i, actor.username), syncView(ctx)),
} satisfies SliceHandlers<'sync'>;
