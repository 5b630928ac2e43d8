/**
 * Saves the call screen's state to the draft on every change, one request at a time: while a
 * save is in flight only the newest state waits, so nothing is lost and nothing piles up. A save
 * refused for session reasons (idle lock, signed out) goes to the session's auth path, and its
 * state is held in memory until the call screen comes back and `flush` saves it.
 */
import { useCallback, useRef, useState } from 'react';
import type { DraftState } from '../../../shared/domain/calls';
import type { AppErrorShape } from '../../../shared/result';
import { call, errorOf } from '../api';
import { heldDrafts as held, reportAuthProblem, useSession } from '../session/SessionContext';

export function useDraftSaver(taskId: number) {
  const userId = useSession().session?.user?.id ?? 0;
  const key = `${userId}:${taskId}`;
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [pending, setPending] = useState(false);
  const queue = useRef<{ busy: boolean; next: DraftState | null }>({ busy: false, next: null });

  const save = useCallback(
    (state: DraftState) => {
      const q = queue.current;
      setPending(true);
      if (q.busy) {
        q.next = state;
        return;
      }
      q.busy = true;
      const run = (s: DraftState) => {
        call('calls.saveDraft', { taskId, state: s })
          .then((r) => {
            held.delete(key);
            setSavedAt(r.savedAt);
            setError(null);
          })
          .catch((e: unknown) => {
            if (reportAuthProblem(e)) {
              held.set(key, q.next ?? s);
              q.next = null;
            } else setError(errorOf(e));
          })
          .finally(() => {
            const next = q.next;
            q.next = null;
            if (next) run(next);
            else {
              q.busy = false;
              setPending(false);
            }
          });
      };
      run(state);
    },
    [taskId, key],
  );

  /** Saves the state a lock kept from the draft, if any; resolves once the draft is current. */
  const flush = useCallback(async () => {
    const state = held.get(key);
    if (!state) return;
    try {
      setSavedAt((await call('calls.saveDraft', { taskId, state })).savedAt);
      held.delete(key);
      setError(null);
    } catch (e) {
      if (!reportAuthProblem(e)) setError(errorOf(e));
    }
  }, [taskId, key]);

  return { save, flush, savedAt, error, pending };
}
