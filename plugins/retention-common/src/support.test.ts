import {
  azurePortalResourceUrl,
  compareVerdicts,
  contractRetentionDays,
  countVerdicts,
  formatDays,
  parseAbfssLocation,
  REGION_PAIRS,
  retentionPermissions,
  retentionReadPermission,
  retentionReportPermission,
  sortFindings,
  summarize,
  worstVerdict,
  type Finding,
} from './index';

describe('formatDays', () => {
  it.each([
    [3650, '3,650 days (10 years)'],
    [730, '730 days (2 years)'],
    [1, '1 day'],
    [45, '45 days'],
    [0, '0 days'],
    [365, '365 days (1 year)'],
    [2555, '2,555 days (7 years)'],
    [4383, '4,383 days (12 years)'],
    [1000, '1,000 days'],
    [731, '731 days'],
  ])('writes %i as %s', (days, text) => {
    expect(formatDays(days)).toBe(text);
  });
});

describe('contractRetentionDays', () => {
  it.each([
    [10, 'y', 3650],
    [10, 'Years', 3650],
    [1, 'yr', 365],
    [2, 'w', 14],
    [3, 'weeks', 21],
    [6, 'm', 180],
    [6, 'MONTHS', 180],
    [90, 'd', 90],
    [1, 'day', 1],
  ])('reads %s %s as %i days', (value, unit, days) => {
    expect(
      contractRetentionDays([{ property: 'retention', value, unit }]),
    ).toEqual({ days, text: `${value} ${unit}` });
  });

  it('finds the retention entry among the other SLA properties', () => {
    expect(
      contractRetentionDays([
        { property: 'latency', value: 4, unit: 'd' },
        {
          property: 'retention',
          value: '3',
          unit: 'y',
          element: 'tab1.txn_ref_dt',
        },
      ]),
    ).toEqual({ days: 1095, text: '3 y' });
  });

  it('reads nothing it cannot interpret', () => {
    expect(contractRetentionDays(undefined)).toBeUndefined();
    expect(contractRetentionDays({ retention: 3 })).toBeUndefined();
    expect(
      contractRetentionDays([{ property: 'latency', value: 4, unit: 'd' }]),
    ).toBeUndefined();
    expect(
      contractRetentionDays([{ property: 'retention', value: 3 }]),
    ).toBeUndefined();
    expect(
      contractRetentionDays([
        { property: 'retention', value: 3, unit: 'decades' },
      ]),
    ).toBeUndefined();
    expect(
      contractRetentionDays([{ property: 'retention', value: -1, unit: 'y' }]),
    ).toBeUndefined();
    expect(
      contractRetentionDays([
        { property: 'retention', value: 'ten', unit: 'y' },
      ]),
    ).toBeUndefined();
  });
});

describe('parseAbfssLocation', () => {
  it('splits an ADLS Gen2 location', () => {
    expect(
      parseAbfssLocation(
        'abfss://audit@stplatformaudit.dfs.core.windows.net/audit-trail/',
      ),
    ).toEqual({
      account: 'stplatformaudit',
      container: 'audit',
      path: 'audit-trail/',
    });
    expect(
      parseAbfssLocation('abfss://bronze@stmarketingdata.dfs.core.windows.net'),
    ).toEqual({ account: 'stmarketingdata', container: 'bronze', path: '' });
    expect(
      parseAbfssLocation('abfss://silver@sthrdata.dfs.core.windows.net/a--b/c'),
    ).toEqual({ account: 'sthrdata', container: 'silver', path: 'a--b/c' });
  });

  it('refuses other locations', () => {
    for (const location of [
      'az://my-data-location',
      'https://stx.blob.core.windows.net/audit/x',
      'abfss://audit@stx.blob.core.windows.net/x',
      'abfss://Audit--x@stx.dfs.core.windows.net/x',
      'abfss://audit@st_x.dfs.core.windows.net/x',
      'abfss://@stx.dfs.core.windows.net/x',
    ]) {
      expect(parseAbfssLocation(location)).toBeUndefined();
    }
  });
});

describe('azurePortalResourceUrl', () => {
  it('opens the resource in the tenant’s directory', () => {
    expect(
      azurePortalResourceUrl(
        'contoso.onmicrosoft.com',
        '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stx',
      ),
    ).toBe(
      'https://portal.azure.com/#@contoso.onmicrosoft.com/resource/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stx',
    );
  });
});

describe('REGION_PAIRS', () => {
  it('holds each pair in both directions', () => {
    expect(REGION_PAIRS.westeurope).toBe('northeurope');
    expect(REGION_PAIRS.northeurope).toBe('westeurope');
    expect(REGION_PAIRS.brazilsouth).toBe('southcentralus');
    expect(REGION_PAIRS.southcentralus).toBe('brazilsouth');
    expect(REGION_PAIRS.canadaeast).toBe('canadacentral');
  });

  it('keeps eastus paired with westus although westus3 pairs with eastus', () => {
    expect(REGION_PAIRS.westus3).toBe('eastus');
    expect(REGION_PAIRS.eastus).toBe('westus');
  });
});

const f = (props: Partial<Finding>): Finding => ({
  id: 'x',
  entityRef: 'domain:default/hr',
  area: 'retention',
  check: 'total-retention',
  category: 'c',
  categoryTitle: 'C',
  verdict: 'compliant',
  required: '',
  actual: '',
  reason: '',
  source: 'platform policy',
  ...props,
});

describe('verdict order', () => {
  it('orders violation, at-risk, unknown, compliant', () => {
    expect(compareVerdicts('violation', 'at-risk')).toBeLessThan(0);
    expect(compareVerdicts('unknown', 'at-risk')).toBeGreaterThan(0);
    expect(compareVerdicts('unknown', 'compliant')).toBeLessThan(0);
    expect(compareVerdicts('compliant', 'compliant')).toBe(0);
    expect(worstVerdict(['compliant', 'unknown', 'at-risk'])).toBe('at-risk');
    expect(worstVerdict(['compliant'])).toBe('compliant');
    expect(worstVerdict([])).toBe('unknown');
  });

  it('sorts worst first, then by check, resource name and id, without changing the input', () => {
    const input = [
      f({ id: 'e', verdict: 'compliant' }),
      f({ id: 'd', verdict: 'violation', check: 'rpo' }),
      f({
        id: 'c',
        verdict: 'violation',
        check: 'interactive-retention',
        resourceName: 'b',
      }),
      f({
        id: 'b',
        verdict: 'violation',
        check: 'interactive-retention',
        resourceName: 'a',
      }),
      f({
        id: 'a',
        verdict: 'violation',
        check: 'interactive-retention',
        resourceName: 'a',
      }),
      f({ id: 'f', verdict: 'unknown' }),
    ];
    expect(sortFindings(input).map(x => x.id)).toEqual([
      'a',
      'b',
      'c',
      'd',
      'f',
      'e',
    ]);
    expect(input[0].id).toBe('e');
  });

  it('counts findings per verdict', () => {
    expect(
      countVerdicts([
        f({ verdict: 'violation' }),
        f({ verdict: 'violation' }),
        f({ verdict: 'unknown' }),
      ]),
    ).toEqual({ violation: 2, 'at-risk': 0, unknown: 1, compliant: 0 });
  });
});

describe('summarize', () => {
  it('takes the worst verdict and finding', () => {
    const worst = f({ id: 'w', verdict: 'at-risk', check: 'immutability' });
    expect(
      summarize('domain:default/hr', 'Domain', [f({ id: 'ok' }), worst], {
        evaluatedAt: '2026-11-24T05:00:00.000Z',
        stale: false,
        title: 'Human Resources',
        dataProductCount: 2,
      }),
    ).toEqual({
      entityRef: 'domain:default/hr',
      kind: 'Domain',
      title: 'Human Resources',
      verdict: 'at-risk',
      counts: { violation: 0, 'at-risk': 1, unknown: 0, compliant: 1 },
      worst,
      evaluatedAt: '2026-11-24T05:00:00.000Z',
      stale: false,
      dataProductCount: 2,
    });
  });

  it('is unknown without findings', () => {
    expect(
      summarize('dataproduct:default/x', 'DataProduct', [], {
        evaluatedAt: '2026-11-24T05:00:00.000Z',
        stale: true,
      }),
    ).toEqual({
      entityRef: 'dataproduct:default/x',
      kind: 'DataProduct',
      verdict: 'unknown',
      counts: { violation: 0, 'at-risk': 0, unknown: 0, compliant: 0 },
      evaluatedAt: '2026-11-24T05:00:00.000Z',
      stale: true,
    });
  });
});

describe('permissions', () => {
  it('names read and report', () => {
    expect(retentionReadPermission).toMatchObject({
      type: 'basic',
      name: 'dataplatform.retention.read',
      attributes: { action: 'read' },
    });
    expect(retentionReportPermission).toMatchObject({
      name: 'dataplatform.retention.report',
      attributes: { action: 'read' },
    });
    expect(retentionPermissions).toEqual([
      retentionReadPermission,
      retentionReportPermission,
    ]);
  });
});
