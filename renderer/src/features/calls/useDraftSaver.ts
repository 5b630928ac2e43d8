/**
 * Saves the call screen's state to the draft on every change, one request at a time: while a
 * save is in flight only the newest state waits, so nothing is lost and nothing piles up. A save
 * refused for session reasons (idle lock, signed out) is reported by the mutation cache (the lock
 * or login screen follows), and its state is held in memory until the call screen comes back and
 * `flush` saves it.
 */
import { useCallback, useRef, useState } from 'react';
import type { DraftState } from '../../../../shared/domain/calls';
import type { AppErrorShape } from '../../../../shared/result';
import { shownError, useChannelMutation } from '../../app/query';
import { heldDrafts as held, useSession } from '../../app/session/SessionContext';

export function useDraftSaver(taskId: number) {
  const userId = useSession().session?.user?.id ?? 0;
  const key = `${userId}:${taskId}`;
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [pending, setPending] = useState(false);
  const queue = useRef<{ busy: boolean; next: DraftState | null }>({ busy: false, next: null });
  // A draft save changes no read on screen (the call view is not reloaded mid-call): no invalidation.
  const { mutateAsync: saveDraft } = useChannelMutation('calls.saveDraft');

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
        saveDraft({ taskId, state: s })
          .then((r) => {
            held.delete(key);
            setSavedAt(r.savedAt);
            setError(null);
          })
          .catch((e: unknown) => {
            const shown = shownError(e);
            // null: a session problem, already reported; keep the newest state for after the unlock.
            if (shown === null) {
              held.set(key, q.next ?? s);
              q.next = null;
            } else setError(shown);
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
    [taskId, key, saveDraft],
  );

  /** Saves the state a lock kept from the draft, if any; resolves once the draft is current. */
  const flush = useCallback(async () => {
    const state = held.get(key);
    if (!state) return;
    try {
      setSavedAt((await saveDraft({ taskId, state })).savedAt);
      held.delete(key);
      setError(null);
    } catch (e) {
      const shown = shownError(e);
      if (shown) setError(shown);
    }
  }, [taskId, key, saveDraft]);

  return { save, flush, savedAt, error, pending };
}
