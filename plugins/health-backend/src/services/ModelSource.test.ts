import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { UrlReaderService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { NotModifiedError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { parseHealthModel } from '@dataplatform/plugin-health-common';
import {
  FINANCE_MODEL_YAML,
  INVALID_MODEL_YAML,
} from '../__testUtils__/models';
import { ModelSource } from './ModelSource';

jest.mock('@dataplatform/plugin-health-common', () => {
  const actual = jest.requireActual('@dataplatform/plugin-health-common');
  return { ...actual, parseHealthModel: jest.fn(actual.parseHealthModel) };
});

const ANNOTATION = 'dataplatform.contoso.com/health-model';

function domain(
  name: string,
  location: string,
  model?: string,
  owner = 'group:default/finance-domain-owners',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Domain',
    metadata: {
      name,
      namespace: 'default',
      title: `${name[0].toUpperCase()}${name.slice(1)}`,
      annotations: {
        'backstage.io/managed-by-location': location,
        ...(model !== undefined ? { [ANNOTATION]: model } : {}),
      },
    },
    spec: { owner },
  };
}

function product(
  name: string,
  domainRef: string,
  location: string,
  model?: string,
): Entity {
  return {
    apiVersion: 'dataplatform.contoso.com/v1alpha1',
    kind: 'DataProduct',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': location,
        ...(model !== undefined ? { [ANNOTATION]: model } : {}),
      },
    },
    spec: { domain: domainRef, owner: 'finance-domain-owners' },
  };
}

const noUrls: UrlReaderService = {
  readUrl: async url => {
    throw new Error(`no URL reads expected, got ${url}`);
  },
  readTree: async () => {
    throw new Error('no tree reads expected');
  },
  search: async () => {
    throw new Error('no searches expected');
  },
};

function source(entities: Entity[], urlReader: UrlReaderService = noUrls) {
  return new ModelSource({
    catalog: catalogServiceMock({ entities }),
    auth: mockServices.auth(),
    urlReader,
  });
}

describe('ModelSource with file locations', () => {
  let root: string;
  let catalogDir: string;
  let location: string;

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'health-models-'));
    catalogDir = path.join(root, 'catalog');
    await fs.mkdir(path.join(catalogDir, 'health'), { recursive: true });
    await fs.writeFile(
      path.join(catalogDir, 'health', 'finance.health.yaml'),
      FINANCE_MODEL_YAML,
    );
    await fs.writeFile(path.join(root, 'secret.yaml'), FINANCE_MODEL_YAML);
    location = `file:${path.join(catalogDir, 'domains.yaml')}`;
    jest.mocked(parseHealthModel).mockClear();
  });

  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it('reads models relative to the catalog file, with owner, domain and source', async () => {
    const entries = await source([
      domain('finance', location, './health/finance.health.yaml'),
      product(
        'general-ledger',
        'finance',
        location,
        'health/../health/finance.health.yaml',
      ),
      // Not annotated and no annotated product: not listed.
      domain('hr', location),
    ]).load();

    expect(entries.map(e => e.entityRef).sort()).toEqual([
      'dataproduct:default/general-ledger',
      'domain:default/finance',
    ]);
    const finance = entries.find(e => e.entityRef === 'domain:default/finance');
    expect(finance).toMatchObject({
      kind: 'domain',
      title: 'Finance',
      owner: 'group:default/finance-domain-owners',
      source: 'catalog/health/finance.health.yaml',
    });
    expect(finance?.model?.components.map(c => c.id)).toEqual([
      'ingestion',
      'storage',
    ]);
    expect(finance?.modelError).toBeUndefined();
    const ledger = entries.find(e => e.kind === 'dataproduct');
    expect(ledger).toMatchObject({
      domainRef: 'domain:default/finance',
      // A short owner ref gets the entity's namespace and kind group.
      owner: 'group:default/finance-domain-owners',
      title: 'general-ledger',
    });
    expect(ledger?.model).toEqual(finance?.model);
  });

  it('lists a domain without a model of its own when one of its products has one', async () => {
    const entries = await source([
      domain('finance', location),
      product(
        'general-ledger',
        'domain:default/finance',
        location,
        './health/finance.health.yaml',
      ),
    ]).load();
    const finance = entries.find(e => e.entityRef === 'domain:default/finance');
    expect(finance).toEqual({
      entityRef: 'domain:default/finance',
      kind: 'domain',
      title: 'Finance',
      owner: 'group:default/finance-domain-owners',
    });
  });

  it.each([
    [
      '../../etc/passwd',
      "dataplatform.contoso.com/health-model: '../../etc/passwd' resolves outside catalog/, the directory of the entity's catalog file",
    ],
    [
      '../secret.yaml',
      "dataplatform.contoso.com/health-model: '../secret.yaml' resolves outside catalog/, the directory of the entity's catalog file",
    ],
    [
      '/etc/passwd',
      "dataplatform.contoso.com/health-model: '/etc/passwd' is absolute; give a path relative to the entity's catalog file, such as ./health/<entity>.health.yaml",
    ],
    [
      'file:///etc/passwd',
      "dataplatform.contoso.com/health-model: 'file:///etc/passwd' is absolute; give a path relative to the entity's catalog file, such as ./health/<entity>.health.yaml",
    ],
    [
      './health/missing.health.yaml',
      "dataplatform.contoso.com/health-model: './health/missing.health.yaml' cannot be read: catalog/health/missing.health.yaml does not exist",
    ],
  ])(
    'refuses %p as a model error of that entity only',
    async (target, message) => {
      const entries = await source([
        domain('finance', location, './health/finance.health.yaml'),
        domain('sales', location, target, 'group:default/sales-domain-owners'),
      ]).load();
      const sales = entries.find(e => e.entityRef === 'domain:default/sales');
      expect(sales?.modelError).toEqual({ message, errors: [] });
      expect(sales?.model).toBeUndefined();
      const finance = entries.find(
        e => e.entityRef === 'domain:default/finance',
      );
      expect(finance?.model).toBeDefined();
      expect(finance?.modelError).toBeUndefined();
    },
  );

  it('refuses a link that points out of the catalog directory', async () => {
    await fs.symlink(
      path.join(root, 'secret.yaml'),
      path.join(catalogDir, 'health', 'sneaky.health.yaml'),
    );
    // A link to a file inside the directory is fine.
    await fs.symlink(
      path.join(catalogDir, 'health', 'finance.health.yaml'),
      path.join(catalogDir, 'health', 'alias.health.yaml'),
    );
    const entries = await source([
      domain('sales', location, './health/sneaky.health.yaml'),
      domain('finance', location, './health/alias.health.yaml'),
    ]).load();
    expect(
      entries.find(e => e.entityRef === 'domain:default/sales')?.modelError
        ?.message,
    ).toBe(
      "dataplatform.contoso.com/health-model: './health/sneaky.health.yaml' is a link to a file outside catalog/, the directory of the entity's catalog file",
    );
    expect(
      entries.find(e => e.entityRef === 'domain:default/finance')?.model,
    ).toBeDefined();
  });

  it('turns an invalid model into a model error listing each error with its path', async () => {
    await fs.writeFile(
      path.join(catalogDir, 'health', 'sales.health.yaml'),
      INVALID_MODEL_YAML,
    );
    const entries = await source([
      domain('sales', location, './health/sales.health.yaml'),
    ]).load();
    const [sales] = entries;
    expect(sales.source).toBe('catalog/health/sales.health.yaml');
    expect(sales.modelError).toEqual({
      message:
        "dataplatform.contoso.com/health-model: catalog/health/sales.health.yaml is not a valid health model: /spec/colour: unknown key; allowed keys are rollup, components; /spec/components/1/signals/0/aggregation: must be one of average, minimum, maximum, total, count (got 'avg')",
      errors: [
        {
          path: '/spec/colour',
          message: 'unknown key; allowed keys are rollup, components',
        },
        {
          path: '/spec/components/1/signals/0/aggregation',
          message:
            "must be one of average, minimum, maximum, total, count (got 'avg')",
        },
      ],
    });
  });

  it('refuses a model file over 256 KiB without parsing it', async () => {
    await fs.writeFile(
      path.join(catalogDir, 'health', 'huge.health.yaml'),
      `${FINANCE_MODEL_YAML}\n# ${'x'.repeat(256 * 1024)}\n`,
    );
    const [huge] = await source([
      domain('huge', location, './health/huge.health.yaml'),
    ]).load();
    expect(huge.modelError?.message).toMatch(
      /^dataplatform\.contoso\.com\/health-model: '\.\/health\/huge\.health\.yaml' is 2\d{5} bytes; health model files are limited to 262144 bytes \(256 KiB\)$/,
    );
    expect(parseHealthModel).not.toHaveBeenCalled();
  });

  it('names the missing location when an entity has none', async () => {
    const orphan = domain('orphan', location, './health/finance.health.yaml');
    delete orphan.metadata.annotations!['backstage.io/managed-by-location'];
    const [entry] = await source([orphan]).load();
    expect(entry.modelError?.message).toBe(
      "dataplatform.contoso.com/health-model: './health/finance.health.yaml' cannot be resolved: the entity has no backstage.io/managed-by-location to resolve it against",
    );
  });

  it('parses an unchanged file once, and a changed one again', async () => {
    const models = source([
      domain('finance', location, './health/finance.health.yaml'),
      product(
        'general-ledger',
        'finance',
        location,
        './health/finance.health.yaml',
      ),
    ]);
    await models.load();
    await models.load();
    expect(parseHealthModel).toHaveBeenCalledTimes(1);

    await fs.writeFile(
      path.join(catalogDir, 'health', 'finance.health.yaml'),
      FINANCE_MODEL_YAML.replace('unhealthy: 5', 'unhealthy: 7'),
    );
    const entries = await models.load();
    expect(parseHealthModel).toHaveBeenCalledTimes(2);
    const signal = entries[0].model?.components[0].signals[0];
    expect(signal?.thresholds.unhealthy).toBe(7);
  });
});

describe('ModelSource with url locations', () => {
  const base =
    'https://git.example.com/contoso/data-platform-catalog/blob/main/catalog';
  const location = `url:${base}/domains.yaml`;

  function recordingReader(files: Record<string, string>) {
    const reads: Array<{ url: string; etag?: string }> = [];
    const reader: UrlReaderService = {
      ...noUrls,
      readUrl: async (url, options) => {
        reads.push({ url, etag: options?.etag });
        const text = files[url];
        if (text === undefined) throw new Error(`${url} not found`);
        const etag = `etag-${text.length}`;
        if (options?.etag === etag) throw new NotModifiedError();
        return { buffer: async () => Buffer.from(text), etag };
      },
    };
    return { reader, reads };
  }

  it('reads the model next to the location through the URL reader, reusing it by ETag', async () => {
    const { reader, reads } = recordingReader({
      [`${base}/health/finance.health.yaml`]: FINANCE_MODEL_YAML,
    });
    const models = source(
      [domain('finance', location, './health/finance.health.yaml')],
      reader,
    );
    const [first] = await models.load();
    expect(first.source).toBe(`${base}/health/finance.health.yaml`);
    expect(first.model?.components).toHaveLength(2);
    const [second] = await models.load();
    expect(second.model).toEqual(first.model);
    expect(reads).toEqual([
      { url: `${base}/health/finance.health.yaml`, etag: undefined },
      {
        url: `${base}/health/finance.health.yaml`,
        etag: `etag-${FINANCE_MODEL_YAML.length}`,
      },
    ]);
  });

  it.each([
    [
      '../../../other-repo/blob/main/x.yaml',
      `resolves outside https://git.example.com/contoso/data-platform-catalog/blob/main/catalog/, the directory of the entity's catalog file`,
    ],
    [
      'https://evil.example.com/model.yaml',
      "is absolute; give a path relative to the entity's catalog file, such as ./health/<entity>.health.yaml",
    ],
    ['//evil.example.com/model.yaml', 'is absolute; give a path relative'],
    [
      './health/missing.yaml',
      `cannot be read from ${base}/health/missing.yaml: ${base}/health/missing.yaml not found`,
    ],
  ])('refuses %p', async (target, why) => {
    const { reader, reads } = recordingReader({});
    const [entry] = await source(
      [domain('finance', location, target)],
      reader,
    ).load();
    expect(entry.modelError?.message).toContain(
      `dataplatform.contoso.com/health-model: '${target}' ${why}`,
    );
    // Nothing outside the directory is even asked for.
    expect(reads.length).toBe(target.startsWith('./') ? 1 : 0);
  });
});
