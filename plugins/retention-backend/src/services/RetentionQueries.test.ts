import { TestDatabases } from '@backstage/backend-test-utils';
import {
  Finding,
  Verdict,
  countVerdicts,
  summarize,
} from '@dataplatform/plugin-retention-common';
import { RetentionQueries } from './RetentionQueries';
import { RetentionStore, StoredEntity } from './RetentionStore';

const AT = '2026-12-01T10:00:00.000Z';

function finding(
  entityRef: string,
  verdict: Verdict,
  resourceName: string,
): Finding {
  return {
    id: `${entityRef}|immutability|audit-containers|${resourceName}`,
    entityRef,
    area: 'retention',
    check: 'immutability',
    category: 'audit-containers',
    categoryTitle: 'Audit containers',
    resourceId: `/subscriptions/s/${resourceName}`,
    resourceName,
    verdict,
    required: 'locked, ≥ 3,650 days (10 years)',
    actual:
      verdict === 'compliant' ? 'locked, 3,650 days' : 'unlocked, 3,650 days',
    reason: 'test',
    source: 'platform policy',
  };
}

function stored(
  entityRef: string,
  kind: 'Domain' | 'DataProduct',
  findings: Finding[],
  domainRef: string,
  evaluatedAt = AT,
): StoredEntity {
  return {
    entityRef,
    kind,
    domainRef,
    evaluatedAt,
    summary: summarize(entityRef, kind, findings, {
      evaluatedAt,
      stale: false,
      title: entityRef.split('/')[1],
    }),
    detail: { findings, timelines: [] },
  };
}

describe('RetentionQueries', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let store: RetentionStore;

  beforeEach(async () => {
    const knex = await databases.init('SQLITE_3');
    store = await RetentionStore.create({
      getClient: async () => knex,
      migrations: { skip: false },
    });
    await store.saveRun(
      [
        stored(
          'domain:default/finance',
          'Domain',
          [
            finding(
              'domain:default/finance',
              'compliant',
              'stfinanceaudit / audit',
            ),
          ],
          'domain:default/finance',
        ),
        stored(
          'domain:default/operations-iot',
          'Domain',
          [
            finding(
              'domain:default/operations-iot',
              'at-risk',
              'stopsiotaudit / audit',
            ),
          ],
          'domain:default/operations-iot',
          // Evaluated three intervals and a second before the clock below.
          '2026-12-01T09:14:59.000Z',
        ),
        stored(
          'dataproduct:default/sensor-telemetry',
          'DataProduct',
          [
            finding(
              'dataproduct:default/sensor-telemetry',
              'violation',
              'stopsiotdata / bronze',
            ),
          ],
          'domain:default/operations-iot',
        ),
        stored(
          'dataproduct:default/iot-kpis',
          'DataProduct',
          [
            finding(
              'dataproduct:default/iot-kpis',
              'compliant',
              'stopsiotdata / gold',
            ),
          ],
          'domain:default/operations-iot',
        ),
      ],
      {
        startedAt: '2026-12-01T09:59:58.000Z',
        finishedAt: AT,
        subscriptions: 2,
        azureCalls: 17,
      },
      { prune: true },
    );
  });

  const queries = (now = '2026-12-01T10:00:00.000Z') =>
    new RetentionQueries({
      store,
      intervalSeconds: 900,
      now: () => new Date(now),
    });

  it('lists worst first, then by title, marking evaluations older than three intervals stale', async () => {
    const { items } = await queries().list();
    expect(items.map(i => [i.entityRef, i.verdict, i.stale])).toEqual([
      ['dataproduct:default/sensor-telemetry', 'violation', false],
      ['domain:default/operations-iot', 'at-risk', true],
      ['domain:default/finance', 'compliant', false],
      ['dataproduct:default/iot-kpis', 'compliant', false],
    ]);
    // Exactly three intervals old is not stale yet.
    const { items: earlier } = await queries('2026-12-01T09:59:59.000Z').list();
    expect(
      earlier.find(i => i.entityRef === 'domain:default/operations-iot')?.stale,
    ).toBe(false);
  });

  it('answers a domain with its own findings and its products worst first', async () => {
    const detail = await queries().detail('Domain:default/Operations-IoT');
    expect(detail.summary).toMatchObject({
      entityRef: 'domain:default/operations-iot',
      stale: true,
    });
    expect(detail.findings.map(f => f.resourceName)).toEqual([
      'stopsiotaudit / audit',
    ]);
    expect(detail.dataProducts?.map(p => p.entityRef)).toEqual([
      'dataproduct:default/sensor-telemetry',
      'dataproduct:default/iot-kpis',
    ]);
    const product = await queries().detail('dataproduct:default/iot-kpis');
    expect(product.dataProducts).toBeUndefined();
    await expect(queries().detail('domain:default/hr')).rejects.toThrow(
      'no retention evaluation for domain:default/hr yet',
    );
  });

  it('answers the estate’s findings with their domain, filtered by verdict and domain', async () => {
    const all = await queries().findings();
    expect(
      all.findings.map(f => [f.entityRef, f.domainRef, f.verdict]),
    ).toEqual([
      [
        'dataproduct:default/sensor-telemetry',
        'domain:default/operations-iot',
        'violation',
      ],
      [
        'domain:default/operations-iot',
        'domain:default/operations-iot',
        'at-risk',
      ],
      ['domain:default/finance', 'domain:default/finance', 'compliant'],
      [
        'dataproduct:default/iot-kpis',
        'domain:default/operations-iot',
        'compliant',
      ],
    ]);
    expect(all.counts).toEqual(countVerdicts(all.findings));
    expect(all.evaluatedAt).toBe(AT);
    expect(all.lastScan).toEqual({
      startedAt: '2026-12-01T09:59:58.000Z',
      finishedAt: AT,
      subscriptions: 2,
      azureCalls: 17,
    });

    const iot = await queries().findings({
      domainRef: 'domain:default/operations-iot',
      verdicts: ['violation', 'compliant'],
    });
    expect(iot.findings.map(f => f.entityRef)).toEqual([
      'dataproduct:default/sensor-telemetry',
      'dataproduct:default/iot-kpis',
    ]);
    expect(iot.counts).toEqual({
      violation: 1,
      'at-risk': 0,
      unknown: 0,
      compliant: 1,
    });
  });
});
