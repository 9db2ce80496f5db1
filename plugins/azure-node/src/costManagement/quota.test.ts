import { isRestError, RestError } from '@azure/core-rest-pipeline';
import { describeAzureError } from '../errors';
import {
  AbortSignalLike,
  CostManagementQuota,
  CostManagementQuotaOptions,
  CostManagementThrottledError,
} from './quota';

const T0 = Date.UTC(2026, 10, 24, 12, 0, 0);

/**
 * A clock that only moves when told to or when the quota sleeps: every wait
 * is recorded, none is real.
 */
function fakeTime() {
  let now = T0;
  const sleeps: number[] = [];
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
    sleeps,
    sleep: async (ms: number, signal?: AbortSignalLike) => {
      if (signal?.aborted)
        throw Object.assign(new Error(), { name: 'AbortError' });
      sleeps.push(ms);
      now += ms;
    },
  };
}

/**
 * A sleep that waits until the test wakes it (advancing the clock), so
 * several calls can wait at the same time.
 */
function heldTime() {
  let now = T0;
  const sleepers: Array<{ ms: number; wake: () => void }> = [];
  return {
    now: () => now,
    sleepers,
    sleep: (ms: number, signal?: AbortSignalLike) =>
      new Promise<void>((resolve, reject) => {
        const sleeper = {
          ms,
          wake: () => {
            now += ms;
            resolve();
          },
        };
        sleepers.push(sleeper);
        signal?.addEventListener('abort', () => {
          sleepers.splice(sleepers.indexOf(sleeper), 1);
          reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
        });
      }),
  };
}

function quotaWith(
  time: Pick<CostManagementQuotaOptions, 'now' | 'sleep'>,
  options: CostManagementQuotaOptions = {},
) {
  return new CostManagementQuota({ ...time, ...options });
}

async function rejectionOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('CostManagementQuota', () => {
  it('lets 12 calls go within 10 s and holds the 13th until the oldest leaves the window', async () => {
    const time = fakeTime();
    const quota = quotaWith(time);
    for (let i = 0; i < 12; i++) {
      await quota.acquire();
      time.advance(500);
    }
    // 13th call at T0 + 6 s: the first (T0) leaves the 10 s window at T0 + 10 s.
    expect(time.now()).toBe(T0 + 6_000);
    expect(time.sleeps).toEqual([]);

    await quota.acquire();

    expect(time.sleeps).toEqual([4_000]);
    expect(time.now()).toBe(T0 + 10_000);
    expect(quota.snapshot()).toEqual({
      used: [12, 13, 13],
      pausedUntil: undefined,
      waitedMs: 4_000,
      calls: 13,
    });
  });

  it('holds the 61st call within a minute, although every 10 s window has room', async () => {
    const time = fakeTime();
    const quota = quotaWith(time);
    for (let i = 0; i < 60; i++) {
      await quota.acquire();
      time.advance(1_000);
    }
    expect(time.sleeps).toEqual([]);
    time.advance(-500); // the 61st call comes at T0 + 59.5 s

    await quota.acquire();

    expect(time.sleeps).toEqual([500]);
    expect(quota.snapshot()).toMatchObject({
      used: [10, 60, 61],
      calls: 61,
    });
  });

  it('holds every call while Azure asks to pause, and records the pause', async () => {
    const time = fakeTime();
    const quota = quotaWith(time);
    await quota.acquire();
    quota.pauseUntil(T0 + 7_000);
    // An earlier end does not shorten a pause Azure asked for.
    quota.pauseUntil(T0 + 3_000);

    await quota.acquire();
    await quota.acquire();

    expect(time.sleeps).toEqual([7_000]);
    expect(quota.snapshot()).toEqual({
      used: [3, 3, 3],
      pausedUntil: T0 + 7_000,
      waitedMs: 7_000,
      calls: 3,
    });
  });

  it('fails at once when Azure asks to pause for longer than a call may wait', async () => {
    const time = fakeTime();
    const quota = quotaWith(time);
    quota.pauseUntil(T0 + 3_600_000);

    const error = await rejectionOf(quota.acquire());

    expect(error).toBeInstanceOf(CostManagementThrottledError);
    expect(error).toBeInstanceOf(RestError);
    expect(isRestError(error)).toBe(true);
    expect(error).toMatchObject({
      statusCode: 429,
      code: 'TooManyRequests',
      source: 'azure',
      waitMs: 3_600_000,
      until: T0 + 3_600_000,
      message:
        'Cost Management quota for this tenant is used up; Azure asks to wait 3600 s (until 13:00:00 UTC)',
    });
    expect(describeAzureError(error)).toEqual({
      code: 'TooManyRequests',
      statusCode: 429,
      message:
        'Cost Management quota for this tenant is used up; Azure asks to wait 3600 s (until 13:00:00 UTC)',
    });
    expect(time.sleeps).toEqual([]);
    expect(quota.snapshot().calls).toBe(0);
  });

  it('fails a call at once whose turn in the queue lies beyond maxWaitMs, while the one ahead waits', async () => {
    const time = heldTime();
    const quota = quotaWith(time, {
      windows: [{ limit: 1, windowMs: 1_000 }],
      maxWaitMs: 1_500,
    });
    await quota.acquire();

    const second = quota.acquire();
    // Second goes at T0 + 1 s; the third would go at T0 + 2 s, past 1.5 s.
    const third = await rejectionOf(quota.acquire());

    expect(third).toBeInstanceOf(CostManagementThrottledError);
    expect(third.message).toBe(
      'Cost Management quota for this tenant is used up; its limit of 1 call per 1 s frees the next call in 2 s (until 12:00:02 UTC)',
    );
    expect(time.sleepers.map(s => s.ms)).toEqual([1_000]);
    time.sleepers[0].wake();
    await second;
    expect(quota.snapshot()).toMatchObject({ used: [1], calls: 2 });
  });

  it('serves waiting calls first come, first served', async () => {
    const time = heldTime();
    const quota = quotaWith(time, {
      windows: [{ limit: 1, windowMs: 1_000 }],
    });
    await quota.acquire();
    const order: string[] = [];
    const a = quota.acquire().then(() => order.push('a'));
    const b = quota.acquire().then(() => order.push('b'));

    // Each is told its own turn: a after 1 s, b after 2 s.
    expect(time.sleepers.map(s => s.ms)).toEqual([1_000, 2_000]);
    time.sleepers.shift()!.wake();
    await a;
    time.sleepers.shift()!.wake();
    await b;

    expect(order).toEqual(['a', 'b']);
    expect(time.now()).toBe(T0 + 3_000);
    expect(quota.snapshot().calls).toBe(3);
  });

  it('stops waiting when the signal aborts, without spending the quota', async () => {
    const time = heldTime();
    const quota = quotaWith(time, {
      windows: [{ limit: 1, windowMs: 60_000 }],
    });
    await quota.acquire();
    const controller = new AbortController();

    const waiting = quota.acquire(controller.signal);
    expect(time.sleepers).toHaveLength(1);
    controller.abort();

    expect(await rejectionOf(waiting)).toMatchObject({ name: 'AbortError' });
    expect(quota.snapshot()).toMatchObject({ used: [1], calls: 1 });
    // The aborted call left the queue: the next one waits only for the window.
    const next = quota.acquire();
    expect(time.sleepers.map(s => s.ms)).toEqual([60_000]);
    time.sleepers[0].wake();
    await next;
    expect(quota.snapshot().calls).toBe(2);
  });

  it('refuses a call whose signal has already aborted', async () => {
    const quota = quotaWith(fakeTime());
    const controller = new AbortController();
    controller.abort();

    expect(await rejectionOf(quota.acquire(controller.signal))).toMatchObject({
      name: 'AbortError',
    });
    expect(quota.snapshot().calls).toBe(0);
  });

  it('stops a real wait when the signal fires', async () => {
    const quota = new CostManagementQuota();
    quota.pauseUntil(Date.now() + 60_000);
    const started = Date.now();

    const error = await rejectionOf(quota.acquire(AbortSignal.timeout(50)));

    expect(error.name).toBe('AbortError');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it.each([
    [
      { windows: [] },
      'CostManagementQuota windows must list at least one {limit, windowMs}',
    ],
    [
      { windows: [{ limit: 0, windowMs: 1_000 }] },
      'CostManagementQuota windows[0].limit must be a positive integer, got 0',
    ],
    [
      { windows: [{ limit: 1, windowMs: -1 }] },
      'CostManagementQuota windows[0].windowMs must be a positive number of milliseconds, got -1',
    ],
    [
      { maxWaitMs: Number.NaN },
      'CostManagementQuota maxWaitMs must be a number of milliseconds ≥ 0, got NaN',
    ],
  ])('refuses options %j', (options, message) => {
    expect(() => new CostManagementQuota(options)).toThrow(message);
  });
});
