/** calls.* channels → the call use cases (open, start, draft, attempt, finalize, a new phone). */
import type { SliceHandlers } from '../handlerTypes';
import { discardDraft, recordAttempt, saveDraft, startCall } from './calls';
import { reportNewPhone } from './newPhone';
import { finalizeRecord } from '../records/records';
import { openCall } from './view';

export const callsHandlers = {
  'calls.open': (i, ctx, actor) => openCall(ctx.db, i.taskId, actor, ctx.clock()),
  'calls.start': (i, ctx, actor) => {
    const d = startCall(ctx.db, i.taskId, actor, ctx.clock());
    return { startedAt: d.startedAt, scriptId: d.scriptId };
  },
  'calls.saveDraft': (i, ctx, actor) => saveDraft(ctx.db, i.taskId, actor, i.state, ctx.clock()),
  'calls.discard': (i, ctx, actor) => (discardDraft(ctx.db, i.taskId, actor, ctx.clock()), {}),
  'calls.recordAttempt': (i, ctx, actor) =>
    recordAttempt(ctx.db, i.taskId, actor, { outcome: i.outcome, note: i.note, bookedAt: i.bookedAt }, ctx.clock()),
  'calls.finalize': (i, ctx, actor) => finalizeRecord(ctx.db, i.taskId, actor, i.state, ctx.clock()),
  'calls.newPhone': (i, ctx, actor) =>
    reportNewPhone(ctx.db, ctx.pii(), i.taskId, { phone: i.phone }, actor, ctx.clock()),
} satisfies SliceHandlers<'calls'>;
