import { dump } from 'js-yaml';
import {
  MAX_HEALTH_MODEL_BYTES,
  parseHealthModel,
  validateHealthModel,
  type HealthModelValidationError,
} from './index';
import {
  financeDocument,
  financeModelText,
  OTHER_SUB,
  storageAccount,
  SUB,
  WORKSPACE,
} from './__fixtures__/models';

const LOG = '/spec/components/0/signals/0';
const METRIC = '/spec/components/1/signals/0';

/** The errors of a document changed by `edit`; fails if it validates. */
function errorsAfter(edit: (doc: any) => void): HealthModelValidationError[] {
  const doc = financeDocument();
  edit(doc);
  const result = validateHealthModel(doc);
  if (result.valid) throw new Error('expected the edited model to be invalid');
  return result.errors;
}

describe('parseHealthModel on a valid model', () => {
  it('returns the typed model with defaults applied', () => {
    const result = parseHealthModel(financeModelText);
    expect(result).toEqual({
      valid: true,
      model: {
        apiVersion: 'dataplatform.contoso.com/health-model/v1',
        kind: 'HealthModel',
        description: 'Finance domain: ledger ingestion and fraud scoring',
        rollup: 'worst-of',
        components: [
          {
            id: 'ingestion',
            title: 'Ledger ingestion',
            description: 'ADF pipelines loading the ledger',
            dependsOn: ['storage'],
            weight: 2,
            signals: [
              {
                id: 'pipeline-failures',
                title: 'Failed pipeline runs',
                type: 'log',
                workspace: WORKSPACE,
                query:
                  'ADFPipelineRun\n| where Status == "Failed"\n| summarize value = count() by bin(TimeGenerated, 15m)\n| top 1 by TimeGenerated\n',
                timespan: 'PT15M',
                unit: 'runs',
                thresholds: { direction: 'above', degraded: 1, unhealthy: 5 },
                weight: 1,
              },
            ],
          },
          {
            id: 'storage',
            dependsOn: [],
            signals: [
              {
                id: 'storage-availability',
                type: 'metric',
                resources: [storageAccount('stfinance')],
                region: 'westeurope',
                namespace: 'Microsoft.Storage/storageAccounts',
                metric: 'Availability',
                aggregation: 'average',
                window: 'PT5M',
                unit: '%',
                thresholds: {
                  direction: 'below',
                  degraded: 99.9,
                  unhealthy: 99,
                },
              },
            ],
          },
        ],
      },
    });
  });

  it('defaults rollup to worst-of, dependsOn to [], timespan to PT15M and window to PT5M, and leaves title unset', () => {
    const doc = financeDocument();
    delete doc.spec.rollup;
    delete doc.metadata;
    delete doc.spec.components[0].dependsOn;
    delete doc.spec.components[0].title;
    delete doc.spec.components[0].signals[0].timespan;
    const result = validateHealthModel(doc);
    if (!result.valid) throw new Error(JSON.stringify(result.errors));
    expect(result.model.rollup).toBe('worst-of');
    expect(result.model).not.toHaveProperty('description');
    expect(result.model.components[0].dependsOn).toEqual([]);
    expect(result.model.components[0]).not.toHaveProperty('title');
    expect(result.model.components[0].signals[0]).toMatchObject({
      timespan: 'PT15M',
    });
    expect(result.model.components[1].signals[0]).toMatchObject({
      window: 'PT5M',
    });
  });

  it('does not share arrays with the input document', () => {
    const doc = financeDocument();
    const result = validateHealthModel(doc);
    if (!result.valid) throw new Error('expected valid');
    doc.spec.components[0].dependsOn.push('x');
    expect(result.model.components[0].dependsOn).toEqual(['storage']);
  });

  it('accepts weighted rollup, an empty component list, nested resource types and a below threshold without degraded', () => {
    const doc = financeDocument();
    doc.spec.rollup = 'weighted';
    const metric = doc.spec.components[1].signals[0];
    metric.resources = [
      `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Sql/servers/sql1/databases/db1`,
      `/subscriptions/${SUB.toUpperCase()}/resourcegroups/rg/providers/Microsoft.Sql/servers/sql1/databases/db2`,
    ];
    metric.namespace = 'microsoft.sql/servers/databases';
    metric.thresholds = { direction: 'below', unhealthy: 0 };
    metric.window = 'P1D';
    expect(validateHealthModel(doc).valid).toBe(true);
    expect(
      validateHealthModel({ ...doc, spec: { components: [] } }).valid,
    ).toBe(true);
  });
});

describe('structural rules, each with its exact path and message', () => {
  it.each([
    [
      'an unknown key in a signal, with a suggestion',
      (d: any) => {
        d.spec.components[0].signals[0].treshold = 3;
      },
      {
        path: `${LOG}/treshold`,
        message:
          "unknown key; allowed keys are id, title, description, type, workspace, query, timespan, unit, thresholds, weight (did you mean 'thresholds'?)",
      },
    ],
    [
      'a metric key in a log signal',
      (d: any) => {
        d.spec.components[0].signals[0].window = 'PT5M';
      },
      {
        path: `${LOG}/window`,
        message:
          'unknown key; allowed keys are id, title, description, type, workspace, query, timespan, unit, thresholds, weight',
      },
    ],
    [
      'an unknown key at the top',
      (d: any) => {
        d.status = 'x';
      },
      {
        path: '/status',
        message:
          'unknown key; allowed keys are apiVersion, kind, metadata, spec',
      },
    ],
    [
      'an unknown key in metadata',
      (d: any) => {
        d.metadata.name = 'finance';
      },
      {
        path: '/metadata/name',
        message: 'unknown key; allowed keys are description',
      },
    ],
    [
      'an unknown key in a component',
      (d: any) => {
        d.spec.components[1].depends = ['ingestion'];
      },
      {
        path: '/spec/components/1/depends',
        message:
          "unknown key; allowed keys are id, title, description, dependsOn, weight, signals (did you mean 'dependsOn'?)",
      },
    ],
    [
      'an unknown key in thresholds',
      (d: any) => {
        d.spec.components[1].signals[0].thresholds.critical = 95;
      },
      {
        path: `${METRIC}/thresholds/critical`,
        message: 'unknown key; allowed keys are direction, degraded, unhealthy',
      },
    ],
    [
      'a wrong apiVersion',
      (d: any) => {
        d.apiVersion = 'v1';
      },
      {
        path: '/apiVersion',
        message:
          "must be 'dataplatform.contoso.com/health-model/v1' (got 'v1')",
      },
    ],
    [
      'a wrong kind',
      (d: any) => {
        d.kind = 'Model';
      },
      { path: '/kind', message: "must be 'HealthModel' (got 'Model')" },
    ],
    [
      'a missing spec',
      (d: any) => {
        delete d.spec;
      },
      {
        path: '/spec',
        message: 'is required; must be a mapping with rollup and components',
      },
    ],
    [
      'an unknown rollup',
      (d: any) => {
        d.spec.rollup = 'average';
      },
      {
        path: '/spec/rollup',
        message: "must be one of worst-of, weighted (got 'average')",
      },
    ],
    [
      'components not a list',
      (d: any) => {
        d.spec.components = { ingestion: {} };
      },
      {
        path: '/spec/components',
        message: 'must be a list of at most 100 components (got a mapping)',
      },
    ],
    [
      'more than 100 components',
      (d: any) => {
        d.spec.components = Array.from({ length: 101 }, (_, i) => ({
          ...d.spec.components[1],
          id: `c${i}`,
        }));
      },
      {
        path: '/spec/components',
        message:
          'must be a list of at most 100 components (got a list of 101 items)',
      },
    ],
    [
      'an invalid component id',
      (d: any) => {
        d.spec.components[0].id = 'Ledger_Ingestion';
      },
      {
        path: '/spec/components/0/id',
        message:
          "must be an id of 1 to 63 lower-case letters, digits and hyphens, starting and ending with a letter or digit (got 'Ledger_Ingestion')",
      },
    ],
    [
      'an id ending with a hyphen',
      (d: any) => {
        d.spec.components[0].signals[0].id = 'failures-';
      },
      {
        path: `${LOG}/id`,
        message:
          "must be an id of 1 to 63 lower-case letters, digits and hyphens, starting and ending with a letter or digit (got 'failures-')",
      },
    ],
    [
      'no signals',
      (d: any) => {
        d.spec.components[1].signals = [];
      },
      {
        path: '/spec/components/1/signals',
        message: 'must be a list of 1 to 50 signals (got a list of 0 items)',
      },
    ],
    [
      'a missing signals list',
      (d: any) => {
        delete d.spec.components[1].signals;
      },
      {
        path: '/spec/components/1/signals',
        message: 'is required; must be a list of 1 to 50 signals',
      },
    ],
    [
      'a zero weight',
      (d: any) => {
        d.spec.components[0].weight = 0;
      },
      {
        path: '/spec/components/0/weight',
        message: 'must be a number greater than 0 and at most 1000 (got 0)',
      },
    ],
    [
      'a weight given as text',
      (d: any) => {
        d.spec.components[0].signals[0].weight = '2';
      },
      {
        path: `${LOG}/weight`,
        message: "must be a number greater than 0 and at most 1000 (got '2')",
      },
    ],
    [
      'an unknown signal type',
      (d: any) => {
        d.spec.components[0].signals[0].type = 'trace';
      },
      {
        path: `${LOG}/type`,
        message: "must be one of log, metric (got 'trace')",
      },
    ],
    [
      'a missing signal type',
      (d: any) => {
        delete d.spec.components[0].signals[0].type;
      },
      {
        path: `${LOG}/type`,
        message: 'is required; must be one of log, metric',
      },
    ],
    [
      'a missing query',
      (d: any) => {
        delete d.spec.components[0].signals[0].query;
      },
      {
        path: `${LOG}/query`,
        message:
          'is required; must be a non-blank KQL query of at most 10,000 characters',
      },
    ],
    [
      'a blank query',
      (d: any) => {
        d.spec.components[0].signals[0].query = '  \n ';
      },
      {
        path: `${LOG}/query`,
        message:
          "must be a non-blank KQL query of at most 10,000 characters (got '  \n ')",
      },
    ],
    [
      'a query over 10,000 characters',
      (d: any) => {
        d.spec.components[0].signals[0].query = 'x'.repeat(10_001);
      },
      {
        path: `${LOG}/query`,
        message:
          'must be a non-blank KQL query of at most 10,000 characters (got a text of 10,001 characters)',
      },
    ],
    [
      'a workspace that is no resource id',
      (d: any) => {
        d.spec.components[0].signals[0].workspace = 'law-finance';
      },
      {
        path: `${LOG}/workspace`,
        message:
          "must be the resource id of a Log Analytics workspace: /subscriptions/<guid>/resourceGroups/<group>/providers/Microsoft.OperationalInsights/workspaces/<name> (got 'law-finance')",
      },
    ],
    [
      'a workspace id of another resource type',
      (d: any) => {
        d.spec.components[0].signals[0].workspace = storageAccount('st');
      },
      {
        path: `${LOG}/workspace`,
        message:
          'must be the resource id of a Log Analytics workspace (type Microsoft.OperationalInsights/workspaces); got a resource of type Microsoft.Storage/storageAccounts',
      },
    ],
    [
      'a timespan beyond P7D',
      (d: any) => {
        d.spec.components[0].signals[0].timespan = 'P8D';
      },
      {
        path: `${LOG}/timespan`,
        message:
          "must be an ISO 8601 duration from PT1M to P7D in days, hours, minutes and seconds, e.g. PT15M (got 'P8D')",
      },
    ],
    [
      'a timespan below PT1M',
      (d: any) => {
        d.spec.components[0].signals[0].timespan = 'PT30S';
      },
      {
        path: `${LOG}/timespan`,
        message:
          "must be an ISO 8601 duration from PT1M to P7D in days, hours, minutes and seconds, e.g. PT15M (got 'PT30S')",
      },
    ],
    [
      'a timespan in months',
      (d: any) => {
        d.spec.components[0].signals[0].timespan = 'P1M';
      },
      {
        path: `${LOG}/timespan`,
        message:
          "must be an ISO 8601 duration from PT1M to P7D in days, hours, minutes and seconds, e.g. PT15M (got 'P1M')",
      },
    ],
    [
      'a window beyond P1D',
      (d: any) => {
        d.spec.components[1].signals[0].window = 'PT25H';
      },
      {
        path: `${METRIC}/window`,
        message:
          "must be an ISO 8601 duration from PT1M to P1D in days, hours, minutes and seconds, e.g. PT5M (got 'PT25H')",
      },
    ],
    [
      'a window that is not a duration',
      (d: any) => {
        d.spec.components[1].signals[0].window = '5m';
      },
      {
        path: `${METRIC}/window`,
        message:
          "must be an ISO 8601 duration from PT1M to P1D in days, hours, minutes and seconds, e.g. PT5M (got '5m')",
      },
    ],
    [
      'an unknown aggregation',
      (d: any) => {
        d.spec.components[1].signals[0].aggregation = 'avg';
      },
      {
        path: `${METRIC}/aggregation`,
        message:
          "must be one of average, minimum, maximum, total, count (got 'avg')",
      },
    ],
    [
      'no resources',
      (d: any) => {
        d.spec.components[1].signals[0].resources = [];
      },
      {
        path: `${METRIC}/resources`,
        message:
          'must be a list of 1 to 50 distinct resource ids (got a list of 0 items)',
      },
    ],
    [
      'more than 50 resources',
      (d: any) => {
        d.spec.components[1].signals[0].resources = Array.from(
          { length: 51 },
          (_, i) => storageAccount(`st${i}`),
        );
      },
      {
        path: `${METRIC}/resources`,
        message:
          'must be a list of 1 to 50 distinct resource ids (got a list of 51 items)',
      },
    ],
    [
      'a repeated resource',
      (d: any) => {
        d.spec.components[1].signals[0].resources = [
          storageAccount('a'),
          storageAccount('b'),
          storageAccount('a'),
        ];
      },
      {
        path: `${METRIC}/resources/2`,
        message: 'repeats item 0; each entry may appear once',
      },
    ],
    [
      'a malformed resource id',
      (d: any) => {
        d.spec.components[1].signals[0].resources = [
          '/subscriptions/not-a-guid/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/a',
        ];
      },
      {
        path: `${METRIC}/resources/0`,
        message:
          "must be an Azure resource id: /subscriptions/<guid>/resourceGroups/<group>/providers/<Namespace>/<type>/<name> (got '/subscriptions/not-a-guid/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/a')",
      },
    ],
    [
      'resources in two subscriptions',
      (d: any) => {
        d.spec.components[1].signals[0].resources = [
          storageAccount('a'),
          storageAccount('b', OTHER_SUB),
        ];
      },
      {
        path: `${METRIC}/resources/1`,
        message: `must be in subscription ${SUB} like resources/0: one metric signal reads one subscription (got ${OTHER_SUB})`,
      },
    ],
    [
      'resources of two types',
      (d: any) => {
        d.spec.components[1].signals[0].resources = [
          storageAccount('a'),
          `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv`,
        ];
      },
      {
        path: `${METRIC}/resources/1`,
        message:
          'must be of type Microsoft.Storage/storageAccounts like resources/0: one metric signal reads one resource type (got Microsoft.KeyVault/vaults)',
      },
    ],
    [
      "a namespace that is not the resources' type",
      (d: any) => {
        d.spec.components[1].signals[0].namespace = 'Microsoft.Sql/servers';
      },
      {
        path: `${METRIC}/namespace`,
        message:
          "must be the resources' type Microsoft.Storage/storageAccounts (got 'Microsoft.Sql/servers')",
      },
    ],
    [
      'a region with capitals and spaces',
      (d: any) => {
        d.spec.components[1].signals[0].region = 'West Europe';
      },
      {
        path: `${METRIC}/region`,
        message:
          "must be an Azure region name of lower-case letters and digits, e.g. westeurope (got 'West Europe')",
      },
    ],
    [
      'a metric name with a comma',
      (d: any) => {
        d.spec.components[1].signals[0].metric = 'Availability,Egress';
      },
      {
        path: `${METRIC}/metric`,
        message:
          "must be a metric name without commas, at most 256 characters, e.g. Availability (got 'Availability,Egress')",
      },
    ],
    [
      'a missing unhealthy threshold',
      (d: any) => {
        delete d.spec.components[1].signals[0].thresholds.unhealthy;
      },
      {
        path: `${METRIC}/thresholds/unhealthy`,
        message: 'is required; must be a number',
      },
    ],
    [
      'a threshold given as text',
      (d: any) => {
        d.spec.components[1].signals[0].thresholds.unhealthy = '99 %';
      },
      {
        path: `${METRIC}/thresholds/unhealthy`,
        message: "must be a number (got '99 %')",
      },
    ],
    [
      'an unknown direction',
      (d: any) => {
        d.spec.components[1].signals[0].thresholds.direction = 'under';
      },
      {
        path: `${METRIC}/thresholds/direction`,
        message: "must be one of above, below (got 'under')",
      },
    ],
    [
      'degraded above unhealthy for direction above',
      (d: any) => {
        d.spec.components[0].signals[0].thresholds = {
          direction: 'above',
          degraded: 7,
          unhealthy: 5,
        };
      },
      {
        path: `${LOG}/thresholds/degraded`,
        message:
          'must be ≤ unhealthy (5) when direction is above, where higher values are worse (got 7)',
      },
    ],
    [
      'degraded below unhealthy for direction below',
      (d: any) => {
        d.spec.components[1].signals[0].thresholds = {
          direction: 'below',
          degraded: 98,
          unhealthy: 99,
        };
      },
      {
        path: `${METRIC}/thresholds/degraded`,
        message:
          'must be ≥ unhealthy (99) when direction is below, where lower values are worse (got 98)',
      },
    ],
    [
      'a title that is not text',
      (d: any) => {
        d.spec.components[0].title = ['a'];
      },
      {
        path: '/spec/components/0/title',
        message: 'must be a text of 1 to 200 characters (got a list of 1 item)',
      },
    ],
  ])('reports %s', (_name, edit, expected) => {
    expect(errorsAfter(edit)).toEqual([expected]);
  });
});

describe('identity and dependency rules', () => {
  it('reports a missing component id, and the dependency that now names nothing', () => {
    expect(
      errorsAfter(d => {
        delete d.spec.components[1].id;
      }),
    ).toEqual([
      {
        path: '/spec/components/0/dependsOn/0',
        message:
          "must be the id of another component of this model (there is none); found no component 'storage'",
      },
      {
        path: '/spec/components/1/id',
        message:
          'is required; must be an id of 1 to 63 lower-case letters, digits and hyphens, starting and ending with a letter or digit',
      },
    ]);
  });

  it('reports a duplicate component id at the second use', () => {
    expect(
      errorsAfter(d => {
        d.spec.components[1].id = 'ingestion';
        d.spec.components[0].dependsOn = [];
      }),
    ).toEqual([
      {
        path: '/spec/components/1/id',
        message:
          "duplicate component id 'ingestion', already used at /spec/components/0/id; component ids must be unique in the model",
      },
    ]);
  });

  it('reports a duplicate signal id within a component, but allows the same id in another component', () => {
    expect(
      errorsAfter(d => {
        const signals = d.spec.components[1].signals;
        signals.push({ ...signals[0] });
        d.spec.components[0].signals[0].id = 'storage-availability';
      }),
    ).toEqual([
      {
        path: '/spec/components/1/signals/1/id',
        message:
          "duplicate signal id 'storage-availability', already used at /spec/components/1/signals/0/id; signal ids must be unique within a component",
      },
    ]);
  });

  it('reports a dependency on a component that does not exist, naming the ids that do', () => {
    expect(
      errorsAfter(d => {
        d.spec.components[0].dependsOn = ['storage', 'storag'];
      }),
    ).toEqual([
      {
        path: '/spec/components/0/dependsOn/1',
        message:
          "must be the id of another component of this model (storage); found no component 'storag'",
      },
    ]);
  });

  it('reports a component depending on itself', () => {
    expect(
      errorsAfter(d => {
        d.spec.components[1].dependsOn = ['storage'];
      }),
    ).toEqual([
      {
        path: '/spec/components/1/dependsOn/0',
        message:
          'a component cannot depend on itself; must be the id of another component of this model',
      },
    ]);
  });

  it('reports a repeated dependency', () => {
    expect(
      errorsAfter(d => {
        d.spec.components[0].dependsOn = ['storage', 'storage'];
      }),
    ).toEqual([
      {
        path: '/spec/components/0/dependsOn/1',
        message: 'repeats item 0; each entry may appear once',
      },
    ]);
  });

  it('names a two-component cycle from the component written first', () => {
    expect(
      errorsAfter(d => {
        d.spec.components[1].dependsOn = ['ingestion'];
      }),
    ).toEqual([
      {
        path: '/spec/components/0/dependsOn/0',
        message:
          'dependency cycle: ingestion → storage → ingestion; dependsOn must not lead back to the component',
      },
    ]);
  });

  it('names a longer cycle once, and each separate cycle', () => {
    const component = (id: string, dependsOn: string[]) => ({
      id,
      dependsOn,
      signals: [
        {
          id: 's',
          type: 'log',
          workspace: WORKSPACE,
          query: 'T | count',
          thresholds: { direction: 'above', unhealthy: 1 },
        },
      ],
    });
    expect(
      errorsAfter(d => {
        d.spec.components = [
          component('a', ['b']),
          component('b', ['c']),
          component('c', ['d', 'a']),
          component('d', []),
          component('e', ['f']),
          component('f', ['d', 'e']),
        ];
      }),
    ).toEqual([
      {
        path: '/spec/components/0/dependsOn/0',
        message:
          'dependency cycle: a → b → c → a; dependsOn must not lead back to the component',
      },
      {
        path: '/spec/components/4/dependsOn/0',
        message:
          'dependency cycle: e → f → e; dependsOn must not lead back to the component',
      },
    ]);
  });

  it('accepts a diamond of dependencies (shared, not cyclic)', () => {
    const doc = financeDocument();
    const signals = doc.spec.components[1].signals;
    doc.spec.components = [
      { id: 'a', dependsOn: ['b', 'c'], signals },
      { id: 'b', dependsOn: ['d'], signals },
      { id: 'c', dependsOn: ['d'], signals },
      { id: 'd', signals },
    ];
    expect(validateHealthModel(doc).valid).toBe(true);
  });
});

describe('documents that are not models', () => {
  it.each([
    ['a list', '- a\n- b\n', 'a list of 2 items'],
    ['a string', 'just text\n', "'just text'"],
    ['a number', '42\n', '42'],
  ])('refuses %s at the root', (_name, text, found) => {
    expect(parseHealthModel(text)).toEqual({
      valid: false,
      errors: [
        {
          path: '/',
          message: `a health model must be a mapping with apiVersion, kind, metadata and spec; found ${found}`,
        },
      ],
    });
  });

  it('refuses an empty document', () => {
    expect(parseHealthModel('# nothing here\n')).toEqual({
      valid: false,
      errors: [
        {
          path: '/',
          message:
            'the document is empty; a health model is a mapping with apiVersion, kind, metadata and spec',
        },
      ],
    });
  });

  it('reports a YAML syntax error with its line and column', () => {
    const broken = financeModelText.replace(
      'unit: runs',
      'unit: runs\n         oops: [',
    );
    const result = parseHealthModel(broken);
    expect(result.valid).toBe(false);
    if (result.valid) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0].path).toBe('/');
    const line =
      financeModelText.split('\n').findIndex(l => l.includes('unit: runs')) + 2;
    expect(result.errors[0].message).toMatch(
      new RegExp(`^YAML syntax error at line ${line}, column \\d+: .+`),
    );
  });

  it('reports a duplicated key as a YAML error naming the line', () => {
    const result = parseHealthModel('kind: HealthModel\nkind: Other\n');
    expect(result).toEqual({
      valid: false,
      errors: [
        {
          path: '/',
          message: expect.stringMatching(
            /^YAML syntax error at line 2, column \d+: duplicated mapping key/,
          ),
        },
      ],
    });
  });

  it('refuses a file over 256 KiB before parsing it, and accepts one at the limit', () => {
    const padding = (n: number) => `\n${'#'.repeat(n - 1)}`;
    const base = Buffer.byteLength(financeModelText, 'utf8');
    const atLimit = financeModelText + padding(MAX_HEALTH_MODEL_BYTES - base);
    expect(Buffer.byteLength(atLimit, 'utf8')).toBe(MAX_HEALTH_MODEL_BYTES);
    expect(parseHealthModel(atLimit).valid).toBe(true);
    expect(parseHealthModel(`${atLimit}#`)).toEqual({
      valid: false,
      errors: [
        {
          path: '/',
          message:
            'the model file is 256.0 KiB (262145 bytes); at most 256.0 KiB (262144 bytes) is allowed',
        },
      ],
    });
  });

  it('counts the size in UTF-8 bytes, not characters', () => {
    // 'é' is two bytes: 140,000 characters are 280,000 bytes.
    const text = `${financeModelText}# ${'é'.repeat(140_000)}\n`;
    const result = parseHealthModel(text);
    expect(result.valid).toBe(false);
    if (result.valid) return;
    expect(result.errors[0].message).toMatch(/^the model file is 27\d\.\d KiB/);
  });

  it('refuses alias bombs and deep nesting without throwing', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...Array.from(
        { length: 8 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(
            98 + i,
          )} [${Array(10)
            .fill(`*${String.fromCharCode(97 + i)}`)
            .join(', ')}]`,
      ),
    ].join('\n');
    expect(parseHealthModel(bomb)).toEqual({
      valid: false,
      errors: [
        {
          path: '/',
          message:
            'the document holds more than 200000 values (YAML aliases counted each time they are used); a health model is far smaller',
        },
      ],
    });
    const deep = `spec: ${'['.repeat(40)}${']'.repeat(40)}\n`;
    expect(parseHealthModel(deep)).toEqual({
      valid: false,
      errors: [
        {
          path: expect.stringMatching(/^\/spec(\/0)+$/),
          message:
            'nested more than 32 levels deep; a health model is at most 7 levels deep',
        },
      ],
    });
    const veryDeep = `spec: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`;
    expect(() => parseHealthModel(veryDeep)).not.toThrow();
    expect(parseHealthModel(veryDeep).valid).toBe(false);
  });

  it('refuses .nan and .inf thresholds', () => {
    const text = financeModelText.replace(
      'unhealthy: 5 }',
      'unhealthy: .inf }',
    );
    expect(parseHealthModel(text)).toEqual({
      valid: false,
      errors: [
        {
          path: `${LOG}/thresholds/unhealthy`,
          message: 'must be a number (got Infinity)',
        },
      ],
    });
    const doc = financeDocument();
    doc.spec.components[0].signals[0].thresholds.degraded = NaN;
    expect(validateHealthModel(doc)).toEqual({
      valid: false,
      errors: [
        {
          path: `${LOG}/thresholds/degraded`,
          message: 'must be a number (got NaN)',
        },
      ],
    });
  });

  it('reports every problem at once, sorted by path', () => {
    const errors = errorsAfter(d => {
      d.kind = 'X';
      d.spec.components[1].signals[0].aggregation = 'avg';
      d.spec.components[0].signals[0].thresholds.degraded = 9;
    });
    expect(errors.map(e => e.path)).toEqual([
      '/kind',
      `${LOG}/thresholds/degraded`,
      `${METRIC}/aggregation`,
    ]);
  });

  it('reads JSON as well as YAML (JSON is YAML)', () => {
    expect(parseHealthModel(JSON.stringify(financeDocument())).valid).toBe(
      true,
    );
    expect(parseHealthModel(dump(financeDocument())).valid).toBe(true);
  });
});
