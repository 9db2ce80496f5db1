import fs from 'node:fs';
import path from 'node:path';
// The endpoint is the health plugins' stand-in for Azure and does not depend
// on them; this test reads the catalog's models with the same parser the
// health backend uses, resolved from the workspace.
import {
  evaluateModel,
  HealthModel,
  parseHealthModel,
  rollupDomain,
  SignalReading,
} from '@dataplatform/plugin-health-common';
import { loadAll } from 'js-yaml';
import { demoTenantSeed } from './demoTenant';
import { normalizeQuery } from './monitor';
import { Tenant } from './Tenant';

const CATALOG = path.resolve(__dirname, '../../../../catalog');
const MODELS = path.join(CATALOG, 'health');
const ANNOTATION = 'dataplatform.contoso.com/health-model';
const MINUTE = 60_000;
/** The start of an hour: minute 0 of every scenario period (20, 30, 60). */
const T0 = Date.UTC(2026, 4, 1, 12, 0);

interface CatalogEntity {
  kind: string;
  metadata: { name: string; annotations?: Record<string, string> };
  spec: { domain?: string };
}

const entities = ['domains.yaml', 'data-products.yaml'].flatMap(
  file =>
    loadAll(
      fs.readFileSync(path.join(CATALOG, file), 'utf8'),
    ) as CatalogEntity[],
);

/** Broken on purpose, so the demo shows a model error; it has no scripts. */
const DELIBERATELY_INVALID = 'sales-bookings-legacy.health.yaml';

const models = new Map<string, HealthModel>(
  fs
    .readdirSync(MODELS)
    .filter(f => f.endsWith('.health.yaml') && f !== DELIBERATELY_INVALID)
    .map(file => {
      const result = parseHealthModel(
        fs.readFileSync(path.join(MODELS, file), 'utf8'),
      );
      if (!result.valid) {
        throw new Error(
          `${file} is not a valid health model: ${JSON.stringify(
            result.errors,
          )}`,
        );
      }
      return [file.replace(/\.health\.yaml$/, ''), result.model];
    }),
);

/** Domain name of an entity: itself for a Domain, spec.domain for a DataProduct. */
const domainOf = (e: CatalogEntity) =>
  e.kind === 'Domain'
    ? e.metadata.name
    : e.spec.domain!.replace('domain:default/', '');

describe('the demo health models and the demo monitor scenario', () => {
  it('ships exactly one broken model, whose errors name their paths', () => {
    const result = parseHealthModel(
      fs.readFileSync(path.join(MODELS, DELIBERATELY_INVALID), 'utf8'),
    );
    expect(result.valid).toBe(false);
    expect(!result.valid && result.errors.map(e => e.path)).toEqual([
      '/spec/components/0/signals/0/aggregation',
      '/spec/components/0/signals/0/thresholds',
      '/spec/components/0/signals/0/treshold',
    ]);
  });

  let now = T0;
  const tenant = new Tenant(demoTenantSeed(), {
    aliasProvisioningMs: 0,
    now: () => now,
  });
  const scenario = tenant.monitor.list();

  it('has a valid model for every demo domain and at least six data products, each referenced by its entity', () => {
    const annotated = entities.filter(
      e => e.metadata.annotations?.[ANNOTATION],
    );
    expect(
      annotated
        .filter(e => e.kind === 'Domain')
        .map(e => e.metadata.name)
        .sort(),
    ).toEqual([
      'finance',
      'hr',
      'marketing',
      'operations-iot',
      'platform',
      'sales',
    ]);
    expect(
      annotated.filter(e => e.kind === 'DataProduct').length,
    ).toBeGreaterThanOrEqual(6);
    for (const e of annotated) {
      expect(e.metadata.annotations![ANNOTATION]).toBe(
        `./health/${e.metadata.name}.health.yaml`,
      );
    }
    expect(
      [...models.keys(), DELIBERATELY_INVALID.split('.')[0]].sort(),
    ).toEqual(annotated.map(e => e.metadata.name).sort());
    for (const model of models.values()) {
      expect(model.components.length).toBeGreaterThanOrEqual(2);
      expect(model.components.length).toBeLessThanOrEqual(4);
    }
  });

  it('scripts every signal of every model: same workspace and query text, same resource, metric and region', () => {
    const missing: string[] = [];
    for (const [name, model] of models) {
      for (const component of model.components) {
        for (const signal of component.signals) {
          const where = `${name}: ${component.id}/${signal.id}`;
          if (signal.type === 'log') {
            if (
              tenant.monitor.logValue(signal.workspace, signal.query, now) ===
              undefined
            ) {
              missing.push(`${where} (query in ${signal.workspace})`);
            }
            continue;
          }
          for (const resourceId of signal.resources) {
            const scripted = tenant.monitor
              .metricsOf(resourceId)
              .find(
                m => m.metric.toLowerCase() === signal.metric.toLowerCase(),
              );
            if (!scripted || scripted.region !== signal.region) {
              missing.push(
                `${where} (${signal.metric} of ${resourceId} in ${signal.region})`,
              );
            }
          }
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('scripts nothing no model reads', () => {
    const signals = [...models.values()].flatMap(m =>
      m.components.flatMap(c => c.signals),
    );
    const unread = [
      ...scenario.logSignals
        .filter(
          s =>
            !signals.some(
              g =>
                g.type === 'log' &&
                g.workspace.toLowerCase() === s.workspace.toLowerCase() &&
                normalizeQuery(g.query) === normalizeQuery(s.query),
            ),
        )
        .map(s => s.query),
      ...scenario.metrics
        .filter(
          m =>
            !signals.some(
              g =>
                g.type === 'metric' &&
                g.metric === m.metric &&
                g.resources.includes(m.resourceId),
            ),
        )
        .map(m => `${m.metric} of ${m.resourceId}`),
    ];
    expect(unread).toEqual([]);
  });

  it("keeps each model's resources in its domain's subscription and region", () => {
    const seed = demoTenantSeed();
    const problems: string[] = [];
    for (const entity of entities) {
      const model = models.get(entity.metadata.name);
      if (!model) continue;
      const domain = domainOf(entity);
      const subscriptionId = entities.find(
        e => e.kind === 'Domain' && e.metadata.name === domain,
      )!.metadata.annotations![
        'dataplatform.contoso.com/azure-subscription-id'
      ];
      const region = seed.workspaces!.find(
        w => w.name === `log-dp-${domain}`,
      )!.location;
      for (const signal of model.components.flatMap(c => c.signals)) {
        const ids =
          signal.type === 'log' ? [signal.workspace] : signal.resources;
        for (const id of ids) {
          if (!id.startsWith(`/subscriptions/${subscriptionId}/`)) {
            problems.push(`${entity.metadata.name}/${signal.id}: ${id}`);
          }
        }
        if (signal.type === 'metric' && signal.region !== region) {
          problems.push(
            `${entity.metadata.name}/${signal.id}: ${signal.region}`,
          );
        }
      }
    }
    expect(problems).toEqual([]);
  });

  /** Each domain's rolled-up state at the tenant clock, as the health backend would compute it. */
  const domainStates = () => {
    const evaluate = (name: string) => {
      const model = models.get(name)!;
      const readings = new Map<string, SignalReading>();
      for (const component of model.components) {
        for (const signal of component.signals) {
          const value =
            signal.type === 'log'
              ? tenant.monitor.logValue(signal.workspace, signal.query, now)
              : tenant.monitor.metricValue(
                  signal.resources[0],
                  signal.metric,
                  now,
                );
          readings.set(
            `${component.id}/${signal.id}`,
            typeof value === 'number'
              ? { value, observedAt: new Date(now).toISOString() }
              : { reason: 'no data' },
          );
        }
      }
      return evaluateModel(name, model, readings);
    };
    const states: Record<string, string> = {};
    for (const domain of entities.filter(e => e.kind === 'Domain')) {
      const name = domain.metadata.name;
      const own = evaluate(name);
      const products = entities
        .filter(e => e.kind === 'DataProduct' && domainOf(e) === name)
        .filter(e => models.has(e.metadata.name))
        .map(e => evaluate(e.metadata.name));
      states[name] = rollupDomain(
        `domain:default/${name}`,
        own,
        models.get(name)!.rollup,
        products,
      ).state;
    }
    return states;
  };

  it('tells the demo story at every minute of three hours', () => {
    const financeCycle = (m: number) => {
      const inPeriod = m % 20;
      if (inPeriod >= 8 && inPeriod < 13) return 'degraded';
      if (inPeriod >= 13 && inPeriod < 16) return 'unhealthy';
      // The ledger's freshness catches up a little later.
      if (inPeriod >= 16 && inPeriod < 19) return 'degraded';
      return 'healthy';
    };
    const throttled = (m: number) => m % 30 >= 12 && m % 30 < 17;
    const seen = new Set<string>();
    for (let m = 0; m < 180; m++) {
      now = T0 + m * MINUTE + 30_000;
      const states = domainStates();
      expect({ minute: m, ...states }).toEqual({
        minute: m,
        finance: financeCycle(m),
        sales: 'degraded',
        'operations-iot': throttled(m) ? 'degraded' : 'healthy',
        hr: 'healthy',
        marketing: 'unknown',
        platform: 'healthy',
      });
      seen.add(states.finance);
    }
    expect([...seen].sort()).toEqual(['degraded', 'healthy', 'unhealthy']);
  });
});
