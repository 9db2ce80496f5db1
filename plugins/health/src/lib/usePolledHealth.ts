import { DependencyList } from 'react';
import { useSignal } from '@backstage/plugin-signals-react';
import {
  HEALTH_SIGNAL_CHANNEL,
  HealthCycleSignal,
} from '@dataplatform/plugin-health-common';
import { PolledAsyncState, usePolledAsync } from '@dataplatform/portal-react';

/**
 * `usePolledAsync` that also reloads as soon as the health backend signals
 * a finished evaluation cycle, so a new state shows within seconds; polling
 * covers an app without signals.
 */
export function usePolledHealth<T>(
  fn: () => Promise<T>,
  deps: DependencyList,
  intervalMs?: number,
): PolledAsyncState<T> {
  const { lastSignal } = useSignal<HealthCycleSignal>(HEALTH_SIGNAL_CHANNEL);
  return usePolledAsync(fn, deps, intervalMs, {
    reloadOn: lastSignal?.evaluatedAt,
  });
}
