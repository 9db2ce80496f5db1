import type {
  ComponentResult,
  HealthComponent,
  HealthModel,
  HealthState,
  ModelResult,
  Rollup,
  SignalReading,
  SignalResult,
} from './types';
import {
  compareStates,
  describeReading,
  gradeSignal,
  scoreOf,
  worstOf,
} from './grading';

/** Model scores at or above this are healthy in `weighted` rollup. */
const HEALTHY_SCORE = 0.9;
/** Model scores at or above this (and below HEALTHY_SCORE) are degraded. */
const DEGRADED_SCORE = 0.5;

interface Weighted {
  state: HealthState;
  score?: number;
  weight: number;
}

/** Weighted mean of the known scores; undefined when none is known. */
function weightedScore(items: Weighted[]): number | undefined {
  let sum = 0;
  let weights = 0;
  for (const item of items) {
    if (item.score === undefined) continue;
    sum += item.score * item.weight;
    weights += item.weight;
  }
  return weights > 0 ? sum / weights : undefined;
}

/** The state of a set of parts under a rollup mode, with their score. */
function combine(
  rollup: Rollup,
  parts: Weighted[],
): { state: HealthState; score?: number } {
  const score = weightedScore(parts);
  const withScore = score === undefined ? {} : { score };
  if (rollup === 'worst-of') {
    return { state: worstOf(parts.map(p => p.state)), ...withScore };
  }
  if (score === undefined) return { state: 'unknown' };
  let state: HealthState = 'unhealthy';
  if (score >= HEALTHY_SCORE) state = 'healthy';
  else if (score >= DEGRADED_SCORE) state = 'degraded';
  // A part nobody can see must not let the whole look healthy.
  if (state === 'healthy' && parts.some(p => p.state === 'unknown')) {
    state = 'unknown';
  }
  return { state, ...withScore };
}

/** Keeps the order of equally bad causes as written. */
function worstFirst<T extends { state: HealthState }>(items: T[]): T[] {
  return items
    .map((item, index) => ({ item, index }))
    .sort(
      (a, b) => compareStates(a.item.state, b.item.state) || a.index - b.index,
    )
    .map(({ item }) => item);
}

function evaluateSignals(
  component: HealthComponent,
  readings: Map<string, SignalReading>,
): SignalResult[] {
  return component.signals.map(signal => {
    const key = `${component.id}/${signal.id}`;
    const reading = readings.get(key) ?? {
      reason: 'not read in this evaluation',
    };
    const state = gradeSignal(reading.value, signal.thresholds);
    const score = scoreOf(state);
    return {
      key,
      componentId: component.id,
      signalId: signal.id,
      title: signal.title ?? signal.id,
      type: signal.type,
      ...(signal.unit !== undefined ? { unit: signal.unit } : {}),
      state,
      ...(score !== undefined ? { score } : {}),
      ...(state !== 'unknown' ? { value: reading.value } : {}),
      ...(reading.observedAt !== undefined
        ? { observedAt: reading.observedAt }
        : {}),
      thresholds: signal.thresholds,
      explanation: describeReading(signal, state, reading),
      ...(state === 'unknown' && reading.detail !== undefined
        ? { detail: reading.detail }
        : {}),
    };
  });
}

/**
 * Evaluates one model from readings keyed `<componentId>/<signalId>`.
 * A component's own state is the worst of its signals; its effective state
 * is also at least as bad as each dependency's, where an unhealthy
 * dependency only degrades it.
 */
export function evaluateModel(
  entityRef: string,
  model: HealthModel,
  readings: Map<string, SignalReading>,
): ModelResult {
  const byId = new Map(model.components.map(c => [c.id, c]));
  const own = new Map<
    string,
    { signals: SignalResult[]; state: HealthState }
  >();
  for (const component of model.components) {
    const signals = evaluateSignals(component, readings);
    own.set(component.id, {
      signals,
      state: worstOf(signals.map(s => s.state)),
    });
  }

  const effective = new Map<string, HealthState>();
  const visiting = new Set<string>();
  // Validated models have no cycles; in an unvalidated one the edge that
  // closes a cycle reads as unknown, which ends the recursion.
  const effectiveState = (id: string): HealthState => {
    const known = effective.get(id);
    if (known) return known;
    const component = byId.get(id);
    if (!component || visiting.has(id)) return 'unknown';
    visiting.add(id);
    const capped = component.dependsOn
      .filter(dep => byId.has(dep))
      .map(dep => {
        const s = effectiveState(dep);
        return s === 'unhealthy' ? 'degraded' : s;
      });
    visiting.delete(id);
    const state = worstOf([own.get(id)!.state, ...capped]);
    effective.set(id, state);
    return state;
  };

  const components: ComponentResult[] = model.components.map(component => {
    const { signals, state: ownState } = own.get(component.id)!;
    const state = effectiveState(component.id);
    const signalCauses = signals
      .filter(s => s.state !== 'healthy')
      .map(s => ({ state: s.state, text: `${s.title}: ${s.explanation}` }));
    const dependencyCauses = component.dependsOn
      .filter(dep => byId.has(dep) && dep !== component.id)
      .map(dep => ({ dep, state: effective.get(dep) ?? effectiveState(dep) }))
      .filter(d => d.state !== 'healthy')
      .map(d => ({ state: d.state, text: `depends on ${d.dep} (${d.state})` }));
    const score = weightedScore(
      signals.map((s, i) => ({
        state: s.state,
        score: s.score,
        weight: component.signals[i].weight ?? 1,
      })),
    );
    return {
      id: component.id,
      title: component.title ?? component.id,
      dependsOn: component.dependsOn,
      ...(component.weight !== undefined ? { weight: component.weight } : {}),
      ownState,
      state,
      ...(score !== undefined ? { score } : {}),
      causes: worstFirst([...signalCauses, ...dependencyCauses]).map(
        c => c.text,
      ),
      signals,
    };
  });

  const { state, score } = combine(
    model.rollup,
    components.map(c => ({
      state: c.state,
      score: c.score,
      weight: c.weight ?? 1,
    })),
  );
  return {
    entityRef,
    state,
    ...(score !== undefined ? { score } : {}),
    components,
  };
}

/** `web-clickstream` of `dataproduct:default/web-clickstream` (or of `dataproduct:web-clickstream`). */
function nameOf(entityRef: string): string {
  const afterNamespace = entityRef.slice(entityRef.lastIndexOf('/') + 1);
  return afterNamespace.slice(afterNamespace.indexOf(':') + 1);
}

/**
 * Combines a domain's own result (optional) with its products' results.
 * Each product counts as one component of weight 1 without dependencies;
 * `rollup` is the domain model's mode (`worst-of` when it has none).
 * Causes come worst first: own components as `<title>: <cause>`, products
 * as `<product title> (<state>)` followed by their first cause; a product
 * without a title goes by its entity name.
 */
export function rollupDomain(
  // The domain's ref is part of the shared signature; the result does not need it.
  _entityRef: string,
  own: ModelResult | undefined,
  rollup: Rollup,
  products: ModelResult[],
): { state: HealthState; score?: number; causes: string[] } {
  const parts: Array<Weighted & { causes: string[] }> = [];
  for (const component of own?.components ?? []) {
    const causes =
      component.causes.length > 0
        ? component.causes.map(c => `${component.title}: ${c}`)
        : [`${component.title}: ${component.state}`];
    parts.push({
      state: component.state,
      score: component.score,
      weight: component.weight ?? 1,
      causes: component.state === 'healthy' ? [] : causes,
    });
  }
  for (const product of products) {
    const firstCause = worstFirst(
      product.components.filter(c => c.causes.length > 0),
    )[0];
    const because = firstCause
      ? `: ${firstCause.title}: ${firstCause.causes[0]}`
      : '';
    parts.push({
      state: product.state,
      score: product.score,
      weight: 1,
      causes:
        product.state === 'healthy'
          ? []
          : [
              `${product.title ?? nameOf(product.entityRef)} (${
                product.state
              })${because}`,
            ],
    });
  }
  const { state, score } = combine(rollup, parts);
  const causes = worstFirst(parts).flatMap(p => p.causes);
  return { state, ...(score !== undefined ? { score } : {}), causes };
}
