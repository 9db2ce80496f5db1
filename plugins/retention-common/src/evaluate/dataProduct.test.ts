import { examplePolicy, findingOf } from '../__fixtures__/evaluate';
import {
  account,
  container,
  containerId,
  modified,
  NOW,
  rule,
  scan,
  TENANT,
} from '../__fixtures__/scans';
import {
  evaluateDataProduct,
  type DataProductInput,
  type ScannedStorageAccount,
} from '../index';

const PRODUCT = 'dataproduct:default/audit-trail';
const CONTRACT = 'api:default/audit-trail';
const LOCATION =
  'abfss://audit@stplatformaudit.dfs.core.windows.net/audit-trail/';

function product(
  accounts: ScannedStorageAccount[],
  props: Partial<DataProductInput> = {},
) {
  return evaluateDataProduct(
    {
      entityRef: PRODUCT,
      domainRef: 'domain:default/platform',
      domainScans: [scan({ storageAccounts: accounts })],
      retentionClass: 'audit',
      contracts: [
        {
          ref: CONTRACT,
          slaProperties: [
            { property: 'latency', value: 4, unit: 'd' },
            { property: 'retention', value: 10, unit: 'y' },
          ],
          servers: [
            { server: 'audit-adls', type: 'azure', location: LOCATION },
            {
              server: 'lakehouse',
              type: 'databricks',
              host: 'adb-1.azuredatabricks.net',
            },
          ],
        },
      ],
      recovery: { declared: {}, source: `declared on ${PRODUCT}` },
      ...props,
    },
    { policy: examplePolicy(), now: NOW, tenantId: TENANT },
  );
}

const platformAudit = (props: Partial<ScannedStorageAccount> = {}) =>
  account('stplatformaudit', {
    lifecycleRules: [
      rule('audit-trim', { prefixMatch: ['audit/'], delete: modified(2555) }),
    ],
    containers: [container('audit', { days: 3650, state: 'Locked' })],
    ...props,
  });

describe('retention a contract promises', () => {
  it('checks the total retention and, for the audit class, the immutability of the location', () => {
    const result = product([platformAudit()]);
    const retention = result.findings.filter(f => f.area === 'retention');
    expect(retention.map(f => [f.check, f.verdict])).toEqual([
      ['total-retention', 'violation'],
      ['immutability', 'compliant'],
    ]);
    expect(
      findingOf(
        result,
        'total-retention',
        'stplatformaudit / audit/audit-trail/',
      ),
    ).toEqual({
      id: `${PRODUCT}|total-retention|${CONTRACT}|${containerId(
        'stplatformaudit',
        'audit',
      )}/audit-trail/`,
      entityRef: PRODUCT,
      area: 'retention',
      check: 'total-retention',
      category: CONTRACT,
      categoryTitle: `Retention promised by ${CONTRACT}`,
      resourceId: containerId('stplatformaudit', 'audit'),
      resourceName: 'stplatformaudit / audit/audit-trail/',
      verdict: 'violation',
      required: '≥ 3,650 days (10 years)',
      requiredDays: 3650,
      actual: "deleted after 2,555 days (7 years) by rule 'audit-trim'",
      actualDays: 2555,
      reason:
        "Lifecycle rule 'audit-trim' of stplatformaudit deletes blobs under audit/audit-trail/ after 2,555 days (7 years), before the required 3,650 days (10 years). api:default/audit-trail promises 10 y.",
      remediation:
        "Change rule 'audit-trim' in the lifecycle management policy of stplatformaudit to delete after at least 3650 days, or remove its delete action (Storage account › Data management › Lifecycle management).",
      source: `contract ${CONTRACT}`,
      portalUrl: expect.stringContaining('/storageAccounts/stplatformaudit'),
    });
    expect(
      findingOf(result, 'immutability', 'stplatformaudit / audit'),
    ).toMatchObject({
      required: 'locked, ≥ 3,650 days (10 years)',
      actual: 'locked, 3,650 days (10 years)',
      source: `contract ${CONTRACT}`,
    });
  });

  it('finds an audit location without an immutability policy', () => {
    const result = product([
      platformAudit({
        lifecycleRules: [],
        containers: [container('audit', null)],
      }),
    ]);
    expect(
      findingOf(result, 'immutability', 'stplatformaudit / audit'),
    ).toMatchObject({
      verdict: 'violation',
      reason:
        'Container audit in stplatformaudit has no immutability policy, so its blobs can be changed or deleted by anyone with write access. The retention class audit requires data to be immutable.',
    });
    expect(
      findingOf(
        result,
        'total-retention',
        'stplatformaudit / audit/audit-trail/',
      ).verdict,
    ).toBe('compliant');
  });

  it('applies a rule when its prefix and the location are prefixes of one another', () => {
    const rules = (prefixMatch: string[]) =>
      product([
        platformAudit({
          lifecycleRules: [rule('r', { prefixMatch, delete: modified(30) })],
        }),
      ]);
    const verdict = (prefixMatch: string[]) =>
      findingOf(
        rules(prefixMatch),
        'total-retention',
        'stplatformaudit / audit/audit-trail/',
      ).verdict;
    expect(verdict(['audit/'])).toBe('violation');
    expect(verdict(['audit/audit-trail/2024/'])).toBe('violation');
    expect(verdict(['audit/other/'])).toBe('compliant');
    expect(verdict(['bronze/'])).toBe('compliant');
  });

  it('makes the checks unknown when the account is not in the domain’s scans', () => {
    const result = product([account('stplatformdata')], {
      domainRef: 'domain:default/marketing',
    });
    const retention = result.findings.filter(f => f.area === 'retention');
    expect(retention.map(f => [f.check, f.verdict, f.resourceName])).toEqual([
      ['total-retention', 'unknown', 'stplatformaudit / audit/audit-trail/'],
      ['immutability', 'unknown', 'stplatformaudit / audit/audit-trail/'],
    ]);
    expect(retention[0].reason).toBe(
      `${CONTRACT} keeps data in ${LOCATION}, but storage account stplatformaudit is not in the subscription of domain:default/marketing, so what it keeps cannot be read.`,
    );
    expect(retention[0].id).toBe(
      `${PRODUCT}|total-retention|${CONTRACT}|${LOCATION}`,
    );
    // Only accounts holding the product's data count for recovery.
    expect(result.findings.filter(f => f.check === 'replication')).toEqual([]);
  });

  it('falls back to the retention class when the contract states no retention', () => {
    const result = product([platformAudit({ lifecycleRules: [] })], {
      retentionClass: 'regulatory',
      contracts: [
        {
          ref: 'api:default/ledger',
          servers: [
            {
              type: 'azure',
              location: 'abfss://silver@stplatformaudit.dfs.core.windows.net/',
            },
          ],
        },
      ],
    });
    expect(
      findingOf(result, 'total-retention', 'stplatformaudit / silver'),
    ).toMatchObject({
      verdict: 'compliant',
      required: '≥ 2,555 days (7 years)',
      source: 'contract api:default/ledger (retention class regulatory)',
    });
    expect(result.findings.filter(f => f.check === 'immutability')).toEqual([]);
  });

  it('gives a contract without an Azure location no retention findings', () => {
    const result = product([platformAudit()], {
      contracts: [
        {
          ref: CONTRACT,
          slaProperties: [{ property: 'retention', value: 10, unit: 'y' }],
          servers: [{ type: 'azure', location: 'az://my-data-location' }],
        },
      ],
    });
    expect(result.findings.filter(f => f.area === 'retention')).toEqual([]);
    expect(result.timelines).toEqual([]);
  });

  it('draws a timeline for the location', () => {
    const result = product([platformAudit()]);
    expect(result.timelines).toEqual([
      {
        category: CONTRACT,
        categoryTitle: `Retention promised by ${CONTRACT}`,
        resourceName: 'stplatformaudit / audit/audit-trail/',
        resourceId: containerId('stplatformaudit', 'audit'),
        segments: [
          { phase: 'hot', fromDay: 0, toDay: 2555 },
          { phase: 'deleted', fromDay: 2555 },
        ],
        requiredTotalDays: 3650,
        immutableDays: 3650,
        verdict: 'violation',
      },
    ]);
  });
});

describe('recovery of a data product', () => {
  it("checks the accounts its locations name, with the domain's strategy", () => {
    const result = product(
      [
        platformAudit(),
        account('stplatformlocal', {
          skuName: 'Standard_LRS',
          secondaryLocation: undefined,
        }),
      ],
      {
        recovery: {
          declared: { rpo: 'PT36H', rto: 'PT24H' },
          source: `declared on ${PRODUCT}`,
          domainStrategy: 'warm-spare',
        },
      },
    );
    const recovery = result.findings.filter(f => f.area === 'recovery');
    expect(
      recovery.map(f => [f.check, f.resourceName ?? '', f.verdict]),
    ).toEqual([
      ['secondary-region', '', 'violation'],
      ['replication', 'stplatformaudit', 'compliant'],
      ['secondary-region', 'stplatformaudit', 'compliant'],
      ['rpo', '', 'compliant'],
      ['rto', '', 'compliant'],
    ]);
    expect(result.recovery).toEqual({
      rpo: 'PT36H',
      rto: 'PT24H',
      strategy: 'warm-spare',
      source: `declared on ${PRODUCT} (rpo, rto); strategy from domain:default/platform`,
    });
    expect(findingOf(result, 'rto', '').remediation).toBeUndefined();
  });

  it('names spec.sla for an invalid RPO of a data product', () => {
    const result = product([platformAudit()], {
      recovery: { declared: { rpo: 'soon' }, source: `declared on ${PRODUCT}` },
    });
    expect(findingOf(result, 'rpo', '').reason).toBe(
      `The RPO cannot be checked: spec.sla.rpo of ${PRODUCT} is 'soon', but it must be an ISO 8601 duration greater than zero, e.g. P1DT12H.`,
    );
  });

  it("names the domain's annotation when the strategy it passes on is invalid", () => {
    const result = product([platformAudit()], {
      recovery: {
        declared: {},
        source: `declared on ${PRODUCT}`,
        domainStrategy: 'pilot-light',
      },
    });
    const recovery = result.findings.filter(f => f.area === 'recovery');
    expect(recovery).toHaveLength(1);
    expect(recovery[0]).toMatchObject({
      verdict: 'unknown',
      source: 'declared on domain:default/platform',
      reason:
        "Recovery cannot be checked: annotation dataplatform.contoso.com/dr-strategy on domain:default/platform is 'pilot-light', but it must be one of redeploy, backup-restore, warm-spare, hot-spare.",
    });
  });
});
