/** Locks the workbench after the configured minutes without keyboard or mouse activity. */
import { useEffect, useRef } from 'react';
import { call } from '../api';
import { useSession } from './SessionContext';

const EVENTS = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart'] as const;

export function useIdleLock(): void {
  const { session, setSession } = useSession();
  const last = useRef(0);
  const active = !!session?.user && !session.locked;
  const minutes = session?.idleLockMinutes ?? 10;
  useEffect(() => {
    if (!active) return;
    last.current = Date.now();
    const mark = () => {
      last.current = Date.now();
    };
    for (const e of EVENTS) window.addEventListener(e, mark, { passive: true });
    const timer = window.setInterval(() => {
      if (Date.now() - last.current >= minutes * 60_000) {
        call('auth.lock', {}).then(setSession, () => undefined);
      }
    }, 15_000);
    return () => {
      for (const e of EVENTS) window.removeEventListener(e, mark);
      window.clearInterval(timer);
    };
  }, [active, minutes, setSession]);
}
