import { evaluate, findingOf } from '../__fixtures__/evaluate';
import {
  account,
  accountId,
  container,
  containerId,
  modified,
  rule,
  scan,
  TENANT,
} from '../__fixtures__/scans';
import type { ScannedLifecycleRule, ScannedStorageAccount } from '../types';

const ACC = 'stsalesdata';
const LIFECYCLE = '(Storage account › Data management › Lifecycle management)';

function salesData(
  rules: ScannedLifecycleRule[] | undefined,
  props: Partial<ScannedStorageAccount> = {},
) {
  return account(ACC, {
    lifecycleRules: rules,
    containers: [container('bronze'), container('silver'), container('gold')],
    ...props,
  });
}

const bronze = (rules: ScannedLifecycleRule[] | undefined, props = {}) =>
  evaluate([scan({ storageAccounts: [salesData(rules, props)] })]);

describe('total retention of a container', () => {
  it('finds a lifecycle rule that deletes before 10 years and names it', () => {
    const result = bronze([
      rule('bronze-cleanup', {
        prefixMatch: ['bronze/'],
        tierToArchive: modified(90),
        delete: modified(2555),
      }),
    ]);
    expect(findingOf(result, 'total-retention', `${ACC} / bronze`)).toEqual({
      id: `domain:default/finance|total-retention|bronze-layer|${containerId(
        ACC,
        'bronze',
      )}`,
      entityRef: 'domain:default/finance',
      area: 'retention',
      check: 'total-retention',
      category: 'bronze-layer',
      categoryTitle: 'Bronze layer (raw data)',
      resourceId: containerId(ACC, 'bronze'),
      resourceName: `${ACC} / bronze`,
      verdict: 'violation',
      required: '≥ 3,650 days (10 years)',
      requiredDays: 3650,
      actual: "deleted after 2,555 days (7 years) by rule 'bronze-cleanup'",
      actualDays: 2555,
      reason:
        "Lifecycle rule 'bronze-cleanup' of stsalesdata deletes blobs in bronze after 2,555 days (7 years), before the required 3,650 days (10 years).",
      remediation: `Change rule 'bronze-cleanup' in the lifecycle management policy of stsalesdata to delete after at least 3650 days, or remove its delete action ${LIFECYCLE}.`,
      source: 'platform policy',
      portalUrl: `https://portal.azure.com/#@${TENANT}/resource${accountId(
        ACC,
      )}`,
    });
  });

  it('finds blobs that no rule deletes compliant', () => {
    const result = bronze([
      rule('bronze-tiering', {
        prefixMatch: ['bronze/'],
        tierToCool: modified(30),
        tierToArchive: modified(90),
      }),
    ]);
    const finding = findingOf(result, 'total-retention', `${ACC} / bronze`);
    expect(finding).toMatchObject({
      verdict: 'compliant',
      actual: 'never deleted by a lifecycle rule',
      reason:
        'No enabled lifecycle rule of stsalesdata deletes block blobs in bronze, so they are kept until deleted by hand, which meets the requirement (≥ 3,650 days (10 years)).',
    });
    expect(finding.remediation).toBeUndefined();
    expect(finding.actualDays).toBeUndefined();
  });

  it('counts a rule whose prefix reaches into the container, and ignores rules that do not apply', () => {
    const result = bronze([
      rule('raw-cleanup', {
        prefixMatch: ['bronze/raw'],
        delete: modified(2555),
      }),
      rule('silver-trim', { prefixMatch: ['silver/'], delete: modified(30) }),
      rule('old-cleanup', { enabled: false, delete: modified(10) }),
      rule('append-cleanup', {
        blobTypes: ['appendBlob'],
        delete: modified(5),
      }),
      rule('bronzer', { prefixMatch: ['bronzeage/'], delete: modified(7) }),
    ]);
    expect(
      findingOf(result, 'total-retention', `${ACC} / bronze`),
    ).toMatchObject({
      verdict: 'violation',
      actual:
        "some blobs deleted after 2,555 days (7 years) by rule 'raw-cleanup' (only blobs with prefix 'bronze/raw')",
      actualDays: 2555,
      reason:
        "Lifecycle rule 'raw-cleanup' of stsalesdata deletes some blobs (prefix 'bronze/raw') in bronze after 2,555 days (7 years), before the required 3,650 days (10 years).",
    });
  });

  it('reads a prefix covering the container name as covering all its blobs', () => {
    const result = bronze([
      rule('b-cleanup', { prefixMatch: ['br'], delete: modified(100) }),
    ]);
    expect(findingOf(result, 'total-retention', `${ACC} / bronze`).actual).toBe(
      "deleted after 100 days by rule 'b-cleanup'",
    );
  });

  it('names every rule that deletes too early in the remediation', () => {
    const result = bronze([
      rule('raw-cleanup', {
        prefixMatch: ['bronze/raw'],
        delete: modified(2555),
      }),
      rule('all-cleanup', { delete: modified(3000) }),
    ]);
    expect(
      findingOf(result, 'total-retention', `${ACC} / bronze`).remediation,
    ).toBe(
      `Change rules 'raw-cleanup' and 'all-cleanup' in the lifecycle management policy of stsalesdata to delete after at least 3650 days, or remove their delete action ${LIFECYCLE}.`,
    );
  });

  it('treats rules narrowed by blob index tags as reaching some blobs', () => {
    const result = bronze([
      rule('tagged', { hasBlobIndexFilter: true, delete: modified(365) }),
    ]);
    expect(findingOf(result, 'total-retention', `${ACC} / bronze`).actual).toBe(
      "some blobs deleted after 365 days (1 year) by rule 'tagged' (only blobs with blob index tags)",
    );
  });
});

describe('archive tier', () => {
  it('finds no rule tiering every blob to archive', () => {
    const result = bronze([
      rule('raw-archive', {
        prefixMatch: ['bronze/raw/'],
        tierToArchive: modified(30),
      }),
    ]);
    expect(findingOf(result, 'archive-tier', `${ACC} / bronze`)).toMatchObject({
      verdict: 'violation',
      required: 'tiered to archive within 180 days',
      requiredDays: 180,
      actual: 'not tiered to archive',
      reason:
        "In stsalesdata, no lifecycle rule tiers every blob of bronze to archive (rule 'raw-archive' (only blobs with prefix 'bronze/raw/') archives only part of them).",
      remediation: `Add a rule with prefix 'bronze/' to the lifecycle management policy of stsalesdata that tiers base blobs to archive after at most 180 days since modification ${LIFECYCLE}.`,
    });
  });

  it('finds archiving later than the maximum', () => {
    const result = bronze([
      rule('slow-archive', {
        prefixMatch: ['bronze/'],
        tierToArchive: modified(365),
      }),
    ]);
    expect(findingOf(result, 'archive-tier', `${ACC} / bronze`)).toMatchObject({
      verdict: 'violation',
      actual: "archived after 365 days (1 year) by rule 'slow-archive'",
      actualDays: 365,
      reason:
        "Rule 'slow-archive' of stsalesdata tiers blobs in bronze to archive after 365 days (1 year), later than the required 180 days.",
      remediation: `Change rule 'slow-archive' in the lifecycle management policy of stsalesdata to tier base blobs to archive after at most 180 days since modification (daysAfterModificationGreaterThan) ${LIFECYCLE}.`,
    });
  });

  it('finds archiving on last access at risk', () => {
    const result = bronze([
      rule('cold-archive', {
        prefixMatch: ['bronze/'],
        tierToArchive: { days: 90, basis: 'last-access' },
      }),
    ]);
    expect(findingOf(result, 'archive-tier', `${ACC} / bronze`)).toMatchObject({
      verdict: 'at-risk',
      actual: "archived only when not read for 90 days (rule 'cold-archive')",
      reason:
        "Rule 'cold-archive' of stsalesdata archives blobs in bronze only when not read for 90 days: blobs that are read keep a hotter tier past 180 days.",
    });
  });

  it('finds archiving within the maximum compliant', () => {
    const result = bronze([
      rule('bronze-tiering', {
        prefixMatch: ['bronze/'],
        tierToArchive: modified(90),
      }),
      rule('cold-archive', {
        tierToArchive: { days: 30, basis: 'last-access' },
      }),
    ]);
    expect(findingOf(result, 'archive-tier', `${ACC} / bronze`)).toMatchObject({
      verdict: 'compliant',
      actual: "archived after 90 days by rule 'bronze-tiering'",
    });
  });

  it('makes both lifecycle checks unknown when the policy could not be read', () => {
    const result = bronze(undefined, {
      lifecycleProblem: { reason: 'throttled by Azure (HTTP 429)' },
    });
    for (const check of ['total-retention', 'archive-tier'] as const) {
      expect(findingOf(result, check, `${ACC} / bronze`)).toMatchObject({
        verdict: 'unknown',
        reason:
          'The lifecycle management policy of stsalesdata could not be read: throttled by Azure (HTTP 429).',
      });
    }
    expect(result.timelines.filter(t => t.category === 'bronze-layer')).toEqual(
      [],
    );
  });
});

describe('immutability', () => {
  const audit = (imm: Parameters<typeof container>[1], props = {}) =>
    evaluate([
      scan({
        storageAccounts: [
          account('stsalesaudit', {
            containers: [container('audit', imm)],
            ...props,
          }),
        ],
      }),
    ]);
  const blade = '(Containers › audit › Access policy)';

  it('finds a container without a policy', () => {
    expect(
      findingOf(audit(null), 'immutability', 'stsalesaudit / audit'),
    ).toMatchObject({
      verdict: 'violation',
      required: 'locked, ≥ 3,650 days (10 years)',
      actual: 'no immutability policy',
      reason:
        'Container audit in stsalesaudit has no immutability policy, so its blobs can be changed or deleted by anyone with write access.',
      remediation: `Add a time-based immutability policy of 3650 days to container audit in stsalesaudit and lock it ${blade}; locking cannot be undone.`,
    });
  });

  it('finds a locked policy too short, to be extended', () => {
    expect(
      findingOf(
        audit({ days: 1000, state: 'Locked' }),
        'immutability',
        'stsalesaudit / audit',
      ),
    ).toMatchObject({
      verdict: 'violation',
      actual: 'locked, 1,000 days',
      actualDays: 1000,
      reason:
        'The locked immutability policy of container audit in stsalesaudit protects blobs for 1,000 days, less than the required 3,650 days (10 years).',
      remediation: `Extend the locked immutability policy of container audit in stsalesaudit to 3650 days ${blade}; a locked policy can only be extended, never shortened.`,
    });
  });

  it('finds an unlocked policy too short, to be set and locked', () => {
    expect(
      findingOf(
        audit({ days: 30, state: 'Unlocked' }),
        'immutability',
        'stsalesaudit / audit',
      ).remediation,
    ).toBe(
      `Set the immutability policy of container audit in stsalesaudit to 3650 days and lock it ${blade}; locking cannot be undone.`,
    );
  });

  it('finds an unlocked policy long enough at risk', () => {
    expect(
      findingOf(
        audit({ days: 3650, state: 'Unlocked' }),
        'immutability',
        'stsalesaudit / audit',
      ),
    ).toMatchObject({
      verdict: 'at-risk',
      actual: 'unlocked, 3,650 days (10 years)',
      reason:
        'The immutability policy of container audit in stsalesaudit is unlocked: an unlocked policy can be shortened or deleted by anyone with write access.',
      remediation: `Lock the immutability policy of container audit in stsalesaudit ${blade}; locking cannot be undone, and afterwards the period can only be extended.`,
    });
  });

  it('finds a locked policy long enough compliant', () => {
    const finding = findingOf(
      audit({ days: 3650, state: 'Locked' }),
      'immutability',
      'stsalesaudit / audit',
    );
    expect(finding.verdict).toBe('compliant');
    expect(finding.remediation).toBeUndefined();
  });

  it('makes only the immutability check unknown when the container could not be read', () => {
    const result = evaluate([
      scan({
        storageAccounts: [
          account('stsalesaudit', {
            containers: [
              {
                name: 'audit',
                problem: { reason: 'deleted between list and get (HTTP 404)' },
              },
            ],
          }),
        ],
      }),
    ]);
    expect(
      findingOf(result, 'immutability', 'stsalesaudit / audit'),
    ).toMatchObject({
      verdict: 'unknown',
      reason:
        'The immutability policy of container audit in stsalesaudit could not be read: deleted between list and get (HTTP 404).',
    });
    expect(
      findingOf(result, 'total-retention', 'stsalesaudit / audit').verdict,
    ).toBe('compliant');
  });
});

describe('accounts and containers that could not be listed', () => {
  it('gives one unknown finding per check with the account as resource', () => {
    const result = evaluate([
      scan({
        storageAccounts: [
          account('stsalesaudit', {
            containers: undefined,
            containersProblem: { reason: 'access denied (HTTP 403)' },
          }),
        ],
      }),
    ]);
    const findings = result.findings.filter(f => f.area === 'retention');
    expect(
      findings.map(f => [f.category, f.check, f.verdict, f.resourceId]),
    ).toEqual([
      // Same verdict and check: ordered by id, which starts with the category.
      [
        'audit-containers',
        'total-retention',
        'unknown',
        accountId('stsalesaudit'),
      ],
      ['bronze-layer', 'total-retention', 'unknown', accountId('stsalesaudit')],
      [
        'curated-layers',
        'total-retention',
        'unknown',
        accountId('stsalesaudit'),
      ],
      ['bronze-layer', 'archive-tier', 'unknown', accountId('stsalesaudit')],
      [
        'audit-containers',
        'immutability',
        'unknown',
        accountId('stsalesaudit'),
      ],
    ]);
    expect(findings[0].reason).toBe(
      'The containers of storage account stsalesaudit could not be listed: access denied (HTTP 403).',
    );
  });

  it('gives one unknown finding per check without a resource when accounts could not be listed', () => {
    const result = evaluate([
      scan({
        storageAccounts: undefined,
        storageAccountsProblem: { reason: 'throttled by Azure (HTTP 429)' },
      }),
    ]);
    const findings = result.findings.filter(
      f => f.category === 'audit-containers',
    );
    expect(findings.map(f => [f.check, f.verdict, f.resourceName])).toEqual([
      ['total-retention', 'unknown', undefined],
      ['immutability', 'unknown', undefined],
    ]);
    expect(findings[0].reason).toContain(
      'could not be listed: throttled by Azure (HTTP 429).',
    );
  });
});

describe('categories coming into force', () => {
  const marketing = () =>
    scan({
      storageAccounts: [
        account('stmarketingdata', {
          location: 'brazilsouth',
          secondaryLocation: 'southcentralus',
          lifecycleRules: [
            rule('silver-trim', {
              prefixMatch: ['silver/'],
              delete: modified(365),
            }),
          ],
          containers: [container('silver'), container('gold')],
        }),
      ],
    });

  it('finds a shortfall within the horizon at risk, saying when it becomes required', () => {
    const result = evaluate([marketing()], { domain: 'marketing' });
    expect(
      findingOf(result, 'total-retention', 'stmarketingdata / silver'),
    ).toMatchObject({
      verdict: 'at-risk',
      required: '≥ 730 days (2 years) from 2027-02-01',
      reason:
        "Lifecycle rule 'silver-trim' of stmarketingdata deletes blobs in silver after 365 days (1 year), before the required 730 days (2 years). It is required from 2027-02-01, in 69 days.",
      remediation: `Change rule 'silver-trim' in the lifecycle management policy of stmarketingdata to delete after at least 730 days, or remove its delete action ${LIFECYCLE}.`,
    });
    expect(
      findingOf(result, 'total-retention', 'stmarketingdata / gold').verdict,
    ).toBe('compliant');
  });

  it('does not evaluate a category further ahead than the horizon', () => {
    const result = evaluate([marketing()], {
      domain: 'marketing',
      now: new Date('2026-10-01T00:00:00Z'),
    });
    expect(
      result.findings.filter(f => f.category === 'curated-layers'),
    ).toEqual([]);
    expect(
      result.timelines.filter(t => t.category === 'curated-layers'),
    ).toEqual([]);
  });

  it('finds the shortfall a violation once the date has come', () => {
    const result = evaluate([marketing()], {
      domain: 'marketing',
      now: new Date('2027-02-01T00:00:00Z'),
    });
    expect(
      findingOf(result, 'total-retention', 'stmarketingdata / silver'),
    ).toMatchObject({
      verdict: 'violation',
      required: '≥ 730 days (2 years)',
    });
  });
});

describe('container timelines', () => {
  it('draws tiers in age order, then deletion, with the required markers', () => {
    const result = evaluate([
      scan({
        storageAccounts: [
          account(ACC, {
            lifecycleRules: [
              rule('bronze-cleanup', {
                prefixMatch: ['bronze/'],
                tierToArchive: modified(90),
                delete: modified(2555),
              }),
              rule('cool-everything', { tierToCool: modified(30) }),
              rule('raw-cold', {
                prefixMatch: ['bronze/raw/'],
                tierToCold: modified(60),
              }),
            ],
            containers: [container('bronze')],
          }),
          account('stsalesaudit', {
            containers: [container('audit', { days: 3650, state: 'Locked' })],
          }),
        ],
      }),
    ]);
    expect(result.timelines).toEqual([
      {
        category: 'bronze-layer',
        categoryTitle: 'Bronze layer (raw data)',
        resourceName: `${ACC} / bronze`,
        resourceId: containerId(ACC, 'bronze'),
        segments: [
          { phase: 'hot', fromDay: 0, toDay: 30 },
          { phase: 'cool', fromDay: 30, toDay: 90 },
          { phase: 'archive', fromDay: 90, toDay: 2555 },
          { phase: 'deleted', fromDay: 2555 },
        ],
        requiredTotalDays: 3650,
        requiredArchiveDays: 180,
        verdict: 'violation',
      },
      {
        category: 'audit-containers',
        categoryTitle: 'Audit containers',
        resourceName: 'stsalesaudit / audit',
        resourceId: containerId('stsalesaudit', 'audit'),
        segments: [{ phase: 'hot', fromDay: 0 }],
        requiredTotalDays: 3650,
        immutableDays: 3650,
        verdict: 'compliant',
      },
    ]);
  });

  it('lets the last tier last forever when nothing deletes', () => {
    const result = bronze([
      rule('bronze-tiering', {
        prefixMatch: ['bronze/'],
        tierToCool: modified(30),
        tierToArchive: modified(90),
      }),
    ]);
    expect(
      result.timelines.find(t => t.resourceName === `${ACC} / bronze`)
        ?.segments,
    ).toEqual([
      { phase: 'hot', fromDay: 0, toDay: 30 },
      { phase: 'cool', fromDay: 30, toDay: 90 },
      { phase: 'archive', fromDay: 90 },
    ]);
  });
});
