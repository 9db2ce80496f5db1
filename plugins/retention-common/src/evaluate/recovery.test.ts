import { evaluate, findingOf } from '../__fixtures__/evaluate';
import { account, accountId, scan, workspace } from '../__fixtures__/scans';
import type { ScannedStorageAccount } from '../types';

const REDUNDANCY = '(Storage account › Data management › Redundancy)';

const recoveryOf = (
  accounts: ScannedStorageAccount[],
  opts: Parameters<typeof evaluate>[1] = {},
  extra: Partial<Parameters<typeof scan>[0]> = {},
) => {
  const result = evaluate(
    [scan({ storageAccounts: accounts, ...extra })],
    opts,
  );
  return {
    ...result,
    findings: result.findings.filter(f => f.area === 'recovery'),
  };
};

const marketing = (sku = 'Standard_LRS') =>
  account('stmarketingdata', {
    location: 'brazilsouth',
    skuName: sku,
    ...(sku.includes('GRS') || sku.includes('GZRS')
      ? { secondaryLocation: 'southcentralus', statusOfSecondary: 'available' }
      : { secondaryLocation: undefined, statusOfSecondary: undefined }),
  });

describe('replication and RPO', () => {
  it('finds a locally redundant account short of backup and restore', () => {
    const result = recoveryOf([marketing()], { domain: 'marketing' });
    expect(findingOf(result, 'replication', 'stmarketingdata')).toEqual({
      id: `domain:default/marketing|replication|recovery|${accountId(
        'stmarketingdata',
      )}`,
      entityRef: 'domain:default/marketing',
      area: 'recovery',
      check: 'replication',
      category: 'recovery',
      categoryTitle: 'Recovery',
      resourceId: accountId('stmarketingdata'),
      resourceName: 'stmarketingdata',
      verdict: 'violation',
      required: 'geo-redundant (GRS, RA-GRS, GZRS or RA-GZRS)',
      actual: 'Standard_LRS',
      reason:
        'stmarketingdata is Standard_LRS: its data has no copy outside brazilsouth, which backup and restore needs.',
      remediation: `Change the redundancy of stmarketingdata from Standard_LRS to Standard_GZRS ${REDUNDANCY}.`,
      source: 'platform default',
      portalUrl: expect.stringContaining(
        `/resource${accountId('stmarketingdata')}`,
      ),
    });
    expect(findingOf(result, 'rpo', '')).toMatchObject({
      verdict: 'violation',
      required: 'RPO 1 d 12 h',
      actual: 'stmarketingdata not geo-redundant',
      reason:
        'stmarketingdata is Standard_LRS: a regional outage loses data written since the last copy outside brazilsouth.',
      remediation: `Make stmarketingdata geo-redundant, e.g. Standard_GZRS ${REDUNDANCY}.`,
    });
    // A locally redundant account has no secondary to check.
    expect(result.findings.filter(f => f.check === 'secondary-region')).toEqual(
      [],
    );
    expect(result.recovery).toEqual({
      rpo: 'P1DT12H',
      rto: 'PT24H',
      strategy: 'backup-restore',
      source: 'platform default',
    });
  });

  it('finds geo-redundant accounts with a paired secondary compliant', () => {
    const result = recoveryOf([account('stfinancedata')]);
    expect(result.findings.map(f => [f.check, f.verdict])).toEqual([
      ['replication', 'compliant'],
      ['secondary-region', 'compliant'],
      ['rpo', 'compliant'],
      ['rto', 'compliant'],
    ]);
    expect(
      findingOf(result, 'secondary-region', 'stfinancedata'),
    ).toMatchObject({
      required: 'secondary in northeurope (the paired region of westeurope)',
      actual: 'secondary in northeurope, available',
    });
    expect(findingOf(result, 'rto', '')).toMatchObject({
      required: "RTO ≥ 8 h (the platform's minimum for backup and restore)",
      actual: 'RTO 1 d',
      reason:
        'Backup and restore can be back within 1 d; the platform counts 8 h.',
    });
  });

  it('finds a secondary outside the paired region', () => {
    const result = recoveryOf([
      account('stfinancedata', { secondaryLocation: 'eastus' }),
    ]);
    expect(
      findingOf(result, 'secondary-region', 'stfinancedata'),
    ).toMatchObject({
      verdict: 'violation',
      actual: 'secondary in eastus',
      reason:
        'The secondary region of stfinancedata is eastus, not northeurope, the paired region of westeurope: a regional disaster may hit both or recovery may not be prioritised.',
      remediation:
        "Move the data of stfinancedata to a new geo-redundant account in westeurope, whose secondary Azure places in northeurope, and retire stfinancedata (Storage account › Data management › Redundancy shows an account's secondary region).",
    });
  });

  it('finds an unavailable secondary at risk', () => {
    const result = recoveryOf([
      account('stfinancedata', { statusOfSecondary: 'unavailable' }),
    ]);
    expect(
      findingOf(result, 'secondary-region', 'stfinancedata'),
    ).toMatchObject({
      verdict: 'at-risk',
      actual: 'secondary in northeurope, unavailable',
      reason:
        'The secondary region northeurope of stfinancedata is unavailable: until it is back, a regional outage in westeurope would leave no copy to fail over to.',
    });
  });

  it('finds an RPO below the usual geo-replication lag at risk', () => {
    const result = recoveryOf([account('stfinancedata')], {
      declared: { rpo: 'PT5M' },
    });
    expect(findingOf(result, 'rpo', '')).toMatchObject({
      verdict: 'at-risk',
      required: 'RPO 5 min',
      reason:
        'The RPO is 5 min, but geo-replication usually lags under 15 minutes and has no SLA.',
      remediation:
        'Declare an RPO of at least PT15M on domain:default/finance (annotation dataplatform.contoso.com/rpo on domain:default/finance), unless the application replicates its data synchronously itself.',
      source:
        'declared on domain:default/finance (rpo); platform default (rto, strategy)',
    });
  });

  it('needs read access to the secondary for a hot spare', () => {
    const result = recoveryOf(
      [
        account('stfinancedata'),
        account('stfinancedr', {
          location: 'northeurope',
          secondaryLocation: 'westeurope',
        }),
      ],
      { declared: { strategy: 'hot-spare', rto: 'PT10M', rpo: 'PT1H' } },
    );
    expect(findingOf(result, 'replication', 'stfinancedata')).toMatchObject({
      verdict: 'violation',
      required: 'geo-redundant with read access (RA-GRS or RA-GZRS)',
      remediation: `Change the redundancy of stfinancedata from Standard_GZRS to Standard_RAGZRS ${REDUNDANCY}.`,
    });
    expect(result.recovery).toEqual({
      rpo: 'PT1H',
      rto: 'PT10M',
      strategy: 'hot-spare',
      source: 'declared on domain:default/finance',
    });
  });
});

describe('standby for warm and hot spares', () => {
  it('finds no standby in the paired region of the primary region', () => {
    const result = recoveryOf(
      [account('stfinancedata'), account('stfinanceaudit')],
      {
        declared: { strategy: 'warm-spare', rto: 'PT4H' },
      },
    );
    expect(findingOf(result, 'secondary-region', '')).toMatchObject({
      verdict: 'violation',
      required: 'a standby in northeurope (paired with westeurope)',
      actual: 'nothing deployed in northeurope',
      reason:
        'Warm spare (active/passive) needs a standby in the paired region, but there is no standby deployed in northeurope: no storage account or workspace of the subscription is there (primary region westeurope).',
      remediation:
        'Deploy the standby of domain:default/finance in northeurope, the paired region of westeurope: the storage accounts and workspaces a failover would use.',
    });
  });

  it('counts an account or a workspace in the paired region as the standby', () => {
    const withAccount = recoveryOf(
      [
        account('stfinancedata'),
        account('stfinanceaudit'),
        account('stfinancedr', {
          location: 'northeurope',
          secondaryLocation: 'westeurope',
        }),
      ],
      { declared: { strategy: 'warm-spare', rto: 'PT4H' } },
    );
    expect(findingOf(withAccount, 'secondary-region', '')).toMatchObject({
      verdict: 'compliant',
      actual: 'stfinancedr in northeurope',
    });
    const withWorkspace = recoveryOf(
      [account('stfinancedata')],
      { declared: { strategy: 'warm-spare', rto: 'PT4H' } },
      {
        workspaces: [
          workspace('log-dp-finance-dr', [], { location: 'northeurope' }),
        ],
      },
    );
    expect(findingOf(withWorkspace, 'secondary-region', '').verdict).toBe(
      'compliant',
    );
  });

  it('takes the region of most accounts as the primary', () => {
    const result = recoveryOf(
      [
        account('stsalesdata', {
          location: 'eastus',
          secondaryLocation: 'westus',
        }),
        account('stsalesaudit', {
          location: 'eastus',
          secondaryLocation: 'westus',
        }),
        account('stsalesdr', {
          location: 'westus',
          secondaryLocation: 'eastus',
        }),
      ],
      { domain: 'sales', declared: { strategy: 'warm-spare', rto: 'PT4H' } },
    );
    expect(findingOf(result, 'secondary-region', '')).toMatchObject({
      verdict: 'compliant',
      required: 'a standby in westus (paired with eastus)',
    });
  });
});

describe('RTO', () => {
  it('finds an RTO below what the strategy can deliver', () => {
    const result = recoveryOf([account('stfinancedata')], {
      declared: { rto: 'PT2H' },
    });
    expect(findingOf(result, 'rto', '')).toMatchObject({
      verdict: 'violation',
      required: "RTO ≥ 8 h (the platform's minimum for backup and restore)",
      actual: 'RTO 2 h',
      reason:
        'The declared RTO cannot be met: backup and restore cannot be back within 2 h; the platform counts 8 h.',
      remediation:
        'Raise the RTO of domain:default/finance to at least PT8H (annotation dataplatform.contoso.com/rto on domain:default/finance), or adopt the warm-spare strategy, which can be back within 1 h.',
      source:
        'declared on domain:default/finance (rto); platform default (rpo, strategy)',
    });
  });
});

describe('declarations', () => {
  it('gives one unknown finding naming the annotation for an invalid strategy', () => {
    const result = recoveryOf([marketing()], {
      domain: 'marketing',
      declared: { strategy: 'cold-spare' },
    });
    expect(result.findings).toEqual([
      expect.objectContaining({
        check: 'replication',
        verdict: 'unknown',
        required: 'a strategy: redeploy, backup-restore, warm-spare, hot-spare',
        actual: "'cold-spare' (not a strategy)",
        reason:
          "Recovery cannot be checked: annotation dataplatform.contoso.com/dr-strategy on domain:default/marketing is 'cold-spare', but it must be one of redeploy, backup-restore, warm-spare, hot-spare.",
        remediation:
          'Set annotation dataplatform.contoso.com/dr-strategy on domain:default/marketing to one of redeploy, backup-restore, warm-spare, hot-spare.',
      }),
    ]);
    expect(result.recovery.strategy).toBe('backup-restore');
    expect(result.recovery.source).toBe('platform default');
  });

  it('gives an unknown RTO finding for an RTO that is not a duration and checks the rest', () => {
    const result = recoveryOf([account('stfinancedata')], {
      declared: { rto: '24 hours' },
    });
    expect(findingOf(result, 'rto', '')).toMatchObject({
      verdict: 'unknown',
      actual: "'24 hours' (not a duration)",
      reason:
        "The RTO cannot be checked: annotation dataplatform.contoso.com/rto on domain:default/finance is '24 hours', but it must be an ISO 8601 duration greater than zero, e.g. PT24H.",
    });
    expect(findingOf(result, 'replication', 'stfinancedata').verdict).toBe(
      'compliant',
    );
    expect(findingOf(result, 'rpo', '').verdict).toBe('compliant');
  });

  it('finds redeploy compliant whatever the redundancy', () => {
    const result = recoveryOf([marketing()], {
      domain: 'marketing',
      declared: { strategy: 'redeploy', rto: 'P2D' },
    });
    expect(result.findings.map(f => [f.check, f.verdict])).toEqual([
      ['replication', 'compliant'],
      ['rpo', 'compliant'],
      ['rto', 'compliant'],
    ]);
    expect(findingOf(result, 'replication', 'stmarketingdata').reason).toBe(
      'With the redeploy strategy the data of stmarketingdata is re-derived from its sources after a disaster, so any redundancy will do.',
    );
  });

  it('checks RTO and RPO of a domain without storage accounts', () => {
    const result = recoveryOf([]);
    expect(result.findings.map(f => [f.check, f.verdict, f.actual])).toEqual([
      ['rpo', 'compliant', 'no storage account'],
      ['rto', 'compliant', 'RTO 1 d'],
    ]);
  });
});
