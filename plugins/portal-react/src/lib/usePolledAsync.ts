import {
  DependencyList,
  useCallback,
  useEffect,
  useRef,
  useState,
} from 'react';
import useInterval from 'react-use/esm/useInterval';

export interface PolledAsyncState<T> {
  /** The last value loaded; kept while a refresh runs and when one fails. */
  value?: T;
  /** The last failure; cleared by the next success. */
  error?: Error;
  loading: boolean;
  /** When `value` was loaded. */
  loadedAt?: Date;
  retry: () => void;
}

export interface PolledAsyncOptions {
  /**
   * Reloads as soon as this changes to a new defined value, such as the
   * time of the last "results are ready" signal from a backend, so new
   * results show within seconds rather than at the next poll. A value that
   * arrives while a load runs is covered by that load.
   */
  reloadOn?: unknown;
}

/**
 * Loads once, again whenever `deps` change or `retry` is called, and every
 * `intervalMs` while the browser tab is visible. Unlike react-use's
 * `useAsyncRetry`, a failed refresh keeps the last value, so a page that
 * was fine a minute ago does not turn into an error panel on one failed
 * poll; the caller shows both.
 */
export function usePolledAsync<T>(
  fn: () => Promise<T>,
  deps: DependencyList,
  intervalMs?: number,
  options: PolledAsyncOptions = {},
): PolledAsyncState<T> {
  const [state, setState] = useState<Omit<PolledAsyncState<T>, 'retry'>>({
    loading: true,
  });
  const [attempt, setAttempt] = useState(0);
  const lastCall = useRef(0);
  const loading = useRef(false);

  // Another entity's value must not show while this one loads.
  useEffect(() => {
    setState({ loading: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  useEffect(() => {
    const call = ++lastCall.current;
    let mounted = true;
    loading.current = true;
    setState(current => ({ ...current, loading: true }));
    fn().then(
      value => {
        if (mounted && call === lastCall.current) {
          loading.current = false;
          setState({ value, loading: false, loadedAt: new Date() });
        }
      },
      error => {
        if (mounted && call === lastCall.current) {
          loading.current = false;
          setState(current => ({ ...current, error, loading: false }));
        }
      },
    );
    return () => {
      mounted = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, attempt]);

  useInterval(() => {
    if (!loading.current && document.visibilityState !== 'hidden') {
      setAttempt(a => a + 1);
    }
  }, intervalMs ?? null);

  const { reloadOn } = options;
  useEffect(() => {
    if (reloadOn !== undefined && !loading.current) setAttempt(a => a + 1);
  }, [reloadOn]);

  const retry = useCallback(() => setAttempt(a => a + 1), []);
  return { ...state, retry };
}
