/*
 * Catalog processing against PostgreSQL: 5,000 data products with 5,000
 * ODCS contracts, against 10,000 plain Components, each ingested by a fresh
 * catalog (its own database) through an entity provider, timed until every
 * entity is processed and stitched. Same backend features in both runs.
 *
 *   ./portal bench catalog-processing        (starts a throwaway PostgreSQL)
 *
 * Environment: BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (set by
 * ./portal), BENCH_PRODUCTS (default 5000).
 */
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import catalogModuleDataProducts from '@dataplatform/plugin-catalog-backend-module-data-products';
import { dump } from 'js-yaml';
import knexFactory, { type Knex } from 'knex';

const CONNECTION =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
  process.env.BENCH_POSTGRES_CONNECTION_STRING;
const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 5000);
const TARGET_RATIO = 1.3;

const managed = {
  'backstage.io/managed-by-location':
    'url:https://bench.example.com/catalog.yaml',
  'backstage.io/managed-by-origin-location':
    'url:https://bench.example.com/catalog.yaml',
};

/** A contract of realistic size (~5 KB): 12 typed columns, rules, SLA, servers. */
function contractText(i: number): string {
  const columns = [
    ['id', 'string', 'Business key', 'internal'],
    ['customer_id', 'string', 'Customer reference', 'confidential'],
    ['email', 'string', 'Contact e-mail', 'restricted'],
    ['amount', 'number', 'Amount in EUR', 'internal'],
    ['currency', 'string', 'ISO 4217 code', 'public'],
    ['created_at', 'timestamp', 'When the record was created', 'internal'],
    ['updated_at', 'timestamp', 'Last change', 'internal'],
    ['status', 'string', 'Lifecycle status', 'internal'],
    ['region', 'string', 'Azure region of origin', 'public'],
    ['score', 'number', 'Model score between 0 and 1', 'confidential'],
    ['is_flagged', 'boolean', 'Flagged for review', 'internal'],
    ['row_count', 'integer', 'Rows in the source batch', 'internal'],
  ];
  return dump({
    apiVersion: 'v3.1.0',
    kind: 'DataContract',
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    name: `product_${i}`,
    version: '1.2.0',
    status: 'active',
    domain: `domain-${i % 200}`,
    dataProduct: `product-${i}`,
    tenant: 'Contoso',
    description: {
      purpose: `Curated records of product ${i} for analytics and reporting.`,
      usage: 'Join on customer_id; refreshed hourly.',
      limitations: 'No data before 2020.',
    },
    servers: [
      {
        server: 'lake',
        type: 'azure',
        location: `abfss://gold@stbench${
          i % 50
        }.dfs.core.windows.net/product_${i}/`,
        format: 'delta',
      },
      {
        server: 'uc',
        type: 'databricks',
        host: 'adb-1234567890123456.7.azuredatabricks.net',
        catalog: `domain_${i % 200}_gold`,
        schema: `product_${i}`,
      },
    ],
    schema: [
      {
        name: `product_${i}`,
        physicalName: `product_${i}_v1`,
        physicalType: 'table',
        description: 'One row per business event.',
        properties: columns.map(([name, logicalType, description, c], n) => ({
          name,
          logicalType,
          physicalType: logicalType === 'string' ? 'STRING' : 'DOUBLE',
          description,
          classification: c,
          required: n < 3,
          primaryKey: n === 0,
          ...(c === 'restricted'
            ? { tags: ['pii'], criticalDataElement: true }
            : {}),
          ...(n === 0
            ? { quality: [{ metric: 'duplicateValues', mustBe: 0 }] }
            : {}),
        })),
        quality: [
          {
            metric: 'rowCount',
            mustBeGreaterThan: 0,
            dimension: 'completeness',
          },
          {
            type: 'sql',
            query: `SELECT COUNT(*) FROM product_${i} WHERE amount < 0`,
            mustBe: 0,
            dimension: 'accuracy',
          },
        ],
      },
    ],
    slaProperties: [
      { property: 'latency', value: 1, unit: 'h' },
      { property: 'retention', value: 7, unit: 'y' },
      { property: 'availability', value: 99.9, unit: '%' },
    ],
    roles: [
      {
        role: 'reader',
        access: 'read',
        firstLevelApprovers: 'Data product owner',
        secondLevelApprovers: 'Data protection officer',
      },
    ],
    support: [
      { channel: 'teams', url: 'https://teams.microsoft.com/l/channel/bench' },
    ],
  });
}

function dataProductEntities(): Entity[] {
  const entities: Entity[] = [];
  for (let i = 0; i < PRODUCTS; i++) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: { name: `contract-${i}`, annotations: managed },
      spec: {
        type: 'odcs',
        lifecycle: 'production',
        owner: `group:team-${i % 200}`,
        definition: contractText(i),
      },
    });
    entities.push({
      apiVersion: 'dataplatform.contoso.com/v1alpha1',
      kind: 'DataProduct',
      metadata: {
        name: `product-${i}`,
        description: `Curated records of product ${i}.`,
        annotations: managed,
      },
      spec: {
        domain: `domain-${i % 200}`,
        owner: `group:team-${i % 200}`,
        layer: ['bronze', 'silver', 'gold'][i % 3],
        classification: 'internal',
        lifecycle: 'production',
        outputPorts: [{ name: 'table', contract: `contract-${i}` }],
        inputPorts:
          i > 0 ? [{ name: 'upstream', contract: `contract-${i - 1}` }] : [],
        sla: {
          freshness: 'PT1H',
          availability: 99.9,
          rpo: 'PT36H',
          rto: 'PT24H',
        },
        retentionClass: 'regulatory',
        residency: 'eu',
        externalSharing: false,
      },
    });
  }
  return entities;
}

function componentEntities(): Entity[] {
  return Array.from({ length: PRODUCTS * 2 }, (_, i) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: `component-${i}`,
      description: `Service number ${i}.`,
      annotations: managed,
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: `group:team-${i % 200}`,
    },
  }));
}

function providerModule(entities: Entity[]) {
  return createBackendModule({
    pluginId: 'catalog',
    moduleId: 'bench-entities',
    register(env) {
      env.registerInit({
        deps: { catalog: catalogProcessingExtensionPoint },
        async init({ catalog }) {
          catalog.addEntityProvider({
            getProviderName: () => 'bench-entities',
            connect: async connection => {
              await connection.applyMutation({
                type: 'full',
                entities: entities.map(entity => ({
                  entity,
                  locationKey: 'bench',
                })),
              });
            },
          });
        },
      });
    },
  });
}

/** Processing this many entities never takes this long; stop rather than hang. */
const DEADLINE_MS = 30 * 60 * 1000;

async function waitUntilProcessed(db: Knex, expected: number) {
  const deadline = Date.now() + DEADLINE_MS;
  for (;;) {
    if (Date.now() > deadline) {
      throw new Error(
        `the catalog did not finish processing ${expected} entities within ${
          DEADLINE_MS / 60000
        } minutes`,
      );
    }
    const [row] = await db
      .select({
        total: db('refresh_state').count('*'),
        unprocessed: db('refresh_state')
          .whereNull('processed_entity')
          .count('*'),
        stitched: db('final_entities').whereNotNull('final_entity').count('*'),
        queued: db('stitch_queue').count('*'),
      })
      .catch(() => [{ total: 0, unprocessed: 1, stitched: 0, queued: 1 }]);
    const [total, unprocessed, stitched, queued] = [
      row.total,
      row.unprocessed,
      row.stitched,
      row.queued,
    ].map(Number);
    if (
      total === expected &&
      unprocessed === 0 &&
      stitched === expected &&
      queued === 0
    ) {
      return;
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

async function run(label: string, entities: Entity[]) {
  const prefix = `bench_${label}_${Date.now()}_`;
  const started = process.hrtime.bigint();
  const backend = await startTestBackend({
    features: [
      databaseServiceFactory,
      mockServices.rootLogger.factory({ level: 'warn' }),
      mockServices.rootConfig.factory({
        data: {
          backend: {
            database: { client: 'pg', connection: CONNECTION, prefix },
          },
        },
      }),
      catalogPlugin,
      catalogModuleDataProducts,
      providerModule(entities),
    ],
  });
  const db = knexFactory({
    client: 'pg',
    connection: `${CONNECTION}/${prefix}catalog`,
  });
  try {
    await waitUntilProcessed(db, entities.length);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const [{ relations }] = await db('relations').count({ relations: '*' });
    return { seconds, relations: Number(relations) };
  } finally {
    await backend.stop();
    await db.destroy();
    createdDatabases.push(`${prefix}catalog`);
  }
}

const createdDatabases: string[] = [];

/** Drops the runs' databases; the stopped backends' pools may still hold them. */
async function dropDatabases() {
  const admin = knexFactory({ client: 'pg', connection: CONNECTION });
  for (const name of createdDatabases) {
    await admin.raw(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
  await admin.destroy();
}

async function main() {
  if (!CONNECTION) {
    throw new Error(
      'Needs PostgreSQL: run it as ./portal bench catalog-processing, or set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING',
    );
  }
  const products = dataProductEntities();
  const components = componentEntities();
  const bytes = products
    .filter(e => e.kind === 'API')
    .reduce((sum, e) => sum + String(e.spec?.definition).length, 0);
  console.log(
    `Catalog processing on PostgreSQL (${
      process.version
    }): ${PRODUCTS} data products + ${PRODUCTS} contracts (${(
      bytes /
      PRODUCTS /
      1024
    ).toFixed(1)} KiB each) vs ${components.length} Components`,
  );
  // Components first, then data products, then components again: the
  // baseline is the mean of the two, which evens out a warming database.
  const first = await run('components', components);
  console.log(
    `  components (1st):   ${first.seconds.toFixed(1)} s, ${
      first.relations
    } relations`,
  );
  const dp = await run('products', products);
  console.log(
    `  data products:      ${dp.seconds.toFixed(1)} s, ${
      dp.relations
    } relations`,
  );
  const second = await run('components', components);
  console.log(
    `  components (2nd):   ${second.seconds.toFixed(1)} s, ${
      second.relations
    } relations`,
  );
  const baseline = (first.seconds + second.seconds) / 2;
  const ratio = dp.seconds / baseline;
  console.log(
    `  throughput: data products+contracts ${Math.round(
      products.length / dp.seconds,
    )} entities/s, components ${Math.round(
      components.length / baseline,
    )} entities/s`,
  );
  console.log(
    `  ratio data products / components: ${ratio.toFixed(
      2,
    )}× (target ≤ ${TARGET_RATIO}×): ${
      ratio <= TARGET_RATIO ? 'met' : 'NOT met'
    }`,
  );
}

main().then(
  async () => {
    // Pools of stopped backends complain when their database goes away.
    console.error = () => {};
    console.warn = () => {};
    await dropDatabases();
    process.exit(0);
  },
  error => {
    console.error(error);
    process.exit(1);
  },
);
