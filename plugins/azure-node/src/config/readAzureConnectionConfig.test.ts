import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import {
  AzureConfigError,
  readAzureConnectionConfig,
} from './readAzureConnectionConfig';
import { DEMO_PLATFORM_MANAGEMENT_GROUPS } from '@dataplatform/azure-local-endpoint';

const managementGroups = DEMO_PLATFORM_MANAGEMENT_GROUPS;

const base = {
  tenantId: '7c69a373-b08d-46be-806d-a881ce6a31b1',
  managementGroups,
};

function read(azure: unknown, repoRoot = os.tmpdir()) {
  return readAzureConnectionConfig(
    new ConfigReader({ dataplatform: { azure } } as any),
    { repoRoot },
  );
}

function errorOf(fn: () => unknown): AzureConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AzureConfigError) return e;
    throw e;
  }
  throw new Error('expected an AzureConfigError');
}

describe('readAzureConnectionConfig', () => {
  it('defaults to the public Resource Manager endpoint and DefaultAzureCredential', () => {
    const config = read(base);
    expect(config.resourceManagerEndpoint).toBe('https://management.azure.com');
    expect(config.authentication).toEqual({
      method: 'default-credential',
      managedIdentityClientId: undefined,
    });
    expect(config.managementGroups).toEqual(managementGroups);
  });

  it('refuses a missing tenant, naming the key', () => {
    const { tenantId, ...rest } = base;
    const error = errorOf(() => read(rest));
    expect(error.key).toBe('dataplatform.azure.tenantId');
    expect(error.message).toBe(
      'Invalid Azure configuration: dataplatform.azure.tenantId is missing; set it to your Microsoft Entra tenant id (a GUID)',
    );
  });

  it('refuses a tenant that is not a GUID', () => {
    expect(
      errorOf(() => read({ ...base, tenantId: 'contoso.onmicrosoft.com' }))
        .message,
    ).toContain(
      "dataplatform.azure.tenantId must be a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47, got 'contoso.onmicrosoft.com'",
    );
  });

  it.each([
    ['not a url', 'must be an absolute https:// URL'],
    ['http://127.0.0.1:7443', 'must use https://'],
    ['https://management.azure.com/subscriptions', 'must be a bare origin'],
  ])('refuses the endpoint %s', (endpoint, problem) => {
    const error = errorOf(() =>
      read({ ...base, resourceManagerEndpoint: endpoint }),
    );
    expect(error.key).toBe('dataplatform.azure.resourceManagerEndpoint');
    expect(error.message).toContain(problem);
    expect(error.message).toContain(endpoint);
  });

  it('refuses the section missing altogether', () => {
    const error = errorOf(() =>
      readAzureConnectionConfig(new ConfigReader({}), {
        repoRoot: os.tmpdir(),
      }),
    );
    expect(error.key).toBe('dataplatform.azure');
  });

  it('refuses an unknown authentication method and lists the allowed ones', () => {
    const error = errorOf(() =>
      read({ ...base, authentication: { method: 'password' } }),
    );
    expect(error.message).toBe(
      "Invalid Azure configuration: dataplatform.azure.authentication.method must be one of default-credential, static-token; got 'password'",
    );
  });

  it('requires the token with static-token', () => {
    const error = errorOf(() =>
      read({ ...base, authentication: { method: 'static-token' } }),
    );
    expect(error.key).toBe('dataplatform.azure.authentication.token');
  });

  it('requires every management group and checks its form', () => {
    const error = errorOf(() =>
      read({
        ...base,
        managementGroups: { ...managementGroups, sandboxes: 'bad/id' },
      }),
    );
    expect(error.key).toBe('dataplatform.azure.managementGroups.sandboxes');
    const missing = errorOf(() =>
      read({
        ...base,
        managementGroups: { ...managementGroups, decommissioned: undefined },
      }),
    );
    expect(missing.key).toBe(
      'dataplatform.azure.managementGroups.decommissioned',
    );
  });

  it('puts the query APIs on their Azure hosts, or under a local endpoint', () => {
    expect(read(base)).toMatchObject({
      logAnalyticsEndpoint: 'https://api.loganalytics.io/v1',
      metricsEndpoint: 'https://{region}.metrics.monitor.azure.com',
    });
    expect(
      read({ ...base, resourceManagerEndpoint: 'https://127.0.0.1:7443' }),
    ).toMatchObject({
      logAnalyticsEndpoint: 'https://127.0.0.1:7443/loganalytics/v1',
      metricsEndpoint: 'https://127.0.0.1:7443/metrics/{region}',
    });
    expect(
      read({
        ...base,
        logAnalyticsEndpoint: 'https://api.loganalytics.azure.cn/v1/',
        metricsEndpoint: 'https://{region}.metrics.monitor.azure.cn',
      }),
    ).toMatchObject({
      logAnalyticsEndpoint: 'https://api.loganalytics.azure.cn/v1',
      metricsEndpoint: 'https://{region}.metrics.monitor.azure.cn',
    });
  });

  it.each([
    [
      'logAnalyticsEndpoint',
      'http://api.loganalytics.io/v1',
      'must use https://',
    ],
    [
      'logAnalyticsEndpoint',
      'api.loganalytics.io',
      'must be an absolute https:// URL',
    ],
    [
      'metricsEndpoint',
      'https://westeurope.metrics.monitor.azure.com',
      'must contain {region}',
    ],
  ])('refuses %s %s', (key, value, problem) => {
    const error = errorOf(() => read({ ...base, [key]: value }));
    expect(error.key).toBe(`dataplatform.azure.${key}`);
    expect(error.message).toContain(problem);
    expect(error.message).toContain(value);
  });

  it('gives requests 30 seconds unless configured otherwise', () => {
    expect(read(base).requestTimeoutSeconds).toBe(30);
    expect(
      read({ ...base, requestTimeoutSeconds: 90 }).requestTimeoutSeconds,
    ).toBe(90);
    expect(
      read({ ...base, requestTimeoutSeconds: 2.5 }).requestTimeoutSeconds,
    ).toBe(2.5);
    // Environment substitution hands numbers over as text.
    expect(
      read({ ...base, requestTimeoutSeconds: '45' }).requestTimeoutSeconds,
    ).toBe(45);
    expect(
      read({ ...base, requestTimeoutSeconds: 1 }).requestTimeoutSeconds,
    ).toBe(1);
    expect(
      read({ ...base, requestTimeoutSeconds: 600 }).requestTimeoutSeconds,
    ).toBe(600);
  });

  it.each([
    [0, 'got 0'],
    [0.5, 'got 0.5'],
    [-30, 'got -30'],
    [601, 'got 601'],
    ['soon', 'got "soon"'],
    [true, 'got true'],
  ])('refuses the request timeout %p, saying what is allowed', (value, got) => {
    const error = errorOf(() =>
      read({ ...base, requestTimeoutSeconds: value }),
    );
    expect(error.key).toBe('dataplatform.azure.requestTimeoutSeconds');
    expect(error.message).toBe(
      `Invalid Azure configuration: dataplatform.azure.requestTimeoutSeconds must be a number of seconds from 1 to 600 (default 30), ${got}`,
    );
  });

  it('reads the CA file relative to the repository root, and explains a missing one', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'azure-config-'));
    fs.writeFileSync(
      path.join(dir, 'ca.pem'),
      '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
    );
    const config = read({ ...base, caCertificateFile: 'ca.pem' }, dir);
    expect(config.caCertificatePem).toContain('BEGIN CERTIFICATE');
    expect(config.caCertificateFile).toBe(path.join(dir, 'ca.pem'));

    const missing = errorOf(() =>
      read({ ...base, caCertificateFile: 'nope.pem' }, dir),
    );
    expect(missing.key).toBe('dataplatform.azure.caCertificateFile');
    expect(missing.message).toContain('ENOENT');
    expect(missing.message).toContain('./portal start');

    fs.writeFileSync(path.join(dir, 'junk.pem'), 'hello');
    expect(
      errorOf(() => read({ ...base, caCertificateFile: 'junk.pem' }, dir))
        .message,
    ).toContain('must be a PEM certificate file');
  });

  it('leaves the Cost Management quota to its defaults unless configured, and reads an override', () => {
    expect(read(base).costManagementQuota).toBeUndefined();
    expect(
      read({
        ...base,
        costManagementQuota: {
          windows: [
            { limit: 2, windowSeconds: 1 },
            // From an environment variable, numbers arrive as text.
            { limit: '5', windowSeconds: 60 },
          ],
          maxWaitSeconds: 3,
        },
      }).costManagementQuota,
    ).toEqual({
      windows: [
        { limit: 2, windowSeconds: 1 },
        { limit: 5, windowSeconds: 60 },
      ],
      maxWaitSeconds: 3,
    });
    expect(
      read({ ...base, costManagementQuota: { maxWaitSeconds: 10 } })
        .costManagementQuota,
    ).toEqual({ windows: undefined, maxWaitSeconds: 10 });
  });

  it.each([
    [
      'a list',
      [],
      'costManagementQuota',
      'must be an object with windows (a list of {limit, windowSeconds}) and/or maxWaitSeconds, got []',
    ],
    [
      'an unknown setting',
      { maxWait: 3 },
      'costManagementQuota.maxWait',
      'is not a setting; allowed: windows, maxWaitSeconds',
    ],
    [
      'no windows',
      { windows: [] },
      'costManagementQuota.windows',
      'must be a non-empty list of {limit, windowSeconds}, got []',
    ],
    [
      'a window that is not an object',
      { windows: [12] },
      'costManagementQuota.windows[0]',
      'must be an object {limit, windowSeconds}, got 12',
    ],
    [
      'a zero limit',
      {
        windows: [
          { limit: 12, windowSeconds: 10 },
          { limit: 0, windowSeconds: 60 },
        ],
      },
      'costManagementQuota.windows[1].limit',
      'must be the calls allowed per window (a positive integer), got 0',
    ],
    [
      'a fractional window',
      { windows: [{ limit: 12, windowSeconds: 0.5 }] },
      'costManagementQuota.windows[0].windowSeconds',
      'must be the window length in seconds (a positive integer), got 0.5',
    ],
    [
      'a window without its length',
      { windows: [{ limit: 12 }] },
      'costManagementQuota.windows[0].windowSeconds',
      'is missing; set it to the window length in seconds (a positive integer)',
    ],
    [
      'a misspelt window key',
      { windows: [{ limit: 12, windowSecs: 10 }] },
      'costManagementQuota.windows[0].windowSecs',
      'is not a setting; allowed: limit, windowSeconds',
    ],
    [
      'a zero maxWaitSeconds',
      { maxWaitSeconds: 0 },
      'costManagementQuota.maxWaitSeconds',
      'must be the longest a call waits for the quota, in seconds (a positive integer), got 0',
    ],
    [
      'a maxWaitSeconds that is not a number',
      { maxWaitSeconds: 'soon' },
      'costManagementQuota.maxWaitSeconds',
      'must be the longest a call waits for the quota, in seconds (a positive integer), got "soon"',
    ],
  ])(
    'refuses a Cost Management quota with %s, naming the key',
    (_, quota, key, problem) => {
      const error = errorOf(() =>
        read({ ...base, costManagementQuota: quota }),
      );
      expect(error.key).toBe(`dataplatform.azure.${key}`);
      expect(error.message).toBe(
        `Invalid Azure configuration: dataplatform.azure.${key} ${problem}`,
      );
    },
  );
});
