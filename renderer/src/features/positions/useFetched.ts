import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { errorMessage } from '../../api/client';

export interface Fetched<T> {
  /** The latest answer; while a new one is on its way, the previous one (see `stale`). */
  readonly value: T | null;
  readonly error: string | null;
  /** The value belongs to an earlier key. */
  readonly stale: boolean;
  /** Replaces the value (e.g. after loading more of it). */
  readonly replace: (value: T) => void;
}

/**
 * Loads something from the API when `key` (or `version`) changes, and forgets answers that
 * arrive after the view has moved on. `delayMs` waits before asking (a search being typed).
 */
export function useFetched<T>(key: string, load: () => Promise<T>, options: { delayMs?: number; version?: unknown } = {}): Fetched<T> {
  const { delayMs = 0, version } = options;
  const [state, setState] = useState<{ key: string | null; value: T | null; error: string | null }>({
    key: null,
    value: null,
    error: null,
  });
  const loader = useRef(load);
  useLayoutEffect(() => {
    loader.current = load;
  });
  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(() => {
      loader
        .current()
        .then((value) => {
          if (!cancelled) setState({ key, value, error: null });
        })
        .catch((error: unknown) => {
          if (!cancelled) setState((s) => ({ key, value: s.value, error: errorMessage(error) }));
        });
    }, delayMs);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [key, version, delayMs]);
  return {
    value: state.value,
    error: state.error,
    stale: state.key !== key,
    replace: (value) => setState({ key, value, error: null }),
  };
}
