import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { BASELINE_RETENTION_POLICY } from '@dataplatform/plugin-retention-common';
import { loadRetentionPolicy, readRetentionConfig } from './config';
import {
  INVALID_POLICY_YAML,
  VALID_POLICY_YAML,
} from './__testUtils__/policies';

function read(retention: Record<string, number | string>) {
  return readRetentionConfig(
    mockServices.rootConfig({ data: { dataplatform: { retention } } }),
  );
}

describe('readRetentionConfig', () => {
  it('applies the defaults', () => {
    expect(read({})).toEqual({
      intervalSeconds: 900,
      subscriptionConcurrency: 8,
    });
  });

  it('reads values at the edges of their ranges', () => {
    expect(read({ intervalSeconds: 30, subscriptionConcurrency: 1 })).toEqual({
      intervalSeconds: 30,
      subscriptionConcurrency: 1,
    });
    expect(
      read({ intervalSeconds: 86400, subscriptionConcurrency: 32 }),
    ).toEqual({ intervalSeconds: 86400, subscriptionConcurrency: 32 });
  });

  it('resolves a relative policy file against the working directory', () => {
    expect(read({ policyFile: 'catalog/retention/policy.yaml' })).toMatchObject(
      {
        policyFile: path.join(process.cwd(), 'catalog/retention/policy.yaml'),
      },
    );
    expect(
      read({ policyFile: '/etc/dataplatform/retention.yaml' }).policyFile,
    ).toBe('/etc/dataplatform/retention.yaml');
  });

  it.each([
    [
      { intervalSeconds: 29 },
      'dataplatform.retention.intervalSeconds must be a whole number of seconds from 30 to 86400, got 29',
    ],
    [
      { intervalSeconds: 86401 },
      'dataplatform.retention.intervalSeconds must be a whole number of seconds from 30 to 86400, got 86401',
    ],
    [
      { intervalSeconds: 90.5 },
      'dataplatform.retention.intervalSeconds must be a whole number of seconds from 30 to 86400, got 90.5',
    ],
    [
      { intervalSeconds: 'hourly' },
      "dataplatform.retention.intervalSeconds must be a whole number of seconds from 30 to 86400, got 'hourly'",
    ],
    [
      { subscriptionConcurrency: 0 },
      'dataplatform.retention.subscriptionConcurrency must be a whole number of subscriptions from 1 to 32, got 0',
    ],
    [
      { subscriptionConcurrency: 33 },
      'dataplatform.retention.subscriptionConcurrency must be a whole number of subscriptions from 1 to 32, got 33',
    ],
    [
      { policyFile: '' },
      'dataplatform.retention.policyFile must be the path of a YAML file, got an empty string; leave it out for the baseline policy',
    ],
    [
      { policyFile: 42 },
      "dataplatform.retention.policyFile must be the path of a YAML file, got '42'",
    ],
  ])('refuses %j naming the key and what is allowed', (retention, message) => {
    expect(() => read(retention)).toThrow(message);
  });
});

describe('loadRetentionPolicy', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'retention-config-'));
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  it('uses the baseline policy when no file is configured', async () => {
    await expect(loadRetentionPolicy({})).resolves.toBe(
      BASELINE_RETENTION_POLICY,
    );
  });

  it('reads a valid policy file', async () => {
    const file = path.join(dir, 'valid.yaml');
    await fs.writeFile(file, VALID_POLICY_YAML);
    const policy = await loadRetentionPolicy({ policyFile: file });
    expect(policy.spec.categories.map(c => c.id)).toEqual([
      'audit-logs',
      'bronze-layer',
      'audit-containers',
    ]);
    expect(policy.spec.overrides).toEqual([
      expect.objectContaining({ domain: 'hr', category: 'audit-logs' }),
    ]);
  });

  it('refuses an invalid policy file, naming the file and every error path', async () => {
    const file = path.join(dir, 'invalid.yaml');
    await fs.writeFile(file, INVALID_POLICY_YAML);
    const error = await loadRetentionPolicy({ policyFile: file }).then(
      () => undefined,
      e => e as Error,
    );
    expect(error?.message.split('\n')[0]).toBe(`${file}: 2 errors`);
    expect(error?.message).toContain(
      '  /spec/categories/1/require/interactiveDays: interactiveDays applies to Log Analytics tables only',
    );
    expect(error?.message).toContain(
      '  /spec/overrides/0/reason: relaxes totalDays.min from 3650 to 2555: give a reason',
    );
  });

  it('refuses a policy file that does not exist, naming the key', async () => {
    const file = path.join(dir, 'missing.yaml');
    await expect(loadRetentionPolicy({ policyFile: file })).rejects.toThrow(
      `${file}: 1 error`,
    );
    await expect(loadRetentionPolicy({ policyFile: file })).rejects.toThrow(
      'the file does not exist; set dataplatform.retention.policyFile to a readable YAML file',
    );
  });

  it('refuses a directory', async () => {
    await expect(loadRetentionPolicy({ policyFile: dir })).rejects.toThrow(
      'it is a directory, not a file',
    );
  });
});
