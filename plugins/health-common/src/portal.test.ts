import {
  healthModelPortalUrl,
  healthPermissions,
  healthReadPermission,
  HEALTH_MODEL_ANNOTATION,
  MAX_HEALTH_MODEL_BYTES,
  type HealthSignal,
} from './index';
import { storageAccount, WORKSPACE } from './__fixtures__/models';

const thresholds = { direction: 'above' as const, unhealthy: 1 };

describe('healthModelPortalUrl', () => {
  it('opens the logs blade of a log signal’s workspace in the tenant', () => {
    const signal: HealthSignal = {
      id: 'a',
      type: 'log',
      workspace: WORKSPACE,
      query: 'T',
      timespan: 'PT15M',
      thresholds,
    };
    expect(healthModelPortalUrl('contoso.onmicrosoft.com', signal)).toBe(
      `https://portal.azure.com/#@contoso.onmicrosoft.com/resource${WORKSPACE}/logs`,
    );
  });

  it('opens Metrics explorer of a metric signal’s first resource', () => {
    const signal: HealthSignal = {
      id: 'b',
      type: 'metric',
      resources: [storageAccount('first'), storageAccount('second')],
      region: 'westeurope',
      namespace: 'Microsoft.Storage/storageAccounts',
      metric: 'Availability',
      aggregation: 'average',
      window: 'PT5M',
      thresholds,
    };
    expect(
      healthModelPortalUrl('72f988bf-86f1-41af-91ab-2d7cd011db47', signal),
    ).toBe(
      `https://portal.azure.com/#@72f988bf-86f1-41af-91ab-2d7cd011db47/resource${storageAccount(
        'first',
      )}/metrics`,
    );
  });
});

describe('constants', () => {
  it('names the permission, the annotation and the size limit', () => {
    expect(healthReadPermission).toEqual({
      type: 'basic',
      name: 'dataplatform.health.read',
      attributes: { action: 'read' },
    });
    expect(healthPermissions).toEqual([healthReadPermission]);
    expect(HEALTH_MODEL_ANNOTATION).toBe(
      'dataplatform.contoso.com/health-model',
    );
    expect(MAX_HEALTH_MODEL_BYTES).toBe(262_144);
  });
});
