import { act, renderHook, waitFor } from '@testing-library/react';
import { usePolledAsync } from './usePolledAsync';

describe('usePolledAsync', () => {
  it('reloads when reloadOn changes to a new value, once per value', async () => {
    let calls = 0;
    const load = jest.fn(async () => ++calls);
    const { result, rerender } = renderHook(
      ({ reloadOn }: { reloadOn?: string }) =>
        usePolledAsync(load, [], undefined, { reloadOn }),
      { initialProps: {} },
    );
    await waitFor(() => expect(result.current.value).toBe(1));

    rerender({ reloadOn: '2026-11-24T02:00:00.000Z' });
    await waitFor(() => expect(result.current.value).toBe(2));
    expect(load).toHaveBeenCalledTimes(2);

    // The same value announced again loads nothing more.
    rerender({ reloadOn: '2026-11-24T02:00:00.000Z' });
    rerender({ reloadOn: '2026-11-24T02:01:00.000Z' });
    await waitFor(() => expect(result.current.value).toBe(3));
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('loads without options', async () => {
    const { result } = renderHook(() =>
      usePolledAsync(async () => 'loaded', []),
    );
    await waitFor(() => expect(result.current.value).toBe('loaded'));
    expect(result.current.loading).toBe(false);
    expect(result.current.loadedAt).toBeInstanceOf(Date);
  });

  it('keeps the last value when a reload fails, and clears the error on success', async () => {
    const outcomes: Array<() => Promise<string>> = [
      async () => 'first',
      async () => {
        throw new Error('backend down');
      },
      async () => 'third',
    ];
    const { result } = renderHook(() =>
      usePolledAsync(() => outcomes.shift()!(), []),
    );
    await waitFor(() => expect(result.current.value).toBe('first'));

    act(() => result.current.retry());
    await waitFor(() =>
      expect(result.current.error?.message).toBe('backend down'),
    );
    expect(result.current.value).toBe('first');
    expect(result.current.loading).toBe(false);

    act(() => result.current.retry());
    await waitFor(() => expect(result.current.value).toBe('third'));
    expect(result.current.error).toBeUndefined();
  });

  it('drops the previous value while new deps load', async () => {
    let resolveSecond: (value: string) => void = () => {};
    const { result, rerender } = renderHook(
      ({ id }: { id: string }) =>
        usePolledAsync(
          () =>
            id === 'a'
              ? Promise.resolve('value of a')
              : new Promise<string>(resolve => {
                  resolveSecond = resolve;
                }),
          [id],
        ),
      { initialProps: { id: 'a' } },
    );
    await waitFor(() => expect(result.current.value).toBe('value of a'));

    rerender({ id: 'b' });
    expect(result.current.value).toBeUndefined();
    expect(result.current.loading).toBe(true);
    act(() => resolveSecond('value of b'));
    await waitFor(() => expect(result.current.value).toBe('value of b'));
  });
});
