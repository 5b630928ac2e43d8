/**
 * Call use cases, one per `calls.*` channel: open a task's call, start it, save or discard the
 * draft, record an attempt, report a new phone, and finalize (which writes the record: records/).
 */
import type { Channel, ChannelOutput, ChannelParsedInput, UserView } from '../../../shared/contract';
import type { AppContext } from '../context';
import { finalizeRecord } from '../records/records';
import { discardDraft, recordAttempt, saveDraft, startCall } from './calls';
import { reportNewPhone } from './newPhone';
import { openCall } from './view';

type CallChannel = Extract<Channel, `calls.${string}`>;
type UseCase<C extends CallChannel> = (
  ctx: AppContext,
  actor: UserView,
  input: ChannelParsedInput<C>,
) => ChannelOutput<C>;

/** The call screen's view of one task (calls/view.ts). */
export const openTaskCall: UseCase<'calls.open'> = (ctx, actor, input) =>
  openCall(ctx.db, input.taskId, actor, ctx.clock());

/** Start (or resume) the call: the draft pins the script version. */
export const startTaskCall: UseCase<'calls.start'> = (ctx, actor, input) => {
  const d = startCall(ctx.db, input.taskId, actor, ctx.clock());
  return { startedAt: d.startedAt, scriptId: d.scriptId };
};

export const saveCallDraft: UseCase<'calls.saveDraft'> = (ctx, actor, input) =>
  saveDraft(ctx.db, input.taskId, actor, input.state, ctx.clock());

export const discardCallDraft: UseCase<'calls.discard'> = (ctx, actor, input) => {
  discardDraft(ctx.db, input.taskId, actor, ctx.clock());
  return {};
};

/** A dial that did not reach a record (no answer, busy, booked, …). */
export const recordCallAttempt: UseCase<'calls.recordAttempt'> = (ctx, actor, input) =>
  recordAttempt(
    ctx.db,
    input.taskId,
    actor,
    { outcome: input.outcome, note: input.note, bookedAt: input.bookedAt },
    ctx.clock(),
  );

/** The call ends in a record: the record, its flags and the task's completion (records/records.ts). */
export const finalizeCall: UseCase<'calls.finalize'> = (ctx, actor, input) =>
  finalizeRecord(ctx.db, input.taskId, actor, input.state, ctx.clock());

export const reportCallNewPhone: UseCase<'calls.newPhone'> = (ctx, actor, input) =>
  reportNewPhone(ctx.db, ctx.pii(), input.taskId, { phone: input.phone }, actor, ctx.clock());
