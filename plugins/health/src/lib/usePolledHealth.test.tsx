import { act, renderHook, waitFor } from '@testing-library/react';
import { ReactNode } from 'react';
import { TestApiProvider } from '@backstage/frontend-test-utils';
import { SignalApi, signalApiRef } from '@backstage/plugin-signals-react';
import { usePolledHealth } from './usePolledHealth';

/** A signal API whose messages the test sends. */
function fakeSignals() {
  const listeners = new Map<string, Array<(message: any) => void>>();
  const api: SignalApi = {
    subscribe(channel, onMessage) {
      listeners.set(channel, [...(listeners.get(channel) ?? []), onMessage]);
      return {
        unsubscribe: () =>
          listeners.set(
            channel,
            (listeners.get(channel) ?? []).filter(l => l !== onMessage),
          ),
      };
    },
  };
  const send = (channel: string, message: object) =>
    (listeners.get(channel) ?? []).forEach(l => l(message));
  return { api, send };
}

describe('usePolledHealth', () => {
  it('reloads when the health backend signals a finished cycle', async () => {
    const signals = fakeSignals();
    let calls = 0;
    const load = jest.fn(async () => ++calls);
    const wrapper = ({ children }: { children: ReactNode }) => (
      <TestApiProvider apis={[[signalApiRef, signals.api]]}>
        {children}
      </TestApiProvider>
    );
    const { result } = renderHook(() => usePolledHealth(load, []), { wrapper });
    await waitFor(() => expect(result.current.value).toBe(1));

    act(() => signals.send('another-plugin', { evaluatedAt: 'x' }));
    act(() =>
      signals.send('dataplatform-health', {
        evaluatedAt: '2026-11-24T02:00:00.000Z',
      }),
    );
    await waitFor(() => expect(result.current.value).toBe(2));
    expect(load).toHaveBeenCalledTimes(2);

    // The same cycle announced twice loads once.
    act(() =>
      signals.send('dataplatform-health', {
        evaluatedAt: '2026-11-24T02:00:00.000Z',
      }),
    );
    act(() =>
      signals.send('dataplatform-health', {
        evaluatedAt: '2026-11-24T02:01:00.000Z',
      }),
    );
    await waitFor(() => expect(result.current.value).toBe(3));
  });

  it('loads without a signal API, as in an app without signals', async () => {
    const { result } = renderHook(() =>
      usePolledHealth(async () => 'loaded', []),
    );
    await waitFor(() => expect(result.current.value).toBe('loaded'));
  });
});
