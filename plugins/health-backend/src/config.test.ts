import { mockServices } from '@backstage/backend-test-utils';
import { readHealthConfig, readHealthTimeouts } from './config';

function read(
  health: Record<string, number | string>,
  permissions?: { platformTeam: string },
) {
  return readHealthConfig(
    mockServices.rootConfig({
      data: {
        dataplatform: { health, ...(permissions ? { permissions } : {}) },
      },
    }),
  );
}

describe('readHealthConfig', () => {
  it('applies the defaults', () => {
    expect(read({})).toEqual({
      intervalSeconds: 60,
      logQueryConcurrency: 5,
      historyDays: 35,
      platformTeam: 'group:default/platform-team',
    });
  });

  it('reads values at the edges of their ranges, and the platform team', () => {
    expect(
      read(
        { intervalSeconds: 10, logQueryConcurrency: 1, historyDays: 400 },
        { platformTeam: 'Group:default/Cloud-Platform' },
      ),
    ).toEqual({
      intervalSeconds: 10,
      logQueryConcurrency: 1,
      historyDays: 400,
      platformTeam: 'group:default/cloud-platform',
    });
    expect(read({ intervalSeconds: 3600, historyDays: 31 })).toMatchObject({
      intervalSeconds: 3600,
      historyDays: 31,
    });
  });

  it.each([
    [
      { intervalSeconds: 9 },
      'dataplatform.health.intervalSeconds must be a whole number of seconds from 10 to 3600, got 9',
    ],
    [
      { intervalSeconds: 3601 },
      'dataplatform.health.intervalSeconds must be a whole number of seconds from 10 to 3600, got 3601',
    ],
    [
      { logQueryConcurrency: 6 },
      'dataplatform.health.logQueryConcurrency must be a whole number of queries from 1 to 5, got 6',
    ],
    [
      { logQueryConcurrency: 0 },
      'dataplatform.health.logQueryConcurrency must be a whole number of queries from 1 to 5, got 0',
    ],
    [
      { logQueryConcurrency: 2.5 },
      'dataplatform.health.logQueryConcurrency must be a whole number of queries from 1 to 5, got 2.5',
    ],
    [
      { historyDays: 30 },
      'dataplatform.health.historyDays must be a whole number of days from 31 to 400, got 30',
    ],
    [
      { historyDays: 'a month' },
      "dataplatform.health.historyDays must be a whole number of days from 31 to 400, got 'a month'",
    ],
  ])('refuses %p naming the key and the range', (health, message) => {
    expect(() => read(health)).toThrow(message);
  });

  it('refuses a platform team that is not a group', () => {
    expect(() =>
      read({}, { platformTeam: 'user:default/priya.patel' }),
    ).toThrow(
      "dataplatform.permissions.platformTeam must be a group entity ref such as group:default/platform-team, got 'user:default/priya.patel'",
    );
  });
});

describe('readHealthTimeouts', () => {
  function timeouts(
    health: Record<string, number | string>,
    intervalSeconds: number,
    azure?: Record<string, number>,
  ) {
    return readHealthTimeouts(
      mockServices.rootConfig({
        data: { dataplatform: { health, ...(azure ? { azure } : {}) } },
      }),
      intervalSeconds,
    );
  }

  it('waits 45 seconds for Azure by default, less when the interval is short', () => {
    expect(timeouts({}, 60)).toEqual({
      readTimeoutSeconds: 45,
      logQueryServerTimeoutSeconds: 25,
    });
    expect(timeouts({}, 3600).readTimeoutSeconds).toBe(45);
    // Three quarters of the interval.
    expect(timeouts({}, 30).readTimeoutSeconds).toBe(22);
    expect(timeouts({}, 10).readTimeoutSeconds).toBe(7);
  });

  it('reads dataplatform.health.readTimeoutSeconds at the edges of its range', () => {
    expect(timeouts({ readTimeoutSeconds: 5 }, 60).readTimeoutSeconds).toBe(5);
    expect(timeouts({ readTimeoutSeconds: 59 }, 60).readTimeoutSeconds).toBe(
      59,
    );
    expect(
      timeouts({ readTimeoutSeconds: 3600 }, 3601).readTimeoutSeconds,
    ).toBe(3600);
  });

  it.each([
    [{ readTimeoutSeconds: 4 }, 60, 'got 4'],
    [{ readTimeoutSeconds: 60 }, 60, 'got 60'],
    [{ readTimeoutSeconds: 12.5 }, 60, 'got 12.5'],
    [{ readTimeoutSeconds: 'soon' }, 60, "got 'soon'"],
  ])('refuses %p with an interval of %p', (health, interval, got) => {
    expect(() => timeouts(health, interval)).toThrow(
      `dataplatform.health.readTimeoutSeconds must be a whole number of seconds from 5 to 3600, and less than dataplatform.health.intervalSeconds (${interval}), ${got}`,
    );
  });

  it('keeps the Log Analytics server timeout below the access layer’s request timeout', () => {
    expect(
      timeouts({}, 60, { requestTimeoutSeconds: 60 })
        .logQueryServerTimeoutSeconds,
    ).toBe(55);
    expect(
      timeouts({}, 60, { requestTimeoutSeconds: 2.5 })
        .logQueryServerTimeoutSeconds,
    ).toBe(1);
    // Log Analytics takes at most 600 seconds.
    expect(
      timeouts({}, 60, { requestTimeoutSeconds: 600 })
        .logQueryServerTimeoutSeconds,
    ).toBe(595);
  });
});
