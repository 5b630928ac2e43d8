/**
 * The signed-in state of the renderer, mirrored from the main side's session. Any call answered
 * with `unauthenticated` or `locked` refreshes it, so the login or lock screen appears at once.
 */
import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { SessionView } from '../../../../shared/contract';
import type { DraftState } from '../../../../shared/domain/calls';
import type { AppErrorShape } from '../../../../shared/result';
import { call, errorOf } from '../api';

interface SessionState {
  session: SessionView | null;
  loadError: AppErrorShape | null;
  setSession(s: SessionView): void;
  /** The username last signed in in this window (kept across sign-out), or null. */
  lastUser(): string | null;
  /** Asks the main side for the session again; false when it could not be asked. */
  refresh(): Promise<boolean>;
}

const Ctx = createContext<SessionState | null>(null);
export const AUTH_EVENT = 'callback-desk:auth-problem';

/**
 * Call-screen states a lock kept from the draft (the lock screen unmounts the call screen), keyed
 * `user:task`; `useDraftSaver` saves them after unlock. Memory only, and dropped when nobody is
 * signed in: what a borrower said does not outlive the session that heard it.
 */
export const heldDrafts = new Map<string, DraftState>();

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSessionState] = useState<SessionView | null>(null);
  const [loadError, setLoadError] = useState<AppErrorShape | null>(null);
  // What one user loaded is not shown to the next, nor kept behind the lock screen (app/query.ts):
  // the cache is emptied before the new session renders, so no page mounts on the old data.
  const client = useQueryClient();
  const shownTo = useRef<string | null>(null);
  // Who signed in last in this window: the next user starts at home, not on the last one's loan
  // or call (LoginPage asks `lastUser()`).
  const lastUser = useRef<string | null>(null);
  const setSession = useCallback(
    (s: SessionView) => {
      const identity = s.user && !s.locked ? s.user.username : null;
      if (identity !== shownTo.current) client.clear();
      shownTo.current = identity;
      if (s.user) lastUser.current = s.user.username;
      setSessionState(s);
    },
    [client],
  );
  const refresh = useCallback(async (): Promise<boolean> => {
    try {
      setSession(await call('auth.session', {}));
      setLoadError(null);
      return true;
    } catch (e) {
      setLoadError(errorOf(e));
      return false;
    }
  }, [setSession]);
  useEffect(() => {
    call('auth.session', {}).then(
      (s) => {
        setSession(s);
        setLoadError(null);
      },
      (e: unknown) => setLoadError(errorOf(e)),
    );
    // A call met a lock or sign-out: ask the session. If that cannot be asked either, nothing of
    // this session stays on screen meanwhile (the error screen with 重试 shows instead).
    const onProblem = () =>
      void refresh().then((ok) => {
        if (ok) return;
        client.clear();
        shownTo.current = null;
        setSessionState(null);
      });
    window.addEventListener(AUTH_EVENT, onProblem);
    return () => window.removeEventListener(AUTH_EVENT, onProblem);
  }, [refresh, setSession, client]);
  useEffect(() => {
    if (session && !session.user) heldDrafts.clear();
  }, [session]);

  const value = useMemo(
    () => ({ session, loadError, setSession, refresh, lastUser: () => lastUser.current }),
    [session, loadError, setSession, refresh],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useSession(): SessionState {
  const v = useContext(Ctx);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}

/** Tell the provider that a call failed for session reasons; true when it did (login or lock screen follows). */
export function reportAuthProblem(e: unknown): boolean {
  const code = errorOf(e).code;
  if (code !== 'unauthenticated' && code !== 'locked') return false;
  window.dispatchEvent(new Event(AUTH_EVENT));
  return true;
}
