import tls from 'node:tls';
import type { TokenCredential } from '@azure/core-auth';
// The client the portal uses, resolved from the workspace: these routes are
// only right if the unchanged SDK reads them.
import {
  ManagementPolicyRule,
  StorageAccount,
  StorageManagementClient,
} from '@azure/arm-storage';
import { LocalAzureEndpoint, startLocalAzureEndpoint } from '../server';
import { call } from '../__testUtils__/call';
import {
  CANCELLED_SANDBOX,
  FINANCE,
  HR,
  PLATFORM_MANAGEMENT,
  SALES,
} from '../__testUtils__/ids';
import { DEMO_HEALTH_RESOURCES } from '../tenant/demoHealthScenario';
import { Tenant } from '../tenant/Tenant';
import { TenantSeed } from '../tenant/types';

const OPERATIONS_IOT = 'a5bcb3fe-5fdf-4f95-b8f0-afb70d14f60c';
const MARKETING = '1145b5e0-a60a-4237-aa82-a5754e620c60';

const PROVIDER = 'providers/Microsoft.Storage/storageAccounts';
const ACCOUNT_ROUTE = `/subscriptions/:subscriptionId/resourcegroups/:resourceGroupName/${PROVIDER}/:accountName`;
const POLICY_ROUTE = `${ACCOUNT_ROUTE}/managementPolicies/default`;

/** Resolves with the SDK's error, failing the test when the call succeeds. */
async function failure(
  promise: Promise<unknown>,
): Promise<{ code?: string; statusCode?: number; message: string }> {
  try {
    await promise;
  } catch (e) {
    return e as { code?: string; statusCode?: number; message: string };
  }
  throw new Error('expected the call to fail');
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

const rule = (
  name: string,
  baseBlob: Record<string, unknown>,
  extra: Partial<ManagementPolicyRule> = {},
): ManagementPolicyRule =>
  ({
    enabled: true,
    name,
    type: 'Lifecycle',
    definition: {
      filters: { blobTypes: ['blockBlob'], prefixMatch: ['silver/'] },
      actions: { baseBlob },
    },
    ...extra,
  } as ManagementPolicyRule);

describe('Microsoft.Storage through @azure/arm-storage', () => {
  let endpoint: LocalAzureEndpoint;

  const credential = (): TokenCredential => ({
    getToken: async () => ({
      token: endpoint.token,
      expiresOnTimestamp: Date.now() + 3_600_000,
    }),
  });
  const storage = (subscriptionId: string, maxRetries = 0) =>
    new StorageManagementClient(credential(), subscriptionId, {
      endpoint: endpoint.url,
      credentials: { scopes: [`${endpoint.url}/.default`] },
      tlsOptions: { ca: [...tls.rootCertificates, endpoint.caCertificatePem] },
      // Retries are the SDK's business; most tests look at single answers.
      retryOptions: { maxRetries, retryDelayInMs: 1, maxRetryDelayInMs: 1 },
    });

  beforeAll(async () => {
    endpoint = await startLocalAzureEndpoint();
  });
  afterAll(() => endpoint.close());
  beforeEach(() => {
    endpoint.tenant.reset();
    endpoint.faults.clear();
    endpoint.requests.clear();
  });

  describe('storage accounts', () => {
    it('lists a subscription’s accounts with SKU, the paired secondary region and endpoints', async () => {
      const accounts = await collect(storage(SALES).storageAccounts.list());
      expect(accounts.map(a => a.name).sort()).toEqual([
        'stsalesaudit',
        'stsalesdata',
        'stsalesdr',
      ]);
      const data = accounts.find(a => a.name === 'stsalesdata')!;
      expect(data).toMatchObject({
        id: `/subscriptions/${SALES}/resourceGroups/rg-sales-data-prod/providers/Microsoft.Storage/storageAccounts/stsalesdata`,
        type: 'Microsoft.Storage/storageAccounts',
        location: 'eastus',
        kind: 'StorageV2',
        sku: { name: 'Standard_GRS', tier: 'Standard' },
        tags: { domain: 'sales' },
        provisioningState: 'Succeeded',
        primaryLocation: 'eastus',
        statusOfPrimary: 'available',
        secondaryLocation: 'westus',
        statusOfSecondary: 'available',
        isHnsEnabled: true,
        primaryEndpoints: {
          blob: 'https://stsalesdata.blob.core.windows.net/',
          dfs: 'https://stsalesdata.dfs.core.windows.net/',
        },
      });
      expect(data.creationTime).toBeInstanceOf(Date);
      // GRS without read access: no secondary endpoints.
      expect(data.secondaryEndpoints).toBeUndefined();
      expect(
        accounts.find(a => a.name === 'stsalesdr')!.secondaryLocation,
      ).toBe('eastus');
    });

    it('gives read-access accounts secondary endpoints and locally redundant ones no secondary', async () => {
      const iot = await storage(OPERATIONS_IOT).storageAccounts.getProperties(
        'rg-opsiot-data-prod',
        'stopsiotdata',
      );
      expect(iot).toMatchObject({
        sku: { name: 'Standard_RAGZRS' },
        location: 'northeurope',
        secondaryLocation: 'westeurope',
        secondaryEndpoints: {
          blob: 'https://stopsiotdata-secondary.blob.core.windows.net/',
        },
      });
      const marketing = await storage(MARKETING).storageAccounts.getProperties(
        'rg-marketing-data-prod',
        'stmarketingdata',
      );
      expect(marketing.sku?.name).toBe('Standard_LRS');
      expect(marketing.secondaryLocation).toBeUndefined();
      expect(marketing.statusOfSecondary).toBeUndefined();
    });

    it('lists by resource group, matching its name case-insensitively', async () => {
      const inGroup = await collect(
        storage(FINANCE).storageAccounts.listByResourceGroup(
          'RG-FINANCE-DATA-PROD',
        ),
      );
      expect(inGroup.map(a => a.name).sort()).toEqual([
        'stfinanceaudit',
        'stfinancedata',
        'stfinancedr',
      ]);
      const missing = await failure(
        collect(storage(FINANCE).storageAccounts.listByResourceGroup('rg-x')),
      );
      expect(missing).toMatchObject({
        statusCode: 404,
        code: 'ResourceGroupNotFound',
      });
    });

    it('creates an account finished, updates its SKU, and deletes it (200, then 204)', async () => {
      const client = storage(HR);
      const created = await client.storageAccounts.create(
        'rg-hr-data-prod',
        'sthrstandby',
        {
          location: 'West Europe',
          sku: { name: 'Standard_RAGRS' },
          kind: 'StorageV2',
          tags: { domain: 'hr' },
        },
      );
      expect(created).toMatchObject({
        name: 'sthrstandby',
        location: 'westeurope',
        provisioningState: 'Succeeded',
        secondaryLocation: 'northeurope',
        tags: { domain: 'hr' },
      });

      const downgraded = await client.storageAccounts.create(
        'rg-hr-data-prod',
        'sthrstandby',
        {
          location: 'westeurope',
          sku: { name: 'Standard_ZRS' },
          kind: 'StorageV2',
        },
      );
      expect(downgraded.sku?.name).toBe('Standard_ZRS');
      expect(downgraded.secondaryLocation).toBeUndefined();
      expect(downgraded.creationTime).toEqual(created.creationTime);

      const path = `/subscriptions/${HR}/resourceGroups/rg-hr-data-prod/${PROVIDER}/sthrstandby?api-version=2025-08-01`;
      expect((await call(endpoint, 'DELETE', path)).status).toBe(200);
      expect(
        await failure(
          client.storageAccounts.getProperties(
            'rg-hr-data-prod',
            'sthrstandby',
          ),
        ),
      ).toMatchObject({ statusCode: 404, code: 'ResourceNotFound' });
      expect((await call(endpoint, 'DELETE', path)).status).toBe(204);
    });

    it.each(['ab', 'a'.repeat(25), 'StHrData', 'st-hr-data', 'st_hr'])(
      "refuses the account name '%s' with AccountNameInvalid",
      async name => {
        const res = await call(
          endpoint,
          'PUT',
          `/subscriptions/${HR}/resourceGroups/rg-hr-data-prod/${PROVIDER}/${name}?api-version=2025-08-01`,
          {
            body: {
              location: 'westeurope',
              sku: { name: 'Standard_LRS' },
              kind: 'StorageV2',
            },
          },
        );
        expect(res.status).toBe(400);
        expect(res.json.error.code).toBe('AccountNameInvalid');
        expect(res.json.error.message).toContain(
          '3 and 24 characters in length and use numbers and lower-case letters only',
        );
      },
    );

    it('refuses a taken name, an unknown region, a geo SKU without a paired region and other kinds, naming the field', async () => {
      const put = (name: string, body: unknown) =>
        call(
          endpoint,
          'PUT',
          `/subscriptions/${HR}/resourceGroups/rg-hr-data-prod/${PROVIDER}/${name}?api-version=2025-08-01`,
          { body },
        );
      // Names are unique across Azure, not only within a subscription.
      const taken = await put('stsalesdata', {
        location: 'eastus',
        sku: { name: 'Standard_GRS' },
        kind: 'StorageV2',
      });
      expect(taken.status).toBe(409);
      expect(taken.json.error.code).toBe('StorageAccountAlreadyTaken');

      const region = await put('sthrnew', {
        location: 'atlantis',
        sku: { name: 'Standard_LRS' },
        kind: 'StorageV2',
      });
      expect(region.status).toBe(400);
      expect(region.json.error.code).toBe(
        'LocationNotAvailableForResourceType',
      );

      const unpaired = await put('sthrnew', {
        location: 'italynorth',
        sku: { name: 'Standard_GZRS' },
        kind: 'StorageV2',
      });
      expect(unpaired.status).toBe(400);
      expect(unpaired.json.error).toMatchObject({ code: 'SkuNotSupported' });
      expect(unpaired.json.error.message).toContain("'sku.name'");

      const kind = await put('sthrnew', {
        location: 'westeurope',
        sku: { name: 'Standard_LRS' },
        kind: 'BlobStorage',
      });
      expect(kind.status).toBe(400);
      expect(kind.json.error.code).toBe('InvalidRequestContent');
      expect(kind.json.error.message).toContain("'kind'");

      const sku = await put('sthrnew', {
        location: 'westeurope',
        sku: { name: 'Premium_LRS' },
        kind: 'StorageV2',
      });
      expect(sku.json.error.message).toContain("'sku.name'");
      expect(sku.json.error.message).toContain('Standard_RAGZRS');

      const moved = await put('sthrdata', {
        location: 'northeurope',
        sku: { name: 'Standard_GRS' },
        kind: 'StorageV2',
      });
      expect(moved.status).toBe(409);
      expect(moved.json.error.code).toBe('InvalidResourceLocation');
      expect(
        endpoint.tenant.storage
          .listInResourceGroup(HR, 'rg-hr-data-prod')
          .map(a => a.name),
      ).toEqual(['sthrdata', 'sthraudit']);
    });

    it('refuses writes in a disabled subscription', async () => {
      const res = await call(
        endpoint,
        'PUT',
        `/subscriptions/${CANCELLED_SANDBOX}/resourceGroups/rg-x/${PROVIDER}/stsandbox?api-version=2025-08-01`,
        {
          body: {
            location: 'westeurope',
            sku: { name: 'Standard_LRS' },
            kind: 'StorageV2',
          },
        },
      );
      expect(res.status).toBe(409);
      expect(res.json.error.code).toBe('ReadOnlyDisabledSubscription');
    });

    it('deletes the accounts of a deleted resource group', async () => {
      await call(
        endpoint,
        'DELETE',
        `/subscriptions/${HR}/resourcegroups/rg-hr-data-prod?api-version=2025-04-01`,
      );
      expect(await collect(storage(HR).storageAccounts.list())).toEqual([]);
    });
  });

  describe('lifecycle management policies', () => {
    it('reads a seeded policy in Azure’s shape', async () => {
      const policy = await storage(SALES).managementPolicies.get(
        'rg-sales-data-prod',
        'stsalesdata',
        'default',
      );
      expect(policy).toMatchObject({
        id: `/subscriptions/${SALES}/resourceGroups/rg-sales-data-prod/providers/Microsoft.Storage/storageAccounts/stsalesdata/managementPolicies/default`,
        name: 'DefaultManagementPolicy',
        type: 'Microsoft.Storage/storageAccounts/managementPolicies',
      });
      expect(policy.lastModifiedTime).toBeInstanceOf(Date);
      expect(policy.policy?.rules).toEqual([
        {
          enabled: true,
          name: 'bronze-cleanup',
          type: 'Lifecycle',
          definition: {
            filters: { blobTypes: ['blockBlob'], prefixMatch: ['bronze/'] },
            actions: {
              baseBlob: {
                tierToArchive: { daysAfterModificationGreaterThan: 90 },
                delete: { daysAfterModificationGreaterThan: 2555 },
              },
            },
          },
        },
      ]);
    });

    it('answers 404 ManagementPolicyNotFound for an account without one, and ResourceNotFound for a missing account', async () => {
      const none = await failure(
        storage(HR).managementPolicies.get(
          'rg-hr-data-prod',
          'sthrdata',
          'default',
        ),
      );
      expect(none).toMatchObject({
        statusCode: 404,
        code: 'ManagementPolicyNotFound',
        message: 'No ManagementPolicy found for account sthrdata',
      });
      const missing = await failure(
        storage(HR).managementPolicies.get(
          'rg-hr-data-prod',
          'sthrnothere',
          'default',
        ),
      );
      expect(missing).toMatchObject({
        statusCode: 404,
        code: 'ResourceNotFound',
      });
    });

    it('writes, reads back and deletes a policy', async () => {
      const client = storage(HR).managementPolicies;
      const rules = [
        rule('silver-archive', {
          tierToCool: { daysAfterModificationGreaterThan: 30 },
          tierToArchive: {
            daysAfterModificationGreaterThan: 180,
            daysAfterLastTierChangeGreaterThan: 7,
          },
        }),
        rule(
          'gold-snapshots',
          {},
          {
            enabled: false,
            definition: {
              filters: {
                blobTypes: ['blockBlob'],
                prefixMatch: ['gold/'],
                blobIndexMatch: [{ name: 'tier', op: '==', value: 'x' }],
              },
              actions: {
                snapshot: { delete: { daysAfterCreationGreaterThan: 90 } },
              },
            },
          },
        ),
      ];
      const written = await client.createOrUpdate(
        'rg-hr-data-prod',
        'sthrdata',
        'default',
        { policy: { rules } },
      );
      expect(written.policy?.rules).toEqual(rules);
      const read = await client.get('rg-hr-data-prod', 'sthrdata', 'default');
      expect(read.policy).toEqual(written.policy);
      expect(read.policy?.rules.map(r => [r.name, r.enabled])).toEqual([
        ['silver-archive', true],
        ['gold-snapshots', false],
      ]);

      await client.delete('rg-hr-data-prod', 'sthrdata', 'default');
      expect(
        (await failure(client.get('rg-hr-data-prod', 'sthrdata', 'default')))
          .code,
      ).toBe('ManagementPolicyNotFound');
      // Deleting what is not there is fine (204).
      await expect(
        client.delete('rg-hr-data-prod', 'sthrdata', 'default'),
      ).resolves.toBeUndefined();
    });

    it.each([
      [
        'a duplicate name',
        [
          rule('dup', { delete: { daysAfterModificationGreaterThan: 10 } }),
          rule('dup', { delete: { daysAfterModificationGreaterThan: 20 } }),
        ],
        "'dup'",
        'unique',
      ],
      [
        'a name with spaces',
        [
          rule('trim silver', {
            delete: { daysAfterModificationGreaterThan: 1 },
          }),
        ],
        "'trim silver'",
        'letters, digits or hyphens',
      ],
      [
        'a type other than Lifecycle',
        [
          rule(
            'typed',
            { delete: { daysAfterModificationGreaterThan: 1 } },
            { type: 'Archive' as 'Lifecycle' },
          ),
        ],
        "'typed'",
        "'type' must be 'Lifecycle'",
      ],
      [
        'negative days',
        [
          rule('negative', {
            delete: { daysAfterModificationGreaterThan: -1 },
          }),
        ],
        "'negative'",
        'definition.actions.baseBlob.delete.daysAfterModificationGreaterThan',
      ],
      [
        'two clocks on one action',
        [
          rule('two-clocks', {
            delete: {
              daysAfterModificationGreaterThan: 30,
              daysAfterCreationGreaterThan: 30,
            },
          }),
        ],
        "'two-clocks'",
        'exactly one of daysAfterModificationGreaterThan, daysAfterCreationGreaterThan, daysAfterLastAccessTimeGreaterThan',
      ],
      [
        'last access and modification together',
        [
          rule('access', {
            tierToCool: {
              daysAfterModificationGreaterThan: 30,
              daysAfterLastAccessTimeGreaterThan: 30,
            },
          }),
        ],
        "'access'",
        'daysAfterModificationGreaterThan and daysAfterLastAccessTimeGreaterThan',
      ],
      ['no action at all', [rule('idle', {})], "'idle'", 'at least one action'],
    ])(
      'refuses %s with InvalidManagementPolicyRule naming the rule, leaving the policy as it was',
      async (_case, rules, name, detail) => {
        const client = storage(SALES).managementPolicies;
        const error = await failure(
          client.createOrUpdate(
            'rg-sales-data-prod',
            'stsalesdata',
            'default',
            {
              policy: { rules },
            },
          ),
        );
        expect(error).toMatchObject({
          statusCode: 400,
          code: 'InvalidManagementPolicyRule',
        });
        expect(error.message).toContain(`Lifecycle rule ${name}`);
        expect(error.message).toContain(detail);
        const unchanged = await client.get(
          'rg-sales-data-prod',
          'stsalesdata',
          'default',
        );
        expect(unchanged.policy?.rules.map(r => r.name)).toEqual([
          'bronze-cleanup',
        ]);
      },
    );

    it('refuses a snapshot action counting on modification, and a malformed day value as InvalidRequestContent', async () => {
      const snapshot = await failure(
        storage(SALES).managementPolicies.createOrUpdate(
          'rg-sales-data-prod',
          'stsalesdata',
          'default',
          {
            policy: {
              rules: [
                rule(
                  'snapshots',
                  {},
                  {
                    definition: {
                      actions: {
                        snapshot: {
                          delete: {
                            daysAfterModificationGreaterThan: 5,
                          } as never,
                        },
                      },
                    },
                  },
                ),
              ],
            },
          },
        ),
      );
      expect(snapshot.code).toBe('InvalidManagementPolicyRule');
      expect(snapshot.message).toContain("'snapshots'");
      expect(snapshot.message).toContain('daysAfterCreationGreaterThan');

      const res = await call(
        endpoint,
        'PUT',
        `/subscriptions/${SALES}/resourceGroups/rg-sales-data-prod/${PROVIDER}/stsalesdata/managementPolicies/default?api-version=2025-08-01`,
        {
          body: {
            properties: {
              policy: {
                rules: [
                  rule('typo', {
                    delete: { daysAfterModificationGreaterThan: '30' },
                  }),
                ],
              },
            },
          },
        },
      );
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe('InvalidRequestContent');
      expect(res.json.error.message).toContain(
        "'properties.policy.rules.0.definition.actions.baseBlob.delete.daysAfterModificationGreaterThan'",
      );
    });
  });

  describe('blob containers and immutability policies', () => {
    it('answers an immutability policy exactly in the shape of Microsoft’s example, with its ETag', async () => {
      const res = await call(
        endpoint,
        'GET',
        `/subscriptions/${FINANCE}/resourceGroups/rg-finance-data-prod/${PROVIDER}/stfinanceaudit/blobServices/default/containers/audit/immutabilityPolicies/default?api-version=2025-08-01`,
      );
      expect(res.status).toBe(200);
      expect(res.json).toEqual({
        id: `/subscriptions/${FINANCE}/resourceGroups/rg-finance-data-prod/providers/Microsoft.Storage/storageAccounts/stfinanceaudit/blobServices/default/containers/audit/immutabilityPolicies/default`,
        name: 'default',
        type: 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies',
        etag: expect.stringMatching(/^"[0-9a-f]{15}"$/),
        properties: {
          immutabilityPeriodSinceCreationInDays: 3650,
          allowProtectedAppendWrites: false,
          state: 'Locked',
        },
      });
      expect(res.headers.etag).toBe(res.json.etag);
    });

    it('lists containers with hasImmutabilityPolicy and the policy itself', async () => {
      const client = storage(OPERATIONS_IOT).blobContainers;
      const [audit] = await collect(
        client.list('rg-opsiot-data-prod', 'stopsiotaudit'),
      );
      expect(audit).toMatchObject({
        id: `/subscriptions/${OPERATIONS_IOT}/resourceGroups/rg-opsiot-data-prod/providers/Microsoft.Storage/storageAccounts/stopsiotaudit/blobServices/default/containers/audit`,
        name: 'audit',
        type: 'Microsoft.Storage/storageAccounts/blobServices/containers',
        publicAccess: 'None',
        hasImmutabilityPolicy: true,
        hasLegalHold: false,
        immutabilityPolicy: {
          immutabilityPeriodSinceCreationInDays: 3650,
          state: 'Unlocked',
          allowProtectedAppendWrites: false,
        },
      });
      expect(audit.etag).toMatch(/^".+"$/);
      expect(audit.lastModifiedTime).toBeInstanceOf(Date);

      const layers = await collect(
        client.list('rg-opsiot-data-prod', 'stopsiotdata'),
      );
      expect(
        layers.map(c => [
          c.name,
          c.hasImmutabilityPolicy,
          c.immutabilityPolicy,
        ]),
      ).toEqual([
        ['bronze', false, undefined],
        ['silver', false, undefined],
        ['gold', false, undefined],
      ]);
    });

    it('creates a container (201, then 200) and refuses invalid names', async () => {
      const put = (name: string, body: unknown = {}) =>
        call(
          endpoint,
          'PUT',
          `/subscriptions/${HR}/resourceGroups/rg-hr-data-prod/${PROVIDER}/sthrdata/blobServices/default/containers/${name}?api-version=2025-08-01`,
          { body },
        );
      expect((await put('landing')).status).toBe(201);
      expect(
        (await put('landing', { properties: { metadata: { layer: 'raw' } } }))
          .status,
      ).toBe(200);
      const read = await storage(HR).blobContainers.get(
        'rg-hr-data-prod',
        'sthrdata',
        'landing',
      );
      expect(read).toMatchObject({
        name: 'landing',
        metadata: { layer: 'raw' },
        hasImmutabilityPolicy: false,
      });
      for (const name of ['ab', 'Landing', 'two--hyphens', '-edge']) {
        const res = await put(name);
        expect(res.status).toBe(400);
        expect(res.json.error.code).toBe('InvalidResourceName');
      }
      const missing = await failure(
        storage(HR).blobContainers.get('rg-hr-data-prod', 'sthrdata', 'bronze'),
      );
      expect(missing).toMatchObject({
        statusCode: 404,
        code: 'ContainerNotFound',
      });
    });

    it('sets, shortens, locks and then only extends an immutability policy', async () => {
      const client = storage(HR).blobContainers;
      const [rg, account, container] = [
        'rg-hr-data-prod',
        'sthrdata',
        'records',
      ];
      await client.create(rg, account, container, {});
      expect(
        await failure(client.getImmutabilityPolicy(rg, account, container)),
      ).toMatchObject({
        statusCode: 404,
        code: 'ContainerImmutabilityPolicyNotFound',
      });

      const created = await client.createOrUpdateImmutabilityPolicy(
        rg,
        account,
        container,
        {
          parameters: {
            immutabilityPeriodSinceCreationInDays: 30,
            allowProtectedAppendWrites: true,
          },
        },
      );
      expect(created).toMatchObject({
        id: `/subscriptions/${HR}/resourceGroups/${rg}/providers/Microsoft.Storage/storageAccounts/${account}/blobServices/default/containers/${container}/immutabilityPolicies/default`,
        name: 'default',
        type: 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies',
        immutabilityPeriodSinceCreationInDays: 30,
        allowProtectedAppendWrites: true,
        state: 'Unlocked',
      });
      // An unlocked policy may still be shortened.
      const shortened = await client.createOrUpdateImmutabilityPolicy(
        rg,
        account,
        container,
        { parameters: { immutabilityPeriodSinceCreationInDays: 10 } },
      );
      expect(shortened).toMatchObject({
        immutabilityPeriodSinceCreationInDays: 10,
        allowProtectedAppendWrites: true,
      });
      expect(shortened.etag).not.toBe(created.etag);

      const stale = await failure(
        client.lockImmutabilityPolicy(rg, account, container, created.etag!),
      );
      expect(stale).toMatchObject({
        statusCode: 412,
        code: 'PreconditionFailed',
      });
      const locked = await client.lockImmutabilityPolicy(
        rg,
        account,
        container,
        shortened.etag!,
      );
      expect(locked).toMatchObject({
        state: 'Locked',
        immutabilityPeriodSinceCreationInDays: 10,
      });

      for (const days of [5, 10]) {
        const refused = await failure(
          client.createOrUpdateImmutabilityPolicy(rg, account, container, {
            parameters: { immutabilityPeriodSinceCreationInDays: days },
          }),
        );
        expect(refused).toMatchObject({
          statusCode: 409,
          code: 'ContainerImmutabilityPolicyLocked',
        });
        expect(refused.message).toContain(`beyond 10 days; got ${days}`);
      }
      const longer = await client.createOrUpdateImmutabilityPolicy(
        rg,
        account,
        container,
        { parameters: { immutabilityPeriodSinceCreationInDays: 60 } },
      );
      expect(longer).toMatchObject({
        state: 'Locked',
        immutabilityPeriodSinceCreationInDays: 60,
      });
      const extended = await client.extendImmutabilityPolicy(
        rg,
        account,
        container,
        longer.etag!,
        { parameters: { immutabilityPeriodSinceCreationInDays: 90 } },
      );
      expect(extended).toMatchObject({
        state: 'Locked',
        immutabilityPeriodSinceCreationInDays: 90,
      });
      expect(
        await failure(
          client.extendImmutabilityPolicy(rg, account, container, '*', {
            parameters: { immutabilityPeriodSinceCreationInDays: 80 },
          }),
        ),
      ).toMatchObject({
        statusCode: 409,
        code: 'ContainerImmutabilityPolicyLocked',
      });

      const undeletable = await failure(
        client.deleteImmutabilityPolicy(rg, account, container, extended.etag!),
      );
      expect(undeletable).toMatchObject({
        statusCode: 409,
        code: 'ContainerImmutabilityPolicyLocked',
      });
      expect(
        await client.getImmutabilityPolicy(rg, account, container),
      ).toMatchObject({
        state: 'Locked',
        immutabilityPeriodSinceCreationInDays: 90,
        etag: extended.etag,
      });
      const listed = (await collect(client.list(rg, account))).find(
        c => c.name === container,
      );
      expect(listed?.immutabilityPolicy).toMatchObject({
        state: 'Locked',
        immutabilityPeriodSinceCreationInDays: 90,
        etag: extended.etag,
      });
    });

    it('extends only locked policies, deletes unlocked ones, and checks the period range', async () => {
      const client = storage(OPERATIONS_IOT).blobContainers;
      const [rg, account] = ['rg-opsiot-data-prod', 'stopsiotaudit'];
      const unlocked = await client.getImmutabilityPolicy(rg, account, 'audit');
      expect(
        await failure(
          client.extendImmutabilityPolicy(
            rg,
            account,
            'audit',
            unlocked.etag!,
            {
              parameters: { immutabilityPeriodSinceCreationInDays: 4000 },
            },
          ),
        ),
      ).toMatchObject({
        statusCode: 409,
        code: 'ContainerImmutabilityPolicyNotLocked',
      });

      for (const days of [0, 146_001, 1.5]) {
        const res = await call(
          endpoint,
          'PUT',
          `/subscriptions/${OPERATIONS_IOT}/resourceGroups/${rg}/${PROVIDER}/${account}/blobServices/default/containers/audit/immutabilityPolicies/default?api-version=2025-08-01`,
          {
            body: {
              properties: { immutabilityPeriodSinceCreationInDays: days },
            },
          },
        );
        expect(res.status).toBe(400);
        expect(res.json.error.code).toBe('InvalidRequestContent');
        expect(res.json.error.message).toContain(
          "'properties.immutabilityPeriodSinceCreationInDays'",
        );
      }

      const deleted = await client.deleteImmutabilityPolicy(
        rg,
        account,
        'audit',
        unlocked.etag!,
      );
      expect(deleted).toMatchObject({
        state: 'Unlocked',
        immutabilityPeriodSinceCreationInDays: 0,
      });
      expect(
        (await failure(client.getImmutabilityPolicy(rg, account, 'audit')))
          .code,
      ).toBe('ContainerImmutabilityPolicyNotFound');
      const [audit] = await collect(client.list(rg, account));
      expect(audit.hasImmutabilityPolicy).toBe(false);
      expect(audit.immutabilityPolicy).toBeUndefined();
    });
  });

  describe('request counting and faults', () => {
    it('counts calls by route', async () => {
      const client = storage(FINANCE);
      const accounts = await collect(client.storageAccounts.list());
      const policies = await Promise.allSettled(
        accounts.map(a =>
          client.managementPolicies.get(
            'rg-finance-data-prod',
            a.name!,
            'default',
          ),
        ),
      );
      // Only the data lake has lifecycle rules; the others answer 404.
      expect(
        Object.fromEntries(
          accounts.map((a, i) => [
            a.name,
            policies[i].status === 'fulfilled'
              ? 'policy'
              : (policies[i] as PromiseRejectedResult).reason.code,
          ]),
        ),
      ).toEqual({
        stfinancedata: 'policy',
        stfinanceaudit: 'ManagementPolicyNotFound',
        stfinancedr: 'ManagementPolicyNotFound',
      });
      const { byRoute } = endpoint.requests.snapshot();
      expect(byRoute).toEqual({
        [`GET /subscriptions/:subscriptionId/${PROVIDER}`]: 1,
        [`GET ${POLICY_ROUTE}`]: 3,
      });
    });

    it('lets the SDK retry a management policy read through a 503', async () => {
      endpoint.faults.add({
        path: '/managementPolicies/default$',
        kind: 'error',
        status: 503,
        times: 1,
      });
      const policy = await storage(SALES, 2).managementPolicies.get(
        'rg-sales-data-prod',
        'stsalesdata',
        'default',
      );
      expect(policy.policy?.rules[0].name).toBe('bronze-cleanup');
      expect(endpoint.faults.list()[0].hits).toBe(1);
      const { byRoute, total } = endpoint.requests.snapshot();
      // The failed attempt is counted by its path, the answered one by its route.
      expect(total).toBe(2);
      expect(byRoute[`GET ${POLICY_ROUTE}`]).toBe(1);

      endpoint.faults.add({
        path: '/managementPolicies/default$',
        kind: 'error',
        status: 503,
      });
      expect(
        await failure(
          storage(SALES).managementPolicies.get(
            'rg-sales-data-prod',
            'stsalesdata',
            'default',
          ),
        ),
      ).toMatchObject({ statusCode: 503 });
    });
  });

  describe('the demo estate', () => {
    type Expected = {
      sku: string;
      location: string;
      secondary?: string;
      containers: Record<string, string | null>;
      /** Rule name → [prefix, cool, archive, delete days since modification]. */
      rules?: Record<string, [string, number?, number?, number?]>;
    };
    /** Rule name → [prefix, cool, archive, delete], or the error code when there is no policy. */
    const lifecycleSummary = async (
      client: StorageManagementClient,
      resourceGroup: string,
      account: string,
    ) => {
      try {
        const policy = await client.managementPolicies.get(
          resourceGroup,
          account,
          'default',
        );
        return Object.fromEntries(
          policy.policy!.rules.map(r => {
            const base = r.definition.actions.baseBlob!;
            return [
              r.name,
              [
                r.definition.filters?.prefixMatch?.join(','),
                base.tierToCool?.daysAfterModificationGreaterThan,
                base.tierToArchive?.daysAfterModificationGreaterThan,
                base.delete?.daysAfterModificationGreaterThan,
              ],
            ];
          }),
        );
      } catch (e) {
        return (e as { code?: string }).code;
      }
    };
    const audit = (state = 'Locked 3650') => ({ audit: state });
    const layers = { bronze: null, silver: null, gold: null };
    const domains: [string, string, string, Record<string, Expected>][] = [
      [
        'finance',
        FINANCE,
        'rg-finance-data-prod',
        {
          stfinancedata: {
            sku: 'Standard_GZRS',
            location: 'westeurope',
            secondary: 'northeurope',
            containers: layers,
            rules: { 'bronze-tiering': ['bronze/', 30, 90, undefined] },
          },
          stfinanceaudit: {
            sku: 'Standard_GZRS',
            location: 'westeurope',
            secondary: 'northeurope',
            containers: audit(),
          },
          stfinancedr: {
            sku: 'Standard_GRS',
            location: 'northeurope',
            secondary: 'westeurope',
            containers: { standby: null },
          },
        },
      ],
      [
        'sales',
        SALES,
        'rg-sales-data-prod',
        {
          stsalesdata: {
            sku: 'Standard_GRS',
            location: 'eastus',
            secondary: 'westus',
            containers: layers,
            rules: { 'bronze-cleanup': ['bronze/', undefined, 90, 2555] },
          },
          stsalesaudit: {
            sku: 'Standard_GRS',
            location: 'eastus',
            secondary: 'westus',
            containers: audit(),
          },
          stsalesdr: {
            sku: 'Standard_GRS',
            location: 'westus',
            secondary: 'eastus',
            containers: {},
          },
        },
      ],
      [
        'operations-iot',
        OPERATIONS_IOT,
        'rg-opsiot-data-prod',
        {
          stopsiotdata: {
            sku: 'Standard_RAGZRS',
            location: 'northeurope',
            secondary: 'westeurope',
            containers: layers,
            rules: { 'bronze-archive': ['bronze/', undefined, 60, undefined] },
          },
          stopsiotaudit: {
            sku: 'Standard_RAGZRS',
            location: 'northeurope',
            secondary: 'westeurope',
            containers: audit('Unlocked 3650'),
          },
          stopsiotdr: {
            sku: 'Standard_RAGRS',
            location: 'westeurope',
            secondary: 'northeurope',
            containers: {},
          },
        },
      ],
      [
        'hr',
        HR,
        'rg-hr-data-prod',
        {
          sthrdata: {
            sku: 'Standard_GRS',
            location: 'westeurope',
            secondary: 'northeurope',
            containers: { silver: null, gold: null },
          },
          sthraudit: {
            sku: 'Standard_GRS',
            location: 'westeurope',
            secondary: 'northeurope',
            containers: audit(),
          },
        },
      ],
      [
        'marketing',
        MARKETING,
        'rg-marketing-data-prod',
        {
          stmarketingdata: {
            sku: 'Standard_LRS',
            location: 'brazilsouth',
            containers: { ...layers, shared: null },
            rules: {
              'bronze-archive': ['bronze/', undefined, 120, undefined],
              'silver-trim': ['silver/', undefined, undefined, 365],
            },
          },
          stmarketingaudit: {
            sku: 'Standard_LRS',
            location: 'brazilsouth',
            containers: audit(),
          },
        },
      ],
      [
        'platform',
        PLATFORM_MANAGEMENT,
        'rg-dp-platform-audit',
        {
          stplatformaudit: {
            sku: 'Standard_GZRS',
            location: 'westeurope',
            secondary: 'northeurope',
            containers: audit(),
          },
        },
      ],
    ];

    it.each(domains)(
      'seeds %s’s accounts, lifecycle rules and container policies',
      async (domain, subscriptionId, resourceGroup, expected) => {
        const client = storage(subscriptionId);
        const accounts: StorageAccount[] = await collect(
          client.storageAccounts.list(),
        );
        expect(accounts.map(a => a.name).sort()).toEqual(
          Object.keys(expected).sort(),
        );
        for (const a of accounts) {
          const want = expected[a.name!];
          expect(a.id).toBe(
            `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Storage/storageAccounts/${a.name}`,
          );
          expect([a.sku?.name, a.location, a.secondaryLocation]).toEqual([
            want.sku,
            want.location,
            want.secondary,
          ]);
          expect(a.tags?.domain).toBe(domain);

          const containers = await collect(
            client.blobContainers.list(resourceGroup, a.name!),
          );
          expect(
            Object.fromEntries(
              containers.map(c => [
                c.name,
                c.immutabilityPolicy
                  ? `${c.immutabilityPolicy.state} ${c.immutabilityPolicy.immutabilityPeriodSinceCreationInDays}`
                  : null,
              ]),
            ),
          ).toEqual(want.containers);

          expect(
            await lifecycleSummary(client, resourceGroup, a.name!),
          ).toEqual(want.rules ?? 'ManagementPolicyNotFound');
        }
      },
    );

    it('has every storage account the demo health models read', async () => {
      const ids = Object.values(DEMO_HEALTH_RESOURCES).filter(id =>
        id.includes('/Microsoft.Storage/'),
      );
      expect(ids).toHaveLength(6);
      for (const id of ids) {
        const [, , subscriptionId, , resourceGroup, , , , name] = id.split('/');
        const a = await storage(subscriptionId).storageAccounts.getProperties(
          resourceGroup,
          name,
        );
        expect(a.id).toBe(id);
      }
    });
  });
});

describe('storage account seeds', () => {
  const base: TenantSeed = {
    tenantId: '00000000-0000-0000-0000-00000000000a',
    managementGroups: [
      { id: '00000000-0000-0000-0000-00000000000a', displayName: 'Root' },
    ],
    subscriptions: [
      {
        subscriptionId: FINANCE,
        displayName: 'finance',
        managementGroupId: '00000000-0000-0000-0000-00000000000a',
        tags: {},
      },
    ],
  };

  it('creates the missing resource group and keeps a seeded secondary status', () => {
    const tenant = new Tenant(
      {
        ...base,
        storageAccounts: [
          {
            subscriptionId: FINANCE,
            resourceGroupName: 'rg-lake',
            name: 'stlake',
            location: 'uksouth',
            skuName: 'Standard_RAGZRS',
            statusOfSecondary: 'unavailable',
            tags: { domain: 'finance' },
          },
        ],
      },
      { aliasProvisioningMs: 0 },
    );
    expect(tenant.resourceGroups.get(FINANCE, 'rg-lake')).toMatchObject({
      location: 'uksouth',
      tags: { domain: 'finance' },
    });
    const account = tenant.storage.get(FINANCE, 'rg-lake', 'stlake');
    expect(account.statusOfSecondary).toBe('unavailable');
    expect(account.managementPolicy).toBeUndefined();
  });

  it('refuses invalid lifecycle rules, naming the account and the rule', () => {
    const seed = (lifecycleRules: unknown[]): TenantSeed => ({
      ...base,
      storageAccounts: [
        {
          subscriptionId: FINANCE,
          resourceGroupName: 'rg-lake',
          name: 'stlake',
          location: 'westeurope',
          skuName: 'Standard_LRS',
          lifecycleRules,
        },
      ],
    });
    expect(
      () =>
        new Tenant(seed([{ name: 'x', type: 'Lifecycle' }]), {
          aliasProvisioningMs: 0,
        }),
    ).toThrow("seed storage account 'stlake': lifecycleRules.0.definition");
    expect(
      () =>
        new Tenant(
          seed([
            {
              name: 'forever',
              type: 'Lifecycle',
              definition: {
                actions: {
                  baseBlob: {
                    delete: { daysAfterModificationGreaterThan: -3 },
                  },
                },
              },
            },
          ]),
          { aliasProvisioningMs: 0 },
        ),
    ).toThrow("Lifecycle rule 'forever' is invalid");
  });
});
