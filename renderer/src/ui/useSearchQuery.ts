/**
 * A search box's text and the query it settles on: debounced while typing, never taken from
 * half-composed pinyin (IME), immediate on Enter. Spread `inputProps` onto an antd Input.Search.
 */
import { useEffect, useState, type ChangeEvent, type CompositionEvent } from 'react';

export function useSearchQuery(delayMs = 250) {
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [composing, setComposing] = useState(false);
  useEffect(() => {
    if (composing) return;
    const id = window.setTimeout(() => setQuery(text.trim()), delayMs);
    return () => window.clearTimeout(id);
  }, [text, composing, delayMs]);
  return {
    query,
    inputProps: {
      value: text,
      onChange: (e: ChangeEvent<HTMLInputElement>) => setText(e.target.value),
      onCompositionStart: () => setComposing(true),
      onCompositionEnd: (e: CompositionEvent<HTMLInputElement>) => {
        setComposing(false);
        setText(e.currentTarget.value);
      },
      onSearch: (v: string) => setQuery(v.trim()),
    },
  };
}
