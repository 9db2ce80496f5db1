import { fileName, publicModelError, withoutValues } from './redact';

const SUB = '45d320d6-9d7e-43c0-9d51-7ced0a5451d2';

describe('publicModelError', () => {
  it('keeps pointers and allowed values of a validation error, not the values found', () => {
    const source = 'catalog/health/crm.health.yaml';
    const errors = [
      {
        path: '/spec/components/1/signals/0/aggregation',
        message:
          "must be one of average, minimum, maximum, total, count (got 'avg')",
      },
      {
        path: '/apiVersion',
        message:
          "must be 'dataplatform.contoso.com/health-model/v1' (got 'v2')",
      },
      {
        path: '/spec/rollp',
        message:
          "unknown key; allowed keys are rollup, components (did you mean 'rollup'?)",
      },
      {
        path: '/spec/components/0/signals/0/workspace',
        message:
          'must be the resource id of a Log Analytics workspace (type Microsoft.OperationalInsights/workspaces); got a resource of type Microsoft.Storage/storageAccounts',
      },
      {
        path: '/spec/components/1/id',
        message:
          "duplicate component id 'ledger-secret', already used at /spec/components/0/id; component ids must be unique in the model",
      },
    ];
    const shown = publicModelError(
      {
        message: `dataplatform.contoso.com/health-model: ${source} is not a valid health model: …`,
        errors,
      },
      source,
    );
    expect(shown.errors).toEqual([
      {
        path: errors[0].path,
        message: 'must be one of average, minimum, maximum, total, count',
      },
      {
        path: errors[1].path,
        message: "must be 'dataplatform.contoso.com/health-model/v1'",
      },
      { path: errors[2].path, message: errors[2].message },
      {
        path: errors[3].path,
        message:
          'must be the resource id of a Log Analytics workspace (type Microsoft.OperationalInsights/workspaces)',
      },
      {
        path: errors[4].path,
        message:
          "duplicate component id '…', already used at /spec/components/0/id; component ids must be unique in the model",
      },
    ]);
    expect(shown.message).toBe(
      `dataplatform.contoso.com/health-model: crm.health.yaml is not a valid health model: ${shown.errors
        .map(e => `${e.path}: ${e.message}`)
        .join('; ')}`,
    );
  });

  it('names a file by its name in a read error, whatever path or URL it came by', () => {
    const source =
      'https://git.example.com/contoso/catalog/blob/main/health/crm.health.yaml';
    expect(
      publicModelError(
        {
          message: `dataplatform.contoso.com/health-model: './health/crm.health.yaml' cannot be read from ${source}: NotFoundError: could not read ${source}`,
          errors: [],
        },
        source,
      ).message,
    ).toBe(
      "dataplatform.contoso.com/health-model: 'crm.health.yaml' cannot be read from crm.health.yaml: NotFoundError: could not read crm.health.yaml",
    );
    expect(
      publicModelError(
        {
          message:
            "dataplatform.contoso.com/health-model: 'x.yaml' cannot be read: EACCES: permission denied, open '/srv/portal/catalog/health/x.yaml' in /srv/portal/catalog/",
          errors: [],
        },
        undefined,
      ).message,
    ).toBe(
      "dataplatform.contoso.com/health-model: 'x.yaml' cannot be read: EACCES: permission denied, open 'x.yaml' in catalog/",
    );
  });

  it('drops subscription and resource ids', () => {
    expect(
      withoutValues(
        `must be in subscription ${SUB} like resources/0: one metric signal reads one subscription (got ${SUB})`,
      ),
    ).toBe(
      'must be in subscription … like resources/0: one metric signal reads one subscription',
    );
    expect(
      publicModelError(
        {
          message: `evaluating the model failed: no workspace /subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/log-x`,
          errors: [],
        },
        undefined,
      ).message,
    ).toBe('evaluating the model failed: no workspace …');
  });

  it.each([
    ['catalog/health/x.health.yaml', 'x.health.yaml'],
    ['https://host/a/b/x.yaml?ref=main', 'x.yaml'],
    ['https://host/a/catalog/', 'catalog/'],
    ['/srv/portal/x.yaml', 'x.yaml'],
    ['../../../etc/passwd', 'passwd'],
  ])('names %p as %p', (location, name) => {
    expect(fileName(location)).toBe(name);
  });
});
