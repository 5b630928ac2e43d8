/** The live height of an element, for virtualized tables that need a pixel height. */
import { useEffect, useRef, useState } from 'react';

export function useElementHeight<T extends HTMLElement>(initial = 400): [React.RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [h, setH] = useState(initial);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setH(el.clientHeight));
    ro.observe(el);
    setH(el.clientHeight);
    return () => ro.disconnect();
  }, []);
  return [ref, h];
}
