import { mockServices } from '@backstage/backend-test-utils';
import { readHealthConfig } from './config';

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
