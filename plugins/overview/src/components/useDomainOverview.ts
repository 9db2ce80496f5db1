import { useCallback, useEffect, useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import { DomainOverviewResponse } from '@dataplatform/plugin-overview-common';
import { OverviewApi, overviewApiRef } from '../api';

/**
 * How long one answer serves every card of a Domain page. The four cards
 * mount within moments of each other (each loads lazily); a later visit to
 * the page reads again.
 */
export const SHARED_FOR_MS = 5_000;

interface Load {
  promise: Promise<DomainOverviewResponse>;
  startedAt: number;
}

// Per API instance, so a test app (or a second app on the page) never gets
// another one's answers; per domain name inside it.
const loads = new WeakMap<OverviewApi, Map<string, Load>>();
const listeners = new Map<string, Set<() => void>>();

function loadsOf(api: OverviewApi): Map<string, Load> {
  let byName = loads.get(api);
  if (!byName) {
    byName = new Map();
    loads.set(api, byName);
  }
  return byName;
}

/**
 * The answer for `name`: the one being read or read within
 * {@link SHARED_FOR_MS}, else a new read. A failure is shared the same way,
 * so the cards of one page agree; retrying reads again for all of them.
 */
function sharedLoad(
  api: OverviewApi,
  name: string,
  fresh: boolean,
): Promise<DomainOverviewResponse> {
  const byName = loadsOf(api);
  const current = byName.get(name);
  if (!fresh && current && Date.now() - current.startedAt < SHARED_FOR_MS) {
    return current.promise;
  }
  const promise = api.getDomain(name);
  // Rejections are handled by each card; this keeps an unobserved one
  // (a card gone before the answer came) from being reported as unhandled.
  promise.catch(() => undefined);
  byName.set(name, { promise, startedAt: Date.now() });
  return promise;
}

export interface DomainOverviewState {
  value?: DomainOverviewResponse;
  error?: Error;
  loading: boolean;
  /** Reads the domain again, for every card showing it. */
  retry: () => void;
}

/**
 * The overview of one domain for the cards of its page: one request per
 * domain shared by the cards, and a retry in one card reloads them all.
 */
export function useDomainOverview(name: string): DomainOverviewState {
  const api = useApi(overviewApiRef);
  const [generation, setGeneration] = useState(0);
  const [state, setState] = useState<{
    name: string;
    value?: DomainOverviewResponse;
    error?: Error;
    loading: boolean;
  }>({ name, loading: true });

  useEffect(() => {
    const listener = () => setGeneration(g => g + 1);
    const set = listeners.get(name) ?? new Set();
    set.add(listener);
    listeners.set(name, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) listeners.delete(name);
    };
  }, [name]);

  useEffect(() => {
    let mounted = true;
    setState(current =>
      current.name === name
        ? { ...current, loading: true }
        : { name, loading: true },
    );
    sharedLoad(api, name, false).then(
      value => {
        if (mounted) setState({ name, value, loading: false });
      },
      error => {
        if (mounted) setState({ name, error, loading: false });
      },
    );
    return () => {
      mounted = false;
    };
  }, [api, name, generation]);

  const retry = useCallback(() => {
    sharedLoad(api, name, true);
    for (const listener of listeners.get(name) ?? []) listener();
  }, [api, name]);

  // Another domain's answer must not show while this one loads.
  if (state.name !== name) return { loading: true, retry };
  return {
    value: state.value,
    error: state.error,
    loading: state.loading,
    retry,
  };
}
