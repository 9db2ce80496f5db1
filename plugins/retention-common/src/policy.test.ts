import { readFileSync } from 'fs';
import { resolve } from 'path';
import { dump } from 'js-yaml';
import {
  BASELINE_RETENTION_POLICY,
  DEFAULT_MINIMUM_RTO,
  DEFAULT_RECOVERY,
  formatPolicyErrors,
  MAX_RETENTION_POLICY_BYTES,
  parseRetentionPolicy,
  validateRetentionPolicy,
  type PolicyError,
} from './index';
import { exampleDocument, examplePolicyText } from './__fixtures__/policies';

/** The errors of the example document changed by `edit`; fails if it validates. */
function errorsAfter(edit: (doc: any) => void): PolicyError[] {
  const doc = exampleDocument();
  edit(doc);
  const result = validateRetentionPolicy(doc);
  if (result.ok) throw new Error('expected the edited policy to be invalid');
  return result.errors;
}

const LA = '/spec/categories/0/require';
const BRONZE = '/spec/categories/1/require';
const AUDIT = '/spec/categories/2/require';

describe('parseRetentionPolicy on valid policies', () => {
  it('returns the example policy typed, with its override', () => {
    const result = parseRetentionPolicy(examplePolicyText);
    if (!result.ok)
      throw new Error(formatPolicyErrors('example', result.errors));
    expect(result.policy).toEqual(exampleDocument());
  });

  it('fills in the optional parts with their defaults', () => {
    const result =
      parseRetentionPolicy(`apiVersion: dataplatform.contoso.com/retention-policy/v1
kind: RetentionPolicy
spec:
  categories:
    - id: bronze-layer
      title: Bronze
      blobContainers: [bronze]
      require: { totalDays: { min: 3650 } }
  recovery:
    defaults: { strategy: warm-spare }
    minimumRto: { warm-spare: PT2H }
`);
    expect(result).toEqual({
      ok: true,
      policy: {
        apiVersion: 'dataplatform.contoso.com/retention-policy/v1',
        kind: 'RetentionPolicy',
        spec: {
          atRiskHorizonDays: 90,
          categories: [
            {
              id: 'bronze-layer',
              title: 'Bronze',
              blobContainers: ['bronze'],
              require: { totalDays: { min: 3650 } },
            },
          ],
          recovery: {
            defaults: { ...DEFAULT_RECOVERY, strategy: 'warm-spare' },
            minimumRto: { ...DEFAULT_MINIMUM_RTO, 'warm-spare': 'PT2H' },
          },
          overrides: [],
        },
      },
    });
  });

  it('accepts the baseline policy unchanged', () => {
    expect(validateRetentionPolicy(BASELINE_RETENTION_POLICY)).toEqual({
      ok: true,
      policy: BASELINE_RETENTION_POLICY,
    });
    expect(BASELINE_RETENTION_POLICY.spec.categories.map(c => c.id)).toEqual([
      'audit-logs',
      'bronze-layer',
      'audit-containers',
    ]);
    expect(BASELINE_RETENTION_POLICY.spec.overrides).toEqual([]);
  });

  it('accepts the policy file of the catalog', () => {
    const file = resolve(
      __dirname,
      '../../../catalog/retention/retention-policy.yaml',
    );
    const result = parseRetentionPolicy(readFileSync(file, 'utf8'));
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('accepts a tightening override without a reason', () => {
    const doc = exampleDocument();
    doc.spec.overrides = [
      {
        domain: 'finance',
        category: 'bronze-layer',
        require: { archiveAfterDays: { max: 90 }, totalDays: { min: 4000 } },
      },
    ];
    expect(validateRetentionPolicy(doc).ok).toBe(true);
  });
});

describe('impossible requirements', () => {
  it('refuses a total retention below the interactive period', () => {
    expect(
      errorsAfter(doc => {
        doc.spec.categories[0].require.totalDays = { min: 20 };
      }),
    ).toEqual([
      {
        path: `${LA}/totalDays/min`,
        message:
          'totalDays.min (20) is below interactiveDays.min (30): total retention includes the interactive period',
      },
    ]);
  });

  it('refuses a total maximum below the interactive minimum', () => {
    expect(
      errorsAfter(doc => {
        doc.spec.categories[0].require.totalDays = { max: 20 };
      }),
    ).toEqual([
      {
        path: `${LA}/totalDays/max`,
        message:
          'totalDays.max (20) is below interactiveDays.min (30): total retention includes the interactive period, so no table can meet both',
      },
    ]);
  });

  it('refuses more than Log Analytics can keep', () => {
    expect(
      errorsAfter(doc => {
        doc.spec.categories[0].require.totalDays = { min: 4400 };
      }),
    ).toEqual([
      {
        path: `${LA}/totalDays/min`,
        message:
          'Log Analytics keeps data at most 4,383 days (12 years); got 4400',
      },
    ]);
  });

  it('accepts exactly the 12-year limit of Log Analytics', () => {
    const doc = exampleDocument();
    doc.spec.categories[0].require.totalDays = { min: 4383 };
    expect(validateRetentionPolicy(doc).ok).toBe(true);
  });

  it('refuses an interactive period outside 4 to 730 days', () => {
    expect(
      errorsAfter(doc => {
        doc.spec.categories[0].require.interactiveDays = { min: 800 };
        doc.spec.categories[0].require.totalDays = { min: 900 };
      }),
    ).toEqual([
      {
        path: `${LA}/interactiveDays/min`,
        message:
          'Log Analytics keeps a table interactively for 4 to 730 days; got 800',
      },
    ]);
    expect(
      errorsAfter(doc => {
        doc.spec.categories[0].require.interactiveDays = { max: 2 };
      }),
    ).toEqual([
      {
        path: `${LA}/interactiveDays/max`,
        message:
          'Log Analytics keeps a table interactively for 4 to 730 days; got 2',
      },
    ]);
  });

  it('refuses a minimum above the maximum, at the maximum', () => {
    expect(
      errorsAfter(doc => {
        doc.spec.categories[1].require.totalDays = { min: 3650, max: 365 };
      }),
    ).toEqual([
      {
        path: `${BRONZE}/totalDays/max`,
        message:
          'totalDays.max (365) is below totalDays.min (3650); max must be at least min',
      },
    ]);
  });

  it('refuses deletion before the immutability period ends', () => {
    expect(
      errorsAfter(doc => {
        doc.spec.categories[2].require.totalDays = { max: 365 };
      }),
    ).toEqual([
      {
        path: `${AUDIT}/totalDays/max`,
        message:
          'totalDays.max (365) is below immutability.minDays (3650): blobs cannot be deleted while an immutability policy protects them',
      },
    ]);
  });

  it('allows blobs to be deleted before they would be archived', () => {
    const doc = exampleDocument();
    doc.spec.categories[1].require = {
      archiveAfterDays: { max: 180 },
      totalDays: { max: 90 },
    };
    expect(validateRetentionPolicy(doc).ok).toBe(true);
  });

  it('checks the fixed ranges of blob requirements', () => {
    expect(
      errorsAfter(doc => {
        doc.spec.categories[1].require = {
          archiveAfterDays: { max: 40000 },
          totalDays: { min: 40000 },
        };
        doc.spec.categories[2].require.immutability = { minDays: 0 };
      }),
    ).toEqual([
      {
        path: `${BRONZE}/archiveAfterDays/max`,
        message: 'must be a whole number of days from 0 to 36,500 (got 40000)',
      },
      {
        path: `${BRONZE}/totalDays/min`,
        message:
          'a blob container requirement counts at most 36,500 days (100 years); got 40000',
      },
      {
        path: `${AUDIT}/immutability/minDays`,
        message:
          'must be a whole number of days from 1 to 146,000, the longest immutability period Azure allows (got 0)',
      },
    ]);
  });

  it('refuses a requirement key that does not apply where the data lives', () => {
    expect(
      errorsAfter(doc => {
        doc.spec.categories[1].require.interactiveDays = { min: 30 };
        doc.spec.categories[0].require.immutability = { minDays: 10 };
      }),
    ).toEqual([
      {
        path: `${LA}/immutability`,
        message:
          'immutability applies to blob containers only; a Log Analytics category may require interactiveDays and totalDays',
      },
      {
        path: `${BRONZE}/interactiveDays`,
        message:
          'interactiveDays applies to Log Analytics tables only; a blob container category may require totalDays, archiveAfterDays and immutability',
      },
    ]);
  });

  it('needs min or max in a bound, and a requirement in require', () => {
    expect(
      errorsAfter(doc => {
        doc.spec.categories[0].require.totalDays = {};
        doc.spec.categories[1].require = {};
      }),
    ).toEqual([
      { path: `${LA}/totalDays`, message: 'needs at least one of min, max' },
      {
        path: BRONZE,
        message:
          'needs at least one of interactiveDays, totalDays, archiveAfterDays, immutability',
      },
    ]);
  });

  it('refuses fractions and negative day counts', () => {
    expect(
      errorsAfter(doc => {
        doc.spec.categories[0].require.totalDays = { min: 3650.5 };
        doc.spec.categories[1].require.totalDays = { min: -1 };
      }),
    ).toEqual([
      {
        path: `${LA}/totalDays/min`,
        message: 'must be a whole number of days, 0 or more (got 3650.5)',
      },
      {
        path: `${BRONZE}/totalDays/min`,
        message: 'must be a whole number of days, 0 or more (got -1)',
      },
    ]);
  });
});

describe('categories', () => {
  it('suggests the key meant for an unknown key', () => {
    expect(
      errorsAfter(doc => {
        doc.spec.categories[0].require.totalDay = { min: 3650 };
        doc.spec.categories[1].blobContainer = ['bronze'];
      }),
    ).toEqual([
      {
        path: `${LA}/totalDay`,
        message:
          "unknown key; allowed keys are interactiveDays, totalDays, archiveAfterDays, immutability (did you mean 'totalDays'?)",
      },
      {
        path: '/spec/categories/1/blobContainer',
        message:
          "unknown key; allowed keys are id, title, description, logAnalyticsTables, blobContainers, effectiveFrom, require (did you mean 'blobContainers'?)",
      },
    ]);
  });

  it('names no suggestion for a key unlike any allowed one', () => {
    const [error] = errorsAfter(doc => {
      doc.spec.owner = 'platform-team';
    });
    expect(error).toEqual({
      path: '/spec/owner',
      message:
        'unknown key; allowed keys are atRiskHorizonDays, categories, recovery, overrides',
    });
  });

  it('refuses a table in two categories, at the second, naming the first', () => {
    expect(
      errorsAfter(doc => {
        doc.spec.categories.push({
          id: 'operational-logs',
          title: 'Operational diagnostics',
          logAnalyticsTables: ['AzureDiagnostics', 'auditlogs'],
          require: { totalDays: { max: 730 } },
        });
      }),
    ).toEqual([
      {
        path: '/spec/categories/4/logAnalyticsTables/1',
        message:
          'auditlogs is already in category audit-logs (/spec/categories/0/logAnalyticsTables/0); a table may belong to one category only (names compare case-insensitively)',
      },
    ]);
  });

  it('refuses a container in two categories and a name repeated in one', () => {
    expect(
      errorsAfter(doc => {
        doc.spec.categories[3].blobContainers = [
          'silver',
          'gold',
          'silver',
          'bronze',
        ];
      }),
    ).toEqual([
      {
        path: '/spec/categories/3/blobContainers/2',
        message:
          'repeats silver (/spec/categories/3/blobContainers/0); list each container once',
      },
      {
        path: '/spec/categories/3/blobContainers/3',
        message:
          'bronze is already in category bronze-layer (/spec/categories/1/blobContainers/0); a container may belong to one category only (names compare case-insensitively)',
      },
    ]);
  });

  it('needs exactly one of logAnalyticsTables and blobContainers', () => {
    expect(
      errorsAfter(doc => {
        doc.spec.categories[0].blobContainers = ['logs'];
        delete doc.spec.categories[3].blobContainers;
      }),
    ).toEqual([
      {
        path: '/spec/categories/0/blobContainers',
        message:
          'a category lists either logAnalyticsTables or blobContainers, not both; split it into two categories',
      },
      {
        path: '/spec/categories/3',
        message:
          'needs logAnalyticsTables (Log Analytics table names) or blobContainers (blob container names)',
      },
    ]);
  });

  it('checks names, ids and dates', () => {
    expect(
      errorsAfter(doc => {
        doc.spec.categories[0].logAnalyticsTables[1] = '1Activity';
        doc.spec.categories[1].blobContainers = ['Bronze'];
        doc.spec.categories[2].id = 'audit-logs';
        doc.spec.categories[3].effectiveFrom = '2027-02-30';
        doc.spec.categories[3].title = '';
      }),
    ).toEqual([
      {
        path: '/spec/categories/0/logAnalyticsTables/1',
        message:
          "must be a Log Analytics table name: a letter, then up to 62 letters, digits and underscores (got '1Activity')",
      },
      {
        path: '/spec/categories/1/blobContainers/0',
        message:
          "must be a container name of 3 to 63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit (got 'Bronze')",
      },
      {
        path: '/spec/categories/2/id',
        message:
          "duplicate category id 'audit-logs', already used at /spec/categories/0/id; category ids must be unique",
      },
      {
        path: '/spec/categories/3/effectiveFrom',
        message: "must be a real date written YYYY-MM-DD (got '2027-02-30')",
      },
      {
        path: '/spec/categories/3/title',
        message: "must be a text of 1 to 200 characters (got '')",
      },
    ]);
  });

  it('needs at least one category', () => {
    expect(
      errorsAfter(doc => {
        doc.spec.categories = [];
      }),
    ).toEqual([
      {
        path: '/spec/categories',
        message:
          'must be a list of 1 to 200 categories (got a list of 0 items)',
      },
      {
        path: '/spec/overrides/0/category',
        message:
          "must be the id of a category of this policy, which has none (got 'audit-logs')",
      },
    ]);
  });
});

describe('recovery', () => {
  it('needs positive ISO 8601 durations and a known strategy', () => {
    expect(
      errorsAfter(doc => {
        doc.spec.recovery.defaults = {
          rpo: '36h',
          rto: 'PT0S',
          strategy: 'cold-spare',
        };
        doc.spec.recovery.minimumRto = {
          'warm-spare': 'P',
          'luke-warm': 'PT1H',
        };
      }),
    ).toEqual([
      {
        path: '/spec/recovery/defaults/rpo',
        message:
          "must be an ISO 8601 duration greater than zero, e.g. P1DT12H (got '36h')",
      },
      {
        path: '/spec/recovery/defaults/rto',
        message:
          "must be an ISO 8601 duration greater than zero, e.g. PT24H (got 'PT0S')",
      },
      {
        path: '/spec/recovery/defaults/strategy',
        message:
          "must be one of redeploy, backup-restore, warm-spare, hot-spare (got 'cold-spare')",
      },
      {
        path: '/spec/recovery/minimumRto/luke-warm',
        message:
          'unknown key; allowed keys are redeploy, backup-restore, warm-spare, hot-spare',
      },
      {
        path: '/spec/recovery/minimumRto/warm-spare',
        message:
          "must be an ISO 8601 duration greater than zero, e.g. PT8H (got 'P')",
      },
    ]);
  });

  it('refuses a default RTO its default strategy cannot meet', () => {
    expect(
      errorsAfter(doc => {
        doc.spec.recovery.defaults.rto = 'PT4H';
      }),
    ).toEqual([
      {
        path: '/spec/recovery/defaults/rto',
        message:
          'the default RTO (PT4H) is below the minimum RTO of backup-restore (PT8H): every domain that declares no RTO would violate it',
      },
    ]);
  });
});

describe('overrides', () => {
  it('needs the id of a category, suggesting the one meant', () => {
    expect(
      errorsAfter(doc => {
        doc.spec.overrides[0].category = 'audit-log';
      }),
    ).toEqual([
      {
        path: '/spec/overrides/0/category',
        message:
          "must be the id of a category of this policy: audit-logs, bronze-layer, audit-containers, curated-layers (got 'audit-log') (did you mean 'audit-logs'?)",
      },
    ]);
  });

  it('needs a reason for relaxing a requirement', () => {
    expect(
      errorsAfter(doc => {
        delete doc.spec.overrides[0].reason;
      }),
    ).toEqual([
      {
        path: '/spec/overrides/0/reason',
        message:
          'relaxes totalDays.min from 3650 to 2555: give a reason (it is shown beside every finding the override affects)',
      },
    ]);
  });

  it('counts replacing a bound without its minimum as relaxing it', () => {
    expect(
      errorsAfter(doc => {
        doc.spec.overrides[0] = {
          domain: 'sales',
          category: 'bronze-layer',
          require: { totalDays: { max: 5000 }, archiveAfterDays: { max: 365 } },
        };
      }),
    ).toEqual([
      {
        path: '/spec/overrides/0/reason',
        message:
          'relaxes totalDays.min from 3650 to no minimum and archiveAfterDays.max from 180 to 365: give a reason (it is shown beside every finding the override affects)',
      },
    ]);
  });

  it('checks the merged requirements, at the override', () => {
    expect(
      errorsAfter(doc => {
        doc.spec.overrides.push(
          {
            domain: 'hr',
            category: 'audit-containers',
            require: { totalDays: { max: 1000 }, interactiveDays: { min: 30 } },
            reason: 'Data minimisation.',
          },
          {
            domain: 'sales',
            category: 'audit-logs',
            require: { interactiveDays: { min: 90 }, totalDays: { min: 60 } },
            reason: 'Short-lived data.',
          },
        );
      }),
    ).toEqual([
      {
        path: '/spec/overrides/1/require/interactiveDays',
        message:
          'interactiveDays applies to Log Analytics tables only; a blob container category may require totalDays, archiveAfterDays and immutability',
      },
      {
        path: '/spec/overrides/1/require/totalDays/max',
        message:
          "totalDays.max (1000) is below immutability.minDays (3650): blobs cannot be deleted while an immutability policy protects them (immutability.minDays is category audit-containers's)",
      },
      {
        path: '/spec/overrides/2/require/totalDays/min',
        message:
          'totalDays.min (60) is below interactiveDays.min (90): total retention includes the interactive period',
      },
    ]);
  });

  it('refuses a second override for the same domain and category', () => {
    expect(
      errorsAfter(doc => {
        doc.spec.overrides.push({
          domain: 'hr',
          category: 'audit-logs',
          require: { interactiveDays: { min: 60 } },
        });
      }),
    ).toEqual([
      {
        path: '/spec/overrides/1',
        message:
          'a second override for domain hr and category audit-logs (the first is /spec/overrides/0); combine them into one',
      },
    ]);
  });
});

describe('the file as a whole', () => {
  it('refuses a file over 256 KiB with one error for the whole document', () => {
    const text = `# ${'x'.repeat(300 * 1024 - 3)}\n`;
    const result = parseRetentionPolicy(text);
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          path: '',
          message:
            'the policy file is 300.0 KiB (307200 bytes); at most 256.0 KiB (262144 bytes) is allowed',
        },
      ],
    });
    // Exactly at the limit is accepted.
    const atLimit = `${examplePolicyText}#`;
    const filler = `${'x'.repeat(MAX_RETENTION_POLICY_BYTES - atLimit.length)}`;
    expect(parseRetentionPolicy(atLimit + filler).ok).toBe(true);
  });

  it('counts the size in UTF-8 bytes', () => {
    // 'ä' is one UTF-16 unit but two UTF-8 bytes: under the limit in characters, over it in bytes.
    const comment = `# ${'ä'.repeat(MAX_RETENTION_POLICY_BYTES / 2)}\n`;
    const result = parseRetentionPolicy(comment + examplePolicyText);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([
      {
        path: '',
        message: expect.stringMatching(
          /^the policy file is 257\.\d KiB \(\d+ bytes\); at most 256\.0 KiB \(262144 bytes\) is allowed$/,
        ),
      },
    ]);
  });

  it('names the line of a YAML syntax error', () => {
    const broken = examplePolicyText.replace(
      '      title: Bronze layer (raw data)',
      '     title: Bronze layer (raw data)',
    );
    const result = parseRetentionPolicy(broken);
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          path: '',
          message: expect.stringMatching(
            /^YAML syntax error at line 14, column 6: bad indentation/,
          ),
        },
      ],
    });
  });

  it('refuses a document that is not a mapping', () => {
    expect(parseRetentionPolicy('- a\n- b\n')).toEqual({
      ok: false,
      errors: [
        {
          path: '',
          message:
            'a retention policy must be a mapping with apiVersion, kind, metadata and spec; found a list of 2 items',
        },
      ],
    });
    expect(parseRetentionPolicy('')).toEqual({
      ok: false,
      errors: [
        {
          path: '',
          message:
            'the document is empty; a retention policy is a mapping with apiVersion, kind, metadata and spec',
        },
      ],
    });
  });

  it('names the allowed apiVersion and kind', () => {
    expect(
      errorsAfter(doc => {
        doc.apiVersion = 'dataplatform.contoso.com/retention-policy/v2';
        doc.kind = 'RetentionPolicies';
      }),
    ).toEqual([
      {
        path: '/apiVersion',
        message:
          "must be 'dataplatform.contoso.com/retention-policy/v1' (got 'dataplatform.contoso.com/retention-policy/v2')",
      },
      {
        path: '/kind',
        message: "must be 'RetentionPolicy' (got 'RetentionPolicies')",
      },
    ]);
  });

  it('collects every error of a document at once', () => {
    const errors = errorsAfter(doc => {
      doc.apiVersion = 'v2';
      doc.spec.atRiskHorizonDays = 400;
      doc.spec.categories[0].require.totalDays = { min: 4400 };
      doc.spec.categories[1].require.interactiveDays = { min: 30 };
      doc.spec.overrides[0].category = 'audit-log';
    });
    expect(errors.map(e => e.path)).toEqual([
      '/apiVersion',
      '/spec/atRiskHorizonDays',
      `${LA}/totalDays/min`,
      `${BRONZE}/interactiveDays`,
      '/spec/overrides/0/category',
    ]);
    expect(errors[1].message).toBe(
      'must be a whole number of days from 1 to 365 (got 400)',
    );
  });

  it('reads YAML dates as text, not as timestamps', () => {
    const result = parseRetentionPolicy(examplePolicyText);
    expect(result.ok && result.policy.spec.categories[3].effectiveFrom).toBe(
      '2027-02-01',
    );
  });

  it('survives a round trip through YAML', () => {
    const result = parseRetentionPolicy(dump(BASELINE_RETENTION_POLICY));
    expect(result).toEqual({ ok: true, policy: BASELINE_RETENTION_POLICY });
  });
});

describe('formatPolicyErrors', () => {
  it('lists every error under the file name', () => {
    expect(
      formatPolicyErrors('catalog/retention/policy.yaml', [
        { path: '/kind', message: "must be 'RetentionPolicy' (got 'X')" },
        { path: '', message: 'YAML syntax error at line 3, column 1: x' },
      ]),
    ).toBe(
      "catalog/retention/policy.yaml: 2 errors\n  /kind: must be 'RetentionPolicy' (got 'X')\n  (document): YAML syntax error at line 3, column 1: x",
    );
    expect(
      formatPolicyErrors('p.yaml', [{ path: '/spec', message: 'm' }]),
    ).toBe('p.yaml: 1 error\n  /spec: m');
  });
});
