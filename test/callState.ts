/** The call screen's state for a finished call, for tests that finalize records through the services. */
import type { DraftState } from '../shared/domain/calls';
import { mustReadSteps, type Script } from '../shared/scripts/schema';

/** A complete checklist: every line a match except the ones given, every mandatory read ticked at `at`. */
export function fullState(
  script: Script,
  keys: string[],
  at: string,
  over: Record<string, DraftState['items'][string]> = {},
): DraftState {
  const items: DraftState['items'] = {};
  for (const k of keys) items[k] = { result: 'match', stated: '与档案一致', note: '' };
  Object.assign(items, over);
  const reads = Object.fromEntries(mustReadSteps(script).map((id) => [id, at]));
  return { stepId: 'closing', history: [], answers: {}, reads, items, outcome: null, bookedAt: null, note: '' };
}
