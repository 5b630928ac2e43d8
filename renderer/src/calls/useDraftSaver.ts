/**
 * Saves the call screen's state to the draft on every change, one request at a time: while a
 * save is in flight only the newest state waits, so nothing is lost and nothing piles up.
 */
import { useCallback, useRef, useState } from 'react';
import type { DraftState } from '../../../shared/domain/calls';
import type { AppErrorShape } from '../../../shared/result';
import { call, errorOf } from '../api';

export function useDraftSaver(taskId: number) {
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
            setSavedAt(r.savedAt);
            setError(null);
          })
          .catch((e: unknown) => setError(errorOf(e)))
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
    [taskId],
  );
  return { save, savedAt, error, pending };
}
