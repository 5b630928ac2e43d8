/** calls.* channels → the call use cases (open, start, draft, attempt, finalize, a new phone). */
import type { SliceHandlers } from '../handlerTypes';
import {
  discardCallDraft,
  finalizeCall,
  openTaskCall,
  recordCallAttempt,
  reportCallNewPhone,
  saveCallDraft,
  startTaskCall,
} from './service';

export const callsHandlers = {
  'calls.open': (i, ctx, actor) => openTaskCall(ctx, actor, i),
  'calls.start': (i, ctx, actor) => startTaskCall(ctx, actor, i),
  'calls.saveDraft': (i, ctx, actor) => saveCallDraft(ctx, actor, i),
  'calls.discard': (i, ctx, actor) => discardCallDraft(ctx, actor, i),
  'calls.recordAttempt': (i, ctx, actor) => recordCallAttempt(ctx, actor, i),
  'calls.finalize': (i, ctx, actor) => finalizeCall(ctx, actor, i),
  'calls.newPhone': (i, ctx, actor) => reportCallNewPhone(ctx, actor, i),
} satisfies SliceHandlers<'calls'>;
